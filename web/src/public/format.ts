/** How the resident page writes days and times: China's clock, whatever the phone's zone. */
import { chinaMinute } from '#shared/domain/china-time.ts';

/** An instant as China reads it, hours and minutes: `2026-11-23T00:30:00Z` → `08:30`. */
export const chinaTime = (iso: string): string => chinaMinute(iso).slice(11);

/** A China day without its year, for narrow tables: `2026-11-23` → `11-23`. */
export const shortDay = (day: string): string => day.slice(5);
