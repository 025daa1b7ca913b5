/**
 * Sealing routes: seal and lift a compound (each change with reason, actor and time in the
 * compound's history, its exits judged again at once), the responsibility list, enclosures.
 */
import { diff } from '#shared/domain/audit.ts';
import { stableHash } from '#shared/domain/ids.ts';
import { liftTransition, sealTransition, type Transition } from '#shared/domain/sealing.ts';
import { canSeeCompound, type Caller } from '#shared/roles.ts';
import type { CompoundStatus } from '#shared/schemas/compound.ts';
import type { Enclosure } from '#shared/schemas/enclosure.ts';
import { compoundForCaller } from '../edge/access.ts';
import { nowIso } from '../platform/clock.ts';
import { getCompounds } from '../stores/compound-store.ts';
import { createEnclosure, getEnclosure } from '../stores/enclosure-store.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, fieldError } from '../platform/errors.ts';
import { reevaluateAfterWrite, saveJudgedCompound, touchGroup, type GroupRef } from '../stores/exit-rules-store.ts';
import { httpHandler } from '../edge/http.ts';
import { sealingRoutes } from '#shared/catalogue/routes/sealing.ts';
import { getResponsibility, saveResponsibility } from '../stores/responsibility-store.ts';
import { message } from '#shared/messages/message.ts';

export const handler = httpHandler(sealingRoutes, {
  sealCompound: ({ params, body, caller }) =>
    changeStatus(params.id, caller, body.reason, (from) => sealTransition(from, body.level), 'seal'),

  liftCompound: ({ params, body, caller }) =>
    changeStatus(params.id, caller, body.reason, liftTransition, 'lift'),

  getResponsibility: async ({ params, caller }) => {
    await compoundForCaller(params.id, caller);
    const shown = await getResponsibility(params.id, caller);
    if (!shown) throw new NotFoundError(message('sealing.no-responsibility-list', { id: params.id }));
    return shown;
  },

  putResponsibility: async ({ params, body, caller }) => {
    await compoundForCaller(params.id, caller);
    return saveResponsibility(params.id, body, caller, nowIso());
  },

  createEnclosure: async ({ body, caller }) => {
    const compounds = await getCompounds(body.compoundIds);
    const missing = body.compoundIds.filter((id) => !compounds.some((c) => c.id === id));
    if (missing.length > 0) throw new ValidationError([fieldError('body.compoundIds', message('sealing.no-compounds', { ids: missing.join(', ') }))]);
    const outside = compounds.filter((c) => !canSeeCompound(caller, c));
    if (outside.length > 0) throw new ForbiddenError(message('sealing.compounds-outside', { ids: outside.map((c) => c.id).join(', ') }));
    const communities = new Set(compounds.map((c) => c.communityId));
    if (communities.size > 1) throw new ValidationError([fieldError('body.compoundIds', message('sealing.one-community'))]);
    const at = nowIso();
    const ids = [...body.compoundIds].sort();
    const first = compounds[0];
    const enclosure: Enclosure = {
      id: `en_${stableHash(ids.join(','))}`,
      name: body.name,
      compoundIds: ids,
      areaM2: body.areaM2 ?? compounds.reduce((sum, c) => sum + c.areaM2, 0),
      areaSource: body.areaM2 !== undefined ? 'declared' : 'members',
      communityId: first?.communityId ?? null,
      streetId: first?.streetId ?? null,
      createdAt: at,
      createdBy: caller.username,
    };
    const group: GroupRef = { kind: 'enclosure', id: enclosure.id };
    await createEnclosure(enclosure, caller, at, { with: [touchGroup(group, at)] });
    await reevaluateAfterWrite(group, at);
    return enclosure;
  },

  getEnclosure: async ({ params, caller }) => {
    const enclosure = await getEnclosure(params.id);
    if (!enclosure) throw new NotFoundError(message('access.no-enclosure', { id: params.id }));
    const compounds = await getCompounds(enclosure.compoundIds);
    if (!compounds.some((c) => canSeeCompound(caller, c))) throw new ForbiddenError(message('access.enclosure-outside', { id: params.id }));
    return enclosure;
  },
});

async function changeStatus(
  id: string,
  caller: Caller,
  reason: string,
  transition: (from: CompoundStatus) => Transition,
  action: 'seal' | 'lift',
) {
  const current = await compoundForCaller(id, caller, { consistent: true });
  const result = transition(current.status);
  if (!result.ok) throw new ConflictError(result.refusal.said, { cause: result.refusal });
  const at = nowIso();
  const next = { ...current, status: result.to, updatedAt: at, updatedBy: caller.username, version: current.version + 1 };
  // A transition always changes the status, so the compound's exits are always judged again.
  const judged = await saveJudgedCompound(
    current,
    next,
    { action, caller, at, changes: { ...diff(current, next, ['status']), reason: { from: null, to: reason } } },
    { conflict: message('change.meanwhile', { what: message('thing.compound', { id }) }) },
  );
  const unresolved = [...(judged?.standings.entries() ?? [])].filter(([, s]) => s.unresolved).length;
  return { id, status: result.to, from: current.status, reason, at, by: caller.username, unresolvedExits: unresolved };
}
