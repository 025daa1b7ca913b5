/**
 * Every 5 minutes: claimed tasks whose lease lapsed go back to open, each with an audit record
 * by `system` and the holder's count of held tasks lowered, read from the sparse lease index
 * (never a scan). A task claimed, extended or completed meanwhile fails its version condition
 * and is left alone.
 */
import { nowIso } from '../platform/clock.ts';
import { logger } from '../platform/logger.ts';
import { inParallel } from '#shared/parallel.ts';
import { scheduledHandler } from '../edge/scheduled.ts';
import { expireLease } from '../stores/task-actions.ts';
import { lapsedLeases } from '../stores/task-records.ts';

export async function expireLeases(): Promise<{ lapsed: number; expired: number }> {
  const at = nowIso();
  const lapsed = await lapsedLeases(at);
  const results = await inParallel(lapsed, 8, (task) => expireLease(task, at));
  return { lapsed: lapsed.length, expired: results.filter(Boolean).length };
}

export const handler = scheduledHandler('expireLeases', async () => {
  logger.info('leases expired', await expireLeases());
});
