/**
 * Order routes (代购配送, issue 18): a community's queue of households' orders (medicine and urgent
 * first), an order entered by a grid worker or community admin for a household that called (or
 * from a help request), one order, its steps (accept → purchase → deliver → collect, or cancel),
 * where to upload a delivery photo, and what waits at a compound's drop-off points. The rules are
 * shared/domain/orders.ts's; the writes order-store's.
 */
import { randomBytes } from 'node:crypto';
import { householdIdOf } from '#shared/domain/households.ts';
import { CARRIED_STATUSES, coversOrder, dropOffFor, newOrder, orderFor, roomFor, sameAsk, waitedOverADay, type StoredOrder } from '#shared/domain/orders.ts';
import { ordersRoutes } from '#shared/catalogue/routes/orders.ts';
import { message } from '#shared/messages/message.ts';
import { listScope, type Caller } from '#shared/roles.ts';
import { NO_DROP_OFF_POINT_ID, OPEN_ORDER_STATUSES } from '#shared/schemas/order.ts';
import { communityForCaller, compoundForCaller } from '../edge/access.ts';
import { httpHandler } from '../edge/http.ts';
import { nowIso } from '../platform/clock.ts';
import { EXTENSION_OF, filesPort } from '../platform/files.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, fieldError } from '../platform/errors.ts';
import { cursorOf, pageOf, readSourcesFilled } from '../platform/list-sources.ts';
import { orderSettings } from '../platform/order-settings.ts';
import { dropOffPointsOf } from '../stores/drop-off-store.ts';
import { getHelpRequest } from '../stores/help-store.ts';
import { ensureHousehold } from '../stores/household-store.ts';
import { getOrder, orderFromItem, orderSources, placeOrder, stepOrder, waitingAtCompound } from '../stores/order-store.ts';
import { getGrid, loadPlaces } from '../stores/places-store.ts';

/** The grid a grid worker's lists are filtered to (their community's queue holds the grid's orders), else undefined. */
const gridOf = (caller: Caller): string | undefined => (listScope(caller).level === 'grid' ? caller.jurisdiction.gridId ?? '' : undefined);

/**
 * The community whose queues a caller's list reads when they name none: their jurisdiction's (a
 * grid worker's, their grid's community, from the grid when their binding names none). Above a
 * community the caller names one (or a compound): a city's lists would be a query per community
 * and status; none for those posted to compounds.
 */
async function communityOf(caller: Caller): Promise<string | undefined> {
  const scope = listScope(caller);
  switch (scope.level) {
    case 'city':
    case 'street':
      throw new ValidationError([fieldError('query.communityId', message('order.name-community'))]);
    case 'community':
      return scope.communityId;
    case 'grid':
      return caller.jurisdiction.communityId ?? (await getGrid(scope.gridId))?.communityId;
    case 'compounds':
      return undefined;
  }
}

/** Items a filtered list (mine, a compound, a grid) reads at most for one page before answering it short, with its cursor. */
const LIST_READ_BUDGET = 2_000;

const asked = (id: string) => message('thing.order', { id });

export const handler = httpHandler(ordersRoutes, {
  listOrders: async ({ query, caller }) => {
    let communityId: string | null | undefined;
    if (query.compoundId !== undefined) communityId = (await compoundForCaller(query.compoundId, caller)).communityId;
    else if (query.communityId !== undefined) communityId = communityForCaller(await loadPlaces(), query.communityId, caller, 'query.communityId').id;
    else communityId = await communityOf(caller);
    const mine = query.mine === 'true';
    // What the caller carries is accepted, purchased or delivered: never read the (long) requested queue for it.
    const statuses = query.status !== undefined ? [query.status] : mine ? CARRIED_STATUSES : OPEN_ORDER_STATUSES;
    const gridId = gridOf(caller);
    const page = await readSourcesFilled(
      orderSources(communityId === undefined ? [] : [communityId], statuses),
      (item) => {
        const order = orderFromItem(item);
        if (query.compoundId !== undefined && order.compoundId !== query.compoundId) return undefined;
        if (gridId !== undefined && !order.gridIds.includes(gridId)) return undefined;
        if (mine && order.acceptedBy !== caller.username) return undefined;
        return orderFor(caller, order);
      },
      query.limit ?? 100,
      cursorOf(query.nextToken),
      LIST_READ_BUDGET,
    );
    return pageOf(page.items, page.next);
  },

  createOrder: async ({ body, caller }) => {
    const { compoundId, buildingId, room, helpRequestId, ...fields } = body;
    // Everything that can refuse is asked before ensureHousehold may write the household's record:
    // a refused order leaves the table as it was. A resend first: the stored order answers.
    const landed = await getOrder(body.orderId, { consistent: true });
    if (landed) {
      if (!sameAsk(landed, { ...fields, householdId: householdIdOf({ compoundId, buildingId, room }), helpRequestId })) {
        throw new ConflictError(message('order.differs', { id: landed.id }));
      }
      if (!coversOrder(caller, landed)) throw new ForbiddenError(message('access.outside', { what: asked(landed.id) }));
      return orderFor(caller, landed);
    }
    if (helpRequestId !== undefined) {
      const help = await getHelpRequest(helpRequestId);
      if (!help) throw new NotFoundError(message('access.no', { what: message('thing.help', { id: helpRequestId }) }));
      if (help.compoundId !== compoundId) {
        throw new ValidationError([fieldError('body.helpRequestId', message('order.help-other-compound', { id: helpRequestId }))]);
      }
    }
    const chosen = dropOffFor(await dropOffPointsOf(compoundId), buildingId, fields.dropOffPointId);
    if (chosen === 'unknown') {
      throw new ValidationError([fieldError('body.dropOffPointId', message('order.no-drop-off-point', { id: fields.dropOffPointId ?? '', compound: compoundId }))]);
    }
    const household = await ensureHousehold({ compoundId, buildingId, room }, caller);
    const order = newOrder({
      ...fields,
      ...(helpRequestId !== undefined ? { helpRequestId } : {}),
      household,
      dropOffPoint: chosen.point,
      source: helpRequestId !== undefined ? 'help_request' : 'staff',
      by: caller,
      at: nowIso(),
      acceptMinutes: orderSettings().acceptMinutes,
    });
    return orderFor(caller, await placeOrder(order, caller));
  },

  getOrder: async ({ params, caller }) => {
    const order = await getOrder(params.id);
    if (!order) throw new NotFoundError(message('access.no', { what: asked(params.id) }));
    if (!coversOrder(caller, order)) throw new ForbiddenError(message('access.outside', { what: asked(params.id) }));
    return orderFor(caller, order);
  },

  actOnOrder: async ({ params, body, caller }) =>
    orderFor(caller, await stepOrder(params.id, params.action, { body, by: caller, at: nowIso() })),

  createOrderUpload: async ({ body }) => {
    // A fresh random key under orders/ (the prefix the files grant allows): nothing to guess, nothing to overwrite.
    const key = `orders/${randomBytes(16).toString('hex')}.${EXTENSION_OF[body.contentType] ?? 'bin'}`;
    const target = await filesPort().uploadTarget({ key, contentType: body.contentType, size: body.size });
    return { ...target, key };
  },

  listDropOffWaiting: async ({ params, caller }) => {
    const compound = await compoundForCaller(params.id, caller);
    const [points, waiting] = await Promise.all([dropOffPointsOf(compound.id), waitingAtCompound(compound.id)]);
    const gridId = gridOf(caller);
    const at = nowIso();
    const entry = (order: StoredOrder) => ({
      id: order.id,
      ...(order.buildingName !== undefined ? { buildingName: order.buildingName } : {}),
      room: roomFor(caller, order.room),
      kind: order.kind,
      lines: order.items.length,
      deliveredAt: order.deliveredAt ?? order.requestedAt,
      overADay: waitedOverADay(order.deliveredAt ?? order.requestedAt, at),
    });
    const mine = waiting.filter((o) => gridId === undefined || o.gridIds.includes(gridId));
    const known = new Set(points.map((p) => p.id));
    // A point removed since the goods were left there still holds them: listed by the name the order kept.
    const gone = [...new Map(mine.filter((o) => o.dropOffPointId !== undefined && !known.has(o.dropOffPointId))
      .map((o) => [o.dropOffPointId as string, { id: o.dropOffPointId as string, name: o.dropOffPointName ?? '', removed: true }])).values()];
    // Delivered to no point (the compound had none when it was placed): listed too, or it would wait unseen.
    const pointless = mine.filter((o) => o.dropOffPointId === undefined);
    return {
      items: [
        ...[...points.map((p) => ({ id: p.id, name: p.name })), ...gone].map((point) => ({
          point,
          orders: mine.filter((o) => o.dropOffPointId === point.id).map(entry),
        })),
        ...(pointless.length > 0 ? [{ point: { id: NO_DROP_OFF_POINT_ID, name: '' }, orders: pointless.map(entry) }] : []),
      ],
    };
  },
});
