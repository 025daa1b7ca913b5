/**
 * The demo city's cases and disinfection history: a few case reports (confirmed ones in the last
 * days, so case buildings get their own tasks), and yesterday's and today's rounds as the
 * schedule would have started them — most tasks done, some partial with a reason, some still
 * open (overdue once past due), and one compound that missed yesterday's 16:00 round, judged as
 * the day-end job would; and a round the first community's admin launched by hand minutes before
 * the seed, still open, so its disinfection staff have work at any hour (before 08:00 the day's
 * schedule has started nothing). Written through the stores' own item shapes; every id and key follows
 * from the city and the seed time, so re-seeding rewrites the same items.
 */
import { caseFingerprint, intensifies, inCaseWindow } from '#shared/domain/cases.ts';
import { chinaDay } from '#shared/domain/china-time.ts';
import { disinfectionTasks } from '#shared/domain/disinfection-tasks.ts';
import {
  dayBefore, DEFAULT_CASE_BUILDING_ROUND_TIMES, DEFAULT_ROUND_TIMES, manualCampaignRound, missedOfDay, requiredRounds, roundIdOf, roundSlots, scheduledRound,
  slotStart, type CampaignRound,
} from '#shared/domain/disinfection.ts';
import { isSealed } from '#shared/domain/exits.ts';
import { isoAfter, MINUTE_MS } from '#shared/domain/time.ts';
import type { CampaignScope } from '#shared/schemas/campaign.ts';
import type { CaseReport } from '#shared/schemas/case.ts';
import { indexSortKeys, keys } from '#shared/table.ts';
import { newCampaignItem } from '#functions/stores/campaign-store.ts';
import { caseItem } from '#functions/stores/case-store.ts';
import { missedRoundItem } from '#functions/stores/disinfection-log-store.ts';
import { taskItem } from '#functions/stores/task-records.ts';
import type { Item } from '#functions/platform/table.ts';
import type { GeneratedCity } from './city.ts';

/** The defaults, not the environment: the seed is the same wherever it runs. */
const SETTINGS = { publicSlots: [...DEFAULT_ROUND_TIMES], caseSlots: [...DEFAULT_CASE_BUILDING_ROUND_TIMES] };
const CITY = { type: 'city', streetId: null, communityId: null, gridId: null, compoundId: null } as const;
/** The hand-launched round's id: fixed, so a re-seed rewrites it. */
export const DEMO_ROUND_ID = 'cp_demo_round';

export interface DisinfectionSeed {
  readonly items: Item[];
  readonly counts: { readonly cases: number; readonly roundTasks: number; readonly missedRounds: number };
}

export function disinfectionSeed(city: GeneratedCity, now: string, actor: string): DisinfectionSeed {
  const today = chinaDay(now);
  const yesterday = dayBefore(today);
  const buildingsOf = Map.groupBy(city.buildings, (b) => b.compoundId);
  const sealed = city.compounds.filter((c) => isSealed(c.status));
  const withBuildings = sealed.filter((c) => (buildingsOf.get(c.id)?.length ?? 0) > 0);
  const staffOf = new Map(city.users.filter((u) => u.role === 'disinfection').flatMap((u) => (u.jurisdiction.compoundIds ?? []).map((id) => [id, u.username] as const)));

  // Cases: confirmed two days ago and yesterday, suspected yesterday, asymptomatic today.
  const plan = [
    { at: 0, building: 0, date: dayBefore(today, 2), kind: 'confirmed', count: 1 },
    { at: 0, building: 1, date: yesterday, kind: 'confirmed', count: 2 },
    { at: 1, building: 0, date: yesterday, kind: 'suspected', count: 1 },
    { at: 2, building: 0, date: today, kind: 'asymptomatic', count: 3 },
  ] as const;
  const reports: CaseReport[] = plan.flatMap((p, i) => {
    const compound = withBuildings[p.at];
    const building = buildingsOf.get(compound?.id ?? '')?.[p.building];
    if (!compound || !building) return [];
    return [{ id: `cs_demo${i + 1}`, compoundId: compound.id, buildingId: building.id, date: p.date, kind: p.kind, count: p.count, reportedAt: now, reportedBy: actor }];
  });
  const caseBuildings: Record<string, string[]> = {};
  for (const r of reports) if (intensifies(r.kind) && inCaseWindow(r.date, today)) (caseBuildings[r.compoundId] ??= []).push(r.buildingId);

  const items: Item[] = reports.map((r) => caseItem(r, caseFingerprint(r)));
  /** A compound's tasks of a round, as the round's fan-out builds them: it reads only the compound's case buildings. */
  const roundDrafts = (campaign: { id: string; kind: 'disinfection'; scope: CampaignScope }, round: CampaignRound, compound: GeneratedCity['compounds'][number]) => disinfectionTasks({
    campaign: { ...campaign, round },
    compound,
    buildings: (buildingsOf.get(compound.id) ?? []).filter((b) => caseBuildings[compound.id]?.includes(b.id)),
    exits: [],
  });
  const done = new Map<string, number>();
  let roundTasks = 0;
  const days = [yesterday, today];
  for (const day of days) {
    for (const slot of roundSlots(SETTINGS)) {
      const startedAt = slotStart(day, slot.slot);
      if (startedAt > now) continue;
      const round = scheduledRound({ day, ...slot }, SETTINGS);
      const id = roundIdOf(day, slot.slot);
      const campaign = { id, kind: 'disinfection' as const, scope: { type: 'city' as const } };
      const compounds = slot.publicAreas ? sealed : sealed.filter((c) => caseBuildings[c.id]);
      let tasksDone = 0;
      let tasks = 0;
      compounds.forEach((compound, i) => {
        const drafts = roundDrafts(campaign, round, compound);
        for (const draft of drafts) {
          tasks++;
          const task = taskItem({ id, kind: 'disinfection' }, draft, startedAt);
          const completedAt = isoAfter(startedAt, (35 + (i % 50)) * MINUTE_MS);
          // Yesterday: all done but the third compound's 16:00 round (a missed round) and the last building round;
          // today: what had time to be done, but every fourth compound still open (overdue once past due).
          const open = day === yesterday ? (i === 2 && slot.slot === '16:00') || (slot.slot === '20:00' && draft.buildingId !== null) : i % 4 === 3 || completedAt > now;
          if (open) {
            items.push(task);
            continue;
          }
          const partial = i % 5 === 1;
          const planned = draft.round?.planned ?? [];
          const areas = partial ? planned.filter((a) => a !== 'elevator') : [...planned];
          items.push({
            ...task, status: 'done', completedAt, completedBy: staffOf.get(compound.id) ?? actor, areasDone: areas, partial,
            ...(partial ? { reason: '电梯停运检修，未能消杀' } : {}),
            gsi1sk: indexSortKeys.taskOfGrid('done', id, compound.id, draft.order, draft.targetId),
            version: 3,
          });
          tasksDone++;
          if (draft.round?.target === 'public_areas') done.set(`${day}|${compound.id}`, (done.get(`${day}|${compound.id}`) ?? 0) + 1);
        }
      });
      roundTasks += tasks;
      items.push({
        ...newCampaignItem({ id, kind: 'disinfection', scope: { type: 'city' }, place: CITY, createdAt: startedAt, createdBy: 'system', round }),
        status: tasksDone === tasks ? 'done' : 'active',
        compoundsPlanned: compounds.length, compoundsExpanded: compounds.length, totalTasks: tasks, tasksCreated: tasks, tasksDone,
      });
    }
  }
  // Launched by hand over the first community ten minutes ago (a manual round: every compound of its scope), all still open.
  const first = city.communities[0];
  const admin = city.users.find((u) => u.role === 'community' && u.jurisdiction.communityId === first?.id);
  if (first && admin) {
    const startedAt = isoAfter(now, -10 * MINUTE_MS);
    const round = manualCampaignRound(startedAt);
    const scope = { type: 'community' as const, id: first.id };
    const campaign = { id: DEMO_ROUND_ID, kind: 'disinfection' as const, scope };
    const compounds = city.compounds.filter((c) => c.communityId === first.id);
    const drafts = compounds.flatMap((compound) => roundDrafts(campaign, round, compound));
    items.push(...drafts.map((draft) => taskItem(campaign, draft, startedAt)));
    items.push({
      ...newCampaignItem({
        id: DEMO_ROUND_ID, kind: 'disinfection', scope, createdAt: startedAt, createdBy: admin.username, round,
        place: { type: 'community', streetId: first.streetId, communityId: first.id, gridId: null, compoundId: null },
      }),
      status: 'active',
      compoundsPlanned: compounds.length, compoundsExpanded: compounds.length, totalTasks: drafts.length, tasksCreated: drafts.length,
    });
    roundTasks += drafts.length;
  }
  for (const day of days) {
    for (const compound of sealed) {
      const count = done.get(`${day}|${compound.id}`);
      if (count) items.push({ ...keys.roundsDone(day, compound.id), type: 'rounds-done', day, compoundId: compound.id, compoundName: compound.name, communityId: compound.communityId, streetId: compound.streetId, completed: count });
    }
  }
  // Yesterday is over: judged as the day-end job judges it.
  const completed = new Map(sealed.map((c) => [c.id, done.get(`${yesterday}|${c.id}`) ?? 0]));
  const missed = missedOfDay(yesterday, sealed, completed, requiredRounds(SETTINGS));
  items.push(...missed.map(missedRoundItem));
  return { items, counts: { cases: reports.length, roundTasks, missedRounds: missed.length } };
}
