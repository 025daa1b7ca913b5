/**
 * The residents' pages under load: `GET /public/compounds/{id}/cases` and
 * `/disinfection-log` latency (p50/p99) and throughput with concurrent anonymous clients on the
 * big city, after a city-wide disinfection round with its public-area tasks half completed and
 * cases reported in some compounds — so the log answers have rounds in them, as at a gate in
 * the evening. Each answer is one GetItem and one Query; no If-None-Match is sent, so every
 * request does the reads (a CDN or the browser cache would take most of them in the cloud).
 */
import { startLocalRuntime } from '#infra/local/runtime.ts';
import { routes } from '#shared/catalogue/index.ts';
import { fillPath } from '#shared/catalogue/paths.ts';
import { chinaDay } from '#shared/domain/china-time.ts';
import { inParallel } from '#shared/parallel.ts';
import { countReads } from './compounds-bbox.ts';
import { cityToken, percentile, seededCity, type Bench } from './context.ts';

const CLIENTS = 16;
/** Requests per client, and compounds given a case report each (so the counts query finds items) — fewer under --quick. */
const SIZES = { full: { requestsPerClient: 50, caseCompounds: 200 }, quick: { requestsPerClient: 15, caseCompounds: 50 } };

export const bench: Bench = {
  name: 'public-log',
  async run(ctx) {
    const { requestsPerClient: REQUESTS_PER_CLIENT, caseCompounds: CASE_COMPOUNDS } = ctx.sized(SIZES);
    const { city, tableName, seconds } = await seededCity(ctx, 'public');
    ctx.report('public-log', 'city seeded', city.compounds.length, 'compounds', `${seconds.toFixed(1)} s`);
    const runtime = await startLocalRuntime({ endpoint: ctx.endpoint, tableName, apiPort: 0, users: city.users });
    const api = runtime.api.url;
    const call = async (token: string, method: string, path: string, body?: unknown) => {
      const send = () => fetch(api + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      // A kept-alive socket the server has just closed resets the next request on it: send once more
      // (the setup's writes are idempotent: case ids, task ids).
      const res = await send().catch(send);
      if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    try {
      const boss = await cityToken(runtime, city.users);
      const today = chinaDay(new Date().toISOString());
      const t0 = performance.now();
      const round = await call(boss, 'POST', routes.createCampaign.path, { kind: 'disinfection', scope: { type: 'city' } });
      await runtime.queues.drain({ timeoutMs: 600_000 });
      ctx.report('public-log', 'setup: city-wide round', (performance.now() - t0) / 1000, 's', `campaign ${String(round.id)}`);
      const completed = await completeHalf(city.users, runtime, call, String(round.id));
      ctx.report('public-log', 'setup: public-area tasks completed', completed, 'tasks', 'every other one of each team\'s');

      const withBuildings = city.compounds.filter((c) => city.buildings.some((b) => b.compoundId === c.id));
      const buildingOf = new Map(city.buildings.map((b) => [b.compoundId, b.id]));
      await inParallel(withBuildings.slice(0, CASE_COMPOUNDS), 8, (c) =>
        call(boss, 'POST', routes.createCase.path, { caseId: `bench_case_${c.id}`, compoundId: c.id, buildingId: buildingOf.get(c.id), date: today, kind: 'suspected', count: 1 }));

      const ids = city.compounds.map((c) => c.id);
      const counter = countReads();
      for (const [label, operation] of [['cases', routes.getPublicCases], ['disinfection log', routes.getPublicDisinfectionLog]] as const) {
        counter.reset();
        const latencies: number[] = [];
        let pick = 0;
        let rounds = 0;
        const started = performance.now();
        await inParallel(Array.from({ length: CLIENTS }, (_, i) => i), CLIENTS, async () => {
          for (let n = 0; n < REQUESTS_PER_CLIENT; n++) {
            // A stride through the city: every client asks about other compounds.
            const id = ids[(pick++ * 7919) % ids.length] as string;
            const t = performance.now();
            const url = api + fillPath(operation.path, { id });
            const res = await fetch(url).catch(() => fetch(url));
            if (res.status !== 200) throw new Error(`${label} answered ${res.status}: ${await res.text()}`);
            const body = (await res.json()) as { rounds?: unknown[] };
            rounds += body.rounds?.length ?? 0;
            latencies.push(performance.now() - t);
          }
        });
        const wall = (performance.now() - started) / 1000;
        const total = CLIENTS * REQUESTS_PER_CLIENT;
        ctx.report('public-log', `${label}: p50`, percentile(latencies, 50), 'ms', `${CLIENTS} concurrent clients, ${total} requests`);
        ctx.report('public-log', `${label}: p99`, percentile(latencies, 99), 'ms');
        ctx.report('public-log', `${label}: throughput`, total / wall, 'req/s', `${(counter.read() / total).toFixed(1)} items queried a request${operation === routes.getPublicDisinfectionLog ? `, ${(rounds / total).toFixed(1)} rounds an answer` : ''}`);
      }
    } finally {
      await runtime.stop();
    }
  },
};

/** Each disinfection team claims and completes every other public-area task of the round it sees. */
async function completeHalf(
  users: readonly { username: string; role: string }[],
  runtime: Awaited<ReturnType<typeof startLocalRuntime>>,
  call: (token: string, method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>,
  campaignId: string,
): Promise<number> {
  const teams = users.filter((u) => u.role === 'disinfection');
  let completed = 0;
  await inParallel(teams, 4, async (team) => {
    const token = (await runtime.identity.issue(team.username))?.token ?? '';
    const list = await call(token, 'GET', `${routes.listTasks.path}?campaignId=${campaignId}&limit=100`);
    const tasks = (list.items as { id: string; buildingId?: string | null }[]).filter((t) => !t.buildingId);
    for (const task of tasks.filter((_, i) => i % 2 === 0)) {
      await call(token, 'POST', fillPath(routes.claimTask.path, { id: task.id }));
      await call(token, 'POST', fillPath(routes.completeTask.path, { id: task.id }), { areas: ['corridor', 'elevator', 'guard_room', 'garbage_point', 'public_area'] });
      completed++;
    }
  });
  return completed;
}
