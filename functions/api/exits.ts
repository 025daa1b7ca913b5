/**
 * Exit routes: the unresolved list, one exit with its standing, and changes to an exit (open,
 * seal, confirm the sealing, main checkpoint, restricted in lockdown) — each audited and followed
 * at once by a new judgement of the compound's exits.
 */
import { diff } from '#shared/domain/audit.ts';
import { keptSealing } from '#shared/domain/exits.ts';
import type { Caller } from '#shared/roles.ts';
import type { Exit, ExitPatch, Sealing } from '#shared/schemas/exit.ts';
import { exitEtag } from '#shared/schemas/preconditions.ts';
import { communityForCaller, exitForCaller } from '../edge/access.ts';
import { nowIso } from '../platform/clock.ts';
import { ConflictError, ForbiddenError, ValidationError, fieldError } from '../platform/errors.ts';
import type { StoredExit } from '../stores/exit-rules-store.ts';
import { exitDetail, listUnresolved, saveJudgedExit } from '../stores/exit-store.ts';
import { httpHandler, versioned } from '../edge/http.ts';
import { matchedWrite, requireMatch } from '../edge/preconditions.ts';
import { exitsRoutes } from '#shared/catalogue/routes/exits.ts';
import { loadPlaces } from '../stores/places-store.ts';
import { message } from '#shared/messages/message.ts';

const AUDITED_EXIT_FIELDS = ['status', 'sealing', 'main', 'restricted'] as const satisfies readonly (keyof Exit)[];
/** A confirmation may be entered a little after the fact, never ahead of it. */
const CLOCK_SKEW_MS = 5 * 60_000;

export const handler = httpHandler(exitsRoutes, {
  listExits: async ({ query, caller, language }) => {
    const places = await loadPlaces();
    if (query.communityId) communityForCaller(places, query.communityId, caller, 'query.communityId');
    const { read: _read, ...page } = await listUnresolved(query, caller, places, language);
    return page;
  },

  getExit: async ({ params, caller, language }) => {
    const scope = await exitForCaller(params.id, caller);
    return versioned(await exitDetail(scope, caller, language), exitEtag(scope.exit));
  },

  patchExit: async ({ params, body, headers, caller, language }) => {
    const scope = await exitForCaller(params.id, caller, { consistent: true });
    const what = message('thing.exit', { id: params.id });
    // Checked before the change is worked out: a client that saw another version decides anew.
    requireMatch(headers['if-match'], exitEtag(scope.exit), what);
    const at = nowIso();
    const next = patchedExit(scope.exit, body, caller, at);
    const changes = diff(scope.exit, next, AUDITED_EXIT_FIELDS);
    // Nothing changes: the exit just read (consistently) is the answer.
    if (Object.keys(changes).length === 0) return versioned(await exitDetail(scope, caller, language), exitEtag(scope.exit));
    // Conditional on the version read, the one If-Match named.
    await matchedWrite(headers['if-match'], what, () =>
      saveJudgedExit(scope.exit, next, { caller, at, changes }, message('change.meanwhile', { what })));
    const saved = await exitForCaller(params.id, caller, { consistent: true });
    return versioned(await exitDetail(saved, caller, language), exitEtag(saved.exit));
  },
});

/**
 * The exit after a patch. Sealing an exit drops any old confirmation (a new order needs a new
 * check); opening it drops the confirmation too. Officials inspect: they may confirm a sealing
 * and nothing else.
 */
function patchedExit(current: StoredExit, patch: ExitPatch, caller: Caller, at: string): StoredExit {
  if (caller.role === 'official' && Object.keys(patch).some((k) => k !== 'sealing')) {
    throw new ForbiddenError(message('exit.official-confirms-only'));
  }
  const status = patch.status ?? current.status;
  if (patch.sealing && status !== 'sealed') throw new ConflictError(message('exit.open-no-sealing', { id: current.id }));
  if (patch.sealing && Date.parse(patch.sealing.confirmedAt) > Date.parse(at) + CLOCK_SKEW_MS) {
    throw new ValidationError([fieldError('body.sealing.confirmedAt', message('field.future'))]);
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
