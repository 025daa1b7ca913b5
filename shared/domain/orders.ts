/**
 * The rules of proxy purchase and delivery (代购配送, issue 18), pure: a new order and its accept
 * deadline, the queue's order (medicine and urgent first), which step follows which status, who
 * may take each step, what a step changes, the day's counters it adds to, and how an order reads
 * for a caller (rooms masked for those who need not see them, notes as noteFor gives them).
 * Handlers and stores (functions/api/orders.ts, public-orders.ts, stores/order-store.ts) decide
 * nothing of this themselves.
 */
import { spoken, type Spoken } from '../messages/message.ts';
import { canSeeCompound, seesResidentDetails, type Caller, type Role } from '../roles.ts';
import type { DropOffPoint } from '../schemas/drop-off.ts';
import type { Order, OrderAction, OrderActionBody, OrderStatus, PublicOrder, PublicOrderCreate } from '../schemas/order.ts';
import type { Household } from './households.ts';
import { canonicalJson } from './ids.ts';
import { maskName, maskPersonalText, noteFor } from './privacy.ts';
import { MINUTE_MS, isoAfter } from './time.ts';

/** As stored: the building's grids, so a grid worker's list is a filter of their community's. */
export type StoredOrder = Order & { readonly gridIds: readonly string[] };

/** The household an order is for, as its record names it (shared/domain/households.ts). */
export type OrderHousehold = Household;

/** Minutes an order may wait for a volunteer before it is overdue (functions/platform/order-settings.ts reads them from the environment). */
export interface AcceptMinutes {
  readonly medicine: number;
  readonly urgent: number;
  readonly other: number;
}
/** Medicine cannot wait: 2 h, as an urgent order of any kind; groceries and the rest half a day. */
export const DEFAULT_ACCEPT_MINUTES: AcceptMinutes = { medicine: 120, urgent: 120, other: 720 };

/** Who placed an order: the household on its link (`self`), or a staff member. */
export type OrderSource = Order['source'];
/** Who takes a step: a signed-in staff member, or the household on its own link. */
export type OrderActor = Caller | 'self';

/** The deadline to accept an order by: the shorter of its kind's and, when urgent, the urgent time. */
export function acceptByOf(order: Pick<Order, 'kind' | 'urgent' | 'requestedAt'>, minutes: AcceptMinutes = DEFAULT_ACCEPT_MINUTES): string {
  const kindMinutes = order.kind === 'medicine' ? minutes.medicine : minutes.other;
  const wait = order.urgent ? Math.min(kindMinutes, minutes.urgent) : kindMinutes;
  return isoAfter(order.requestedAt, wait * MINUTE_MS);
}

/**
 * What a new order is made of: what the household asked for (the body's fields; its id is `id`,
 * else the client's `orderId`), its household, the drop-off point chosen, who placed it and when.
 */
export type NewOrderInput = Omit<PublicOrderCreate, 'orderId'> & {
  readonly id?: string | undefined;
  readonly orderId?: string | undefined;
  readonly helpRequestId?: string | undefined;
  readonly household: OrderHousehold;
  readonly dropOffPoint?: { readonly id: string; readonly name: string } | undefined;
  readonly source: OrderSource;
  /** A staff member, or the household on its link (`'self'`, or a username `self`). */
  readonly by: { readonly username: string; readonly name?: string | undefined } | 'self';
  readonly at: string;
  readonly acceptMinutes?: AcceptMinutes | undefined;
};

/**
 * A new order, requested: the household's place copied in (an order is read without its
 * household), urgent false unless said, and the accept deadline computed.
 */
export function newOrder(input: NewOrderInput): StoredOrder {
  const { household: h, dropOffPoint, by, at } = input;
  const fields = input;
  const id = input.id ?? input.orderId;
  if (id === undefined) throw new Error('newOrder: an order needs an id (or the client\'s orderId)');
  const urgent = fields.urgent ?? false;
  return {
    id,
    householdId: h.id,
    compoundId: h.compoundId,
    compoundName: h.compoundName,
    communityId: h.communityId,
    streetId: h.streetId,
    gridIds: [...h.gridIds],
    buildingId: h.buildingId,
    ...(h.buildingName !== undefined ? { buildingName: h.buildingName } : {}),
    room: h.room,
    kind: fields.kind,
    items: fields.items.map((line) => ({ ...line })),
    urgent,
    ...(dropOffPoint ? { dropOffPointId: dropOffPoint.id, dropOffPointName: dropOffPoint.name } : {}),
    ...(fields.note !== undefined ? { note: fields.note } : {}),
    ...(fields.prescription !== undefined ? { prescription: fields.prescription } : {}),
    status: 'requested',
    source: input.source,
    ...(fields.helpRequestId !== undefined ? { helpRequestId: fields.helpRequestId } : {}),
    requestedAt: at,
    requestedBy: by === 'self' ? 'self' : by.username,
    ...(by !== 'self' && by.name !== undefined ? { requestedByName: by.name } : {}),
    acceptBy: acceptByOf({ kind: fields.kind, urgent, requestedAt: at }, input.acceptMinutes),
  };
}

/** What an order says: a resend with the same id must say the same (its time and sender aside). */
export const ORDER_ASKED = ['householdId', 'kind', 'items', 'urgent', 'dropOffPointId', 'note', 'prescription', 'helpRequestId'] as const satisfies readonly (keyof Order)[];

/** What a (re)sent order asks, as its body says it: urgent and the drop-off point may be left to their defaults. */
export type OrderAsk = Omit<Pick<Order, (typeof ORDER_ASKED)[number]>, 'urgent'> & { readonly urgent?: boolean | undefined };

/**
 * Whether a resend asks what the landed order says. Urgent unsaid is false; a drop-off point
 * unsaid is the one the order got (the default may have moved since, as points come and go).
 */
export function sameAsk(landed: Order, asked: OrderAsk): boolean {
  const resent: Pick<Order, (typeof ORDER_ASKED)[number]> = { ...asked, urgent: asked.urgent ?? false, dropOffPointId: asked.dropOffPointId ?? landed.dropOffPointId };
  return ORDER_ASKED.every((field) => canonicalJson(landed[field]) === canonicalJson(resent[field]));
}

/** The queue's rank: 0 urgent medicine, 1 medicine, 2 urgent, 3 the rest. */
export function orderRank(order: Pick<Order, 'kind' | 'urgent'>): number {
  if (order.kind === 'medicine') return order.urgent ? 0 : 1;
  return order.urgent ? 2 : 3;
}

/** Each step, from the one status it may be taken in, to the status it leads to. */
const STEPS: Readonly<Record<OrderAction, { readonly from: readonly OrderStatus[]; readonly to: OrderStatus }>> = {
  accept: { from: ['requested'], to: 'accepted' },
  purchase: { from: ['accepted'], to: 'purchased' },
  deliver: { from: ['purchased'], to: 'delivered' },
  collect: { from: ['delivered'], to: 'collected' },
  cancel: { from: ['requested', 'accepted', 'purchased'], to: 'cancelled' },
};

/** The status a step leads to from this one, or undefined when the step is not legal from it. */
export function nextStatus(status: OrderStatus, action: OrderAction): OrderStatus | undefined {
  const step = STEPS[action];
  return step.from.includes(status) ? step.to : undefined;
}

/** Who may take each step (the household aside: collect, and cancel while requested, on its link). */
const STEP_ROLES: Readonly<Record<OrderAction, readonly Role[]>> = {
  accept: ['volunteer', 'community'],
  purchase: ['volunteer', 'community'],
  deliver: ['volunteer', 'community'],
  collect: ['volunteer', 'community', 'grid'],
  cancel: ['community'],
};
/** Steps only whoever accepted the order (or a community admin) takes: they carry it. */
const HOLDER_STEPS: readonly OrderAction[] = ['purchase', 'deliver'];
/** Steps a volunteer takes only on the orders they carry (a grid worker or community admin records a collection for anyone). */
const VOLUNTEER_HOLDER_STEPS: readonly OrderAction[] = [...HOLDER_STEPS, 'collect'];
/** Statuses in which an order is in its volunteer's hands (what "mine" lists). */
export const CARRIED_STATUSES = ['accepted', 'purchased', 'delivered'] as const satisfies readonly OrderStatus[];
const CARRIED: readonly OrderStatus[] = CARRIED_STATUSES;
/** Steps the household takes on its own link. */
const SELF_STEPS: readonly OrderAction[] = ['collect', 'cancel'];

/**
 * Why a step is refused: not the caller's to take (role or jurisdiction: 403), not from the
 * order's status (409), another volunteer's order (409), or accepted by someone else (409).
 */
export type OrderRefusal = (
  | { readonly code: 'forbidden' }
  | { readonly code: 'wrong-status' }
  | { readonly code: 'not-holder' }
  | { readonly code: 'taken' }
) & Spoken;

const who = (name: string | undefined, username: string | undefined): string => name ?? username ?? '';

/** Whether the caller's jurisdiction covers the order's household (its compound, or for a grid worker its building's grid). */
export const coversOrder = (caller: Caller, order: Pick<StoredOrder, 'compoundId' | 'streetId' | 'communityId' | 'gridIds'>): boolean =>
  canSeeCompound(caller, { id: order.compoundId, streetId: order.streetId, communityId: order.communityId, gridIds: order.gridIds });

/**
 * The refusal of a step by this actor on the order as it stands, or undefined when it may be taken.
 * Role and jurisdiction first (403), then the status (409 naming it; an accept that lost the race
 * names who took it), then who carries it.
 */
export function mayAct(actor: OrderActor, action: OrderAction, order: StoredOrder): OrderRefusal | undefined {
  if (actor === 'self') {
    if (!SELF_STEPS.includes(action)) return { code: 'forbidden', ...spoken('order.not-for-household', { action: spoken(`order.action.${action}`).said }) };
  } else {
    if (!STEP_ROLES[action].includes(actor.role)) {
      return { code: 'forbidden', ...spoken('order.role-may-not', { role: actor.role, action: spoken(`order.action.${action}`).said }) };
    }
    if (!coversOrder(actor, order)) return { code: 'forbidden', ...spoken('access.outside', { what: spoken('thing.order', { id: order.id }).said }) };
  }
  if (nextStatus(order.status, action) === undefined) {
    // Someone carries it (a lost race, or a late tap): say who; a finished order is only in the wrong status.
    if (action === 'accept' && CARRIED.includes(order.status) && order.acceptedBy !== undefined) {
      return { code: 'taken', ...spoken('order.taken', { id: order.id, by: who(order.acceptedByName, order.acceptedBy), at: order.acceptedAt ?? '' }) };
    }
    return { code: 'wrong-status', ...wrongStatus(order, action) };
  }
  // The household cancels only what nobody has started on; after that it calls the community.
  if (actor === 'self' && action === 'cancel' && order.status !== 'requested') return { code: 'wrong-status', ...wrongStatus(order, action) };
  const holderStep = actor !== 'self' && (actor.role === 'volunteer' ? VOLUNTEER_HOLDER_STEPS : HOLDER_STEPS).includes(action);
  if (actor !== 'self' && holderStep && actor.role !== 'community' && order.acceptedBy !== actor.username) {
    return { code: 'not-holder', ...spoken('order.not-holder', { id: order.id, by: who(order.acceptedByName, order.acceptedBy), action: spoken(`order.action.${action}`).said }) };
  }
  return undefined;
}

const wrongStatus = (order: Pick<Order, 'id' | 'status'>, action: OrderAction): Spoken =>
  spoken('order.wrong-status', { id: order.id, status: spoken(`order.status.${order.status}`).said, action: spoken(`order.action.${action}`).said });

/** The username a step records for its actor. */
const actorName = (actor: OrderActor): string => (actor === 'self' ? 'self' : actor.username);

/**
 * Whether the order already stands where this step leads, taken by this actor: a resent tap,
 * answered with the order as it is instead of a conflict.
 */
export function sameStep(actor: OrderActor, action: OrderAction, order: Order): boolean {
  if (order.status !== STEPS[action].to) return false;
  const by = actorName(actor);
  switch (action) {
    case 'accept':
      return order.acceptedBy === by;
    case 'purchase':
      return order.purchasedBy === by;
    case 'deliver':
      return order.deliveredBy === by;
    case 'collect':
      return order.collectedBy === by;
    case 'cancel':
      return order.cancelledBy === by;
  }
}

/** A field's refusal in a step's body: the field (`body.<name>`) and why. */
export interface BodyRefusal extends Spoken {
  readonly field: string;
}

/** Which fields of the one action body each step reads (the rest are refused, named). */
const STEP_FIELDS: Readonly<Record<OrderAction, readonly (keyof OrderActionBody)[]>> = {
  accept: [],
  purchase: ['amountPaid', 'receiptNo'],
  deliver: ['photoKey'],
  collect: [],
  cancel: ['reason'],
};

/**
 * What is wrong with a step's body: a field the step does not take, the amount paid missing from
 * a purchase, a staff cancel without a reason (a photo key not of an upload the schema refuses). Empty when fine.
 */
export function stepBodyRefusals(actor: OrderActor, action: OrderAction, body: OrderActionBody): BodyRefusal[] {
  const refusals: BodyRefusal[] = [];
  const allowed = STEP_FIELDS[action];
  for (const [field, value] of Object.entries(body)) {
    if (value !== undefined && !allowed.includes(field as keyof OrderActionBody)) {
      refusals.push({ field: `body.${field}`, ...spoken('order.field-not-for-action', { action: spoken(`order.action.${action}`).said }) });
    }
  }
  if (action === 'purchase' && body.amountPaid === undefined) refusals.push({ field: 'body.amountPaid', ...spoken('field.required') });
  if (action === 'cancel' && actor !== 'self' && body.reason === undefined) refusals.push({ field: 'body.reason', ...spoken('order.reason-needed') });
  return refusals;
}

/** The order after a step (checked legal by {@link mayAct}): the new status and who and when. */
export function steppedOrder(
  order: StoredOrder,
  action: OrderAction,
  step: { readonly actor: OrderActor; readonly at: string; readonly body: OrderActionBody },
): StoredOrder {
  const { actor, at, body } = step;
  const by = actorName(actor);
  const name = actor === 'self' ? undefined : actor.name;
  const status = STEPS[action].to;
  switch (action) {
    case 'accept':
      return { ...order, status, acceptedAt: at, acceptedBy: by, ...(name !== undefined ? { acceptedByName: name } : {}) };
    case 'purchase':
      return { ...order, status, purchasedAt: at, purchasedBy: by, amountPaid: body.amountPaid ?? 0, ...(body.receiptNo !== undefined ? { receiptNo: body.receiptNo } : {}) };
    case 'deliver':
      return { ...order, status, deliveredAt: at, deliveredBy: by, ...(body.photoKey !== undefined ? { photoKey: body.photoKey } : {}) };
    case 'collect':
      return { ...order, status, collectedAt: at, collectedBy: by };
    case 'cancel':
      return { ...order, status, cancelledAt: at, cancelledBy: by, ...(body.reason !== undefined ? { cancelReason: body.reason } : {}) };
  }
}

/** Counters of a community's China day (keys.orderDay), attribute names fixed for the figures. */
export type OrderDayCounter =
  | 'requested_groceries' | 'requested_medicine' | 'requested_other'
  | 'accepted' | 'purchased' | 'delivered' | 'collected' | 'cancelled' | 'overdue' | 'deliveryMinutes';

/** What an order's request or step adds to its day's counters. */
export function orderDayCounts(event: OrderAction | 'request' | 'overdue', order: Order): Partial<Record<OrderDayCounter, number>> {
  switch (event) {
    case 'request':
      return { [`requested_${order.kind}`]: 1 };
    case 'accept':
      return { accepted: 1 };
    case 'purchase':
      return { purchased: 1 };
    case 'deliver': {
      const minutes = order.deliveredAt ? Math.max(0, Math.round((Date.parse(order.deliveredAt) - Date.parse(order.requestedAt)) / MINUTE_MS)) : 0;
      return { delivered: 1, deliveryMinutes: minutes };
    }
    case 'collect':
      return { collected: 1 };
    case 'cancel':
      return { cancelled: 1 };
    case 'overdue':
      return { overdue: 1 };
  }
}

/** How a request or step moves its compound's count of open orders: in when placed, out when collected or cancelled. */
export function openOrderDelta(event: OrderAction | 'request' | 'overdue'): number {
  if (event === 'request') return 1;
  return event === 'collect' || event === 'cancel' ? -1 : 0;
}

/** Whether an order still waits for a volunteer past its deadline. */
export const isOrderOverdue = (order: Pick<Order, 'status' | 'acceptBy'>, at: string): boolean =>
  order.status === 'requested' && order.acceptBy <= at;

/** A room as those who need not see it read it: its first character kept (3** for 301), as lists mask a name. */
export const maskRoom = (room: string): string => maskName(room);

/** Who reads rooms whole: the community, the city and the grid worker, who visit the door; volunteers and officials do not. */
export const seesRooms = (caller: Caller): boolean => caller.role === 'community' || caller.role === 'city' || caller.role === 'grid';

/** A room as this caller reads it (seesRooms). */
export const roomFor = (caller: Caller, room: string): string => (seesRooms(caller) ? room : maskRoom(room));

/**
 * Who reads an order's note and prescription, and how: whole for those who carry it or visit the
 * door (a volunteer calls the number the note gives at delivery; community, city and grid see
 * residents' details anyway); not at all for the rest (officials inspect the work, not the
 * household's medicine).
 */
const orderNotesFor = (caller: Caller): 'whole' | 'none' =>
  (caller.role === 'volunteer' || seesResidentDetails(caller) ? 'whole' : 'none');

/**
 * An order as the caller reads it: the stored grids left out, the room masked unless theirs to
 * see, the note and prescription as orderNotesFor says, the cancel reason as noteFor gives it.
 */
export function orderFor(caller: Caller, order: StoredOrder): Order {
  const { gridIds: _grids, note, prescription, ...view } = order;
  const notes = orderNotesFor(caller) === 'whole' ? { ...(note !== undefined ? { note } : {}), ...(prescription !== undefined ? { prescription } : {}) } : {};
  return {
    ...view,
    ...notes,
    room: roomFor(caller, view.room),
    ...(view.cancelReason !== undefined ? { cancelReason: noteFor(caller, view.cancelReason) } : {}),
  };
}

/** An order as its household reads it on its link: picked field by field (an allow-list), no staff and no ids of others. */
export function publicOrder(order: Order): PublicOrder {
  const optional = <K extends keyof PublicOrder>(key: K, value: PublicOrder[K] | undefined) => (value !== undefined ? { [key]: value } : {});
  return {
    id: order.id,
    kind: order.kind,
    items: order.items,
    urgent: order.urgent,
    status: order.status,
    requestedAt: order.requestedAt,
    ...optional('acceptedAt', order.acceptedAt),
    ...optional('purchasedAt', order.purchasedAt),
    ...optional('amountPaid', order.amountPaid),
    ...optional('deliveredAt', order.deliveredAt),
    ...optional('collectedAt', order.collectedAt),
    ...optional('cancelledAt', order.cancelledAt),
    ...optional('dropOffPointName', order.dropOffPointName),
    // Whoever holds the door slip reads this page: the note's phone- and ID-shaped text masked.
    ...optional('note', order.note !== undefined ? maskPersonalText(order.note) : undefined),
  } as PublicOrder;
}

/**
 * The drop-off point an order goes to: the one asked for, when it is the compound's (else
 * `unknown`); without one, the point of the household's building, else the compound's first
 * (points come sorted by name); none when the compound has none.
 */
export function dropOffFor(
  points: readonly Pick<DropOffPoint, 'id' | 'name' | 'buildingId'>[],
  buildingId: string,
  askedId: string | undefined,
): { readonly point: { readonly id: string; readonly name: string } | undefined } | 'unknown' {
  const pick = (p: Pick<DropOffPoint, 'id' | 'name'> | undefined) => ({ point: p ? { id: p.id, name: p.name } : undefined });
  if (askedId !== undefined) {
    const asked = points.find((p) => p.id === askedId);
    return asked ? pick(asked) : 'unknown';
  }
  return pick(points.find((p) => p.buildingId === buildingId) ?? points.find((p) => p.buildingId === undefined) ?? points[0]);
}

/** Waiting longer than a day at its drop-off point. */
export const waitedOverADay = (deliveredAt: string, at: string): boolean => Date.parse(at) - Date.parse(deliveredAt) > 24 * 60 * MINUTE_MS;
