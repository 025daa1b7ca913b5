/** How the resident page writes days and times: China's clock, whatever the phone's zone. */
import { chinaMinute } from '#shared/domain/china-time.ts';

/** An instant as China reads it, hours and minutes: `2026-11-23T00:30:00Z` → `08:30`. */
export const chinaTime = (iso: string): string => chinaMinute(iso).slice(11);

/**
 * A round's due time as the log of `day` says it: a round due at the day's end is due at the
 * next day's 00:00, which reads as if it were due before the day began — it is written `24:00`.
 */
export function dueTime(iso: string, day: string): string {
  const [dueDay, time] = chinaMinute(iso).split(' ');
  return dueDay !== day && time === '00:00' ? '24:00' : (time ?? '');
}

/** A China day without its year, for narrow tables: `2026-11-23` → `11-23`. */
export const shortDay = (day: string): string => day.slice(5);
