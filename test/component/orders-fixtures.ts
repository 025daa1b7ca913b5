/**
 * A tiny orders API for the orders view's component tests (代购配送): a community's orders kept in
 * memory and stepped as the API would (each step only from its state; purchase and deliver only
 * by whoever accepted; racing accepts answered `order.taken`), what waits at a compound's drop-off
 * points, orders entered for a household and households' links — so a test sees what the view
 * asked and what it then shows. Compounds and buildings are the people fixtures' (粮食局宿舍区, 3栋).
 */
import type { Order, OrderAction, OrderActionBody, OrderStatus } from '#shared/schemas/order.ts';
import { NOW, peopleApi } from './people-fixtures.ts';
import type { Call } from './render.tsx';

export { NOW };

export const volunteerUser = { username: 'vol-1', role: 'volunteer' as const, name: '志愿者小张', jurisdiction: { communityId: 'cm1' } };

/** An order of 粮食局宿舍区 3栋, as a volunteer is answered it (room masked). */
export function order(id: string, over: Partial<Order> = {}): Order {
  return {
    id, householdId: 'h-1', compoundId: 'c1', compoundName: '粮食局宿舍区', communityId: 'cm1', streetId: 's1', buildingId: 'b1', buildingName: '3栋',
    room: '2**', kind: 'groceries', items: [{ name: '大米', qty: 2, unit: '袋' }], urgent: false, status: 'requested', source: 'household_link',
    requestedAt: '2026-12-07T00:00:00.000Z', requestedBy: 'self', acceptBy: '2026-12-07T12:00:00.000Z', ...over,
  };
}

const json = (body: unknown, status = 200) => Response.json(body, { status });
const problem = (status: number, code: string, detail: string) =>
  Response.json({ type: '/problems/conflict', title: 'Conflict', status, detail, code }, { status, headers: { 'content-type': 'application/problem+json' } });

const STEP: Record<OrderAction, { from: readonly OrderStatus[]; to: OrderStatus }> = {
  accept: { from: ['requested'], to: 'accepted' },
  purchase: { from: ['accepted'], to: 'purchased' },
  deliver: { from: ['purchased'], to: 'delivered' },
  collect: { from: ['delivered'], to: 'collected' },
  cancel: { from: ['requested', 'accepted', 'purchased'], to: 'cancelled' },
};

/**
 * `me` is who the API takes the caller for (username and name); `taken` names orders someone
 * else accepts just before the caller does (the race the caller loses).
 */
export function ordersApi(initial: Order[], me: { username: string; name: string }, options: { taken?: Record<string, string> } = {}) {
  const orders = new Map(initial.map((o) => [o.id, o]));
  const people = peopleApi([]);
  const answer = (call: Call): unknown => {
    const path = call.path.split('?')[0] ?? '';
    const query = new URLSearchParams(call.path.split('?')[1] ?? '');
    if (call.method === 'GET' && path === '/v1/orders') {
      const status = query.get('status');
      const items = [...orders.values()].filter((o) =>
        (status ? o.status === status : ['requested', 'accepted', 'purchased', 'delivered'].includes(o.status)) &&
        (query.get('mine') !== 'true' || o.acceptedBy === me.username));
      return { items };
    }
    const one = /^\/v1\/orders\/([^/]+)$/.exec(path);
    if (call.method === 'GET' && one?.[1]) return orders.get(one[1]) ?? json({ type: '/problems/not-found', title: 'Not found', status: 404 }, 404);
    const step = /^\/v1\/orders\/([^/]+)\/(accept|purchase|deliver|collect|cancel)$/.exec(path);
    if (call.method === 'POST' && step?.[1] && step[2]) {
      const action = step[2] as OrderAction;
      let current = orders.get(step[1]);
      if (!current) return json({ type: '/problems/not-found', title: 'Not found', status: 404 }, 404);
      const taker = options.taken?.[current.id];
      if (action === 'accept' && taker && current.status === 'requested') {
        current = { ...current, status: 'accepted', acceptedBy: 'vol-2', acceptedByName: taker, acceptedAt: NOW.toISOString() };
        orders.set(current.id, current);
        return problem(409, 'order.taken', `taken by ${taker}`);
      }
      if (!STEP[action].from.includes(current.status)) return problem(409, 'order.wrong-status', `the order is ${current.status}`);
      if ((action === 'purchase' || action === 'deliver') && current.acceptedBy !== me.username) return problem(409, 'order.not-holder', 'another holds it');
      const body = call.body as OrderActionBody;
      const at = NOW.toISOString();
      const next: Order = {
        ...current, status: STEP[action].to,
        ...(action === 'accept' ? { acceptedAt: at, acceptedBy: me.username, acceptedByName: me.name } : {}),
        ...(action === 'purchase' ? { purchasedAt: at, amountPaid: body.amountPaid, ...(body.receiptNo ? { receiptNo: body.receiptNo } : {}) } : {}),
        ...(action === 'deliver' ? { deliveredAt: at, ...(body.photoKey ? { photoKey: body.photoKey } : {}) } : {}),
        ...(action === 'collect' ? { collectedAt: at, collectedBy: me.username } : {}),
        ...(action === 'cancel' ? { cancelledAt: at, cancelledBy: me.username, cancelReason: body.reason } : {}),
      };
      orders.set(next.id, next);
      return next;
    }
    if (call.method === 'POST' && path === '/v1/orders') {
      const body = call.body as { orderId: string; compoundId: string; buildingId: string; room: string } & Pick<Order, 'kind' | 'items'>;
      const made = order(body.orderId, { ...body, room: body.room, source: 'staff', requestedBy: me.username, requestedByName: me.name });
      orders.set(made.id, made);
      return json(made, 201);
    }
    if (call.method === 'GET' && path === '/v1/compounds/c1/drop-off-points/waiting') {
      return {
        items: [
          {
            point: { id: 'p-east', name: '东门物品存放点' },
            orders: [
              { id: 'o-old', buildingName: '3栋', room: '1**', kind: 'medicine', lines: 1, deliveredAt: '2026-12-05T23:00:00.000Z', overADay: true },
              { id: 'o-new', buildingName: '3栋', room: '2**', kind: 'groceries', lines: 3, deliveredAt: '2026-12-07T00:30:00.000Z', overADay: false },
            ],
          },
          { point: { id: 'p-b3', name: '3号楼存放点' }, orders: [] },
          // A point removed since goods were left there, whose orders kept no name; and goods left at no point.
          { point: { id: 'p-gone', name: '', removed: true }, orders: [{ id: 'o-gone', buildingName: '5栋', room: '6**', kind: 'other', lines: 1, deliveredAt: '2026-12-07T00:10:00.000Z', overADay: false }] },
          { point: { id: 'none', name: '' }, orders: [{ id: 'o-none', buildingName: '2栋', room: '4**', kind: 'groceries', lines: 2, deliveredAt: '2026-12-07T00:20:00.000Z', overADay: false }] },
        ],
      };
    }
    if (call.method === 'POST' && path === '/v1/household-links') {
      return json({ token: 'hh-tok.abc', householdId: 'h-1', validUntil: '2027-02-05T01:00:00.000Z' }, 201);
    }
    if (call.method === 'POST' && path === '/v1/household-links/revoke') return { householdId: 'h-1', revokedAt: NOW.toISOString() };
    return people.answer(call);
  };
  return { answer, orders };
}
