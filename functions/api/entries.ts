/**
 * Entry routes: registration by the duty staff at their own exit (idempotent by the client's
 * entry id; a fever raises the community's alert in the same transaction), the day's entries
 * masked, and hourly counts. An entry may name a pre-registered pass (passId) or a scanned one (passQr).
 */
import { newAlert } from '#shared/domain/alerts.ts';
import { chinaDay } from '#shared/domain/china-time.ts';
import { entryWarnings, isFever } from '#shared/domain/entries.ts';
import type { Caller } from '#shared/roles.ts';
import { stableHash } from '#shared/domain/ids.ts';
import type { Entry, EntryCreate } from '#shared/schemas/entry.ts';
import { exitForReader, ownExitForCaller } from '../edge/access.ts';
import { nowIso } from '../platform/clock.ts';
import { config } from '../platform/config.ts';
import {
  entriesOfDaySource, entryView, hourlyCounts, registerEntry, storedEntryFromItem, type StoredEntry,
} from '../stores/entry-store.ts';
import { getPass, judgeScannedPass, passStatus, type StoredPass } from '../stores/pass-store.ts';
import { ConflictError, ValidationError, fieldError } from '../platform/errors.ts';
import { getBuilding } from '../stores/compound-store.ts';
import { enrol, personIdOfEntry } from '../flows/enrol-person.ts';
import type { ExitInScope } from '../stores/exit-store.ts';
import { hashIdNumber } from '../platform/id-hash.ts';
import { httpHandler } from '../edge/http.ts';
import { entriesRoutes } from '#shared/catalogue/routes/entries.ts';
import { cursorOf, pageOf, readSources } from '../platform/list-sources.ts';
import { message, type MessageKey } from '#shared/messages/message.ts';
import type { PassCheckReason, PassJudgement } from '#shared/domain/passes.ts';

/** Plates as written at the gate: 鄂h 12345 is 鄂H12345. */
const plateOf = (plate: string) => plate.replace(/\s/g, '').toUpperCase();

export const handler = httpHandler(entriesRoutes, {
  createEntry: async ({ params, body, caller }) => {
    const scope = await ownExitForCaller(params.id, caller);
    const at = nowIso();
    // Checked before the entry is stored, so a wrong building refuses the whole registration.
    if (body.returnee && !(await getBuilding(scope.compound.id, body.returnee.buildingId))) {
      throw new ValidationError([fieldError('body.returnee.buildingId', message('access.no-building', { building: body.returnee.buildingId, compound: scope.compound.id }))]);
    }
    const fever = isFever(body.temperatureC, config().exits.feverThresholdC);
    if (fever && !body.escort) {
      throw new ValidationError([fieldError('body.escort', message('entry.fever-escort'))]);
    }
    const entry = await storedEntry(scope, body, caller.username, at, fever);
    const alert = fever
      ? newAlert({
          kind: 'fever',
          source: { type: 'entry', id: `x_${stableHash(`${scope.exit.id}/${body.entryId}`)}` },
          compoundId: scope.compound.id, communityId: scope.compound.communityId, streetId: scope.compound.streetId,
          exitId: scope.exit.id, raisedAt: at, raisedBy: caller.username,
          details: { temperatureC: body.temperatureC, direction: body.direction, category: body.category, escort: body.escort },
        })
      : undefined;
    const stored = alert ? { ...entry, alertId: alert.id } : entry;
    const landed = await registerEntry(stored, alert ? { alert, by: caller } : undefined);
    const enrolled = await enrolReturnee(scope, body, landed, caller, at);
    return { ...entryView(landed, caller), ...(enrolled ? { enrolled } : {}) };
  },

  listEntries: async ({ params, query, caller }) => {
    const scope = await exitForReader(params.id, caller);
    // readSources answers a cursor of another exit's or day's list with 400.
    const page = await readSources(
      [entriesOfDaySource(scope.exit.id, query.date ?? chinaDay(nowIso()))],
      (item) => entryView(storedEntryFromItem(item), caller),
      query.limit ?? 100,
      cursorOf(query.nextToken),
    );
    return pageOf(page.items, page.next);
  },

  getExitCounts: async ({ params, query, caller }) => {
    const scope = await exitForReader(params.id, caller);
    const date = query.date ?? chinaDay(nowIso());
    return { exitId: scope.exit.id, date, hours: await hourlyCounts(scope.exit.id, date) };
  },
});

/**
 * A returnee admitted inward is enrolled under observation once the entry is stored (source
 * gate, linked by the entry id, whose person id comes from it): a resent registration finds the
 * person enrolled already and answers their id without a new link.
 */
async function enrolReturnee(scope: ExitInScope, body: EntryCreate, landed: StoredEntry, caller: Caller, at: string): Promise<Entry['enrolled']> {
  const returnee = landed.returnee;
  const name = body.person?.name;
  if (!returnee || name === undefined || landed.direction !== 'in' || landed.outcome !== 'admitted') return undefined;
  const { phone, idNumber } = body.person ?? {};
  try {
    const { person, reportToken } = await enrol(
      {
        name, ...(phone ? { phone } : {}), ...(idNumber ? { idNumber } : {}),
        compoundId: scope.compound.id, buildingId: returnee.buildingId,
        ...(returnee.room ? { room: returnee.room } : {}), ...(returnee.householdId ? { householdId: returnee.householdId } : {}),
        category: 'returnee', reason: returnee.from ? `返乡人员（来自${returnee.from}），卡口登记` : '返乡人员，卡口登记',
        source: 'gate', entryId: landed.id, startDate: chinaDay(landed.at),
      },
      scope.compound, caller, at, 'body.returnee.',
    );
    return { personId: person.id, ...(reportToken ? { reportToken } : {}) };
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return { personId: personIdOfEntry(landed.id) };
  }
}

/**
 * The pass an entry names: by its QR text (judged as at pass-checks, and refused when it cannot be
 * linked, or when a person is admitted on a pass that does not admit), or by its id.
 */
async function namedPass(scope: ExitInScope, body: EntryCreate, at: string): Promise<{ passId?: string; pass?: StoredPass; judged?: PassJudgement }> {
  if (body.passQr === undefined) return body.passId ? { passId: body.passId, pass: await getPass(scope.compound.id, body.passId) } : {};
  const { judgement, claims, stored } = await judgeScannedPass(body.passQr, scope.compound.id, at);
  if (!judgement.valid && (judgement.reason === 'bad_signature' || judgement.reason === 'other_compound' || body.outcome === 'admitted')) {
    throw new ValidationError([fieldError('body.passQr', message(REFUSED[judgement.reason]))]);
  }
  if (body.passId !== undefined && body.passId !== claims?.passId) {
    throw new ValidationError([fieldError('body.passQr', message('pass.qr-other-pass', { qrPass: claims?.passId ?? '', passId: body.passId }))]);
  }
  return { passId: claims?.passId, pass: stored, judged: judgement };
}

/** Why a scanned pass cannot stand behind the entry, as the field's message. */
const REFUSED = {
  bad_signature: 'pass.refused.bad_signature', other_compound: 'pass.refused.other_compound', revoked: 'pass.refused.revoked',
  expired: 'pass.refused.expired', not_yet_valid: 'pass.refused.not_yet_valid',
} as const satisfies Record<PassCheckReason, MessageKey>;

/**
 * The entry as stored. A pre-registered pass turns the check into a comparison: the holder's
 * hashed ID number and plate against what is shown now (seed 003: 比对身份、比对信息).
 */
async function storedEntry(scope: ExitInScope, body: EntryCreate, by: string, at: string, fever: boolean): Promise<StoredEntry> {
  const hashed = body.person?.idNumber ? hashIdNumber(body.person.idNumber) : undefined;
  const { passId, pass, judged } = await namedPass(scope, body, at);
  let preRegistered: StoredEntry['preRegistered'];
  if (passId) {
    preRegistered = pass
      ? {
          passFound: true,
          // Named by id (no QR to judge): the pass as a gate would judge it now, its start included.
          valid: judged ? judged.valid : passStatus(pass, at) === 'active',
          ...(judged && !judged.valid ? { reason: judged.reason } : {}),
          ...(hashed ? { idMatches: hashed.idHash === pass.idHash } : {}),
          ...(body.vehicle && pass.plate ? { plateMatches: plateOf(body.vehicle.plate) === plateOf(pass.plate) } : {}),
        }
      : { passFound: false, valid: false, ...(judged && !judged.valid ? { reason: judged.reason } : {}) };
  }
  const { name, phone } = body.person ?? {};
  const person = body.person ? { ...(name ? { name } : {}), ...(phone ? { phone } : {}), ...(hashed ?? {}) } : undefined;
  return {
    id: body.entryId, exitId: scope.exit.id, compoundId: scope.compound.id, at, by,
    direction: body.direction, category: body.category, checks: body.checks,
    ...(body.temperatureC !== undefined ? { temperatureC: body.temperatureC } : {}),
    fever,
    ...(person ? { person } : {}),
    ...(passId ? { passId } : {}),
    ...(preRegistered ? { preRegistered } : {}),
    ...(body.vehicle ? { vehicle: body.vehicle } : {}),
    outcome: body.outcome,
    ...(body.refusalReason ? { refusalReason: body.refusalReason } : {}),
    ...(body.escort ? { escort: body.escort } : {}),
    ...(body.note ? { note: body.note } : {}),
    ...(body.returnee ? { returnee: body.returnee } : {}),
    warnings: entryWarnings(body, scope.compound.status),
  };
}
