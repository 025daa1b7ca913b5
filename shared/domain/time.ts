/**
 * The vocabulary of time arithmetic: durations in milliseconds, instants as UTC ISO strings
 * (what the table stores and the API speaks). Days as people read them are in china-time.ts.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** An instant (epoch milliseconds or a date string in any offset) as a UTC ISO string. */
export const isoAt = (t: number | string): string => new Date(t).toISOString();

/** The instant `ms` after `at` (before it, for a negative `ms`). */
export const isoAfter = (at: number | string | Date, ms: number): string => new Date(new Date(at).getTime() + ms).toISOString();
