/**
 * Help request routes (紧急救助): any staff member records a request for a household within their
 * jurisdiction (idempotent by the client's requestId; the community's alert raised with it), the
 * overseers and grid workers list them, and whoever followed one up closes it with what was done,
 * its alert with it.
 */
import { noteFor } from '#shared/domain/privacy.ts';
import { listScope, type Caller } from '#shared/roles.ts';
import type { HelpRequest } from '#shared/schemas/help.ts';
import { helpRequestsRoutes } from '#shared/catalogue/routes/help-requests.ts';
import { message } from '#shared/messages/message.ts';
import { communityForCaller, compoundForCaller } from '../edge/access.ts';
import { httpHandler } from '../edge/http.ts';
import { raiseHelp } from '../flows/help-raise.ts';
import { nowIso } from '../platform/clock.ts';
import { ConflictError, NotFoundError } from '../platform/errors.ts';
import { cursorOf, pageOf, readSources } from '../platform/list-sources.ts';
import { getAlert } from '../stores/alert-store.ts';
import { getBuilding } from '../stores/compound-store.ts';
import { getHelpRequest, helpFromItem, helpSources, saveClosedHelpRequest, type StoredHelpRequest } from '../stores/help-store.ts';
import { loadPlaces } from '../stores/places-store.ts';

/** A request as answered: its free text as the caller may read it, the stored grids left out. */
function helpView(request: StoredHelpRequest, caller: Caller): HelpRequest {
  const { gridIds: _grids, ...view } = request;
  return {
    ...view,
    ...(view.note !== undefined ? { note: noteFor(caller, view.note) } : {}),
    ...(view.closeNote !== undefined ? { closeNote: noteFor(caller, view.closeNote) } : {}),
  };
}

export const handler = httpHandler(helpRequestsRoutes, {
  createHelpRequest: async ({ body, caller }) => {
    const compound = await compoundForCaller(body.compoundId, caller);
    if (body.buildingId !== undefined && !(await getBuilding(compound.id, body.buildingId))) {
      throw new NotFoundError(message('access.no-building', { building: body.buildingId, compound: compound.id }));
    }
    return helpView(await raiseHelp(body, compound, caller, nowIso()), caller);
  },

  listHelpRequests: async ({ query, caller }) => {
    const places = await loadPlaces();
    let communityId: string | null | undefined;
    if (query.compoundId !== undefined) communityId = (await compoundForCaller(query.compoundId, caller)).communityId;
    else if (query.communityId !== undefined) communityId = communityForCaller(places, query.communityId, caller, 'query.communityId').id;
    const scope = listScope(caller);
    const page = await readSources(
      helpSources(caller, places, communityId, query.status),
      (item) => {
        const request = helpFromItem(item);
        if (query.compoundId !== undefined && request.compoundId !== query.compoundId) return undefined;
        if (scope.level === 'grid' && !request.gridIds.includes(scope.gridId)) return undefined;
        return helpView(request, caller);
      },
      query.limit ?? 100,
      cursorOf(query.nextToken),
    );
    return pageOf(page.items, page.next);
  },

  closeHelpRequest: async ({ params, body, caller }) => {
    const request = await getHelpRequest(params.id, { consistent: true });
    const asked = message('thing.help', { id: params.id });
    if (!request) throw new NotFoundError(message('access.no', { what: asked }));
    await compoundForCaller(request.compoundId, caller, { asked });
    if (request.status === 'closed') {
      throw new ConflictError(message('help.already-closed', { id: request.id, by: request.closedBy ?? '', at: request.closedAt ?? '' }));
    }
    const at = nowIso();
    const closed: StoredHelpRequest = { ...request, status: 'closed', closedAt: at, closedBy: caller.username, closeNote: body.note };
    // The alert may have been closed on its own (POST /v1/alerts/{id}/close): then only the request closes.
    const alert = await getAlert(request.alertId, { consistent: true });
    // Open or acknowledged (taken on, not yet closed): it closes with the request.
    const openAlert = alert !== undefined && alert.status !== 'closed'
      ? { ...alert, status: 'closed' as const, closedAt: at, closedBy: caller.username, closeNote: body.note }
      : undefined;
    await saveClosedHelpRequest(closed, openAlert, caller, at, body.note);
    return helpView(closed, caller);
  },
});
