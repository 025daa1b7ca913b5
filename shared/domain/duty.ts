/**
 * Duty at an exit (卡口值守): shifts, the 24-hour rota (24小时轮班) and clock-in (打卡制), as pure
 * rules. Times are ISO strings in and out; the arithmetic is on epoch milliseconds, so a one-minute
 * gap between two shifts is a gap and two shifts that touch (end = next start) are not.
 */
import { DAY_MS, HOUR_MS, isoAt, MINUTE_MS } from './time.ts';
import { stableHash } from './ids.ts';

export interface Interval {
  readonly start: string;
  readonly end: string;
}

export interface ShiftTimes extends Interval {
  /** When the person on duty clocked in, if they did. */
  readonly clockInAt?: string | undefined;
}

const ms = (iso: string): number => Date.parse(iso);
/** The longest shift: a rota's shift lasts at most a day. */
export const MAX_SHIFT_MS = 24 * HOUR_MS;
/** The longest window one shift list reads. */
export const MAX_SHIFT_LIST_MS = 14 * DAY_MS;

/** The same shift (exit, person, start) always gets the same id, so a retried POST rewrites nothing. */
export const shiftIdFor = (exitId: string, person: string, start: string): string =>
  `sh_${stableHash(`${exitId}:${person}:${new Date(start).toISOString()}`)}`;

/** Stretches of [from, to) that no shift covers, in time order. */
export function coverageGaps(shifts: readonly Interval[], from: string, to: string): Interval[] {
  const sorted = shifts
    .map((s) => [ms(s.start), ms(s.end)] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const gaps: Interval[] = [];
  let covered = ms(from);
  const until = ms(to);
  for (const [start, end] of sorted) {
    if (covered >= until) break;
    if (start > covered) gaps.push({ start: isoAt(covered), end: isoAt(Math.min(start, until)) });
    covered = Math.max(covered, end);
  }
  if (covered < until) gaps.push({ start: isoAt(covered), end: isoAt(until) });
  return gaps.filter((g) => ms(g.end) > ms(g.start));
}

/** Stretches covered by two or more shifts at once (handovers beyond a few minutes, double booking). */
export function coverageOverlaps(shifts: readonly Interval[]): Interval[] {
  const sorted = [...shifts].sort((a, b) => ms(a.start) - ms(b.start));
  const overlaps: Interval[] = [];
  let reach = -Infinity;
  for (const s of sorted) {
    const start = ms(s.start);
    const end = ms(s.end);
    if (start < reach) overlaps.push({ start: isoAt(start), end: isoAt(Math.min(end, reach)) });
    reach = Math.max(reach, end);
  }
  return overlaps;
}

/** Shifts running at `now`: start ≤ now < end. */
export const currentShifts = <S extends Interval>(shifts: readonly S[], now: string): S[] =>
  shifts.filter((s) => ms(s.start) <= ms(now) && ms(now) < ms(s.end));

export const CLOCK_IN_STATES = ['upcoming', 'pending', 'on_time', 'late', 'missed'] as const;
export type ClockInState = (typeof CLOCK_IN_STATES)[number];

/**
 * A shift's clock-in as accountability sees it (擅离职守 / 打卡不严): on time within the grace
 * after its start, late after it, missed when the grace passed with no clock-in; pending while
 * the grace runs, upcoming before the start. A clock-in exactly at the grace's end is on time.
 */
export function clockInState(shift: ShiftTimes, now: string, graceMinutes: number): ClockInState {
  const deadline = ms(shift.start) + graceMinutes * MINUTE_MS;
  if (shift.clockInAt !== undefined) return ms(shift.clockInAt) <= deadline ? 'on_time' : 'late';
  if (ms(now) < ms(shift.start)) return 'upcoming';
  return ms(now) <= deadline ? 'pending' : 'missed';
}

/** How early before a shift's start its person may clock in (handover). */
export const EARLY_CLOCK_IN_MINUTES = 30;

/** The caller's shift that a clock-in at `now` belongs to: running, or starting within the early window. */
export function shiftToClockIn<S extends Interval & { readonly person: string }>(shifts: readonly S[], person: string, now: string): S | undefined {
  const t = ms(now);
  return shifts
    .filter((s) => s.person === person && ms(s.start) - EARLY_CLOCK_IN_MINUTES * MINUTE_MS <= t && t < ms(s.end))
    .sort((a, b) => ms(a.start) - ms(b.start))[0];
}

export interface Rotation {
  /** The first shift's start. */
  readonly from: string;
  readonly days: number;
  /** Length of each shift: 8 (3 × 8 h), 12 (2 × 12 h) or 24. */
  readonly shiftHours: number;
  /** Who takes the shifts, in turn. */
  readonly people: readonly string[];
}

/** The shifts a rotation template makes: back to back from `from`, people in turn. */
export function rotationShifts(rotation: Rotation): (Interval & { person: string })[] {
  const count = Math.floor((rotation.days * 24) / rotation.shiftHours);
  const start = ms(rotation.from);
  return Array.from({ length: count }, (_, i) => ({
    person: rotation.people[i % rotation.people.length] as string,
    start: isoAt(start + i * rotation.shiftHours * HOUR_MS),
    end: isoAt(start + (i + 1) * rotation.shiftHours * HOUR_MS),
  }));
}

/** Great-circle distance in metres, for how far from its exit a clock-in was made. */
export function metresBetween(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * 6_371_000 * Math.asin(Math.sqrt(h)));
}
