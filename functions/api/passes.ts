/**
 * Pass routes: issue (a returnee only after the observation, a person under observation in the
 * compound only once released), list (masked, searched), revoke,
 * the gate's check of a scanned pass (records nothing), and the compound's pass key with its
 * revocations for checking offline.
 */
import { observationEnds, observationOver, PASS_TOKEN_PREFIX, RETURNEE_OBSERVATION_DAYS } from '#shared/domain/passes.ts';
import { passesRoutes } from '#shared/catalogue/routes/passes.ts';
import { message } from '#shared/messages/message.ts';
import { compoundForCaller, ownExitForCaller } from '../edge/access.ts';
import { httpHandler } from '../edge/http.ts';
import { nowIso } from '../platform/clock.ts';
import { ValidationError, fieldError, type FieldError } from '../platform/errors.ts';
import { hashIdNumber } from '../platform/id-hash.ts';
import { cursorOf, pageOf, readSources } from '../platform/list-sources.ts';
import { compoundPassKey } from '../platform/pass-signing.ts';
import { getBuilding } from '../stores/compound-store.ts';
import { observedInCompound } from '../stores/people-store.ts';
import {
  judgeScannedPass, passesOfCompoundSource, passView, revokedPasses, revokePass, savePass, storedPassFromItem, type StoredPass,
} from '../stores/pass-store.ts';

/** Whether a pass matches a search: part of its id, its holder's name or its plate (spaces and case aside). */
const matches = (pass: StoredPass, q: string) => {
  const plain = (text: string) => text.replace(/\s/g, '').toUpperCase();
  return [pass.passId, pass.name, pass.plate ?? ''].some((field) => plain(field).includes(plain(q)));
};

/** The compound's building `buildingId`, or undefined with a field error naming `field` when the compound has no such building. */
async function buildingOf(compoundId: string, buildingId: string, field: string, errors: FieldError[]) {
  const building = await getBuilding(compoundId, buildingId);
  if (!building) errors.push(fieldError(field, message('access.no-building', { building: buildingId, compound: compoundId })));
  return building;
}

export const handler = httpHandler(passesRoutes, {
  createPass: async ({ params, body, caller }) => {
    await compoundForCaller(params.id, caller);
    const at = nowIso();
    const errors: FieldError[] = [];
    if (!observationOver(body.returnedAt, at)) {
      errors.push(fieldError('body.returnedAt', message('pass.observation', { days: RETURNEE_OBSERVATION_DAYS, from: observationEnds(body.returnedAt!) })));
    }
    const building = body.buildingId === undefined ? undefined : await buildingOf(params.id, body.buildingId, 'body.buildingId', errors);
    // Timestamps come in UTC (Timestamp), so the gate's check compares instants, not offsets.
    const { idNumber, validFrom, ...rest } = body;
    const hashed = hashIdNumber(idNumber);
    // A person under observation in this compound (people under care) gets a pass only once released.
    if (await observedInCompound(params.id, hashed.idHash)) errors.push(fieldError('body.idNumber', message('pass.under-observation')));
    if (errors.length > 0) throw new ValidationError(errors);
    const pass: StoredPass = {
      ...rest, ...(building ? { buildingName: building.name } : {}), validFrom: validFrom ?? at, ...hashed,
      compoundId: params.id, createdAt: at, createdBy: caller.username,
    };
    return passView(await savePass(pass, caller, at), at);
  },

  listPasses: async ({ params, query, caller }) => {
    await compoundForCaller(params.id, caller);
    if (query.buildingId !== undefined) {
      const errors: FieldError[] = [];
      await buildingOf(params.id, query.buildingId, 'query.buildingId', errors);
      if (errors.length > 0) throw new ValidationError(errors);
    }
    const at = nowIso();
    const page = await readSources(
      [passesOfCompoundSource(params.id)],
      (item) => {
        const pass = storedPassFromItem(item);
        const wanted = (query.q === undefined || matches(pass, query.q)) && (query.buildingId === undefined || pass.buildingId === query.buildingId);
        return wanted ? passView(pass, at) : undefined;
      },
      query.limit ?? 100,
      cursorOf(query.nextToken),
    );
    return pageOf(page.items, page.next);
  },

  revokePass: async ({ params, caller }) => {
    await compoundForCaller(params.id, caller);
    const at = nowIso();
    return passView(await revokePass(params.id, params.passId, caller, at), at);
  },

  checkPass: async ({ params, body, caller }) => {
    const scope = await ownExitForCaller(params.id, caller);
    const at = nowIso();
    const { judgement, stored } = await judgeScannedPass(body.qr, scope.compound.id, at);
    return { ...judgement, ...(stored ? { pass: passView(stored, at) } : {}) };
  },

  getPassKey: async ({ params, caller }) => {
    const scope = await ownExitForCaller(params.id, caller);
    const at = nowIso();
    return {
      compoundId: scope.compound.id, algorithm: 'HMAC-SHA256-128' as const, key: compoundPassKey(scope.compound.id).toString('base64url'),
      tokenPrefix: PASS_TOKEN_PREFIX, revoked: await revokedPasses(scope.compound.id, at), at,
    };
  },
});
