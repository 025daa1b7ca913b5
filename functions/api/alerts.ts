/**
 * Alert routes: the list a community acts on (open first, newest first) and closing an alert.
 */
import { closedAlert } from '#shared/domain/alerts.ts';
import { canSeeCompound } from '#shared/roles.ts';
import { keys } from '#shared/table.ts';
import { communityForCaller } from '../edge/access.ts';
import { alertFromItem, alertItem, alertSources } from '../stores/alert-store.ts';
import { auditItem } from '../stores/audit-store.ts';
import { nowIso } from '../platform/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../platform/errors.ts';
import { httpHandler } from '../edge/http.ts';
import { cursorOf, pageOf, readSources } from '../platform/list-sources.ts';
import { loadPlaces } from '../stores/places-store.ts';
import { getItem, transactWrite, type Item } from '../platform/table.ts';

export const handler = httpHandler('alerts', {
  listAlerts: async ({ query, caller }) => {
    const places = await loadPlaces();
    if (query.communityId) communityForCaller(places, query.communityId, caller, 'query.communityId');
    const page = await readSources(
      alertSources(caller, places, query.communityId, query.status),
      (item) => {
        const alert = alertFromItem(item);
        return query.kind === undefined || alert.kind === query.kind ? alert : undefined;
      },
      query.limit ?? 100,
      cursorOf(query.nextToken),
    );
    return pageOf(page.items, page.next);
  },

  closeAlert: async ({ params, body, caller }) => {
    const item = await getItem<Item>(keys.alert(params.id), { consistent: true });
    if (!item) throw new NotFoundError(`no alert ${params.id}`);
    const alert = alertFromItem(item);
    if (!canSeeCompound(caller, { id: alert.compoundId, streetId: alert.streetId, communityId: alert.communityId, gridIds: [] })) {
      throw new ForbiddenError(`alert ${params.id} is outside your jurisdiction`);
    }
    const at = nowIso();
    const closed = closedAlert(alert, { at, by: caller.username, note: body.note });
    if (closed === 'already-closed') throw new ConflictError(`alert ${params.id} was closed by ${alert.closedBy} at ${alert.closedAt}`);
    await transactWrite(
      [
        { put: alertItem(closed), condition: '#status = :open', names: { '#status': 'status' }, values: { ':open': 'open' } },
        {
          put: auditItem({
            entity: 'ALERT', entityId: alert.id, action: 'close', caller, at,
            changes: { status: { from: 'open', to: 'closed' }, closeNote: { from: null, to: body.note } },
          }),
        },
      ],
      `alert ${params.id} was closed by someone else meanwhile`,
    );
    return closed;
  },
});
