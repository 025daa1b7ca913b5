/**
 * Shortly after midnight in China: judges the day that ended for vulnerable residents' pairs. A
 * registered vulnerable resident whose cadre logged no contact that reached them that day is
 * recorded in the sparse `UNREACHED#<day>` partition (sorted by street and community), which
 * GET /v1/unreached-pairs lists. Reads: each community's registered people (one index query per
 * community) and the day's contacts of only those contacted that day or since. Re-running
 * rewrites the same items.
 */
import { chinaYesterday } from '#shared/domain/china-time.ts';
import { scheduledHandler } from '../edge/scheduled.ts';
import { judgePairs } from '../flows/unreached-pairs.ts';
import { nowIso } from '../platform/clock.ts';
import { logger } from '../platform/logger.ts';
import { loadPlaces } from '../stores/places-store.ts';
import { saveUnreached } from '../stores/unreached-store.ts';

/** Records the day's unreached pairs (default: the China day that ended last). */
export async function recordUnreachedPairs(day: string = chinaYesterday(nowIso())): Promise<{ day: string; judged: number; unreached: number }> {
  const places = await loadPlaces();
  // People of compounds in no community yet are kept under the unassigned partition.
  const communities = [...places.communities.map((c) => c.id), null];
  const { judged, unreached } = await judgePairs(day, communities, nowIso());
  await saveUnreached(unreached);
  return { day, judged, unreached: unreached.length };
}

export const handler = scheduledHandler('unreachedPairs', async () => {
  logger.info('unreached pairs judged', await recordUnreachedPairs());
});
