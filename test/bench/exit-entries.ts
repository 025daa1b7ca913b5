/**
 * Entry registration at one exit under load: 20 duty-staff clients posting entries at once to
 * the same checkpoint (a commuter peak, seed 003), every 50th a fever that raises an alert in the
 * same transaction. Reports entries per second and latency p50/p99, and checks the hourly
 * counters add up to what was registered.
 */
import { generateCity } from '#infra/local/demo/city.ts';
import { seedCity } from '#infra/local/demo/seed.ts';
import { startLocalRuntime } from '#infra/local/runtime.ts';
import { routes } from '#shared/catalogue/index.ts';
import { fillPath } from '#shared/catalogue/paths.ts';
import { percentile, type Bench } from './context.ts';

const CLIENTS = 20;
const ENTRIES = 2_000;

export const bench: Bench = {
  name: 'exit-entries',
  async run(ctx) {
    // Throughput at one exit does not depend on the size of the city: a street of it will do.
    const city = generateCity({ compounds: 160, buildings: 1600 });
    const tableName = await ctx.freshTable('entries');
    await seedCity(city);
    const runtime = await startLocalRuntime({ endpoint: ctx.endpoint, tableName, apiPort: 0, users: city.users });
    const duty = city.users.find((u) => u.role === 'duty');
    const exitId = duty?.jurisdiction.exitIds?.[0];
    if (!duty || !exitId) throw new Error('the demo city has no duty user');
    const token = (await runtime.identity.issue(duty.username))?.token ?? '';
    const url = `${runtime.api.url}${fillPath(routes.createEntry.path, { id: exitId })}`;
    const post = async (n: number) => {
      const fever = n % 50 === 0;
      const body = {
        entryId: `bench-${n}`, direction: n % 3 === 0 ? 'out' : 'in', category: n % 3 === 0 ? 'medical' : 'resident', outcome: fever ? 'refused' : 'admitted',
        checks: { identityAsked: true, recorded: true, temperatureMeasured: true, maskWorn: true },
        temperatureC: fever ? 38.2 : 36.4 + (n % 7) / 10,
        person: { name: '测试', idNumber: `4208811990010${String(Math.abs(n) % 100_000).padStart(5, '0')}` },
        ...(fever ? { refusalReason: '体温异常', escort: { hospital: '钟祥市人民医院' } } : {}),
      };
      const t0 = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`entry answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
      return performance.now() - t0;
    };
    try {
      await post(-1);
      const latencies: number[] = [];
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (next < ENTRIES) latencies.push(await post(next++));
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      ctx.report('exit-entries', 'entries per second', ENTRIES / seconds, '/s', `${ENTRIES} entries, ${CLIENTS} clients, one exit, 2% fevers`);
      ctx.report('exit-entries', 'latency p50', percentile(latencies, 50), 'ms');
      ctx.report('exit-entries', 'latency p99', percentile(latencies, 99), 'ms');
      const counts = (await (await fetch(`${runtime.api.url}${fillPath(routes.getExitCounts.path, { id: exitId })}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        hours: { in: number; out: number }[];
      };
      const counted = counts.hours.reduce((sum, h) => sum + h.in + h.out, 0);
      ctx.report('exit-entries', 'counted in the hourly counters', counted, '', `of ${ENTRIES + 1} registered`);
    } finally {
      await runtime.stop();
    }
  },
};
