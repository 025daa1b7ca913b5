/**
 * Alerts in the table. Raising is not a route: the writer of a new visit or entry adds
 * {@link alertOps} to its own transaction, so the alert lands with its source or not at all.
 * Each alert is indexed by community (byParent) and street (byStreet), open before closed.
 */
import type { Alert } from '#shared/schemas/alert.ts';
import { listScope, type Caller } from '#shared/roles.ts';
import { indexKeys, indexSortKeys, keys } from '#shared/table.ts';
import { auditItem } from './audit-store.ts';
import { withoutKeys, type Source } from '../platform/list-sources.ts';
import type { Places } from './places-store.ts';
import { getItem, transactWrite, type Item, type TransactOp } from '../platform/table.ts';

export function alertItem(alert: Alert): Item {
  const sort = indexSortKeys.alert(alert.status, alert.raisedAt, alert.id);
  return {
    ...keys.alert(alert.id),
    type: 'alert',
    gsi1pk: indexKeys.alertsOfCommunity(alert.communityId),
    gsi1sk: sort,
    gsi3pk: indexKeys.alertsOfStreet(alert.streetId),
    gsi3sk: sort,
    ...alert,
  };
}

export const alertFromItem = (item: Item): Alert => withoutKeys<Alert>(item);

export async function getAlert(id: string, options: { consistent?: boolean } = {}): Promise<Alert | undefined> {
  const item = await getItem<Item>(keys.alert(id), options);
  return item ? alertFromItem(item) : undefined;
}

/**
 * Writes an alert's closing with its audit record, only while the stored alert is still open: one
 * closed by someone else meanwhile fails with a ConflictError and nothing is written.
 */
export async function saveClosedAlert(closed: Alert, caller: Pick<Caller, 'username' | 'role'>, at: string, note: string): Promise<void> {
  await transactWrite(closeAlertOps(closed, caller, at, note), `alert ${closed.id} was closed by someone else meanwhile`);
}

/** The writes that close an alert (while it is still open) with their audit record, for a transaction that closes its source too. */
export function closeAlertOps(closed: Alert, caller: Pick<Caller, 'username' | 'role'>, at: string, note: string): TransactOp[] {
  return [
    { put: alertItem(closed), condition: '#status = :open', names: { '#status': 'status' }, values: { ':open': 'open' } },
    {
      put: auditItem({
        entity: 'ALERT', entityId: closed.id, action: 'close', caller, at,
        changes: { status: { from: 'open', to: 'closed' }, closeNote: { from: null, to: note } },
      }),
    },
  ];
}

/**
 * The writes that raise an alert: the alert and its audit record. Add them to the transaction
 * that writes the alert's new source; the condition makes a second raise fail loudly rather
 * than reopen a closed alert.
 */
export function alertOps(alert: Alert, caller: Pick<Caller, 'username' | 'role'>): TransactOp[] {
  return [
    { put: alertItem(alert), condition: 'attribute_not_exists(pk)' },
    {
      put: auditItem({
        entity: 'ALERT', entityId: alert.id, action: 'raise', caller, at: alert.raisedAt,
        changes: { status: { from: null, to: alert.status }, kind: { from: null, to: alert.kind } },
        source: `${alert.source.type}:${alert.source.id}`,
      }),
    },
  ];
}

/** Where a caller's alerts are read from, narrowed to a community when one is named. */
export function alertSources(caller: Caller, places: Places, communityId: string | undefined, status: string | undefined): Source[] {
  const beginsWith = status === undefined ? undefined : indexSortKeys.alertsWithStatus(status);
  const byCommunity = (id: string | null): Source => ({
    kind: 'query', query: { index: 'byParent', partition: indexKeys.alertsOfCommunity(id), beginsWith, newestFirst: true },
  });
  const byStreet = (id: string | null): Source => ({
    kind: 'query', query: { index: 'byStreet', partition: indexKeys.alertsOfStreet(id), beginsWith, newestFirst: true },
  });
  if (communityId) return [byCommunity(communityId)];
  const scope = listScope(caller);
  switch (scope.level) {
    case 'city':
      return [...places.streets.map((s) => byStreet(s.id)), byStreet(null)];
    case 'street':
      return [byStreet(scope.streetId)];
    case 'community':
      return [byCommunity(scope.communityId)];
    // The routes' roles keep grid, duty and disinfection staff out; nothing is theirs to list.
    case 'grid':
    case 'compounds':
      return [];
  }
}
