/**
 * A household link's API for the household page's component tests (test/component/household-*):
 * the public order routes over an in-memory list, acting as the contract says (idempotent by
 * orderId, collect only when delivered, cancel only while requested), and the compound's public
 * notice routes with nothing remarkable in them. A test can make any call fail its own way.
 */
import type { PublicOrder, PublicOrderPage } from '#shared/schemas/order.ts';
import type { Call } from './render.tsx';

export const TOKEN = 'H1.o.hAAAAAAAAAAAAAAAAAAAA.tok';
export const ORDERS_PATH = `/public/orders/${TOKEN}`;

export const problem = (status: number, code?: string) =>
  Response.json({ type: 'about:blank', title: 'Refused', status, detail: `refused (${status})`, ...(code ? { code } : {}) }, { status, headers: { 'content-type': 'application/problem+json' } });

const compound = { id: 'c_a', name: '阳光花园', status: 'lockdown' as const };

export const delivered: PublicOrder = {
  id: 'o_deliv', kind: 'groceries', items: [{ name: '大米', qty: 1, unit: '袋' }, { name: '鸡蛋', qty: 2, unit: '盒' }], urgent: false, status: 'delivered',
  requestedAt: '2026-11-22T01:00:00.000Z', acceptedAt: '2026-11-22T01:30:00.000Z', purchasedAt: '2026-11-22T03:00:00.000Z', amountPaid: 86.5,
  deliveredAt: '2026-11-22T05:05:00.000Z', dropOffPointName: '3号楼存放点',
};
export const requested: PublicOrder = {
  id: 'o_req', kind: 'medicine', items: [{ name: '布洛芬缓释胶囊 0.3g', qty: 1, unit: '盒' }], urgent: true, status: 'requested',
  requestedAt: '2026-11-22T06:00:00.000Z', dropOffPointName: '3号楼存放点',
};

/** The scripted API: `fail` answers a call instead when it returns something. */
export function householdApi(orders: PublicOrder[] = [delivered, requested], fail: (call: Call) => unknown = () => undefined) {
  const list = [...orders];
  const byOrderId = new Map<string, unknown>();
  const page = (): PublicOrderPage => ({
    compoundId: compound.id, compoundName: compound.name, buildingName: '3号楼', room: '502',
    dropOffPoints: [{ id: 'p3', name: '3号楼存放点', hours: '8:00–20:00', location: '3号楼一单元门口' }, { id: 'pg', name: '北门存放点' }],
    items: list,
  });
  const answer = (call: Call): unknown => {
    const failed = fail(call);
    if (failed !== undefined) return failed;
    if (call.path.startsWith('/public/compounds/c_a/')) return notices(call.path);
    if (call.method === 'GET' && call.path === ORDERS_PATH) return page();
    if (call.method === 'POST' && call.path === ORDERS_PATH) {
      const body = call.body as { orderId: string; kind: PublicOrder['kind']; items: PublicOrder['items']; urgent?: boolean };
      const earlier = byOrderId.get(body.orderId);
      if (earlier !== undefined) {
        if (JSON.stringify(earlier) !== JSON.stringify(body)) return problem(409, 'order.differs');
      } else {
        byOrderId.set(body.orderId, body);
        list.unshift({ id: `o_${list.length}`, kind: body.kind, items: body.items, urgent: body.urgent ?? false, status: 'requested', requestedAt: '2026-11-23T01:00:00.000Z', dropOffPointName: '3号楼存放点' });
      }
      return new Response(JSON.stringify({ id: `o_${list.length - 1}`, status: 'requested' }), { status: 201, headers: { 'content-type': 'application/json' } });
    }
    const step = new RegExp(`^${ORDERS_PATH}/([^/]+)/(collect|cancel)$`).exec(call.path);
    if (call.method === 'POST' && step) {
      const i = list.findIndex((o) => o.id === step[1]);
      const order = list[i];
      if (!order) return problem(404);
      const [status, need, at] = step[2] === 'collect' ? ['collected', 'delivered', 'collectedAt'] as const : ['cancelled', 'requested', 'cancelledAt'] as const;
      if (order.status !== need) return problem(409, 'order.wrong-status');
      list[i] = { ...order, status, [at]: '2026-11-23T02:00:00.000Z' };
      return list[i];
    }
    return problem(404);
  };
  return { answer, list };
}

/** The compound's public notice routes: counts, a day without rounds, the gate notice with one drop-off point and one hotline of its own. */
function notices(path: string): unknown {
  if (path.endsWith('/cases')) return { compound, today: '2026-11-23', todayCounts: { confirmed: 1, suspected: 0, asymptomatic: 0 }, days: [{ day: '2026-11-23', confirmed: 1, suspected: 0, asymptomatic: 0 }] };
  if (path.includes('/disinfection-log')) return { compound, date: '2026-11-23', today: '2026-11-23', requiredRounds: 0, completedRounds: 0, rounds: [] };
  if (path.endsWith('/notice')) {
    return {
      compound, responsibility: [], hotlines: [{ label: '社区办公室', phone: '010-6000 1234' }],
      dropOffPoints: [{ name: '3号楼存放点', buildingName: '3号楼', hours: '8:00–20:00' }], casesToday: { day: '2026-11-23', confirmed: 1, suspected: 0, asymptomatic: 0 },
    };
  }
  return problem(404);
}
