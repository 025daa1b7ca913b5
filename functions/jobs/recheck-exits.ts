/**
 * Every five minutes: judges again the rule groups whose time has come — a shift started or
 * ended, a clock-in's grace ran out, the 24-hour window's end passed a shift — read from the
 * sparse due index (byParent `XDUE#<day>`), never the whole city. Groups touched by a write whose
 * writer failed to judge them are due at once, so this is also the safety net for those.
 */
import { nowIso } from '../platform/clock.ts';
import { dueGroups, reevaluate } from '../stores/exit-rules-store.ts';
import { logger } from '../platform/logger.ts';
import { inParallel } from '#shared/parallel.ts';
import { scheduledHandler } from '../edge/scheduled.ts';

/** Days of due buckets read: a job that was down this long still finds what it missed. */
const LOOKBACK_DAYS = 3;
const CONCURRENCY = 8;

export async function recheckDue(now: string): Promise<{ due: number; changed: number }> {
  const due = await dueGroups(now, LOOKBACK_DAYS);
  const judged = await inParallel(due, CONCURRENCY, (group) => reevaluate(group, now));
  return { due: due.length, changed: judged.reduce((sum, j) => sum + (j?.changed ?? 0), 0) };
}

export const handler = scheduledHandler('recheckExits', async () => {
  const result = await recheckDue(nowIso());
  logger.info('exit rules rechecked', result);
});
