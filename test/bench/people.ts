/**
 * People under care at city scale: 10,000 compounds with 50,000 people under observation (five
 * per compound at any scale, written straight through the store's items in batches, as other
 * benches seed). Figures: the slot judgement job's time over the morning slot that just closed
 * (every person due it, none reported: the worst case) and the DynamoDB items it reads per
 * person; and the grid worker's today list (GET /v1/people for their grid) latency, p50 and p99.
 */
import { startLocalRuntime } from '#infra/local/runtime.ts';
import { routes } from '#shared/catalogue/index.ts';
import { inParallel, chunks } from '#shared/parallel.ts';
import { slotWindow } from '#shared/domain/observation.ts';
import { resetClock, setClock } from '#functions/platform/clock.ts';
import { observationSettings } from '#functions/platform/observation-settings.ts';
import { batchWrite, type Item } from '#functions/platform/table.ts';
import { periodFor, personItem, type StoredPerson } from '#functions/stores/people-store.ts';
import { slotDueItems } from '#functions/stores/slot-due-store.ts';
import { judgeSlots } from '#functions/jobs/judge-slots.ts';
import { countReads } from './compounds-bbox.ts';
import { percentile, seededCity, type Bench } from './context.ts';

const PEOPLE_PER_COMPOUND = 5;
const DAY = '2026-11-22';
/** Today-list requests measured (--quick: fewer). */
const REQUESTS = { full: 50, quick: 20 };
/** Items per batch call stream, written several at once. */
const WRITE_BATCH = 500;

export const bench: Bench = {
  name: 'people',
  async run(ctx) {
    const { city, tableName, seconds } = await seededCity(ctx, 'people');
    const { windows } = observationSettings();
    // 08:00 in China on the day: enrolled this morning.
    setClock(() => new Date(`${DAY}T00:00:00.000Z`));
    try {
      const compoundById = new Map(city.compounds.map((c) => [c.id, c]));
      const byCompound = Map.groupBy(city.buildings, (b) => b.compoundId);
      const people: StoredPerson[] = [];
      for (const compound of city.compounds) {
        const buildings = byCompound.get(compound.id) ?? [];
        if (buildings.length === 0) continue;
        for (let i = 0; i < PEOPLE_PER_COMPOUND; i++) {
          const building = buildings[i % buildings.length]!;
          const place = compoundById.get(building.compoundId)!;
          const { period, testsDue } = periodFor('close_contact', DAY);
          people.push({
            id: `pp_b${people.length}`, name: `测试${people.length}`, compoundId: place.id, buildingId: building.id, room: `${i + 1}01`,
            communityId: place.communityId, streetId: place.streetId, gridId: building.gridId ?? place.gridIds[0] ?? null,
            category: 'close_contact', reason: 'bench', status: 'under_observation', period, testsDue,
            createdAt: `${DAY}T00:00:00.000Z`, createdBy: 'system',
          });
        }
      }
      const t0 = performance.now();
      // The person and the due items of the day's two slots (the rest of the period is not judged here).
      const items: Item[] = people.flatMap((p) => [
        personItem(p),
        ...slotDueItems(p, p.period!, windows).filter((item) => String(item.pk).includes(DAY)),
      ]);
      await inParallel(chunks(items, WRITE_BATCH), 8, (batch) => batchWrite(batch));
      ctx.report('people', 'city seeded', city.compounds.length, 'compounds',
        `${people.length.toLocaleString('en-US')} people under observation written in ${((performance.now() - t0) / 1000).toFixed(1)} s (city ${seconds.toFixed(1)} s)`);

      const runtime = await startLocalRuntime({ endpoint: ctx.endpoint, tableName, apiPort: 0, users: city.users });
      const counter = countReads();
      try {
        const gridUser = city.users.find((u) => u.role === 'grid' && u.jurisdiction.gridId && people.some((p) => p.gridId === u.jurisdiction.gridId));
        if (gridUser) {
          const bearer = (await runtime.identity.issue(gridUser.username))?.token ?? '';
          const get = async () => {
            const res = await fetch(`${runtime.api.url}${routes.listPeople.path}`, { headers: { authorization: `Bearer ${bearer}` } });
            if (res.status !== 200) throw new Error(`today list answered ${res.status}: ${await res.text()}`);
            return (await res.json()) as { items: unknown[] };
          };
          const shown = (await get()).items.length;
          const latencies: number[] = [];
          const requests = ctx.sized(REQUESTS);
          counter.reset();
          for (let i = 0; i < requests; i++) {
            const t = performance.now();
            await get();
            latencies.push(performance.now() - t);
          }
          const note = `grid ${gridUser.jurisdiction.gridId}: ${shown} people; ${(counter.read() / requests).toFixed(0)} items read a request`;
          ctx.report('people', 'today list (GET /v1/people, grid) p50', percentile(latencies, 50), 'ms', note);
          ctx.report('people', 'today list (GET /v1/people, grid) p99', percentile(latencies, 99), 'ms', `${requests} requests`);
        }

        // The morning window has closed: every person is due it and none reported.
        const at = new Date(Date.parse(slotWindow(DAY, 'am', windows).closes) + 60_000).toISOString();
        setClock(() => new Date(at));
        counter.reset();
        const t1 = performance.now();
        const judged = await judgeSlots(at);
        const ms = performance.now() - t1;
        ctx.report('people', 'slot judgement job (am slot)', ms / 1000, 's', `${judged.due.toLocaleString('en-US')} due, ${judged.missed.toLocaleString('en-US')} missed`);
        ctx.report('people', 'judgement: items read / person', counter.read() / Math.max(1, people.length), 'items', `job's own count ${judged.itemsRead.toLocaleString('en-US')}`);
        const again = performance.now();
        await judgeSlots(at);
        ctx.report('people', 'judgement rerun (nothing due)', performance.now() - again, 'ms');
      } finally {
        await runtime.stop();
      }
    } finally {
      resetClock();
    }
  },
};
