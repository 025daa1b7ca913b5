/**
 * Judging vulnerable residents' pairs for a China day (shared/domain/pairs.ts): the registered
 * people of each community (one index query per community), and the day's contacts of only those
 * whose last contact fell on or after that day. The day-end job stores the result; the list of
 * today judges live with the same code.
 */
import { unreachedOn, contactsToRead, type LoggedContact } from '#shared/domain/pairs.ts';
import { maskName } from '#shared/domain/privacy.ts';
import { inParallel } from '#shared/parallel.ts';
import { contactsOfDay, registeredOf, type UnreachedPair } from '../stores/unreached-store.ts';

/** Contact reads in flight at once. */
const CONCURRENCY = 16;

/** The pairs of these communities not reached on `day`, as of `at`. */
export async function judgePairs(day: string, communityIds: readonly (string | null)[], at: string): Promise<{ judged: number; unreached: UnreachedPair[] }> {
  const people = (await Promise.all(communityIds.map(registeredOf))).flat().filter((p) => p.category === 'vulnerable');
  const contacts = new Map<string, readonly LoggedContact[]>();
  await inParallel(contactsToRead(day, people), CONCURRENCY, async (p) => contacts.set(p.id, await contactsOfDay(p.id, day)));
  const unreached = unreachedOn(day, people, contacts).map((p): UnreachedPair => ({
    day, personId: p.id, maskedName: maskName(p.name), compoundId: p.compoundId, buildingId: p.buildingId,
    communityId: p.communityId, streetId: p.streetId, gridId: p.gridId,
    ...(p.pairedWith ? { pairedWith: p.pairedWith } : {}),
    ...(p.lastContactAt ? { lastContactAt: p.lastContactAt } : {}),
    judgedAt: at,
  }));
  return { judged: people.length, unreached };
}
