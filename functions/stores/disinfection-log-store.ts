/**
 * A compound's disinfection log of one China day (每日消毒情况公示), read by the public page and
 * the staff views: its round tasks, each with slot, target, status, areas and times. One query —
 * every disinfection task carries a byGeo entry `RLOG#<compound>#<day>` sorted by slot (the
 * unvisited-buildings cells are a sweep's; a round task never uses them), and completion changes
 * the task itself, so the log is never a second copy to keep in step.
 *
 * Public: no holder, completer, note or reason leaves this module.
 */
import { chinaDay } from '#shared/domain/china-time.ts';
import { isScheduledRound, requiredRoundsOn, roundStatus } from '#shared/domain/disinfection.ts';
import type { AreaCode, DisinfectionLog, DisinfectionLogEntry, MissedRound, RoundOfTask } from '#shared/schemas/disinfection.ts';
import { indexKeys, indexSortKeys, keys } from '#shared/table.ts';
import { nowIso } from '../platform/clock.ts';
import { config } from '../platform/config.ts';
import type { Source } from '../platform/list-sources.ts';
import { queryAll, type Item } from '../platform/table.ts';

/** The log entry of a stored disinfection task: only public fields, status as read at `at`. */
export function logEntryOf(item: Item, at: string): DisinfectionLogEntry {
  const round = item.round as RoundOfTask;
  const done = item.status === 'done';
  return {
    campaignId: item.campaignId as string,
    slot: round.slot,
    target: round.target,
    ...(round.target === 'building' && item.buildingId ? { buildingId: item.buildingId as string, buildingName: (item.buildingName as string | null) ?? undefined } : {}),
    status: roundStatus({ status: item.status as 'open' | 'claimed' | 'done', partial: item.partial === true, dueAt: round.dueAt }, at),
    planned: [...round.planned],
    areas: done ? [...((item.areasDone as AreaCode[] | undefined) ?? [])] : [],
    ...(done && item.completedAt ? { completedAt: item.completedAt as string } : {}),
    dueAt: round.dueAt,
  };
}

/** The compound's round tasks of that China day, in slot order: one query. */
export async function disinfectionLog(compoundId: string, day: string): Promise<DisinfectionLogEntry[]> {
  const at = nowIso();
  const items = await queryAll<Item>({ index: 'byGeo', partition: indexKeys.roundLog(compoundId, day) });
  return items.map((item) => logEntryOf(item, at));
}

/**
 * The log with the day's count of public-area rounds required (none for a compound under normal
 * management; requiredRoundsOn) and completed (done or partial). The compound's status may come as
 * a read still under way, so that callers read it beside the log.
 */
export async function disinfectionDay(compoundId: string, day: string, status: string | Promise<string>): Promise<DisinfectionLog> {
  const [items, current] = await Promise.all([disinfectionLog(compoundId, day), status]);
  const publicAreas = items.filter((e) => e.target === 'public_areas');
  const completed = new Set(publicAreas.filter((e) => e.status === 'done' || e.status === 'partial').map((e) => e.campaignId));
  const scheduledPublicRounds = new Set(publicAreas.map((e) => e.campaignId).filter(isScheduledRound)).size;
  const required = requiredRoundsOn(config().rounds, { isToday: day === chinaDay(nowIso()), status: current, scheduledPublicRounds });
  return { compoundId, date: day, requiredRounds: required, completedRounds: completed.size, items };
}

/** A missed round as stored (the day-end job, the demo seed): in its day's partition, sorted by street, community and compound. */
export const missedRoundItem = (m: MissedRound): Item => ({ ...keys.missedRound(m.date, m.streetId, m.communityId, m.compoundId), type: 'missed-round', ...m });

/** Part of a day's missed rounds: a street's, or a community's (named with its street, which the sort key starts with). */
export type MissedRoundsWithin = { readonly streetId: string } | { readonly streetId: string | null; readonly communityId: string };

/** A day's missed rounds (one partition), all of them or those `within` a street or community (one begins_with). */
export function missedRoundsSource(day: string, within?: MissedRoundsWithin): Source {
  const beginsWith = !within
    ? undefined
    : 'communityId' in within
      ? indexSortKeys.missedOfCommunity(within.streetId, within.communityId)
      : indexSortKeys.missedOfStreet(within.streetId);
  return { kind: 'query', query: { partition: keys.missedRound(day, null, null, '').pk, beginsWith } };
}

/**
 * Each compound's public-area rounds completed (done or partial) on a China day, by compound id:
 * read consistently, so a round completed in the minutes before the day is judged counts.
 */
export async function roundsCompletedOn(day: string): Promise<Map<string, number>> {
  const counts = await queryAll<Item>({ partition: keys.roundsDone(day, '').pk, consistent: true });
  return new Map(counts.map((c) => [c.compoundId as string, Number(c.completed ?? 0)]));
}
