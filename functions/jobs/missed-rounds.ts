/**
 * Shortly after midnight in China: judges the day that ended. A compound under closed management
 * or lockdown with fewer public-area rounds completed (done or partial) than the day requires
 * (one per DISINFECTION_ROUND_TIMES slot) is recorded in the sparse `MISSED#<day>` partition,
 * sorted by street and community, which GET /v1/missed-rounds lists beside unresolved exits.
 * Reads: the compounds under closure (street index by status) and the day's completion counts
 * (`ROUNDS#<day>`, written by each completion): never a read per compound judged. Each missed
 * compound gets one `missed_round` alert for its community, written in the same transaction as
 * its entry; the alert's id comes from the compound and the day, so a rerun raises none twice
 * (and leaves the entry as the first run, or a round completed late since, wrote it). A round
 * completed after the judgement updates the entry but leaves the alert: the day's rounds were
 * still missed on time, and whoever follows it up closes it.
 */
import { chinaYesterday } from '#shared/domain/china-time.ts';
import { CLOSURE_STATUSES, missedOfDay, requiredRounds } from '#shared/domain/disinfection.ts';
import { nowIso } from '../platform/clock.ts';
import { config } from '../platform/config.ts';
import { cityCompounds } from '../stores/compound-store.ts';
import { disinfectionLog, missedRoundItem, roundsCompletedOn } from '../stores/disinfection-log-store.ts';
import { logger } from '../platform/logger.ts';
import { missedRoundAlert } from '#shared/domain/duty-alerts.ts';
import { inParallel } from '#shared/parallel.ts';
import { SYSTEM_ACTOR } from '#shared/roles.ts';
import type { MissedRound } from '#shared/schemas/disinfection.ts';
import { raiseAlertOnce } from '../stores/alert-store.ts';
import { scheduledHandler } from '../edge/scheduled.ts';

/** Records the day's missed rounds (default: the China day that ended last). */
export async function recordMissedRounds(day: string = chinaYesterday(nowIso()), at: string = nowIso()): Promise<{ day: string; compounds: number; missed: number; raised: number }> {
  const required = requiredRounds(config().rounds);
  const [compounds, completed] = await Promise.all([cityCompounds(CLOSURE_STATUSES), roundsCompletedOn(day)]);
  const judged = compounds.map((c) => ({ id: c.id, name: c.name, communityId: c.communityId ?? null, streetId: c.streetId ?? null }));
  const missed = missedOfDay(day, judged, completed, required);
  const raised = await inParallel(missed, CONCURRENCY, (m) => recordMissed(m, at));
  return { day, compounds: compounds.length, missed: missed.length, raised: raised.filter(Boolean).length };
}

const CONCURRENCY = 8;

/** The public-area slots of the day not completed (done or partial): one query, for a missed compound only. */
async function roundsMissed(m: MissedRound): Promise<string[]> {
  const log = await disinfectionLog(m.compoundId, m.date);
  const completed = new Set(log.filter((e) => e.target === 'public_areas' && (e.status === 'done' || e.status === 'partial')).map((e) => e.slot));
  return config().rounds.publicSlots.filter((slot) => !completed.has(slot));
}

/** The entry and its alert in one transaction; true when new (a rerun finds the alert and writes nothing). */
async function recordMissed(m: MissedRound, at: string): Promise<boolean> {
  const alert = missedRoundAlert(m, await roundsMissed(m), at);
  return raiseAlertOnce(alert, SYSTEM_ACTOR, [{ put: missedRoundItem(m) }]);
}

export const handler = scheduledHandler('missedRounds', async () => {
  logger.info('missed rounds judged', await recordMissedRounds());
});
