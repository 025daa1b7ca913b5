/**
 * What the orders view (代购配送, issue 18) reads and sends: the community's queue a page at a time
 * (the API orders it: medicine and urgent first, then oldest), the steps of an order and what
 * waits at a compound's drop-off points. Calls go by operation id through the
 * catalogue (web/src/api/client.ts); the shapes are the API's (shared/schemas/order.ts). The
 * view's own arithmetic — which steps a person is offered, the batches of "mine" by drop-off
 * point — is worked out here once.
 */
import { useCallback } from 'react';
import { mayAct } from '#shared/domain/orders.ts';
import { NO_DROP_OFF_POINT_ID, ORDER_ACTIONS, type Order, type OrderAction, type OrderActionBody, type OrderStatus } from '#shared/schemas/order.ts';
import type { Caller } from '#shared/roles.ts';
import type { ResponseOf } from '../api/client.ts';
import { usePaged } from '../board/paged.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useApi } from '../services.tsx';

export type { Order, OrderAction, OrderStatus };

/** Orders per page of the queue: a phone's screenful or two; more on request. */
export const ORDER_PAGE_SIZE = 30;

const orderId = (order: Order) => order.id;

/** What the queue is asked for: one status, or only the caller's own open orders. */
export type QueueFilter = { readonly status: OrderStatus } | { readonly mine: true };

/** The caller's queue (the API keeps to their community or grid), a page at a time; `version` reads it again. */
export function useOrderQueue(filter: QueueFilter, version: number) {
  const api = useApi();
  const status = 'status' in filter ? filter.status : undefined;
  const load = useCallback(
    (nextToken: string | undefined, signal?: AbortSignal) =>
      api.call('listOrders', { query: { ...(status ? { status } : { mine: 'true' as const }), limit: ORDER_PAGE_SIZE, nextToken } }, signal ? { signal } : {}),
    [api, status],
  );
  return usePaged(`orders|${status ?? 'mine'}|${version}`, load, orderId);
}

/** One step of an order, answering the order as it now stands. */
export function useOrderActions() {
  const api = useApi();
  return {
    act: useCallback((id: string, action: OrderAction, body: OrderActionBody = {}) => api.call('actOnOrder', { params: { id, action }, body }), [api]),
    get: useCallback((id: string) => api.call('getOrder', { params: { id } }), [api]),
  };
}

/** What waits at each drop-off point of a compound (every point listed, empty ones too). */
export function useDropOffWaiting(compoundId: string | undefined, version = 0) {
  const api = useApi();
  return useAsync(compoundId ? `drop-off-waiting|${compoundId}|${version}` : null, (signal) =>
    api.call('listDropOffWaiting', { params: { id: compoundId ?? '' } }, { signal }));
}

type WaitingPoint = ResponseOf<'listDropOffWaiting'>['items'][number]['point'];

/**
 * The points an order may be sent to, of what waits at a compound: not the bucket of goods left at
 * no point (NO_DROP_OFF_POINT_ID), nor a point removed since goods were left there (`removed`): the
 * API would refuse both.
 */
export const orderablePoints = (points: readonly { point: WaitingPoint }[]): WaitingPoint[] =>
  points.map(({ point }) => point).filter((point) => point.id !== NO_DROP_OFF_POINT_ID && point.removed !== true);

/** Who the view is working for, as the API takes the caller (role, username, jurisdiction). */
export type Me = Caller;

/**
 * The steps this person is offered on an order, by the API's own rule (shared/domain/orders.ts
 * mayAct): accept by volunteers and community admins; purchase and deliver by whoever accepted it
 * or a community admin; collect also by the grid worker; cancel by community admins. The API
 * lists only orders the caller covers, so the order is taken as within their grid.
 */
export function stepsFor(order: Order, me: Me): OrderAction[] {
  const listed = { ...order, gridIds: me.jurisdiction.gridId ? [me.jurisdiction.gridId] : [] };
  return ORDER_ACTIONS.filter((action) => mayAct(me, action, listed) === undefined);
}

/** Orders on their way to one drop-off point: what a volunteer carries in one trip. */
export interface Batch {
  /** The point's id; '' for orders that name none (the household's building decides at the door). */
  readonly pointId: string;
  readonly pointName: string | undefined;
  readonly orders: readonly Order[];
}

/**
 * The caller's orders still to carry (accepted or purchased), by drop-off point — the point with
 * most first, then by name — so one trip takes a point's parcels together ("12 件送往 3 号楼存放点").
 * Within a point the queue's order stays.
 */
export function batchesByPoint(orders: readonly Order[]): Batch[] {
  const byPoint = new Map<string, { pointName: string | undefined; orders: Order[] }>();
  for (const order of orders) {
    if (order.status !== 'accepted' && order.status !== 'purchased') continue;
    const pointId = order.dropOffPointId ?? '';
    const batch = byPoint.get(pointId) ?? { pointName: order.dropOffPointName, orders: [] };
    batch.orders.push(order);
    byPoint.set(pointId, batch);
  }
  return [...byPoint.entries()]
    .map(([pointId, batch]) => ({ pointId, ...batch }))
    .sort((a, b) => b.orders.length - a.orders.length || (a.pointName ?? '').localeCompare(b.pointName ?? '', 'zh-CN', { numeric: true }));
}

/** A fresh id for an order being written: kept until the API answers, so a resend stores it once. */
export const newOrderId = (): string => `o-${crypto.randomUUID()}`;
