/**
 * Order routes (代购配送, issue 18): a community's queue of households' orders (medicine and urgent
 * first), an order entered by a grid worker or community admin for a household that called (or
 * from a help request), one order, its steps (accept → purchase → deliver → collect, or cancel),
 * where to upload a delivery photo, and what waits at a compound's drop-off points. The rules are
 * shared/domain/orders.ts's; the writes order-store's.
 */
import { randomBytes } from 'node:crypto';
import { householdIdOf } from '#shared/domain/households.ts';
import { canonicalJson } from '#shared/domain/ids.ts';
import { ORDER_ASKED, coversOrder, dropOffFor, maskRoom, newOrder, orderFor, seesRooms, waitedOverADay } from '#shared/domain/orders.ts';
import { ordersRoutes } from '#shared/catalogue/routes/orders.ts';
import { message } from '#shared/messages/message.ts';
import { listScope, type Caller } from '#shared/roles.ts';
import { OPEN_ORDER_STATUSES, type Order } from '#shared/schemas/order.ts';
import { communityForCaller, compoundForCaller } from '../edge/access.ts';
import { httpHandler } from '../edge/http.ts';
import { nowIso } from '../platform/clock.ts';
import { EXTENSION_OF, filesPort } from '../platform/files.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, fieldError } from '../platform/errors.ts';
import { cursorOf, pageOf, readSources } from '../platform/list-sources.ts';
import { orderSettings } from '../platform/order-settings.ts';
import { dropOffPointsOf } from '../stores/drop-off-store.ts';
import { getHelpRequest } from '../stores/help-store.ts';
import { ensureHousehold } from '../stores/household-store.ts';
import { getOrder, orderFromItem, orderSources, placeOrder, stepOrder, waitingAtCompound } from '../stores/order-store.ts';
import { loadPlaces, type Places } from '../stores/places-store.ts';

/** The communities whose queues a caller's list reads when they name none: their jurisdiction's. */
function communitiesOf(caller: Caller, places: Places): (string | null)[] {
  const scope = listScope(caller);
  switch (scope.level) {
    case 'city':
      return [...places.communities.map((c) => c.id), null];
    case 'street':
      return places.communities.filter((c) => c.streetId === scope.streetId).map((c) => c.id);
    case 'community':
      return [scope.communityId];
    case 'grid':
      // A grid lies in one community: its list is that community's, filtered by the grid.
      return [caller.jurisdiction.communityId ?? null];
    case 'compounds':
      return [];
  }
}

const asked = (id: string) => message('thing.order', { id });

export const handler = httpHandler(ordersRoutes, {
  listOrders: async ({ query, caller }) => {
    const places = await loadPlaces();
    let communityIds: (string | null)[];
    if (query.compoundId !== undefined) communityIds = [(await compoundForCaller(query.compoundId, caller)).communityId];
    else if (query.communityId !== undefined) communityIds = [communityForCaller(places, query.communityId, caller, 'query.communityId').id];
    else communityIds = communitiesOf(caller, places);
    const gridId = listScope(caller).level === 'grid' ? caller.jurisdiction.gridId ?? '' : undefined;
    const page = await readSources(
      orderSources(communityIds, query.status === undefined ? OPEN_ORDER_STATUSES : [query.status]),
      (item) => {
        const order = orderFromItem(item);
        if (query.compoundId !== undefined && order.compoundId !== query.compoundId) return undefined;
        if (gridId !== undefined && !order.gridIds.includes(gridId)) return undefined;
        if (query.mine === 'true' && order.acceptedBy !== caller.username) return undefined;
        return orderFor(caller, order);
      },
      query.limit ?? 100,
      cursorOf(query.nextToken),
    );
    return pageOf(page.items, page.next);
  },

  createOrder: async ({ body, caller }) => {
    const { compoundId, buildingId, room, helpRequestId, ...fields } = body;
    // Everything that can refuse is asked before ensureHousehold may write the household's record:
    // a refused order leaves the table as it was. A resend first: the stored order answers.
    const landed = await getOrder(body.orderId, { consistent: true });
    if (landed) {
      const resent: Pick<Order, (typeof ORDER_ASKED)[number]> = {
        householdId: householdIdOf({ compoundId, buildingId, room }), kind: fields.kind, items: fields.items, urgent: fields.urgent ?? false,
        dropOffPointId: fields.dropOffPointId ?? landed.dropOffPointId, note: fields.note, prescription: fields.prescription, helpRequestId,
      };
      if (!ORDER_ASKED.every((field) => canonicalJson(landed[field]) === canonicalJson(resent[field]))) throw new ConflictError(message('order.differs', { id: landed.id }));
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
    const gridId = listScope(caller).level === 'grid' ? caller.jurisdiction.gridId ?? '' : undefined;
    const at = nowIso();
    const whole = seesRooms(caller);
    const entry = (order: (typeof waiting)[number]) => ({
      id: order.id,
      ...(order.buildingName !== undefined ? { buildingName: order.buildingName } : {}),
      room: whole ? order.room : maskRoom(order.room),
      kind: order.kind,
      lines: order.items.length,
      deliveredAt: order.deliveredAt ?? order.requestedAt,
      overADay: waitedOverADay(order.deliveredAt ?? order.requestedAt, at),
    });
    const mine = waiting.filter((o) => gridId === undefined || o.gridIds.includes(gridId));
    const known = new Set(points.map((p) => p.id));
    // A point removed since the goods were left there still holds them: listed by the name the order kept.
    const gone = [...new Map(mine.filter((o) => o.dropOffPointId !== undefined && !known.has(o.dropOffPointId))
      .map((o) => [o.dropOffPointId as string, { id: o.dropOffPointId as string, name: o.dropOffPointName ?? '' }])).values()];
    return {
      items: [...points.map((p) => ({ id: p.id, name: p.name })), ...gone].map((point) => ({
        point,
        orders: mine.filter((o) => o.dropOffPointId === point.id).map(entry),
      })),
    };
  },
});
