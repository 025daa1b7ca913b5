/**
 * Where the duty staff member stands at an exit, from the exit's shifts as the API lists them
 * and the clock actions still in the outbox: on shift now or not, clocked in, clocked out — and
 * whether that comes from an action not yet answered (待确认). Also the next shift, and the
 * day's hours as the counts route names them (UTC) turned into China's hours.
 */
import { chinaMinute } from '#shared/domain/china-time.ts';
import type { Shift } from '#shared/schemas/duty.ts';
import type { OutboxEntry } from '../tasks/outbox.ts';

export type ClockStanding =
  /** No shift of mine runs now: nothing to clock. */
  | { readonly kind: 'off-shift'; readonly next?: Shift }
  | { readonly kind: 'on-shift'; readonly shift: Shift; readonly clockedIn: boolean; readonly clockedOut: boolean; readonly unconfirmed: boolean };

/** The shift of `person` running at `now`, and their next one. */
function myShifts(items: readonly Shift[], person: string, now: number): { current?: Shift; next?: Shift } {
  const mine = items.filter((s) => s.person === person).sort((a, b) => a.start.localeCompare(b.start));
  const current = mine.find((s) => Date.parse(s.start) <= now && now < Date.parse(s.end));
  const next = mine.find((s) => Date.parse(s.start) > now);
  return { ...(current ? { current } : {}), ...(next ? { next } : {}) };
}

/** The clock standing at an exit: the API's shift, with the clock actions queued for it laid over. */
export function clockStanding(items: readonly Shift[], person: string, now: number, queued: readonly OutboxEntry[], exitId: string): ClockStanding {
  const { current, next } = myShifts(items, person, now);
  if (!current) return { kind: 'off-shift', ...(next ? { next } : {}) };
  const mine = queued.filter((e) => e.subject === exitId);
  const queuedIn = mine.some((e) => e.kind === 'clock-in');
  const queuedOut = mine.some((e) => e.kind === 'clock-out');
  const clockedIn = current.clockInAt !== undefined || queuedIn;
  const clockedOut = current.clockOutAt !== undefined || queuedOut;
  const unconfirmed = (queuedIn && current.clockInAt === undefined) || (queuedOut && current.clockOutAt === undefined);
  return { kind: 'on-shift', shift: current, clockedIn, clockedOut, unconfirmed };
}

/**
 * Who takes over the exit next: the first shift starting after the one running now ends (or after
 * `now` when none runs) — whoever holds it, so the person at the gate knows whom to hand over to.
 */
export function reliefShift(items: readonly Shift[], person: string, now: number): Shift | undefined {
  const current = myShifts(items, person, now).current;
  const after = current ? Date.parse(current.end) : now;
  return [...items].sort((a, b) => a.start.localeCompare(b.start)).find((s) => Date.parse(s.start) >= after && s !== current);
}

/** The hour of the day in China, where the counts' days are cut, for the counts route's UTC hour (`2026-11-22T16` → 0). */
export const chinaHour = (utcHour: string): number => Number(chinaMinute(`${utcHour}:00:00.000Z`).slice(11, 13));
