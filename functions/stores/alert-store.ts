/**
 * Alerts in the table. Raising is not a route: the writer of a new visit or entry adds
 * {@link alertOps} to its own transaction, so the alert lands with its source or not at all —
 * with the alert job's first piece of work (its notice) in the same transaction.
 * Each alert is indexed by community (byParent), street (byStreet) and, when it concerns one, grid
 * (byGeo), by status and time (`<status>#<raisedAt>#<id>`): a list reads open, then acknowledged,
 * then closed, newest first, and the handler puts each page's most urgent kinds first.
 *
 * The alert job's sparse index (`ALERTDUE#<UTC day> / <dueAt>#<alertId>#<work>`) holds an alert's
 * next work: `notice-<level>` (tell that level) and `escalate` (go up unless acknowledged by then).
 * A run reads only what is due; every write is conditional, so a rerun does nothing twice.
 */
import { gridOfAlert } from '#shared/domain/alerts.ts';
import { message } from '#shared/messages/message.ts';
import type { Alert, AlertLevel, AlertStatus } from '#shared/schemas/alert.ts';
import { listScope, type Caller } from '#shared/roles.ts';
import { indexKeys, indexSortKeys, keys, TABLE } from '#shared/table.ts';
import { auditItem } from './audit-store.ts';
import { withoutKeys, type Source } from '../platform/list-sources.ts';
import type { Places } from './places-store.ts';
import { ConflictError } from '../platform/errors.ts';
import { getItem, queryAll, transactWrite, type Item, type TransactOp } from '../platform/table.ts';

export function alertItem(alert: Alert): Item {
  const sort = indexSortKeys.alert(alert.status, alert.raisedAt, alert.id);
  const grid = gridOfAlert(alert);
  return {
    ...keys.alert(alert.id),
    type: 'alert',
    gsi1pk: indexKeys.alertsOfCommunity(alert.communityId),
    gsi1sk: sort,
    gsi3pk: indexKeys.alertsOfStreet(alert.streetId),
    gsi3sk: sort,
    ...(grid ? { gsi2pk: indexKeys.alertsOfGrid(grid), gsi2sk: sort } : {}),
    ...alert,
  };
}

/** The alert as stored; one raised before levels existed is with the community. */
export const alertFromItem = (item: Item): Alert => {
  const alert = withoutKeys<Alert>(item);
  return alert.level === undefined ? { ...alert, level: 'community' } : alert;
};

export async function getAlert(id: string, options: { consistent?: boolean } = {}): Promise<Alert | undefined> {
  const item = await getItem<Item>(keys.alert(id), options);
  return item ? alertFromItem(item) : undefined;
}

/** The writes of the alert job's index: a piece of work on an alert, due at `dueAt`. */
type DueWork = `notice-${AlertLevel}` | 'escalate';
const DUE_TTL_DAYS = 14;
const dayOf = (at: string): string => at.slice(0, 10);

export function alertDueOp(alertId: string, dueAt: string, work: DueWork): TransactOp {
  return {
    put: {
      ...keys.alertDue(dayOf(dueAt), dueAt, alertId, work), type: 'alert-due', alertId, work, dueAt,
      [TABLE.ttlAttribute]: Math.floor(Date.parse(dueAt) / 1000) + DUE_TTL_DAYS * 86_400,
    },
  };
}

/** Drops a piece of work; conditional, so two runs racing do it once (the loser's transaction fails). */
export const dropAlertDueOp = (alertId: string, dueAt: string, work: DueWork): TransactOp => ({
  delete: keys.alertDue(dayOf(dueAt), dueAt, alertId, work), condition: 'attribute_exists(pk)',
});

export interface AlertDue {
  readonly alertId: string;
  readonly dueAt: string;
  readonly work: DueWork;
}

/** The work due by `now` on one UTC day, in due order. */
export async function alertWorkDue(day: string, now: string): Promise<AlertDue[]> {
  const items = await queryAll<Item>({ partition: keys.alertDue(day, '', '', '').pk, between: ['0', `${now}#~`] });
  return items.map((i) => ({ alertId: String(i.alertId), dueAt: String(i.dueAt), work: i.work as DueWork }));
}

/**
 * The writes that raise an alert: the alert, its audit record, its first notice (due at once) and
 * its escalation (due after its kind's time).
 * Add them to the transaction that writes the alert's new source; the condition makes a second
 * raise fail loudly rather than reopen a closed alert.
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
    alertDueOp(alert.id, alert.raisedAt, `notice-${alert.level}`),
    ...(alert.escalationDueAt ? [alertDueOp(alert.id, alert.escalationDueAt, 'escalate')] : []),
  ];
}

/**
 * Raises an alert by itself (a job's, whose source is a judgement rather than a write): the alert's
 * id comes from its subject, so a rerun finds it raised and answers false, writing nothing.
 */
export async function raiseAlertOnce(alert: Alert, caller: Pick<Caller, 'username' | 'role'>, with_: readonly TransactOp[] = []): Promise<boolean> {
  try {
    await transactWrite([...with_, ...alertOps(alert, caller)], `alert ${alert.id} raised already`);
    return true;
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return false;
  }
}

/** The condition that the stored alert is still as read: same status and level (a racing change fails the write). */
const unchangedSince = (was: Alert): Pick<Extract<TransactOp, { put: Item }>, 'condition' | 'names' | 'values'> => ({
  condition: '#status = :status AND (#level = :level OR attribute_not_exists(#level))',
  names: { '#status': 'status', '#level': 'level' },
  values: { ':status': was.status, ':level': was.level },
});

/** The escalation's pending work, dropped once the alert is taken on (no condition: it may be gone). */
const dropEscalation = (alert: Alert): TransactOp[] =>
  alert.escalationDueAt ? [{ delete: keys.alertDue(dayOf(alert.escalationDueAt), alert.escalationDueAt, alert.id, 'escalate') }] : [];

/**
 * Writes an alert's closing with its audit record, only while the stored alert is still open or
 * acknowledged: one closed by someone else meanwhile fails with a ConflictError and nothing is written.
 */
export async function saveClosedAlert(closed: Alert, caller: Pick<Caller, 'username' | 'role'>, at: string, note: string, from: Alert): Promise<void> {
  await transactWrite([...closeAlertOps(closed, caller, at, note, from.status), ...dropEscalation(from)], `alert ${closed.id} was closed by someone else meanwhile`);
}

/** The writes that close an alert (while it is not closed) with their audit record, for a transaction that closes its source too. */
export function closeAlertOps(closed: Alert, caller: Pick<Caller, 'username' | 'role'>, at: string, note: string, from: AlertStatus = 'open'): TransactOp[] {
  return [
    { put: alertItem(closed), condition: '#status <> :closed', names: { '#status': 'status' }, values: { ':closed': 'closed' } },
    {
      put: auditItem({
        entity: 'ALERT', entityId: closed.id, action: 'close', caller, at,
        changes: { status: { from, to: 'closed' }, closeNote: { from: null, to: note } },
      }),
    },
  ];
}

/**
 * Writes an acknowledgement or assignment (`action`) with its audit record, only while the stored
 * alert is as it was read; the pending escalation is dropped once someone took it on.
 */
export async function saveAlertChange(was: Alert, now: Alert, action: 'acknowledge' | 'assign', caller: Pick<Caller, 'username' | 'role' | 'name'>, at: string): Promise<void> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (was.status !== now.status) changes.status = { from: was.status, to: now.status };
  if (was.acknowledgedBy !== now.acknowledgedBy) changes.acknowledgedBy = { from: was.acknowledgedBy ?? null, to: now.acknowledgedBy ?? null };
  if (was.assignedTo !== now.assignedTo) changes.assignedTo = { from: was.assignedTo ?? null, to: now.assignedTo ?? null };
  await transactWrite(
    [
      { put: alertItem(now), ...unchangedSince(was) },
      { put: auditItem({ entity: 'ALERT', entityId: now.id, action, caller, at, changes }) },
      ...(now.status === 'open' ? [] : dropEscalation(was)),
    ],
    message('alert.changed-meanwhile', { id: was.id }),
  );
}

/**
 * Moves an alert up a level: the alert (while still open at the level read), its audit record,
 * the escalation work dropped, the next escalation (if any) and the notice to the new level.
 * Fails with a ConflictError when it was acknowledged, closed or escalated meanwhile.
 */
export async function saveEscalation(was: Alert, up: Alert, at: string, due: AlertDue): Promise<void> {
  await transactWrite(
    [
      { put: alertItem(up), ...unchangedSince(was) },
      {
        put: auditItem({
          entity: 'ALERT', entityId: up.id, action: 'escalate', caller: { username: 'system', role: 'city' }, at,
          changes: { level: { from: was.level, to: up.level } },
        }),
      },
      dropAlertDueOp(due.alertId, due.dueAt, due.work),
      alertDueOp(up.id, at, `notice-${up.level}`),
      ...(up.escalationDueAt ? [alertDueOp(up.id, up.escalationDueAt, 'escalate')] : []),
    ],
    message('alert.changed-meanwhile', { id: was.id }),
  );
}

/** Drops a piece of work done (or moot); false when another run dropped it first. */
export async function finishAlertWork(due: AlertDue): Promise<boolean> {
  try {
    await transactWrite([dropAlertDueOp(due.alertId, due.dueAt, due.work)], message('alert.changed-meanwhile', { id: due.alertId }));
    return true;
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
}

/** Where a caller's alerts are read from, narrowed to a community or grid when one is named: open, then acknowledged, then closed. */
export function alertSources(
  caller: Caller, places: Places, narrow: { communityId?: string; gridId?: string }, status: AlertStatus | undefined,
): Source[] {
  const statuses: readonly AlertStatus[] = status === undefined ? ['open', 'acknowledged', 'closed'] : [status];
  type Partition = readonly [index: 'byParent' | 'byStreet' | 'byGeo', partition: string];
  // Status first across partitions, so a city-wide list is open everywhere before acknowledged.
  const byStatus = (partitions: readonly Partition[]): Source[] =>
    statuses.flatMap((s) => partitions.map(([index, partition]): Source => ({
      kind: 'query', query: { index, partition, beginsWith: indexSortKeys.alertsWithStatus(s), newestFirst: true },
    })));
  if (narrow.gridId) return byStatus([['byGeo', indexKeys.alertsOfGrid(narrow.gridId)]]);
  if (narrow.communityId) return byStatus([['byParent', indexKeys.alertsOfCommunity(narrow.communityId)]]);
  const scope = listScope(caller);
  switch (scope.level) {
    case 'city':
      return byStatus([...places.streets.map((s) => ['byStreet', indexKeys.alertsOfStreet(s.id)] as const), ['byStreet', indexKeys.alertsOfStreet(null)]]);
    case 'street':
      return byStatus([['byStreet', indexKeys.alertsOfStreet(scope.streetId)]]);
    case 'community':
      return byStatus([['byParent', indexKeys.alertsOfCommunity(scope.communityId)]]);
    case 'grid':
      return scope.gridId ? byStatus([['byGeo', indexKeys.alertsOfGrid(scope.gridId)]]) : [];
    // The routes' roles keep duty and disinfection staff out; nothing is theirs to list.
    case 'compounds':
      return [];
  }
}
