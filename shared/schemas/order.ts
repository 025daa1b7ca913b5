/**
 * Proxy purchase and delivery for sealed households (代购配送, issue 18): a household's order of
 * groceries, medicine or other necessities, worked by the community's volunteers from request to
 * collection at a drop-off point (物品指定存放点). An order names a household (compound, building,
 * room), never a person; medicine carries the prescription's details as text (never an image of an
 * ID). The household's own page (`/h/{token}`) is answered allow-lists (PublicOrder…), staff the
 * whole order with the room masked for those who need not see it.
 */
import * as z from '../zod.ts';
import { DynamoNumber, Id, Limit, NextToken, Timestamp } from './common.ts';
import { PhotoUploadTarget } from './inspection.ts';
import { Room } from './person.ts';

import { ORDER_KINDS } from './constants.ts';

export { ORDER_KINDS };
export const OrderKind = z.enum(ORDER_KINDS).register(z.globalRegistry, { description: 'groceries: food and daily goods; medicine: with the prescription\'s details; other necessities' });
export type OrderKind = z.infer<typeof OrderKind>;

/** The life of an order; `cancelled` may follow any state before `delivered`. */
export const ORDER_STATUSES = ['requested', 'accepted', 'purchased', 'delivered', 'collected', 'cancelled'] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;
/** Statuses still in someone's hands (the queue): listed when no status is asked for. */
export const OPEN_ORDER_STATUSES = ['requested', 'accepted', 'purchased', 'delivered'] as const satisfies readonly OrderStatus[];

/** The steps a staff member takes on an order, each the path's last segment (`POST /v1/orders/{id}/{action}`). */
export const ORDER_ACTIONS = ['accept', 'purchase', 'deliver', 'collect', 'cancel'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

export const OrderLine = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(50)).register(z.globalRegistry, { description: 'What: 大米, 布洛芬缓释胶囊 0.3g', example: '大米' }),
  qty: DynamoNumber.check(z.int(), z.gte(1), z.lte(99)).register(z.globalRegistry, { description: 'How many', example: 2 }),
  unit: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(10))).register(z.globalRegistry, { description: 'Of what: 袋, 盒, 斤', example: '袋' }),
}).register(z.globalRegistry, { id: 'OrderLine' });
export type OrderLine = z.infer<typeof OrderLine>;

const Note = z.string().check(z.trim(), z.minLength(1), z.maxLength(300));

/** What a household asks for, from its link or through a staff member. */
const orderFields = {
  orderId: Id.clone().register(z.globalRegistry, { description: 'Made by the client once per order: a resend with the same id stores nothing new (409 if it says something else)' }),
  items: z.array(OrderLine).check(z.minLength(1), z.maxLength(30)),
  kind: OrderKind,
  urgent: z.optional(z.boolean()).register(z.globalRegistry, { description: 'Cannot wait (an infant\'s formula, the last day of a medicine): worked before other orders of its kind' }),
  dropOffPointId: z.optional(Id).register(z.globalRegistry, { description: 'A drop-off point of the household\'s compound (default: the point of its building, else the compound\'s first)' }),
  note: z.optional(Note).register(z.globalRegistry, { description: 'Anything the volunteer should know (brand, budget, a phone to call at delivery)' }),
  prescription: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))).register(z.globalRegistry, { description: 'Medicine only: the prescription\'s details as text (drug, strength, dose, the doctor or hospital); never an image of an ID' }),
};

const medicineOnly = <T extends { kind: OrderKind; prescription?: string | undefined }>(o: T) => o.kind === 'medicine' || o.prescription === undefined;

export const PublicOrderCreate = z.strictObject(orderFields).check(z.refine(medicineOnly, { message: 'a prescription goes with a medicine order', path: ['prescription'] })).register(z.globalRegistry, { id: 'PublicOrderCreate', description: 'An order placed on the household\'s own link: the household is the link\'s' });
export type PublicOrderCreate = z.infer<typeof PublicOrderCreate>;

/** A household as staff name it: the compound, the building, the room as written on the door. */
export const HouseholdAddress = z.strictObject({ compoundId: Id, buildingId: Id, room: Room }).register(z.globalRegistry, { id: 'HouseholdAddress' });
export type HouseholdAddress = z.infer<typeof HouseholdAddress>;

export const OrderCreate = z.strictObject({
  ...orderFields,
  ...HouseholdAddress.shape,
  helpRequestId: z.optional(Id).register(z.globalRegistry, { description: 'The help request (紧急救助) this order answers; the order says so, the request stays for its closer' }),
}).check(z.refine(medicineOnly, { message: 'a prescription goes with a medicine order', path: ['prescription'] })).register(z.globalRegistry, { id: 'OrderCreate', description: 'An order a grid worker or community admin enters for a household (a phone call, a help request)' });
export type OrderCreate = z.infer<typeof OrderCreate>;

export const ORDER_SOURCES = ['household_link', 'staff', 'help_request'] as const;

export const Order = z.object({
  id: Id,
  householdId: Id,
  compoundId: Id,
  compoundName: z.string(),
  communityId: z.nullable(Id),
  streetId: z.nullable(Id),
  buildingId: Id,
  buildingName: z.optional(z.string()),
  room: z.string().register(z.globalRegistry, { description: 'As written on the door; masked (3**) for volunteers and officials' }),
  kind: OrderKind,
  items: z.array(OrderLine),
  urgent: z.boolean(),
  dropOffPointId: z.optional(Id),
  dropOffPointName: z.optional(z.string()),
  note: z.optional(z.string()),
  prescription: z.optional(z.string()),
  status: OrderStatus,
  source: z.enum(ORDER_SOURCES),
  helpRequestId: z.optional(Id),
  requestedAt: Timestamp,
  requestedBy: z.string().register(z.globalRegistry, { description: '"self" for the household\'s link, else the staff member\'s username' }),
  requestedByName: z.optional(z.string()),
  acceptBy: Timestamp.clone().register(z.globalRegistry, { description: 'When the order is overdue if nobody has accepted it (medicine: 2 h); an alert is raised then' }),
  acceptedAt: z.optional(Timestamp),
  acceptedBy: z.optional(z.string()),
  acceptedByName: z.optional(z.string()).register(z.globalRegistry, { description: 'Who carries it, from the staff directory' }),
  purchasedAt: z.optional(Timestamp),
  purchasedBy: z.optional(z.string()).register(z.globalRegistry, { description: 'Who recorded the purchase: whoever accepted, or a community admin for them' }),
  amountPaid: z.optional(DynamoNumber).register(z.globalRegistry, { description: 'Yuan paid, as on the receipt' }),
  receiptNo: z.optional(z.string()),
  deliveredAt: z.optional(Timestamp),
  deliveredBy: z.optional(z.string()),
  photoKey: z.optional(z.string()).register(z.globalRegistry, { description: 'A photo of the goods at the drop-off point (optional)' }),
  collectedAt: z.optional(Timestamp),
  collectedBy: z.optional(z.string()).register(z.globalRegistry, { description: '"self" when the household confirmed on its link, else the staff member who recorded it' }),
  cancelledAt: z.optional(Timestamp),
  cancelledBy: z.optional(z.string()),
  cancelReason: z.optional(z.string()),
  overdueAlertId: z.optional(Id).register(z.globalRegistry, { description: 'The alert raised when the order was not accepted in time' }),
}).register(z.globalRegistry, { id: 'Order' });
export type Order = z.infer<typeof Order>;

export const OrderIdParams = z.object({ id: Id });
export const OrderActionParams = z.object({ id: Id, action: z.enum(ORDER_ACTIONS) });

export const OrderListQuery = z.object({
  communityId: z.optional(Id).register(z.globalRegistry, { description: 'The community\'s queue (default: the caller\'s own community)' }),
  compoundId: z.optional(Id),
  status: z.optional(OrderStatus).register(z.globalRegistry, { description: 'One status; without it every open status (requested, accepted, purchased, delivered)' }),
  mine: z.optional(z.enum(['true', 'false'])).register(z.globalRegistry, { description: 'true: only the orders the caller accepted' }),
  limit: Limit,
  nextToken: NextToken,
});
export type OrderListQuery = z.infer<typeof OrderListQuery>;
export const OrderPage = z.object({ items: z.array(Order), nextToken: z.optional(z.string()) }).register(z.globalRegistry, { id: 'OrderPage', description: 'Medicine and urgent orders first, then oldest first' });

/** The body of a step; each step reads the fields it needs and refuses the others. */
export const OrderAccept = z.strictObject({}).register(z.globalRegistry, { id: 'OrderAccept' });
export const OrderPurchase = z.strictObject({
  amountPaid: DynamoNumber.check(z.gte(0), z.lte(100000)).register(z.globalRegistry, { description: 'Yuan paid, as on the receipt' }),
  receiptNo: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(50))).register(z.globalRegistry, { description: 'The receipt or invoice number' }),
}).register(z.globalRegistry, { id: 'OrderPurchase' });
/** A delivery photo's key, as POST /v1/orders/uploads gives it (the files grant of the orders function covers `orders/` only). */
export const DELIVERY_PHOTO_KEY = /^orders\/[0-9a-f]{32}\.(jpg|png|webp)$/;
export const DeliveryPhotoKey = z.string().check(z.regex(DELIVERY_PHOTO_KEY, 'must be a key POST /v1/orders/uploads gave')).register(z.globalRegistry, { description: 'A delivery photo\'s key from POST /v1/orders/uploads' });
/** Where to PUT one delivery photo: as an inspection photo's target, its key under `orders/`. */
export const DeliveryPhotoUploadTarget = z.extend(PhotoUploadTarget, { key: DeliveryPhotoKey }).register(z.globalRegistry, { id: 'DeliveryPhotoUploadTarget' });
export const OrderDeliver = z.strictObject({ photoKey: z.optional(DeliveryPhotoKey).register(z.globalRegistry, { description: 'An uploaded photo (POST /v1/orders/uploads) of the goods at the point' }) }).register(z.globalRegistry, { id: 'OrderDeliver' });
export const OrderCollect = z.strictObject({}).register(z.globalRegistry, { id: 'OrderCollect' });
export const OrderCancel = z.strictObject({ reason: Note.clone().register(z.globalRegistry, { description: 'Why: the household no longer needs it, out of stock, a duplicate' }) }).register(z.globalRegistry, { id: 'OrderCancel' });
/** Any step's body: the union the one action route takes; the handler holds each action to its own. */
export const OrderActionBody = z.strictObject({
  amountPaid: z.optional(OrderPurchase.shape.amountPaid),
  receiptNo: OrderPurchase.shape.receiptNo,
  photoKey: OrderDeliver.shape.photoKey,
  reason: z.optional(Note),
}).register(z.globalRegistry, { id: 'OrderActionBody', description: 'purchase: amountPaid (required), receiptNo; deliver: photoKey; cancel: reason (required); accept and collect: nothing' });
export type OrderActionBody = z.infer<typeof OrderActionBody>;

/** A household's link, as issued: shown once (only its hash is kept). */
export const HouseholdLinkIssued = z.object({
  token: z.string().register(z.globalRegistry, { description: 'The link token: the household\'s page is /h/{token}; shown once, never stored' }),
  householdId: Id,
  validUntil: Timestamp,
}).register(z.globalRegistry, { id: 'HouseholdLinkIssued' });
export const HouseholdLinkRevoke = z.strictObject({ token: z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[A-Za-z0-9._-]+$/, 'must be a household link token')) }).register(z.globalRegistry, { id: 'HouseholdLinkRevoke' });
export const HouseholdLinkRevoked = z.object({ householdId: Id, revokedAt: Timestamp }).register(z.globalRegistry, { id: 'HouseholdLinkRevoked' });

export const PublicOrderParams = z.object({
  token: z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[A-Za-z0-9._-]+$/, 'must be a household link token')).register(z.globalRegistry, { description: 'The token of the household link /h/{token}' }),
});
export const PublicOrderStepParams = z.extend(PublicOrderParams, { id: Id });

/** An order as its household sees it: what, where it stands and where to collect it; no staff, no ids of others. */
export const PublicOrder = z.strictObject({
  id: Id,
  kind: OrderKind,
  items: z.array(OrderLine),
  urgent: z.boolean(),
  status: OrderStatus,
  requestedAt: Timestamp,
  acceptedAt: z.optional(Timestamp),
  purchasedAt: z.optional(Timestamp),
  amountPaid: z.optional(DynamoNumber),
  deliveredAt: z.optional(Timestamp),
  collectedAt: z.optional(Timestamp),
  cancelledAt: z.optional(Timestamp),
  dropOffPointName: z.optional(z.string()),
  note: z.optional(z.string()),
}).register(z.globalRegistry, { id: 'PublicOrder' });
export type PublicOrder = z.infer<typeof PublicOrder>;

export const PublicOrderPoint = z.strictObject({ id: Id, name: z.string(), hours: z.optional(z.string()), location: z.optional(z.string()) });

export const PublicOrderPage = z.strictObject({
  compoundId: Id.clone().register(z.globalRegistry, { description: 'The compound: its public page (/public/compounds/{id}) has the day\'s cases, disinfection and hotlines' }),
  compoundName: z.string(),
  buildingName: z.optional(z.string()),
  room: z.string(),
  dropOffPoints: z.array(PublicOrderPoint).register(z.globalRegistry, { description: 'Where goods can be left for this household: its building\'s first, then the compound\'s' }),
  items: z.array(PublicOrder).register(z.globalRegistry, { description: 'The household\'s orders, newest first (the last 30 days)' }),
}).register(z.globalRegistry, { id: 'PublicOrderPage' });
export type PublicOrderPage = z.infer<typeof PublicOrderPage>;

export const PublicOrderCreated = z.strictObject({ id: Id, status: OrderStatus }).register(z.globalRegistry, { id: 'PublicOrderCreated' });

/** The waiting view's bucket of orders delivered with no drop-off point (the compound had none when they were placed). */
export const NO_DROP_OFF_POINT_ID = 'none';

/** What waits at one drop-off point: delivered, not yet collected, for whom (masked). */
export const DropOffWaiting = z.object({
  point: z.object({
    id: Id,
    name: z.string(),
    removed: z.optional(z.literal(true)).register(z.globalRegistry, { description: 'The point was removed since goods were left there: it still holds them, and takes no new orders' }),
  }).register(z.globalRegistry, { description: `id "${NO_DROP_OFF_POINT_ID}" (name empty): delivered to no point, listed only when something waits there` }),
  orders: z.array(z.object({
    id: Id,
    buildingName: z.optional(z.string()),
    room: z.string().register(z.globalRegistry, { description: 'Masked for those who need not see it' }),
    kind: OrderKind,
    lines: DynamoNumber.check(z.int()),
    deliveredAt: Timestamp,
    overADay: z.boolean().register(z.globalRegistry, { description: 'Waiting longer than 24 hours' }),
  })),
}).register(z.globalRegistry, { id: 'DropOffWaiting' });
export const DropOffWaitingList = z.object({ items: z.array(DropOffWaiting) }).register(z.globalRegistry, { id: 'DropOffWaitingList', description: 'The compound\'s points with what waits at each, oldest first; a point with nothing waiting is listed empty' });
