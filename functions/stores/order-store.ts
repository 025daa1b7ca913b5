/**
 * Households' orders (代购配送, issue 18) in the table: `ORDER#<id>`, keyed by the client's orderId so
 * a resent order finds itself. Each order item is in three indexes:
 * - byParent, its community's queue of its status (`COMMUNITY#<c>#ORDERS#<status>`), sorted by rank
 *   (urgent medicine, medicine, urgent, the rest) then oldest first, so the queue is one query;
 * - byGeo, its household's orders by time (the household link's page);
 * - byStreet, only while delivered: what waits at its compound's drop-off points, by point.
 * A requested order also has an item in the overdue job's sparse index (`ORDERDUE#<UTC day>`,
 * sorted by deadline), removed when it is accepted or cancelled.
 *
 * Every step is one transaction conditional on the status it was taken from, with its audit
 * record: of two racing accepts one lands, the other re-reads and is refused naming who took it.
 * The day's counters (`ORDERDAY#<China day> / <community>`) are ADDed after the step lands, not in
 * its transaction: 500 households ordering at once would otherwise all conflict on that one item.
 */
import { closedAlert } from '#shared/domain/alerts.ts';
import { chinaDay } from '#shared/domain/china-time.ts';
import {
  mayAct, openOrderDelta, orderDayCounts, orderRank, sameAsk, sameStep, stepBodyRefusals, steppedOrder,
  type OrderActor, type OrderRefusal, type StoredOrder,
} from '#shared/domain/orders.ts';
import { message } from '#shared/messages/message.ts';
import { say } from '#shared/messages/say.ts';
import { SYSTEM_ACTOR, type Caller } from '#shared/roles.ts';
import type { Alert } from '#shared/schemas/alert.ts';
import type { Order, OrderAction, OrderActionBody, OrderStatus } from '#shared/schemas/order.ts';
import { indexKeys, indexSortKeys, keys, TABLE } from '#shared/table.ts';
import { closeAlertOps, getAlert, raiseAlertOnce } from './alert-store.ts';
import { auditItem } from './audit-store.ts';
import { addOp } from './campaign-store.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, fieldError } from '../platform/errors.ts';
import { withoutKeys, type Source } from '../platform/list-sources.ts';
import { batchGet, getItem, queryAll, transactionCancelled, transactWrite, updateItem, type Item, type TransactOp } from '../platform/table.ts';

export type { StoredOrder } from '#shared/domain/orders.ts';

/** Who writes for the household on its own link, in audit records (the report link's resident is written so too). */
export const HOUSEHOLD_ACTOR = { username: 'self', role: SYSTEM_ACTOR.role } as const satisfies Pick<Caller, 'username' | 'role'>;

type Writer = Pick<Caller, 'username' | 'role' | 'name'>;

function orderItem(order: StoredOrder): Item {
  return {
    ...keys.order(order.id),
    type: 'order',
    gsi1pk: indexKeys.ordersOfCommunity(order.communityId, order.status),
    gsi1sk: indexSortKeys.order(orderRank(order), order.requestedAt, order.id),
    gsi2pk: indexKeys.ordersOfHousehold(order.householdId),
    gsi2sk: indexSortKeys.orderOfHousehold(order.requestedAt, order.id),
    ...(order.status === 'delivered'
      ? { gsi3pk: indexKeys.waitingAtCompound(order.compoundId), gsi3sk: indexSortKeys.orderWaiting(order.dropOffPointId, order.deliveredAt ?? order.requestedAt, order.id) }
      : {}),
    ...order,
  };
}

export const orderFromItem = (item: Item): StoredOrder => withoutKeys<StoredOrder>(item);

export async function getOrder(id: string, options: { consistent?: boolean } = {}): Promise<StoredOrder | undefined> {
  const item = await getItem<Item>(keys.order(id), options);
  return item ? orderFromItem(item) : undefined;
}

/** The overdue job's index keeps its items a fortnight past their day at most (the table's TTL), should one be left behind. */
const DUE_TTL_DAYS = 14;
const dueKey = (order: Pick<Order, 'id' | 'acceptBy'>) => keys.orderDue(order.acceptBy.slice(0, 10), order.acceptBy, order.id);

/** ADDs a request's or step's counts to its community's China day and its compound's open orders (after the write landed; see the module's comment). */
async function countDay(event: OrderAction | 'request' | 'overdue', order: StoredOrder, at: string): Promise<void> {
  const day = chinaDay(at);
  const op = addOp(keys.orderDay(day, order.communityId), {
    add: orderDayCounts(event, order),
    init: { type: 'order-day', day, communityId: order.communityId, streetId: order.streetId },
  });
  const open = openOrderDelta(event);
  const compoundOp = open === 0 ? undefined : addOp(keys.ordersOpen(order.compoundId), {
    add: { open },
    init: { type: 'orders-open', compoundId: order.compoundId, communityId: order.communityId },
  });
  await Promise.all([op, compoundOp].map((o) => (o && 'update' in o ? updateItem(o.update) : undefined)));
}

/** Tries of a placement refused with nothing landed: a racing resend's transaction held the item and had not committed yet. */
const PLACE_TRIES = 3;

/**
 * Places an order once, with its audit record and its place in the overdue job's index. A resend
 * of one that landed answers the stored order; the same id saying something else is a
 * ConflictError (`order.differs`).
 */
export async function placeOrder(order: StoredOrder, by: Writer): Promise<StoredOrder> {
  for (let attempt = 1; ; attempt++) {
    try {
      await writeOrder(order, by);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const landed = await getOrder(order.id, { consistent: true });
      // Refused with nothing stored: a racing resend's transaction held the item; it has landed or failed by the next try.
      if (!landed && attempt < PLACE_TRIES) continue;
      if (!landed || !sameAsk(landed, order)) throw new ConflictError(message('order.differs', { id: order.id }), { cause: error });
      return landed;
    }
    await countDay('request', order, order.requestedAt);
    return order;
  }
}

/** The placement's one transaction: the order (only if its id is new), its audit record and its overdue index item. */
async function writeOrder(order: StoredOrder, by: Writer): Promise<void> {
  const at = order.requestedAt;
  await transactWrite(
      [
        { put: orderItem(order), condition: 'attribute_not_exists(pk)' },
        {
          put: auditItem({
            entity: 'ORDER', entityId: order.id, action: 'create', caller: by, at,
            changes: { status: { from: null, to: 'requested' }, kind: { from: null, to: order.kind }, urgent: { from: null, to: order.urgent }, source: { from: null, to: order.source } },
            ...(order.helpRequestId !== undefined ? { source: `help:${order.helpRequestId}` } : {}),
          }),
        },
        {
          put: {
            ...dueKey(order), type: 'order-due', orderId: order.id, acceptBy: order.acceptBy,
            [TABLE.ttlAttribute]: Math.floor(Date.parse(order.acceptBy) / 1000) + DUE_TTL_DAYS * 86_400,
          },
        },
      ],
      message('order.differs', { id: order.id }),
    );
}

/** A refusal of the rules as the failure the edge maps: not theirs to take 403, the rest 409. */
function refused(refusal: OrderRefusal): Error {
  return refusal.code === 'forbidden' ? new ForbiddenError(refusal.said, { cause: refusal }) : new ConflictError(refusal.said, { cause: refusal });
}

/** What a step's audit record says changed. */
function stepChanges(before: StoredOrder, after: StoredOrder, action: OrderAction): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = { status: { from: before.status, to: after.status } };
  const fields: Record<OrderAction, readonly (keyof Order)[]> = {
    accept: ['acceptedBy'],
    purchase: ['amountPaid', 'receiptNo'],
    deliver: ['photoKey'],
    collect: ['collectedBy'],
    cancel: [],
  };
  for (const field of fields[action]) if (after[field] !== undefined) changes[field] = { from: before[field] ?? null, to: after[field] };
  // `reason` is free text: audit readers who may not see residents' details read it masked (auditFor).
  if (action === 'cancel' && after.cancelReason !== undefined) changes.reason = { from: null, to: after.cancelReason };
  return changes;
}

/** An open overdue alert of the order, closed by its accept in the same transaction: the order found its volunteer. */
async function overdueAlertClosing(order: StoredOrder, by: Writer, at: string): Promise<TransactOp[]> {
  if (order.overdueAlertId === undefined) return [];
  const alert = await getAlert(order.overdueAlertId, { consistent: true });
  if (!alert || alert.status === 'closed') return [];
  const note = say(message('order.accepted-close-note', { by: by.name ?? by.username }), 'zh-CN');
  const closing = closedAlert(alert, { at, by: by.username, note });
  return 'code' in closing ? [] : closeAlertOps(closing, by, at, note, alert.status);
}

/** Tries of a step that lost only a write conflict (not its condition): read again at once. */
const STEP_TRIES = 3;

/**
 * Takes a step of an order: checked against the rules on the order as stored (the body's fields
 * 400, not the actor's 403, the wrong status or someone else's order 409), written on the
 * condition that its status is still the one read. A step that lost a race is decided again on
 * the order as it now stands: the same step by the same actor answers the order, another accept
 * is `order.taken` naming who. `householdId` is the link's household: another's order is 404.
 */
export async function stepOrder(
  id: string,
  action: OrderAction,
  input: { readonly body: OrderActionBody; readonly by: OrderActor; readonly at: string; readonly householdId?: string },
): Promise<StoredOrder> {
  const { body, by } = input;
  const bodyRefusals = stepBodyRefusals(by, action, body);
  if (bodyRefusals.length > 0) throw new ValidationError(bodyRefusals.map((r) => fieldError(r.field, r.said)));
  for (let attempt = 1; ; attempt++) {
    const order = await getOrder(id, { consistent: true });
    if (!order || (input.householdId !== undefined && order.householdId !== input.householdId)) {
      throw new NotFoundError(message('access.no', { what: message('thing.order', { id }) }));
    }
    if (sameStep(by, action, order)) return order;
    const refusal = mayAct(by, action, order);
    if (refusal) throw refused(refusal);
    const next = await writeStep(order, action, input);
    if (next) return next;
    // The order changed (its condition failed) or a racing write held it: decide again on it as it now stands.
    if (attempt >= STEP_TRIES) throw new ConflictError(message('order.changed-meanwhile', { id }));
  }
}

/**
 * Writes a step (checked legal) on the order as it was read, on the condition that neither its
 * status nor its overdue alert changed since: the overdue job flagging it in between would
 * otherwise be overwritten (its alert left open, escalating). Undefined when the order changed
 * meanwhile: the caller reads it again and decides anew (stepOrder).
 */
export async function writeStep(
  order: StoredOrder,
  action: OrderAction,
  input: { readonly body: OrderActionBody; readonly by: OrderActor; readonly at: string },
): Promise<StoredOrder | undefined> {
  const { body, by, at } = input;
  const writer: Writer = by === 'self' ? HOUSEHOLD_ACTOR : by;
  const next = steppedOrder(order, action, { actor: by, at, body });
  const alerted = order.overdueAlertId === undefined ? 'attribute_not_exists(overdueAlertId)' : 'overdueAlertId = :alert';
  const ops: TransactOp[] = [
    {
      put: orderItem(next),
      condition: `#status = :from AND ${alerted}`,
      names: { '#status': 'status' },
      values: { ':from': order.status, ...(order.overdueAlertId !== undefined ? { ':alert': order.overdueAlertId } : {}) },
    },
    { put: auditItem({ entity: 'ORDER', entityId: order.id, action, caller: writer, at, changes: stepChanges(order, next, action) }) },
    // Taken on or given up: the overdue job has nothing left to look at.
    ...(order.status === 'requested' ? [{ delete: dueKey(order) }] : []),
    ...(action === 'accept' ? await overdueAlertClosing(order, writer, at) : []),
  ];
  try {
    await transactWrite(ops);
  } catch (error) {
    if (!transactionCancelled(error)) throw error;
    return undefined;
  }
  await countDay(action, next, at);
  return next;
}

/** A household's orders placed since `sinceIso`, newest first (its link's page). */
export async function ordersOfHousehold(householdId: string, sinceIso: string): Promise<StoredOrder[]> {
  const items = await queryAll<Item>({ index: 'byGeo', partition: indexKeys.ordersOfHousehold(householdId), between: [sinceIso, '~'], newestFirst: true });
  return items.map(orderFromItem);
}

/**
 * Where a list of orders is read from: each status's queue of each community, status first (so
 * what waits for a volunteer comes before what is on its way), each queue in rank then age order.
 */
export function orderSources(communityIds: readonly (string | null)[], statuses: readonly OrderStatus[]): Source[] {
  return statuses.flatMap((status) => communityIds.map((communityId): Source => ({
    kind: 'query', query: { index: 'byParent', partition: indexKeys.ordersOfCommunity(communityId, status) },
  })));
}

/** What waits at a compound's drop-off points (delivered, not yet collected): by point, then oldest first. */
export async function waitingAtCompound(compoundId: string): Promise<StoredOrder[]> {
  const items = await queryAll<Item>({ index: 'byStreet', partition: indexKeys.waitingAtCompound(compoundId) });
  return items.map(orderFromItem);
}

/** An order in the overdue job's index: due to be accepted by `acceptBy`. */
export interface OrderDue {
  readonly orderId: string;
  readonly acceptBy: string;
}

/**
 * Days of the overdue index each run reads back (UTC partitions, today's included): a job stopped
 * for days (a failed deploy, a disabled schedule) still raises what fell due meanwhile.
 */
const DUE_DAYS_BACK = 7;

/** The orders due to be accepted by `at`: the last DUE_DAYS_BACK days' (UTC) partitions, so a run after midnight, or after an outage, misses nothing. */
export async function ordersDueBy(at: string): Promise<OrderDue[]> {
  const today = Date.parse(`${at.slice(0, 10)}T00:00:00.000Z`);
  const days = Array.from({ length: DUE_DAYS_BACK }, (_, back) => new Date(today - back * 86_400_000).toISOString().slice(0, 10)).reverse();
  const parts = await Promise.all(days.map((day) =>
    queryAll<Item>({ partition: keys.orderDue(day, '', '').pk, between: ['0', `${at}#~`] })));
  return parts.flat().map((i) => ({ orderId: String(i.orderId), acceptBy: String(i.acceptBy) }));
}

/** Orders by id, read together (consistent): what the overdue job checks of its due items, in one batch instead of a read each. */
export async function getOrders(ids: readonly string[]): Promise<Map<string, StoredOrder>> {
  const items = await batchGet<Item>(ids.map((id) => keys.order(id)), { consistent: true });
  return new Map(items.map((item) => { const order = orderFromItem(item); return [order.id, order] as const; }));
}

/** Drops an order's item from the overdue job's index (it was accepted, cancelled or alerted meanwhile). */
export async function dropOrderDue(due: OrderDue): Promise<void> {
  await transactWrite([{ delete: keys.orderDue(due.acceptBy.slice(0, 10), due.acceptBy, due.orderId) }]);
}

/**
 * Flags a requested order overdue with its alert, once: the alert (its id from the order), the
 * order's overdueAlertId and the index item's removal land together, on the condition that the
 * order is still requested and not yet alerted. False when it was accepted, cancelled or alerted
 * meanwhile (a rerun, or two runs at once): then nothing is written.
 */
export async function flagOrderOverdue(order: StoredOrder, alert: Alert, at: string): Promise<boolean> {
  const flagged: StoredOrder = { ...order, overdueAlertId: alert.id };
  const raised = await raiseAlertOnce(alert, SYSTEM_ACTOR, [
    {
      put: orderItem(flagged),
      condition: '#status = :requested AND attribute_not_exists(overdueAlertId)',
      names: { '#status': 'status' },
      values: { ':requested': 'requested' },
    },
    { put: auditItem({ entity: 'ORDER', entityId: order.id, action: 'overdue', caller: SYSTEM_ACTOR, at, changes: { overdueAlertId: { from: null, to: alert.id } } }) },
    { delete: dueKey(order) },
  ]);
  if (raised) await countDay('overdue', flagged, at);
  return raised;
}
