/**
 * Routes of proxy purchase and delivery (代购配送): the community's queue of households' orders,
 * worked by volunteers and community admins (accept → purchased → delivered to the drop-off point
 * → collected), orders entered by grid workers and community admins for a household that called,
 * a delivery photo's upload, and what waits at each drop-off point. The household's own orders go
 * through its link (public-orders); its link is made by household-links.
 */
import { OVERSEERS } from '#shared/roles.ts';
import { PhotoUploadRequest } from '#shared/schemas/inspection.ts';
import { DropOffParams } from '#shared/schemas/drop-off.ts';
import {
  DeliveryPhotoUploadTarget, DropOffWaitingList, Order, OrderActionBody, OrderActionParams, OrderCreate, OrderIdParams, OrderListQuery, OrderPage,
} from '#shared/schemas/order.ts';
import { defineRoutes } from '../types.ts';

/** Who reads orders: the overseers, the grid worker (their grid's households) and the community's volunteers. */
const READERS = [...OVERSEERS, 'grid', 'volunteer'] as const;

export const ordersRoutes = defineRoutes({
  listOrders: {
    method: 'GET', path: '/v1/orders', resource: 'orders', auth: 'jwt', roles: READERS,
    summary: 'A community\'s queue of orders: medicine and urgent first, then oldest first; by status (default every open one), compound, or only the caller\'s',
    description: 'Volunteers see their own community\'s queue only (403 for another), with rooms masked; grid workers their grid\'s households; officials figures and masked rooms.',
    query: OrderListQuery, response: { status: 200, schema: OrderPage }, errors: [404],
  },
  createOrder: {
    method: 'POST', path: '/v1/orders', resource: 'orders', auth: 'jwt', roles: ['community', 'grid'],
    summary: 'Enter an order for a household (a phone call, a help request turned into an order)',
    description: 'A grid worker enters orders for households of their grid only (403). Idempotent by orderId: a resend answers the order stored (409 if it says something else).',
    body: { kind: 'json', schema: OrderCreate }, response: { status: 201, schema: Order }, errors: [404, 409],
  },
  getOrder: {
    method: 'GET', path: '/v1/orders/{id}', resource: 'orders', auth: 'jwt', roles: READERS,
    summary: 'One order with each step: who and when',
    params: OrderIdParams, response: { status: 200, schema: Order }, errors: [404],
  },
  actOnOrder: {
    method: 'POST', path: '/v1/orders/{id}/{action}', resource: 'orders', auth: 'jwt', roles: ['community', 'grid', 'volunteer'],
    summary: 'Take the next step of an order: accept, purchase (amount paid, receipt number), deliver (to the drop-off point, a photo optional), collect, cancel (a reason)',
    description:
      'Each step only from its state: accept from requested, purchase from accepted, deliver from purchased, collect from delivered, cancel from any state before delivered ' +
      '(else 409 saying the order\'s status). Accept, purchase and deliver: volunteers and community admins; purchase and deliver by whoever accepted or a community admin (409 otherwise); ' +
      'collect also by the grid worker; cancel by community admins. Of racing accepts one wins, the others 409 naming who took it.',
    params: OrderActionParams, body: { kind: 'json', schema: OrderActionBody }, response: { status: 200, schema: Order }, errors: [403, 404, 409],
  },
  createOrderUpload: {
    method: 'POST', path: '/v1/orders/uploads', resource: 'orders', auth: 'jwt', roles: ['community', 'volunteer'],
    summary: 'Where to PUT one delivery photo (JPEG, PNG or WebP, at most 5 MB): a URL valid for 10 minutes, its key and the headers to send',
    body: { kind: 'json', schema: PhotoUploadRequest }, response: { status: 201, schema: DeliveryPhotoUploadTarget },
  },
  listDropOffWaiting: {
    method: 'GET', path: '/v1/compounds/{id}/drop-off-points/waiting', resource: 'orders', auth: 'jwt', roles: [...READERS, 'duty'],
    summary: 'What waits at each of the compound\'s drop-off points: delivered, not yet collected, for whom (masked), and what has waited longer than a day',
    params: DropOffParams, response: { status: 200, schema: DropOffWaitingList }, errors: [404],
  },
});
