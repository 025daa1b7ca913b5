/**
 * Exit routes: the unresolved list, one exit with its standing, and changes to an exit (open,
 * seal, confirm the sealing, main checkpoint, restricted in lockdown) — each audited and followed
 * at once by a new judgement of the compound's exits.
 */
import { diff } from '#shared/domain/audit.ts';
import { keptSealing } from '#shared/domain/exits.ts';
import type { Caller } from '#shared/roles.ts';
import type { Exit, ExitPatch, Sealing } from '#shared/schemas/exit.ts';
import { keys } from '#shared/table.ts';
import { communityForCaller } from '../edge/access.ts';
import { auditItem } from '../stores/audit-store.ts';
import { nowIso } from '../platform/clock.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../platform/errors.ts';
import { groupOfCompound, reevaluateAfterWrite, touchGroup, type StoredExit } from '../stores/exit-rules-store.ts';
import { exitDetail, exitForCaller, languageOf, listUnresolved } from '../stores/exit-store.ts';
import { httpHandler } from '../edge/http.ts';
import { loadPlaces } from '../stores/places-store.ts';
import { transactWrite } from '../platform/table.ts';

const AUDITED_EXIT_FIELDS = ['status', 'sealing', 'main', 'restricted'] as const satisfies readonly (keyof Exit)[];
/** A confirmation may be entered a little after the fact, never ahead of it. */
const CLOCK_SKEW_MS = 5 * 60_000;

export const handler = httpHandler('exits', {
  listExits: async ({ query, caller, event }) => {
    const places = await loadPlaces();
    if (query.communityId) communityForCaller(places, query.communityId, caller, 'query.communityId');
    const { read: _read, ...page } = await listUnresolved(query, caller, places, languageOf(event.headers['accept-language']));
    return page;
  },

  getExit: async ({ params, caller, event }) =>
    exitDetail(await exitForCaller(params.id, caller), caller, languageOf(event.headers['accept-language'])),

  patchExit: async ({ params, body, caller, event }) => {
    const language = languageOf(event.headers['accept-language']);
    const scope = await exitForCaller(params.id, caller, { consistent: true });
    const at = nowIso();
    const next = patchedExit(scope.exit, body, caller, at);
    const changes = diff(scope.exit, next, AUDITED_EXIT_FIELDS);
    // Nothing changes: the exit just read (consistently) is the answer.
    if (Object.keys(changes).length === 0) return exitDetail(scope, caller, language);
    const group = await groupOfCompound(scope.compound.id);
    const set = ['#status = :status', 'updatedAt = :at', 'updatedBy = :by'];
    const remove: string[] = [];
    const values: Record<string, unknown> = { ':status': next.status, ':at': at, ':by': caller.username, ':read': scope.exit.updatedAt };
    for (const field of ['sealing', 'main', 'restricted'] as const) {
      if (next[field] === undefined) remove.push(`#${field}`);
      else {
        set.push(`#${field} = :${field}`);
        values[`:${field}`] = next[field];
      }
    }
    await transactWrite(
      [
        {
          update: {
            Key: keys.exit(scope.exit.compoundId, scope.exit.id),
            UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
            ConditionExpression: 'updatedAt = :read',
            ExpressionAttributeNames: { '#status': 'status', '#sealing': 'sealing', '#main': 'main', '#restricted': 'restricted' },
            ExpressionAttributeValues: values,
          },
        },
        { put: auditItem({ entity: 'EXIT', entityId: scope.exit.id, action: 'update', caller, at, changes }) },
        touchGroup(group, at),
      ],
      `exit ${params.id} was changed by someone else meanwhile; read it again and retry`,
    );
    await reevaluateAfterWrite(group, at);
    return exitDetail(await exitForCaller(params.id, caller, { consistent: true }), caller, language);
  },
});

/**
 * The exit after a patch. Sealing an exit drops any old confirmation (a new order needs a new
 * check); opening it drops the confirmation too. Officials inspect: they may confirm a sealing
 * and nothing else.
 */
function patchedExit(current: StoredExit, patch: ExitPatch, caller: Caller, at: string): StoredExit {
  if (caller.role === 'official' && Object.keys(patch).some((k) => k !== 'sealing')) {
    throw new ForbiddenError('officials may confirm a sealing, not open, seal or designate exits');
  }
  const status = patch.status ?? current.status;
  if (patch.sealing && status !== 'sealed') throw new ConflictError(`exit ${current.id} is open: seal it before confirming its sealing`);
  if (patch.sealing && Date.parse(patch.sealing.confirmedAt) > Date.parse(at) + CLOCK_SKEW_MS) {
    throw new ValidationError([{ field: 'body.sealing.confirmedAt', message: 'lies in the future' }]);
  }
  const sealing: Sealing | undefined = patch.sealing
    ? { ...patch.sealing, confirmedBy: caller.username }
    : keptSealing(current.status, status, current.sealing);
  const { sealing: _old, main: _main, restricted: _restricted, ...rest } = current;
  const main = patch.main ?? current.main;
  const restricted = patch.restricted ?? current.restricted;
  return {
    ...rest,
    status,
    ...(sealing ? { sealing } : {}),
    ...(main !== undefined ? { main } : {}),
    ...(restricted !== undefined ? { restricted } : {}),
  };
}
