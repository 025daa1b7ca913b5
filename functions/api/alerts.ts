/**
 * Alert routes: the list a community acts on (open first, newest first) and closing an alert.
 */
import { closedAlert, closeRefusalFor } from '#shared/domain/alerts.ts';
import { noteFor } from '#shared/domain/privacy.ts';
import { canSeeCompound, type Caller } from '#shared/roles.ts';
import type { Alert } from '#shared/schemas/alert.ts';
import { communityForCaller } from '../edge/access.ts';
import { alertFromItem, alertSources, getAlert, saveClosedAlert } from '../stores/alert-store.ts';
import { nowIso } from '../platform/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../platform/errors.ts';
import { httpHandler } from '../edge/http.ts';
import { alertsRoutes } from '#shared/catalogue/routes/alerts.ts';
import { cursorOf, pageOf, readSources } from '../platform/list-sources.ts';
import { loadPlaces } from '../stores/places-store.ts';
import { message } from '#shared/messages/message.ts';

/** The alert with its closing note as the caller may read it (noteFor). */
const closeNoteFor = (caller: Caller, alert: Alert): Alert =>
  alert.closeNote === undefined ? alert : { ...alert, closeNote: noteFor(caller, alert.closeNote) };

export const handler = httpHandler(alertsRoutes, {
  listAlerts: async ({ query, caller }) => {
    const places = await loadPlaces();
    if (query.communityId) communityForCaller(places, query.communityId, caller, 'query.communityId');
    const page = await readSources(
      alertSources(caller, places, query.communityId, query.status),
      (item) => {
        const alert = alertFromItem(item);
        return query.kind === undefined || alert.kind === query.kind ? closeNoteFor(caller, alert) : undefined;
      },
      query.limit ?? 100,
      cursorOf(query.nextToken),
    );
    return pageOf(page.items, page.next);
  },

  closeAlert: async ({ params, body, caller }) => {
    const alert = await getAlert(params.id, { consistent: true });
    if (!alert) throw new NotFoundError(message('access.no-alert', { id: params.id }));
    if (!canSeeCompound(caller, { id: alert.compoundId, streetId: alert.streetId, communityId: alert.communityId, gridIds: [] })) {
      throw new ForbiddenError(message('access.alert-outside', { id: params.id }));
    }
    const refusal = closeRefusalFor(alert, caller.role);
    if (refusal) throw new ForbiddenError(refusal.said, { cause: refusal });
    const at = nowIso();
    const closed = closedAlert(alert, { at, by: caller.username, note: body.note });
    if ('code' in closed) throw new ConflictError(closed.said, { cause: closed });
    await saveClosedAlert(closed, caller, at, body.note);
    return closeNoteFor(caller, closed);
  },
});
