/**
 * Proxy purchase and delivery for sealed households (代购配送, issue 18): a household's order of
 * groceries, medicine or other necessities, worked by the community's volunteers from request to
 * collection at a drop-off point (物品指定存放点). An order names a household (compound, building,
 * room), never a person; medicine carries the prescription's details as text (never an image of an
 * ID). The household's own page (`/h/{token}`) is answered allow-lists (PublicOrder…), staff the
 * whole order with the room masked for those who need not see it.
 */
import * as z from 'zod';
import { DynamoNumber, Id, Limit, NextToken, Timestamp } from './common.ts';
import { PhotoUploadTarget } from './inspection.ts';
import { Room } from './person.ts';

import { ORDER_KINDS } from './constants.ts';

export { ORDER_KINDS };
export const OrderKind = z.enum(ORDER_KINDS).meta({ description: 'groceries: food and daily goods; medicine: with the prescription\'s details; other necessities' });
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

export const OrderLine = z
  .object({
    name: z.string().trim().min(1).max(50).meta({ description: 'What: 大米, 布洛芬缓释胶囊 0.3g', example: '大米' }),
    qty: DynamoNumber.int().min(1).max(99).meta({ description: 'How many', example: 2 }),
    unit: z.string().trim().min(1).max(10).optional().meta({ description: 'Of what: 袋, 盒, 斤', example: '袋' }),
  })
  .strict()
  .meta({ id: 'OrderLine' });
export type OrderLine = z.infer<typeof OrderLine>;

const Note = z.string().trim().min(1).max(300);

/** What a household asks for, from its link or through a staff member. */
const orderFields = {
  orderId: Id.meta({ description: 'Made by the client once per order: a resend with the same id stores nothing new (409 if it says something else)' }),
  items: z.array(OrderLine).min(1).max(30),
  kind: OrderKind,
  urgent: z.boolean().optional().meta({ description: 'Cannot wait (an infant\'s formula, the last day of a medicine): worked before other orders of its kind' }),
  dropOffPointId: Id.optional().meta({ description: 'A drop-off point of the household\'s compound (default: the point of its building, else the compound\'s first)' }),
  note: Note.optional().meta({ description: 'Anything the volunteer should know (brand, budget, a phone to call at delivery)' }),
  prescription: z.string().trim().min(1).max(500).optional().meta({ description: 'Medicine only: the prescription\'s details as text (drug, strength, dose, the doctor or hospital); never an image of an ID' }),
};

const medicineOnly = <T extends { kind: OrderKind; prescription?: string | undefined }>(o: T) => o.kind === 'medicine' || o.prescription === undefined;

export const PublicOrderCreate = z
  .object(orderFields)
  .strict()
  .refine(medicineOnly, { message: 'a prescription goes with a medicine order', path: ['prescription'] })
  .meta({ id: 'PublicOrderCreate', description: 'An order placed on the household\'s own link: the household is the link\'s' });
export type PublicOrderCreate = z.infer<typeof PublicOrderCreate>;

/** A household as staff name it: the compound, the building, the room as written on the door. */
export const HouseholdAddress = z
  .object({ compoundId: Id, buildingId: Id, room: Room })
  .strict()
  .meta({ id: 'HouseholdAddress' });
export type HouseholdAddress = z.infer<typeof HouseholdAddress>;

export const OrderCreate = z
  .object({
    ...orderFields,
    ...HouseholdAddress.shape,
    helpRequestId: Id.optional().meta({ description: 'The help request (紧急救助) this order answers; the order says so, the request stays for its closer' }),
  })
  .strict()
  .refine(medicineOnly, { message: 'a prescription goes with a medicine order', path: ['prescription'] })
  .meta({ id: 'OrderCreate', description: 'An order a grid worker or community admin enters for a household (a phone call, a help request)' });
export type OrderCreate = z.infer<typeof OrderCreate>;

export const ORDER_SOURCES = ['household_link', 'staff', 'help_request'] as const;

export const Order = z
  .object({
    id: Id,
    householdId: Id,
    compoundId: Id,
    compoundName: z.string(),
    communityId: Id.nullable(),
    streetId: Id.nullable(),
    buildingId: Id,
    buildingName: z.string().optional(),
    room: z.string().meta({ description: 'As written on the door; masked (3**) for volunteers and officials' }),
    kind: OrderKind,
    items: z.array(OrderLine),
    urgent: z.boolean(),
    dropOffPointId: Id.optional(),
    dropOffPointName: z.string().optional(),
    note: z.string().optional(),
    prescription: z.string().optional(),
    status: OrderStatus,
    source: z.enum(ORDER_SOURCES),
    helpRequestId: Id.optional(),
    requestedAt: Timestamp,
    requestedBy: z.string().meta({ description: '"self" for the household\'s link, else the staff member\'s username' }),
    requestedByName: z.string().optional(),
    acceptBy: Timestamp.meta({ description: 'When the order is overdue if nobody has accepted it (medicine: 2 h); an alert is raised then' }),
    acceptedAt: Timestamp.optional(),
    acceptedBy: z.string().optional(),
    acceptedByName: z.string().optional().meta({ description: 'Who carries it, from the staff directory' }),
    purchasedAt: Timestamp.optional(),
    purchasedBy: z.string().optional().meta({ description: 'Who recorded the purchase: whoever accepted, or a community admin for them' }),
    amountPaid: DynamoNumber.optional().meta({ description: 'Yuan paid, as on the receipt' }),
    receiptNo: z.string().optional(),
    deliveredAt: Timestamp.optional(),
    deliveredBy: z.string().optional(),
    photoKey: z.string().optional().meta({ description: 'A photo of the goods at the drop-off point (optional)' }),
    collectedAt: Timestamp.optional(),
    collectedBy: z.string().optional().meta({ description: '"self" when the household confirmed on its link, else the staff member who recorded it' }),
    cancelledAt: Timestamp.optional(),
    cancelledBy: z.string().optional(),
    cancelReason: z.string().optional(),
    overdueAlertId: Id.optional().meta({ description: 'The alert raised when the order was not accepted in time' }),
  })
  .meta({ id: 'Order' });
export type Order = z.infer<typeof Order>;

export const OrderIdParams = z.object({ id: Id });
export const OrderActionParams = z.object({ id: Id, action: z.enum(ORDER_ACTIONS) });

export const OrderListQuery = z.object({
  communityId: Id.optional().meta({ description: 'The community\'s queue (default: the caller\'s own community)' }),
  compoundId: Id.optional(),
  status: OrderStatus.optional().meta({ description: 'One status; without it every open status (requested, accepted, purchased, delivered)' }),
  mine: z.enum(['true', 'false']).optional().meta({ description: 'true: only the orders the caller accepted' }),
  limit: Limit,
  nextToken: NextToken,
});
export type OrderListQuery = z.infer<typeof OrderListQuery>;
export const OrderPage = z.object({ items: z.array(Order), nextToken: z.string().optional() }).meta({ id: 'OrderPage', description: 'Medicine and urgent orders first, then oldest first' });

/** The body of a step; each step reads the fields it needs and refuses the others. */
export const OrderAccept = z.object({}).strict().meta({ id: 'OrderAccept' });
export const OrderPurchase = z
  .object({
    amountPaid: DynamoNumber.min(0).max(100000).meta({ description: 'Yuan paid, as on the receipt' }),
    receiptNo: z.string().trim().min(1).max(50).optional().meta({ description: 'The receipt or invoice number' }),
  })
  .strict()
  .meta({ id: 'OrderPurchase' });
/** A delivery photo's key, as POST /v1/orders/uploads gives it (the files grant of the orders function covers `orders/` only). */
export const DELIVERY_PHOTO_KEY = /^orders\/[0-9a-f]{32}\.(jpg|png|webp)$/;
export const DeliveryPhotoKey = z.string().regex(DELIVERY_PHOTO_KEY, 'must be a key POST /v1/orders/uploads gave')
  .meta({ description: 'A delivery photo\'s key from POST /v1/orders/uploads' });
/** Where to PUT one delivery photo: as an inspection photo's target, its key under `orders/`. */
export const DeliveryPhotoUploadTarget = PhotoUploadTarget.extend({ key: DeliveryPhotoKey }).meta({ id: 'DeliveryPhotoUploadTarget' });
export const OrderDeliver = z
  .object({ photoKey: DeliveryPhotoKey.optional().meta({ description: 'An uploaded photo (POST /v1/orders/uploads) of the goods at the point' }) })
  .strict()
  .meta({ id: 'OrderDeliver' });
export const OrderCollect = z.object({}).strict().meta({ id: 'OrderCollect' });
export const OrderCancel = z.object({ reason: Note.meta({ description: 'Why: the household no longer needs it, out of stock, a duplicate' }) }).strict().meta({ id: 'OrderCancel' });
/** Any step's body: the union the one action route takes; the handler holds each action to its own. */
export const OrderActionBody = z
  .object({
    amountPaid: OrderPurchase.shape.amountPaid.optional(),
    receiptNo: OrderPurchase.shape.receiptNo,
    photoKey: OrderDeliver.shape.photoKey,
    reason: Note.optional(),
  })
  .strict()
  .meta({ id: 'OrderActionBody', description: 'purchase: amountPaid (required), receiptNo; deliver: photoKey; cancel: reason (required); accept and collect: nothing' });
export type OrderActionBody = z.infer<typeof OrderActionBody>;

/** A household's link, as issued: shown once (only its hash is kept). */
export const HouseholdLinkIssued = z
  .object({
    token: z.string().meta({ description: 'The link token: the household\'s page is /h/{token}; shown once, never stored' }),
    householdId: Id,
    validUntil: Timestamp,
  })
  .meta({ id: 'HouseholdLinkIssued' });
export const HouseholdLinkRevoke = z
  .object({ token: z.string().min(1).max(200).regex(/^[A-Za-z0-9._-]+$/, 'must be a household link token') })
  .strict()
  .meta({ id: 'HouseholdLinkRevoke' });
export const HouseholdLinkRevoked = z.object({ householdId: Id, revokedAt: Timestamp }).meta({ id: 'HouseholdLinkRevoked' });

export const PublicOrderParams = z.object({
  token: z.string().min(1).max(200).regex(/^[A-Za-z0-9._-]+$/, 'must be a household link token').meta({ description: 'The token of the household link /h/{token}' }),
});
export const PublicOrderStepParams = PublicOrderParams.extend({ id: Id });

/** An order as its household sees it: what, where it stands and where to collect it; no staff, no ids of others. */
export const PublicOrder = z
  .object({
    id: Id,
    kind: OrderKind,
    items: z.array(OrderLine),
    urgent: z.boolean(),
    status: OrderStatus,
    requestedAt: Timestamp,
    acceptedAt: Timestamp.optional(),
    purchasedAt: Timestamp.optional(),
    amountPaid: DynamoNumber.optional(),
    deliveredAt: Timestamp.optional(),
    collectedAt: Timestamp.optional(),
    cancelledAt: Timestamp.optional(),
    dropOffPointName: z.string().optional(),
    note: z.string().optional(),
  })
  .strict()
  .meta({ id: 'PublicOrder' });
export type PublicOrder = z.infer<typeof PublicOrder>;

export const PublicOrderPoint = z.object({ id: Id, name: z.string(), hours: z.string().optional(), location: z.string().optional() }).strict();

export const PublicOrderPage = z
  .object({
    compoundId: Id.meta({ description: 'The compound: its public page (/public/compounds/{id}) has the day\'s cases, disinfection and hotlines' }),
    compoundName: z.string(),
    buildingName: z.string().optional(),
    room: z.string(),
    dropOffPoints: z.array(PublicOrderPoint).meta({ description: 'Where goods can be left for this household: its building\'s first, then the compound\'s' }),
    items: z.array(PublicOrder).meta({ description: 'The household\'s orders, newest first (the last 30 days)' }),
  })
  .strict()
  .meta({ id: 'PublicOrderPage' });
export type PublicOrderPage = z.infer<typeof PublicOrderPage>;

export const PublicOrderCreated = z.object({ id: Id, status: OrderStatus }).strict().meta({ id: 'PublicOrderCreated' });

/** The waiting view's bucket of orders delivered with no drop-off point (the compound had none when they were placed). */
export const NO_DROP_OFF_POINT_ID = 'none';

/** What waits at one drop-off point: delivered, not yet collected, for whom (masked). */
export const DropOffWaiting = z
  .object({
    point: z.object({
      id: Id,
      name: z.string(),
      removed: z.literal(true).optional().meta({ description: 'The point was removed since goods were left there: it still holds them, and takes no new orders' }),
    }).meta({ description: `id "${NO_DROP_OFF_POINT_ID}" (name empty): delivered to no point, listed only when something waits there` }),
    orders: z.array(z.object({
      id: Id,
      buildingName: z.string().optional(),
      room: z.string().meta({ description: 'Masked for those who need not see it' }),
      kind: OrderKind,
      lines: DynamoNumber.int(),
      deliveredAt: Timestamp,
      overADay: z.boolean().meta({ description: 'Waiting longer than 24 hours' }),
    })),
  })
  .meta({ id: 'DropOffWaiting' });
export const DropOffWaitingList = z.object({ items: z.array(DropOffWaiting) }).meta({ id: 'DropOffWaitingList', description: 'The compound\'s points with what waits at each, oldest first; a point with nothing waiting is listed empty' });
