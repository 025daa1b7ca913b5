/**
 * `GET /v1/exits?status=unresolved` on a big city: latency (p50/p99) of a page for the whole
 * city, for a street and for a community, walking every page, and DynamoDB items read against
 * items returned — the list is answered from the sparse unresolved index, so the aim is read ≈
 * returned whatever the size of the city.
 */
import { startLocalRuntime } from '#infra/local/runtime.ts';
import { routes } from '#shared/catalogue/index.ts';
import { countReads } from './compounds-bbox.ts';
import { percentile, seededCity, type Bench } from './context.ts';

/** Requests measured per caller (--quick: fewer). */
const REQUESTS = { full: 100, quick: 30 };

export const bench: Bench = {
  name: 'exits-unresolved',
  async run(ctx) {
    const { city, tableName, seeded, seconds } = await seededCity(ctx, 'exits');
    ctx.report('exits-unresolved', 'city seeded', city.compounds.length, 'compounds',
      `${city.exits.length.toLocaleString('en-US')} exits, ${seeded.counts.unresolvedExits?.toLocaleString('en-US')} unresolved; ${seconds.toFixed(1)} s`);

    const runtime = await startLocalRuntime({ endpoint: ctx.endpoint, tableName, apiPort: 0, users: city.users });
    const token = async (username: string) => (await runtime.identity.issue(username))?.token ?? '';
    const street = city.users.find((u) => u.role === 'official' && u.jurisdiction.streetId)?.username ?? 'official-street';
    const community = city.users.find((u) => u.role === 'community')?.username ?? '';
    const callers = [['city-wide (official-city)', 'official-city'], ['street official', street], ['community admin', community]] as const;
    const counter = countReads();
    const requests = ctx.sized(REQUESTS);
    try {
      for (const [label, username] of callers) {
        const bearer = await token(username);
        const get = async (query: string) => {
          const res = await fetch(`${runtime.api.url}${routes.listExits.path}?status=unresolved&limit=100${query}`, { headers: { authorization: `Bearer ${bearer}` } });
          if (res.status !== 200) throw new Error(`unresolved list answered ${res.status}: ${await res.text()}`);
          return (await res.json()) as { items: unknown[]; nextToken?: string };
        };
        await get('');
        const latencies: number[] = [];
        let read = 0;
        let returned = 0;
        for (let i = 0; i < requests; i++) {
          counter.reset();
          const t0 = performance.now();
          const page = await get('');
          latencies.push(performance.now() - t0);
          read += counter.read();
          returned += page.items.length;
        }
        ctx.report('exits-unresolved', `${label}: first page p50`, percentile(latencies, 50), 'ms', `${requests} requests, limit 100`);
        ctx.report('exits-unresolved', `${label}: first page p99`, percentile(latencies, 99), 'ms');
        ctx.report('exits-unresolved', `${label}: read / returned`, read / Math.max(1, returned), '×', `${(returned / requests).toFixed(0)} returned a page`);

        counter.reset();
        let total = 0;
        let pages = 0;
        let next: string | undefined;
        const walk0 = performance.now();
        do {
          const page = await get(next ? `&nextToken=${encodeURIComponent(next)}` : '');
          total += page.items.length;
          pages++;
          next = page.nextToken;
        } while (next);
        ctx.report('exits-unresolved', `${label}: whole list`, performance.now() - walk0, 'ms',
          `${total.toLocaleString('en-US')} exits in ${pages} pages; ${counter.read().toLocaleString('en-US')} items read`);
      }
    } finally {
      await runtime.stop();
    }
  },
};
