/**
 * The clock people at the gate and in the command read: China Standard Time, UTC+8 all year (no
 * daylight saving). Instants stay UTC ISO strings everywhere; days and the times shown to people
 * are China's, so "today" turns at 16:00 UTC and a midnight shift change reads 00:00.
 */
import { DAY_MS, HOUR_MS, isoAfter, isoAt } from './time.ts';
const CHINA_OFFSET_MS = 8 * HOUR_MS;

const shifted = (at: string | number): string => isoAfter(at, CHINA_OFFSET_MS);

/** The day in China an instant falls on: 2026-11-22T17:00Z is already 2026-11-23. */
export const chinaDay = (at: string): string => shifted(at).slice(0, 10);

/** The China day before this one (`days` before it). */
export const dayBefore = (day: string, days = 1): string => isoAt(Date.parse(`${day}T12:00:00.000Z`) - days * DAY_MS).slice(0, 10);

/** Yesterday in China at an instant: the last whole day the nightly judgements (rounds, pairs) have judged. */
export const chinaYesterday = (at: string): string => dayBefore(chinaDay(at));

/** An instant as China reads it, to the minute: 2026-11-22T16:00Z → `2026-11-23 00:00`. */
export const chinaMinute = (at: string): string => shifted(at).slice(0, 16).replace('T', ' ');

/** The first and last UTC hours (`YYYY-MM-DDTHH`) of a day in China: `2026-11-23` → `2026-11-22T16`, `2026-11-23T15`. */
export function utcHoursOfChinaDay(day: string): readonly [string, string] {
  const start = Date.parse(`${day}T00:00:00.000Z`) - CHINA_OFFSET_MS;
  return [isoAt(start).slice(0, 13), isoAfter(start, 23 * HOUR_MS).slice(0, 13)];
}
