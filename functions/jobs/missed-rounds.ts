/**
 * Shortly after midnight in China: judges the day that ended. A compound under closed management
 * or lockdown with fewer public-area rounds completed (done or partial) than the day requires
 * (one per DISINFECTION_ROUND_TIMES slot) is recorded in the sparse `MISSED#<day>` partition,
 * sorted by street and community, which GET /v1/missed-rounds lists beside unresolved exits.
 * Reads: the compounds under closure (street index by status) and the day's completion counts
 * (`ROUNDS#<day>`, written by each completion): never a read per compound. Re-running rewrites the
 * same items.
 */
import { chinaYesterday } from '#shared/domain/china-time.ts';
import { CLOSURE_STATUSES, missedOfDay, requiredRounds } from '#shared/domain/disinfection.ts';
import { nowIso } from '../platform/clock.ts';
import { config } from '../platform/config.ts';
import { cityCompounds } from '../stores/compound-store.ts';
import { roundsCompletedOn, saveMissedRounds } from '../stores/disinfection-log-store.ts';
import { logger } from '../platform/logger.ts';
import { scheduledHandler } from '../edge/scheduled.ts';

/** Records the day's missed rounds (default: the China day that ended last). */
export async function recordMissedRounds(day: string = chinaYesterday(nowIso())): Promise<{ day: string; compounds: number; missed: number }> {
  const required = requiredRounds(config().rounds);
  const [compounds, completed] = await Promise.all([cityCompounds(CLOSURE_STATUSES), roundsCompletedOn(day)]);
  const judged = compounds.map((c) => ({ id: c.id, name: c.name, communityId: c.communityId ?? null, streetId: c.streetId ?? null }));
  const missed = missedOfDay(day, judged, completed, required);
  await saveMissedRounds(missed);
  return { day, compounds: compounds.length, missed: missed.length };
}

export const handler = scheduledHandler('missedRounds', async () => {
  logger.info('missed rounds judged', await recordMissedRounds());
});
