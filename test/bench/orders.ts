/**
 * Proxy purchase and delivery at lockdown scale (issue 18): 500 households of one compound placing
 * an order through their own links at once, and a community's queue holding 10,000 open orders.
 * Figures: orders placed per second and their latency (p50, p99) through the local API, beside the
 * same number of raw conditional writes of the same items (the DynamoDB floor, measured in the same
 * run); the volunteer's queue (GET /v1/orders, first page, medicine and urgent first) p50 and p99
 * with 10,000 open orders in the community, and the items each request reads.
 */
import { startLocalRuntime } from '#infra/local/runtime.ts';
import { generateCity } from '#infra/local/demo/city.ts';
import { seedCity } from '#infra/local/demo/seed.ts';
import { routes } from '#shared/catalogue/index.ts';
import { householdsOf } from '#shared/domain/tasks.ts';
import { householdIdOf } from '#shared/domain/households.ts';
import { newOrder } from '#shared/domain/orders.ts';
import { inParallel } from '#shared/parallel.ts';
import type { OrderKind } from '#shared/schemas/order.ts';
import type { LocalUser } from '#shared/schemas/local.ts';
import { transactWrite } from '#functions/platform/table.ts';
import { placeOrder } from '#functions/stores/order-store.ts';
import { countReads } from './compounds-bbox.ts';
import { percentile, type Bench } from './context.ts';

/** Households ordering at once, open orders in the queue, queue requests measured — fewer under --quick. */
const SIZES = { full: { households: 500, openOrders: 10_000, queueRequests: 50 }, quick: { households: 100, openOrders: 1_000, queueRequests: 20 } };
/** Requests in flight while the households order: "at once", bounded by what one client keeps open. */
const IN_FLIGHT = 50;
const KINDS: readonly OrderKind[] = ['groceries', 'groceries', 'groceries', 'medicine', 'other'];

export const bench: Bench = {
  name: 'orders',
  async run(ctx) {
    const { households: HOUSEHOLDS, openOrders: OPEN_ORDERS, queueRequests: QUEUE_REQUESTS } = ctx.sized(SIZES);
    // One community is the whole subject: a small city holds it (the figures do not depend on the city's size).
    const city = generateCity({ compounds: 40, buildings: 400 });
    const tableName = await ctx.freshTable('orders');
    await seedCity(city);
    const byCompound = Map.groupBy(city.buildings, (b) => b.compoundId);
    const compound = [...city.compounds].sort((a, b) => (byCompound.get(b.id)?.length ?? 0) - (byCompound.get(a.id)?.length ?? 0))[0]!;
    const buildings = byCompound.get(compound.id) ?? [];
    // The compound's households, building by building, until there are enough.
    const addresses = buildings.flatMap((b) => householdsOf(b).map((h) => ({ compoundId: compound.id, buildingId: b.id, room: h.id })));
    while (addresses.length < HOUSEHOLDS) addresses.push(...addresses.map((a, i) => ({ ...a, room: `${a.room}-${addresses.length + i}` })));
    const households = addresses.slice(0, HOUSEHOLDS);

    const admin = city.users.find((u) => u.role === 'community' && u.jurisdiction.communityId === compound.communityId);
    const volunteer: LocalUser = {
      username: 'bench-volunteer', name: '志愿者', role: 'volunteer',
      jurisdiction: { communityId: compound.communityId ?? '', ...(compound.streetId ? { streetId: compound.streetId } : {}) },
    };
    if (!admin) throw new Error(`no community admin for ${compound.communityId}`);
    const runtime = await startLocalRuntime({ endpoint: ctx.endpoint, tableName, apiPort: 0, users: [...city.users, volunteer] });
    try {
      const bearer = async (username: string) => `Bearer ${(await runtime.identity.issue(username))?.token ?? ''}`;
      const adminAuth = await bearer(admin.username);
      const call = async (method: string, path: string, body: unknown, authorization?: string) => {
        const res = await fetch(`${runtime.api.url}${path}`, {
          method, headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        if (res.status >= 300) throw new Error(`${method} ${path.replace(/\/public\/orders\/[^/]+/, '/public/orders/{token}')} answered ${res.status}: ${await res.text()}`);
        return res.json() as Promise<Record<string, unknown>>;
      };

      // Each household's link, as grid workers print them on door slips before the orders start.
      const t0 = performance.now();
      const tokens = await inParallel(households, 8, async (address) => String((await call('POST', routes.createHouseholdLink.path, address, adminAuth)).token));
      ctx.report('orders', 'household links made', households.length, 'links', `${((performance.now() - t0) / 1000).toFixed(1)} s, compound ${compound.id} (${buildings.length} buildings)`);

      const orderOf = (i: number) => ({
        orderId: `ob_${i}`, kind: KINDS[i % KINDS.length]!, urgent: i % 7 === 0,
        items: [{ name: '大米', qty: 1, unit: '袋' }, { name: '鸡蛋', qty: 2, unit: '盒' }],
        ...(KINDS[i % KINDS.length] === 'medicine' ? { prescription: '布洛芬缓释胶囊 0.3g 每日两次' } : {}),
      });
      const latencies: number[] = [];
      const t1 = performance.now();
      await inParallel(tokens.map((token, i) => ({ token, i })), IN_FLIGHT, async ({ token, i }) => {
        const t = performance.now();
        await call('POST', routes.createPublicOrder.path.replace('{token}', token), orderOf(i));
        latencies.push(performance.now() - t);
      });
      const seconds = (performance.now() - t1) / 1000;
      const apiRate = households.length / seconds;
      ctx.report('orders', `${households.length} households order at once`, apiRate, 'orders/s', `${seconds.toFixed(1)} s, ${IN_FLIGHT} in flight`);
      ctx.report('orders', 'order latency p50', percentile(latencies, 50), 'ms');
      ctx.report('orders', 'order latency p99', percentile(latencies, 99), 'ms');

      // The floor: the same orders written straight to the table as one conditional transaction each, as many in flight.
      const at = new Date().toISOString();
      const household = (i: number) => {
        const a = households[i]!;
        const building = buildings.find((b) => b.id === a.buildingId)!;
        return {
          id: householdIdOf(a), compoundId: compound.id, compoundName: compound.name, communityId: compound.communityId, streetId: compound.streetId,
          gridIds: building.gridId ? [building.gridId] : [], buildingId: building.id, buildingName: building.name, room: a.room,
        };
      };
      const raw: number[] = [];
      const t2 = performance.now();
      await inParallel(households.map((_, i) => i), IN_FLIGHT, async (i) => {
        const order = newOrder({ ...orderOf(i), id: `raw_${i}`, household: household(i), source: 'household_link', by: { username: 'self' }, at });
        const t = performance.now();
        await transactWrite([{ put: { pk: `RAWORDER#${order.id}`, sk: 'META', type: 'bench', ...order }, condition: 'attribute_not_exists(pk)' }]);
        raw.push(performance.now() - t);
      });
      const rawRate = households.length / ((performance.now() - t2) / 1000);
      ctx.report('orders', 'raw conditional writes, same items', rawRate, 'writes/s', `p99 ${percentile(raw, 99).toFixed(0)} ms`);
      ctx.report('orders', 'ordering / raw write', apiRate / rawRate, '×', 'through the API (link check, rate count, order + audit + counters) vs the bare write');

      // The queue: 10,000 open orders in the community (written through the store, as orders are), then the volunteer's first page.
      const t3 = performance.now();
      await inParallel(Array.from({ length: OPEN_ORDERS }, (_, i) => i), 16, async (i) => {
        const order = newOrder({ ...orderOf(i), orderId: undefined, id: `oq_${i}`, household: household(i % households.length), source: 'staff', by: { username: admin.username }, at: new Date(Date.parse(at) - i * 1000).toISOString() });
        await placeOrder(order, { username: admin.username, role: 'community' });
      });
      ctx.report('orders', 'open orders in the community', OPEN_ORDERS + households.length, 'orders', `written in ${((performance.now() - t3) / 1000).toFixed(1)} s`);

      const volunteerAuth = await bearer(volunteer.username);
      const queue = `${routes.listOrders.path}?communityId=${encodeURIComponent(compound.communityId ?? '')}&limit=50`;
      const first = (await call('GET', queue, undefined, volunteerAuth)) as { items: { kind: string; urgent: boolean }[] };
      const counter = countReads();
      const queueLatencies: number[] = [];
      counter.reset();
      for (let i = 0; i < QUEUE_REQUESTS; i++) {
        const t = performance.now();
        await call('GET', queue, undefined, volunteerAuth);
        queueLatencies.push(performance.now() - t);
      }
      const head = first.items.slice(0, 3).map((o) => `${o.kind}${o.urgent ? '!' : ''}`).join(', ');
      ctx.report('orders', 'queue (GET /v1/orders, volunteer) p50', percentile(queueLatencies, 50), 'ms', `first page ${first.items.length}: ${head} …; ${(counter.read() / QUEUE_REQUESTS).toFixed(0)} items read a request`);
      ctx.report('orders', 'queue (GET /v1/orders, volunteer) p99', percentile(queueLatencies, 99), 'ms', `${QUEUE_REQUESTS} requests`);
    } finally {
      await runtime.stop();
    }
  },
};
