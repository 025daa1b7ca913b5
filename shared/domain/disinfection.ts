/**
 * Disinfection round rules (环境消杀): the China-time slots rounds start at, which slot is current,
 * when a round task is due, the area sets, what a completion body means (done or partial), how a
 * task reads in the public log, and how many rounds a day requires. Pure; the round stores and
 * jobs apply them.
 *
 * Slots: public areas at DISINFECTION_ROUND_TIMES (default 08:00 and 16:00, "at least twice a
 * day"), case buildings at CASE_BUILDING_ROUND_TIMES (default 08:00, 12:00, 16:00, 20:00). One
 * round (campaign) per slot of the union; a slot only in the case list is an extra round with
 * case-building tasks only. A task is due when its own list's next slot starts, or at the end of
 * the China day after the last slot.
 */
import type { AreaCode, MissedRound, RoundCompletion, RoundStatus, RoundTarget } from '../schemas/disinfection.ts';
import { chinaDay, chinaMinute, dayBefore } from './china-time.ts';
import { DAY_MS, HOUR_MS, isoAt, MINUTE_MS } from './time.ts';
import { spoken, type Spoken } from '../messages/message.ts';

export const PUBLIC_AREA_SET: readonly AreaCode[] = ['corridor', 'elevator', 'guard_room', 'garbage_point', 'public_area'];
/** A case building's own set: its corridors, elevators and entrance hall. */
export const BUILDING_AREA_SET: readonly AreaCode[] = ['corridor', 'elevator', 'public_area'];
export const areaSetOf = (target: RoundTarget): readonly AreaCode[] => (target === 'public_areas' ? PUBLIC_AREA_SET : BUILDING_AREA_SET);

/** Days a confirmed or suspected case keeps its building on the extra rounds. */
export const CASE_WINDOW_DAYS = 14;

export const DEFAULT_ROUND_TIMES = ['08:00', '16:00'] as const;
export const DEFAULT_CASE_BUILDING_ROUND_TIMES = ['08:00', '12:00', '16:00', '20:00'] as const;

export interface RoundSettings {
  readonly publicSlots: readonly string[];
  readonly caseSlots: readonly string[];
}

/** `"16:00, 08:00"` → `['08:00', '16:00']`; undefined when any part is not a time (the caller falls back). */
export function parseSlots(text: string | undefined): string[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const parts = text.split(',').map((p) => p.trim());
  if (!parts.every((p) => /^([01]\d|2[0-3]):[0-5]\d$/.test(p))) return undefined;
  return [...new Set(parts)].sort();
}

/** The instant a China-time slot of a China day starts: `2026-11-23`, `08:00` → `2026-11-23T00:00:00.000Z`. */
export const slotStart = (day: string, slot: string): string => isoAt(Date.parse(`${day}T${slot}:00.000+08:00`));

/** The instant a China day ends (its next midnight there). */
export const dayEnd = (day: string): string => isoAt(Date.parse(`${day}T00:00:00.000+08:00`) + DAY_MS);

// Day arithmetic lives with China time; kept importable from here, where the rounds' code finds it.
export { dayBefore };

/** The days of the case window ending on `day`, oldest first: a case reported on any of them counts. */
export const caseWindow = (day: string): string[] =>
  Array.from({ length: CASE_WINDOW_DAYS }, (_, i) => dayBefore(day, CASE_WINDOW_DAYS - 1 - i));

/** A round: one slot of one day, what it covers, its deterministic campaign id. */
export interface RoundSlot {
  readonly day: string;
  readonly slot: string;
  readonly publicAreas: boolean;
  readonly caseBuildings: boolean;
}

export const roundIdOf = (day: string, slot: string): string => `rd_${day.replaceAll('-', '')}_${slot.replace(':', '')}`;

/** Every slot of the union, with what each covers. */
export function roundSlots(settings: RoundSettings): { slot: string; publicAreas: boolean; caseBuildings: boolean }[] {
  const all = [...new Set([...settings.publicSlots, ...settings.caseSlots])].sort();
  return all.map((slot) => ({ slot, publicAreas: settings.publicSlots.includes(slot), caseBuildings: settings.caseSlots.includes(slot) }));
}

/**
 * The round whose slot is current at `at` in China: the latest slot of today that has started.
 * A late or repeated fire lands on the same slot; before the first slot of the day, none.
 */
export function currentRound(at: string, settings: RoundSettings): RoundSlot | undefined {
  const day = chinaDay(at);
  const minute = chinaMinute(at).slice(11);
  const started = roundSlots(settings).filter((s) => s.slot <= minute);
  const last = started[started.length - 1];
  return last ? { day, ...last } : undefined;
}

/** When a task of this slot is due: its list's next slot that day, else the day's end. */
export function dueAtOf(day: string, slot: string, target: RoundTarget, settings: RoundSettings): string {
  const list = target === 'public_areas' ? settings.publicSlots : settings.caseSlots;
  const next = list.find((s) => s > slot);
  return next ? slotStart(day, next) : dayEnd(day);
}

/** For a manual round started at `at`: its slot is the China minute, due in 4 hours or at day end. */
export function manualRound(at: string): { day: string; slot: string; dueAt: string } {
  const day = chinaDay(at);
  const due = Math.min(Date.parse(at) + 4 * HOUR_MS, Date.parse(dayEnd(day)) - MINUTE_MS);
  return { day, slot: chinaMinute(at).slice(11), dueAt: isoAt(due) };
}

/** Public-area rounds a compound under closed management must complete in a day. */
export const requiredRounds = (settings: RoundSettings): number => settings.publicSlots.length;

/** Compound statuses whose public areas the schedule disinfects. */
export const CLOSURE_STATUSES = ['closed', 'lockdown'] as const;
export const underClosure = (status: string): boolean => (CLOSURE_STATUSES as readonly string[]).includes(status);

/** Whether a campaign id is a scheduled round's (roundIdOf), not a manual launch's. */
export const isScheduledRound = (campaignId: string): boolean => /^rd_\d{8}_\d{4}$/.test(campaignId);

/**
 * Public-area rounds a compound must complete on a day: the day's slots while it is under closed
 * management or lockdown, none under normal management. Today is judged by its status now (or a
 * scheduled round that covered it earlier today); a past day by whether the schedule's rounds of
 * that day covered it — a scheduled round takes every compound under closure at its slot, and the
 * status a compound had on a past day is not kept.
 */
export function requiredRoundsOn(settings: RoundSettings, day: { isToday: boolean; status: string; scheduledPublicRounds: number }): number {
  const closed = day.scheduledPublicRounds > 0 || (day.isToday && underClosure(day.status));
  return closed ? requiredRounds(settings) : 0;
}

/**
 * Why a round's completion is refused: areas outside the task's set, or areas left out without
 * a reason. A code to tell the cases apart, the field at fault and the sentence to show.
 */
export type CompletionRefusal =
  | ({ readonly code: 'foreign-areas'; readonly field: 'body.areas' } & Spoken)
  | ({ readonly code: 'reason-missing'; readonly field: 'body.reason' } & Spoken);

/** A completion checked against the task's set: done, partial, or refused. */
export function judgeCompletion(
  planned: readonly AreaCode[],
  body: Pick<RoundCompletion, 'areas' | 'reason'>,
): { outcome: 'done' | 'partial'; areas: AreaCode[] } | CompletionRefusal {
  const areas = [...new Set(body.areas)];
  const foreign = areas.filter((a) => !planned.includes(a));
  if (foreign.length > 0) {
    return { code: 'foreign-areas', field: 'body.areas', ...spoken('disinfection.foreign-areas', { planned: planned.join(', '), foreign: foreign.join(', ') }) };
  }
  const ordered = planned.filter((a) => areas.includes(a));
  if (ordered.length === planned.length) return { outcome: 'done', areas: ordered };
  if (!body.reason) {
    return { code: 'reason-missing', field: 'body.reason', ...spoken('disinfection.reason-missing', { left: planned.filter((a) => !areas.includes(a)).join(', ') }) };
  }
  return { outcome: 'partial', areas: ordered };
}

/** How a task reads in the log: overdue once open or claimed past its due time. */
export function roundStatus(task: { status: 'open' | 'claimed' | 'done'; partial?: boolean; dueAt: string }, at: string): RoundStatus {
  if (task.status === 'done') return task.partial ? 'partial' : 'done';
  return task.dueAt <= at ? 'overdue' : task.status;
}

/** Whether a completed count falls short of the day's requirement. */
export const missedRounds = (required: number, completed: number): boolean => completed < required;

/** What a disinfection campaign stores about its round; the builder reads it. */
export interface CampaignRound {
  readonly day: string;
  readonly slot: string;
  readonly publicAreas: boolean;
  readonly caseBuildings: boolean;
  readonly publicDueAt: string;
  readonly buildingDueAt: string;
  /** Started by the schedule (city-wide: compounds under closed management or lockdown, and case compounds). */
  readonly scheduled: boolean;
}

/** The round of a scheduled slot. */
export function scheduledRound(slot: RoundSlot, settings: RoundSettings): CampaignRound {
  return {
    ...slot,
    publicDueAt: dueAtOf(slot.day, slot.slot, 'public_areas', settings),
    buildingDueAt: dueAtOf(slot.day, slot.slot, 'building', settings),
    scheduled: true,
  };
}

/** The round of a manual launch (POST /v1/campaigns): public areas and case buildings, due when the launch says or in 4 hours. */
export function manualCampaignRound(at: string, dueAtGiven?: string): CampaignRound {
  const { day, slot, dueAt: due } = manualRound(at);
  const dueAt = dueAtGiven ?? due;
  return { day, slot, publicAreas: true, caseBuildings: true, publicDueAt: dueAt, buildingDueAt: dueAt, scheduled: false };
}

/** A compound as the day-end judgement reads it. */
export interface JudgedCompound {
  readonly id: string;
  readonly name: string;
  readonly streetId: string | null;
  readonly communityId: string | null;
}

/** The compounds under closure that completed fewer public-area rounds on `day` than required. */
export function missedOfDay(day: string, compounds: readonly JudgedCompound[], completed: ReadonlyMap<string, number>, required: number): MissedRound[] {
  return compounds
    .map((c) => ({ compoundId: c.id, compoundName: c.name, communityId: c.communityId, streetId: c.streetId, date: day, required, completed: completed.get(c.id) ?? 0 }))
    .filter((m) => missedRounds(m.required, m.completed));
}
