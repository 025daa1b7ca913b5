/**
 * What the public resident pages answer (信息公开): a compound's case counts and its day's
 * disinfection log. No login, so every shape is a strict allow-list of fields that cannot hold
 * personal data — counts, slots, area codes, times, the compound's and buildings' names — and
 * never staff or residents' names, phones, ids, or notes (严格保护小区居民隐私信息).
 */
import * as z from '../zod.ts';
import { CaseDay } from './case.ts';
import { Id } from './common.ts';
import { CompoundStatus } from './compound.ts';
import { ChinaDay, DisinfectionLog, DisinfectionLogEntry } from './disinfection.ts';
import { DropOffPoint } from './drop-off.ts';

import { PUBLIC_CASE_DAYS, PUBLIC_LOG_DAYS } from './constants.ts';

export { PUBLIC_CASE_DAYS, PUBLIC_LOG_DAYS };

export const PublicCompoundParams = z.object({ id: Id });

export const PublicCompound = z.strictObject({ id: Id, name: z.string(), status: CompoundStatus }).register(z.globalRegistry, { id: 'PublicCompound', description: 'The compound as its gate notice names it' });

const Counts = z.strictObject(z.omit(CaseDay, { day: true }).shape);

export const PublicCases = z.strictObject({
  compound: PublicCompound,
  today: ChinaDay,
  todayCounts: Counts,
  days: z.array(CaseDay).register(z.globalRegistry, { description: `The last ${PUBLIC_CASE_DAYS} China days, oldest first, today last` }),
}).register(z.globalRegistry, { id: 'PublicCases', description: 'A compound\'s confirmed, suspected and asymptomatic counts per China day; counts only' });
export type PublicCases = z.infer<typeof PublicCases>;

export const PublicLogQuery = z.object({
  date: z.optional(ChinaDay).register(z.globalRegistry, { description: `Day in China (default today there); not in the future, at most ${PUBLIC_LOG_DAYS} days back` }),
});

/**
 * A log entry's public fields, picked (an allow-list: a field the staff log gains later stays
 * out): the slot, what it covered, the building's name, status, areas and times — no ids.
 */
export const PublicRound = z.strictObject(z.pick(DisinfectionLogEntry, {
  slot: true, target: true, buildingName: true, status: true, planned: true, areas: true, completedAt: true, dueAt: true,
}).shape).register(z.globalRegistry, { id: 'PublicRound', description: 'One disinfection round task; no staff name, id or note' });
export type PublicRound = z.infer<typeof PublicRound>;

export const PublicDisinfectionLog = z.strictObject({ ...z.pick(DisinfectionLog, { date: true, requiredRounds: true, completedRounds: true }).shape, compound: PublicCompound, today: ChinaDay, rounds: z.array(PublicRound) }).register(z.globalRegistry, { id: 'PublicDisinfectionLog', description: 'A compound\'s disinfection rounds of one China day (每日消毒情况公示)' });
export type PublicDisinfectionLog = z.infer<typeof PublicDisinfectionLog>;

/**
 * A drop-off point as the gate notice posts it: its name, hours, where it is in words and the
 * building it serves — picked (an allow-list), so who posted it and its ids stay out.
 */
export const PublicDropOffPoint = z.strictObject({ ...z.pick(DropOffPoint, { name: true, hours: true, buildingName: true }).shape, location: z.optional(z.strictObject({ description: z.string() })) }).register(z.globalRegistry, { id: 'PublicDropOffPoint', description: 'One drop-off point (物品指定存放点); no ids, no staff' });
export type PublicDropOffPoint = z.infer<typeof PublicDropOffPoint>;

export const PublicDropOffPoints = z.strictObject({ compound: PublicCompound, items: z.array(PublicDropOffPoint) }).register(z.globalRegistry, { id: 'PublicDropOffPoints', description: 'Where a compound\'s residents receive goods (物品指定存放点)' });
export type PublicDropOffPoints = z.infer<typeof PublicDropOffPoints>;
