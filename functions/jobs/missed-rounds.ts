/**
 * Shortly after midnight in China: judges the day that ended. A compound under closed management
 * or lockdown with fewer public-area rounds completed (done or partial) than the day requires
 * (one per DISINFECTION_ROUND_TIMES slot) is recorded in the sparse `MISSED#<day>` partition,
 * sorted by street and community, which GET /v1/missed-rounds lists beside unresolved exits.
 * Reads: the compounds under closure (street index by status) and the day's completion counts
 * (`ROUNDS#<day>`, written by each completion): never a read per compound. Re-running rewrites the
 * same items.
 */
import { chinaDay } from '#shared/domain/china-time.ts';
import { CLOSURE_STATUSES, dayBefore, missedOfDay, requiredRounds } from '#shared/domain/disinfection.ts';
import { keys } from '#shared/table.ts';
import { nowIso } from '../platform/clock.ts';
import { config } from '../platform/config.ts';
import { missedRoundItem } from '../stores/disinfection-log-store.ts';
import { cityCompounds } from '../flows/fan-out.ts';
import { logger } from '../platform/logger.ts';
import { scheduledHandler } from '../edge/scheduled.ts';
import { batchWrite, queryAll, type Item } from '../platform/table.ts';

/** Records the day's missed rounds (default: the China day that ended last). */
export async function judgeRounds(day: string = dayBefore(chinaDay(nowIso()))): Promise<{ day: string; compounds: number; missed: number }> {
  const required = requiredRounds(config().rounds);
  const [compounds, counts] = await Promise.all([
    cityCompounds(CLOSURE_STATUSES),
    // Consistent: a round completed in the minutes before the judgement counts.
    queryAll<Item>({ partition: keys.roundsDone(day, '').pk, consistent: true }),
  ]);
  const completed = new Map(counts.map((c) => [c.compoundId as string, Number(c.completed ?? 0)]));
  const judged = compounds.map((c) => ({
    id: c.id as string, name: c.name as string, communityId: (c.communityId as string | null) ?? null, streetId: (c.streetId as string | null) ?? null,
  }));
  const missed = missedOfDay(day, judged, completed, required);
  await batchWrite(missed.map(missedRoundItem));
  return { day, compounds: compounds.length, missed: missed.length };
}

export const handler = scheduledHandler('judgeRounds', async () => {
  logger.info('missed rounds judged', await judgeRounds());
});
