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
import { keys } from '#shared/table.ts';
import { compoundForCaller } from '../edge/access.ts';
import { auditItem } from '../stores/audit-store.ts';
import { nowIso } from '../platform/clock.ts';
import { getCompounds } from '../stores/compound-store.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { reevaluateAfterWrite, saveJudgedCompound, touchGroup, type GroupRef } from '../stores/exit-rules-store.ts';
import { responsibilityFor } from '../stores/exit-store.ts';
import { httpHandler } from '../edge/http.ts';
import { withoutKeys } from '../platform/list-sources.ts';
import { getItem, transactWrite, type Item, type TransactOp } from '../platform/table.ts';

export const handler = httpHandler('sealing', {
  sealCompound: ({ params, body, caller }) =>
    changeStatus(params.id, caller, body.reason, (from) => sealTransition(from, body.level), 'seal'),

  liftCompound: ({ params, body, caller }) =>
    changeStatus(params.id, caller, body.reason, liftTransition, 'lift'),

  getResponsibility: async ({ params, caller }) => {
    await compoundForCaller(params.id, caller);
    const shown = responsibilityFor(await getItem<Item>(keys.responsibility(params.id)), caller);
    if (!shown) throw new NotFoundError(`compound ${params.id} has no responsibility list yet`);
    return shown;
  },

  putResponsibility: async ({ params, body, caller }) => {
    await compoundForCaller(params.id, caller);
    const at = nowIso();
    const current = await getItem<Item>(keys.responsibility(params.id), { consistent: true });
    const next = { compoundId: params.id, ...body, updatedAt: at, updatedBy: caller.username };
    const fields = ['streetLeader', 'communityLeader', 'responsiblePerson'] as const;
    await transactWrite([
      { put: { ...keys.responsibility(params.id), type: 'responsibility', ...next } },
      // Names only in the audit: the phones are the staff's own and the current list holds them.
      {
        put: auditItem({
          entity: 'COMPOUND', entityId: params.id, action: 'responsibility', caller, at,
          changes: Object.fromEntries(fields.map((f) => [f, { from: (current?.[f] as { name?: string } | undefined)?.name ?? null, to: body[f].name }])),
        }),
      },
    ]);
    return responsibilityFor({ ...next }, caller) as NonNullable<ReturnType<typeof responsibilityFor>>;
  },

  createEnclosure: async ({ body, caller }) => {
    const compounds = await getCompounds(body.compoundIds);
    const missing = body.compoundIds.filter((id) => !compounds.some((c) => c.id === id));
    if (missing.length > 0) throw new ValidationError([{ field: 'body.compoundIds', message: `no compound ${missing.join(', ')}` }]);
    const outside = compounds.filter((c) => !canSeeCompound(caller, c));
    if (outside.length > 0) throw new ForbiddenError(`compound ${outside.map((c) => c.id).join(', ')} is outside your jurisdiction`);
    const communities = new Set(compounds.map((c) => c.communityId));
    if (communities.size > 1) throw new ValidationError([{ field: 'body.compoundIds', message: 'an enclosure lies within one community' }]);
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
    await transactWrite(
      [
        { put: { ...keys.enclosure(enclosure.id), type: 'enclosure', ...enclosure }, condition: 'attribute_not_exists(pk)' },
        ...ids.flatMap((id): TransactOp[] => [
          // A compound belongs to one enclosure at most: the pointer's condition says so.
          { put: { ...keys.enclosureOf(id), type: 'enclosure-member', enclosureId: enclosure.id }, condition: 'attribute_not_exists(pk)' },
          { put: auditItem({ entity: 'COMPOUND', entityId: id, action: 'enclose', caller, at, changes: { enclosureId: { from: null, to: enclosure.id } } }) },
        ]),
        touchGroup(group, at),
      ],
      'one of the compounds already belongs to an enclosure',
    );
    await reevaluateAfterWrite(group, at);
    return enclosure;
  },

  getEnclosure: async ({ params, caller }) => {
    const item = await getItem<Item>(keys.enclosure(params.id));
    if (!item) throw new NotFoundError(`no enclosure ${params.id}`);
    const enclosure = withoutKeys<Enclosure>(item);
    const compounds = await getCompounds(enclosure.compoundIds);
    if (!compounds.some((c) => canSeeCompound(caller, c))) throw new ForbiddenError(`enclosure ${params.id} is outside your jurisdiction`);
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
  if (!result.ok) throw new ConflictError(result.reason);
  const at = nowIso();
  const next = { ...current, status: result.to, updatedAt: at, updatedBy: caller.username, version: current.version + 1 };
  // A transition always changes the status, so the compound's exits are always judged again.
  const judged = await saveJudgedCompound(
    current,
    next,
    { action, caller, at, changes: { ...diff(current, next, ['status']), reason: { from: null, to: reason } } },
    { conflict: `compound ${id} was changed by someone else meanwhile; read it again and retry` },
  );
  const unresolved = [...(judged?.standings.entries() ?? [])].filter(([, s]) => s.unresolved).length;
  return { id, status: result.to, from: current.status, reason, at, by: caller.username, unresolvedExits: unresolved };
}
