/**
 * Alert routes: the list a community acts on (open first, newest first) and closing an alert.
 */
import { closedAlert } from '../../shared/domain/alerts.ts';
import { canSeeCompound } from '../../shared/roles.ts';
import { keys } from '../../shared/table.ts';
import { communityForCaller } from '../lib/access.ts';
import { alertFromItem, alertItem, alertSources } from '../lib/alerts.ts';
import { auditItem } from '../lib/audit.ts';
import { nowIso } from '../lib/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../lib/errors.ts';
import { httpHandler } from '../lib/http.ts';
import { cursorOf, pageOf, readSources } from '../lib/list-sources.ts';
import { loadPlaces } from '../lib/places-store.ts';
import { getItem, transactWrite, type Item } from '../lib/table.ts';

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
