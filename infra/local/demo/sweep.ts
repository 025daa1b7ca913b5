/**
 * The demo city's running sweep (大走访、大排查), so a grid worker's first screen has work: city
 * staff launched it an hour before the seed over the city's first community (王府社区, whose users
 * head every role's list on the sign-in page), and its tasks wait open, in walking order. Written
 * as the fan-out (functions/flows/fan-out.ts) leaves a campaign it has expanded — the same task
 * builder and task items, the campaign active with its totals, each compound's expansion marker
 * `expanded`, and the grid and community coverage items — so the task lists, the map's coverage
 * and its unvisited layer read it as they read any sweep. Every id and key is fixed, so
 * re-seeding rewrites the same items.
 *
 * The end-to-end journeys stay out of this community: they sweep a compound of 显陵社区's grid 4
 * and read rounds of other communities (test/e2e/*.test.ts), so the tasks they count are theirs.
 */
import { totalsOf, type TaskDraft, type Totals } from '#shared/domain/fan-out.ts';
import { TASK_BUILDERS } from '#shared/domain/task-builders.ts';
import { HOUR_MS, isoAfter } from '#shared/domain/time.ts';
import { keys, UNASSIGNED } from '#shared/table.ts';
import { coverInit, newCampaignItem } from '#functions/stores/campaign-store.ts';
import { taskItem } from '#functions/stores/task-records.ts';
import type { Item } from '#functions/platform/table.ts';
import type { GeneratedCity } from './city.ts';

/** The seeded sweep's id: fixed, so a re-seed rewrites it. */
export const DEMO_SWEEP_ID = 'cp_demo_sweep';

export interface SweepSeed {
  readonly items: Item[];
  readonly counts: { readonly sweepTasks: number };
}

export function sweepSeed(city: GeneratedCity, now: string): SweepSeed {
  const community = city.communities[0];
  const launcher = city.users.find((u) => u.role === 'city');
  if (!community || !launcher) return { items: [], counts: { sweepTasks: 0 } };
  const id = DEMO_SWEEP_ID;
  const createdAt = isoAfter(now, -HOUR_MS);
  const scope = { type: 'community' as const, id: community.id };
  const place = { type: 'community' as const, streetId: community.streetId, communityId: community.id, gridId: null, compoundId: null };
  const campaign = { id, kind: 'sweep' as const, scope };
  const buildingsOf = Map.groupBy(city.buildings, (b) => b.compoundId);
  const exitsOf = Map.groupBy(city.exits, (e) => e.compoundId);
  const compounds = city.compounds.filter((c) => c.communityId === community.id);

  const items: Item[] = [];
  const all: TaskDraft[] = [];
  for (const compound of compounds) {
    const tasks = TASK_BUILDERS.sweep({ campaign, compound, buildings: buildingsOf.get(compound.id) ?? [], exits: exitsOf.get(compound.id) ?? [] });
    all.push(...tasks);
    items.push(...tasks.map((t) => taskItem(campaign, t, createdAt)));
    // The compound's expansion marker, as the fan-out's count leaves it.
    items.push(coverItem(id, 'compound', compound.id, compound, totalsOf(tasks), { state: 'expanded' }));
  }
  const at = { streetId: community.streetId, communityId: community.id };
  for (const [gridId, tasks] of Map.groupBy(all, (t) => t.gridId)) items.push(coverItem(id, 'grid', gridId ?? UNASSIGNED, at, totalsOf(tasks)));
  const totals = totalsOf(all);
  items.push(coverItem(id, 'community', community.id, at, totals));
  items.push({
    ...newCampaignItem({ id, kind: 'sweep', scope, place, createdAt, createdBy: launcher.username }),
    status: 'active',
    compoundsPlanned: compounds.length,
    compoundsExpanded: compounds.length,
    totalTasks: totals.tasks,
    tasksCreated: totals.tasks,
    totalBuildings: totals.buildings,
    totalHouseholds: totals.households,
  });
  return { items, counts: { sweepTasks: totals.tasks } };
}

/** A coverage item with its totals, as the fan-out's ADDs create it (coverOp, countCompounds). */
function coverItem(
  campaignId: string,
  level: 'compound' | 'grid' | 'community',
  placeId: string,
  place: { readonly streetId: string | null; readonly communityId: string | null },
  totals: Totals,
  extra: Record<string, unknown> = {},
): Item {
  const at = { streetId: place.streetId, communityId: place.communityId };
  return { ...keys.cover(campaignId, level, placeId), ...coverInit(campaignId, level, placeId, at), ...totals, ...extra };
}
