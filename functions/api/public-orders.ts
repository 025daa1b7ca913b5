/**
 * The household's link (`/public/orders/{token}`, the page `/h/{token}`; no login): the page's data
 * (the household's compound, building and room, where goods can be left for it, its orders of the
 * last 30 days), an order placed (idempotent by the client's orderId), a delivered order confirmed
 * collected, and an order nobody has taken yet withdrawn. Orders and their steps are the same
 * store functions staff use (order-store placeOrder, stepOrder), the household acting as `self`.
 *
 * The token is the only credential: signed, purpose-bound (`order`), revocable
 * (functions/stores/link-store.ts). Refusals as the report link's: not a household link, or
 * revoked → 404 (the problem's `code` tells which; never 401, which the app reads as a lapsed staff
 * session); past expiry → 410; more than LINK_CALLS_PER_MINUTE calls of one link in a minute → 429.
 * Answers are allow-lists (shared/schemas/order.ts PublicOrder…); the token never reaches a log
 * (shared/domain/links.ts redactLinkPath).
 */
import { DAY_MS, isoAfter } from '#shared/domain/time.ts';
import { dropOffFor, newOrder, publicOrder, sameAsk } from '#shared/domain/orders.ts';
import type { Household } from '#shared/domain/households.ts';
import { message } from '#shared/messages/message.ts';
import { publicOrdersRoutes } from '#shared/catalogue/routes/public-orders.ts';
import type { DropOffPoint } from '#shared/schemas/drop-off.ts';
import type { PublicOrderPage } from '#shared/schemas/order.ts';
import { httpHandler } from '../edge/http.ts';
import { nowIso } from '../platform/clock.ts';
import { ConflictError, GoneError, NotFoundError, RateLimitedError, ValidationError, fieldError } from '../platform/errors.ts';
import { orderSettings } from '../platform/order-settings.ts';
import { dropOffPointsOf } from '../stores/drop-off-store.ts';
import { getHousehold } from '../stores/household-store.ts';
import { countLinkCall, resolveLink } from '../stores/link-store.ts';
import { HOUSEHOLD_ACTOR, getOrder, ordersOfHousehold, placeOrder, stepOrder } from '../stores/order-store.ts';

/** How far back the page lists the household's orders: a lockdown's weeks, not its history. */
const PAGE_DAYS = 30;

/** The household a token names, or the refusal the caller sees; counts the call against the link's limit. */
async function householdOfLink(token: string, at: string): Promise<Household> {
  const link = await resolveLink(token, 'order', at);
  // The call's count and the household are read side by side: a household ordering waits for one round trip, not two.
  const [withinLimit, household] = await Promise.all([
    link.hash ? countLinkCall(link.hash, at) : true,
    link.ok ? getHousehold(link.subjectId) : undefined,
  ]);
  if (!withinLimit) throw new RateLimitedError(message('household.rate-limited'));
  if (!link.ok && link.reason === 'expired') throw new GoneError(message('link.refused.expired'));
  if (!link.ok && link.reason === 'revoked') throw new NotFoundError(message('link.refused.revoked'));
  // Forged, unknown, another purpose's (a report link), or a household no longer kept: all alike to the caller.
  if (!household) throw new NotFoundError(message('link.refused.bad'));
  return household;
}

/** The points for this household: its building's first, then the compound's own, then other buildings' (by name within each). */
function pointsFor(points: readonly DropOffPoint[], household: Household): DropOffPoint[] {
  const rank = (p: DropOffPoint) => (p.buildingId === household.buildingId ? 0 : p.buildingId === undefined ? 1 : 2);
  // Array.prototype.sort is stable: dropOffPointsOf's name order stands within a rank.
  return [...points].sort((a, b) => rank(a) - rank(b));
}

export const handler = httpHandler(publicOrdersRoutes, {
  getPublicOrders: async ({ params }) => {
    const at = nowIso();
    const household = await householdOfLink(params.token, at);
    const [points, orders] = await Promise.all([
      dropOffPointsOf(household.compoundId),
      ordersOfHousehold(household.id, isoAfter(at, -PAGE_DAYS * DAY_MS)),
    ]);
    const page: PublicOrderPage = {
      compoundId: household.compoundId,
      compoundName: household.compoundName,
      ...(household.buildingName !== undefined ? { buildingName: household.buildingName } : {}),
      room: household.room,
      dropOffPoints: pointsFor(points, household).map((p) => ({
        id: p.id,
        name: p.name,
        ...(p.hours !== undefined ? { hours: p.hours } : {}),
        ...(p.location?.description !== undefined ? { location: p.location.description } : {}),
      })),
      items: orders.map(publicOrder),
    };
    return page;
  },

  createPublicOrder: async ({ params, body }) => {
    const at = nowIso();
    const household = await householdOfLink(params.token, at);
    const { orderId, ...asked } = body;
    // A resend first, as staff's createOrder: the stored order answers, whatever the drop-off points became since.
    const landed = await getOrder(orderId, { consistent: true });
    if (landed) {
      if (!sameAsk(landed, { ...asked, householdId: household.id, helpRequestId: undefined })) throw new ConflictError(message('order.differs', { id: orderId }));
      return { id: landed.id, status: landed.status };
    }
    const chosen = dropOffFor(await dropOffPointsOf(household.compoundId), household.buildingId, asked.dropOffPointId);
    if (chosen === 'unknown') {
      throw new ValidationError([fieldError('body.dropOffPointId', message('household.no-drop-off-point', { id: asked.dropOffPointId ?? '' }))]);
    }
    const order = newOrder({
      ...asked, id: orderId, household, dropOffPoint: chosen.point, source: 'household_link', by: 'self', at,
      acceptMinutes: orderSettings().acceptMinutes,
    });
    const placed = await placeOrder(order, HOUSEHOLD_ACTOR);
    return { id: placed.id, status: placed.status };
  },

  collectPublicOrder: async ({ params }) => {
    const at = nowIso();
    const household = await householdOfLink(params.token, at);
    // Another household's order is 404 (stepOrder holds it to the link's household); confirming twice answers it as it stands.
    return publicOrder(await stepOrder(params.id, 'collect', { body: {}, by: 'self', at, householdId: household.id }));
  },

  cancelPublicOrder: async ({ params }) => {
    const at = nowIso();
    const household = await householdOfLink(params.token, at);
    return publicOrder(await stepOrder(params.id, 'cancel', { body: {}, by: 'self', at, householdId: household.id }));
  },
});
