/**
 * The household's link (`/h/{token}` in the web app): no login, the token is the only credential
 * (signed, purpose-bound, revocable: shared/domain/links.ts). The household places orders, follows
 * them, confirms what it collected and cancels what nobody has taken yet. Rate-limited per token;
 * the token never reaches a log.
 */
import {
  PublicOrder, PublicOrderCreate, PublicOrderCreated, PublicOrderPage, PublicOrderParams, PublicOrderStepParams,
} from '#shared/schemas/order.ts';
import { defineRoutes } from '../types.ts';

/* As the report link's: 404, never 401 (which the app reads as a lapsed staff session). */
const REFUSALS = 'A token that is not a household link (forged, unknown, for another purpose) or a revoked one answers 404 (`code` link.refused.bad or link.refused.revoked); one past its expiry 410; more than 20 calls of one link in a minute 429.';

export const publicOrdersRoutes = defineRoutes({
  getPublicOrders: {
    method: 'GET', path: '/public/orders/{token}', resource: 'public-orders', auth: 'public',
    summary: 'A household link\'s page: the household\'s compound, building and room, its drop-off points and its orders, newest first',
    description: REFUSALS, params: PublicOrderParams, response: { status: 200, schema: PublicOrderPage }, errors: [404, 410, 429],
  },
  createPublicOrder: {
    method: 'POST', path: '/public/orders/{token}', resource: 'public-orders', auth: 'public',
    summary: 'The household orders groceries, medicine or other necessities: items with quantities, urgency, a drop-off point, a note',
    description: `${REFUSALS} Idempotent by orderId: a resend answers the order stored (409 if it says something else). A drop-off point not of the household's compound is 400 naming body.dropOffPointId.`,
    params: PublicOrderParams, body: { kind: 'json', schema: PublicOrderCreate }, response: { status: 201, schema: PublicOrderCreated }, errors: [404, 409, 410, 429],
  },
  collectPublicOrder: {
    method: 'POST', path: '/public/orders/{token}/{id}/collect', resource: 'public-orders', auth: 'public',
    summary: 'The household confirms it collected a delivered order from the drop-off point',
    description: `${REFUSALS} Only a delivered order of this household (another's is 404; another status 409). Confirming twice answers the order as it stands.`,
    params: PublicOrderStepParams, response: { status: 200, schema: PublicOrder }, errors: [404, 409, 410, 429],
  },
  cancelPublicOrder: {
    method: 'POST', path: '/public/orders/{token}/{id}/cancel', resource: 'public-orders', auth: 'public',
    summary: 'The household withdraws an order nobody has accepted yet',
    description: `${REFUSALS} Only while requested (409 once a volunteer has accepted it: call the community).`,
    params: PublicOrderStepParams, response: { status: 200, schema: PublicOrder }, errors: [404, 409, 410, 429],
  },
});
