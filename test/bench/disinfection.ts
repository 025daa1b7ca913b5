/**
 * Disinfection rounds on a big city, on the local stack: a city-wide round (POST /v1/campaigns
 * {kind: "disinfection", scope: city}) from POST to `active` through both queue levels, in tasks
 * per second — one task per compound's public areas plus one per case building (a confirmed case
 * in every 100th building, today, besides the demo seed's) — beside raw BatchWriteItem of the same task items at the
 * fan-out's concurrency, just before and just after it (the sweeps bench's baseline, reused).
 */
import { chinaDay } from '#shared/domain/china-time.ts';
import { manualCampaignRound } from '#shared/domain/disinfection.ts';
import type { TaskDraft } from '#shared/domain/fan-out.ts';
import { TASK_BUILDERS } from '#shared/domain/task-builders.ts';
import type { CaseReport } from '#shared/schemas/case.ts';
import { caseFingerprint } from '#shared/domain/cases.ts';
import { caseBuildings, caseItem } from '#functions/stores/case-store.ts';
import { batchWrite } from '#functions/platform/table.ts';
import type { GeneratedCity } from '#infra/local/demo/city.ts';
import { startLocalRuntime } from '#infra/local/runtime.ts';
import { cityToken, seededCity, type Bench } from './context.ts';
import { fanOutCity, rawWrite } from './sweeps.ts';

const SECTION = 'disinfection';
const CASE_EVERY = 100;
const OF = { section: SECTION, kind: 'disinfection' } as const;

/** A confirmed case today in every 100th building: the case buildings of the round. */
function cases(city: GeneratedCity, day: string, at: string): CaseReport[] {
  return city.buildings.filter((_, i) => i % CASE_EVERY === 0).map((b, i) => ({
    id: `cs_bench${i}`, compoundId: b.compoundId, buildingId: b.id, date: day, kind: 'confirmed', count: 1, reportedAt: at, reportedBy: 'bench',
  }));
}

/** Every task the round will make, built by the same builder the worker uses, from the case buildings as the planner reads them. */
async function plannedTasks(city: GeneratedCity, at: string): Promise<TaskDraft[]> {
  const buildings = Map.groupBy(city.buildings, (b) => b.compoundId);
  const campaign = { id: 'cp_raw', kind: 'disinfection' as const, scope: { type: 'city' as const }, round: manualCampaignRound(at) };
  const cased = await caseBuildings(chinaDay(at));
  // As the fan-out reads them: only each compound's case buildings.
  return city.compounds.flatMap((compound) => TASK_BUILDERS.disinfection({
    campaign, compound, buildings: (buildings.get(compound.id) ?? []).filter((b) => cased[compound.id]?.includes(b.id)), exits: [],
  }));
}

export const bench: Bench = {
  name: 'disinfection',
  async run(ctx) {
    const { city, tableName, seconds } = await seededCity(ctx, 'disinfection');
    ctx.report(SECTION, 'city seeded', city.compounds.length, 'compounds', `${seconds.toFixed(1)} s incl. generation`);
    const at = new Date().toISOString();
    const reports = cases(city, chinaDay(at), at);
    await batchWrite(reports.map((r) => caseItem(r, caseFingerprint(r))));
    const runtime = await startLocalRuntime({ endpoint: ctx.endpoint, tableName, apiPort: 0, users: city.users });
    try {
      const token = await cityToken(runtime, city.users);
      const drafts = await plannedTasks(city, at);
      const rawBefore = await rawWrite(ctx, drafts, 'before', OF);
      const { s } = await fanOutCity(runtime, token, 'disinfection', drafts.length);
      const rate = drafts.length / s;
      const buildingTasks = drafts.filter((d) => d.buildingId !== null).length;
      ctx.report(SECTION, 'city-wide round fan-out, POST → active', rate, 'tasks/s',
        `${drafts.length.toLocaleString('en-US')} tasks (${buildingTasks.toLocaleString('en-US')} case buildings), ${s.toFixed(1)} s`);
      const rawAfter = await rawWrite(ctx, drafts, 'after', OF);
      ctx.report(SECTION, 'fan-out / raw BatchWriteItem', rate / ((rawBefore + rawAfter) / 2), '×', 'raw = mean of before and after');
    } finally {
      await runtime.stop();
    }
  },
};
