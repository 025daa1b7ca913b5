/**
 * Vulnerable residents not reached by their cadre on a China day (`UNREACHED#<day>`, sorted by
 * street and community like missed rounds): written by the day-end job, listed by the community.
 * Also reads what judging needs from the people's partitions: the registered (vulnerable) people
 * of a community, and a person's contacts of one day (items people-store.ts writes).
 */
import { dayEnd } from '#shared/domain/disinfection.ts';
import type { LoggedContact } from '#shared/domain/pairs.ts';
import { indexSortKeys, keys } from '#shared/table.ts';
import { batchWrite, queryAll, type Item } from '../platform/table.ts';
import { withoutKeys, type Source } from '../platform/list-sources.ts';
import { peopleSource, storedPersonFromItem, type StoredPerson } from './people-store.ts';

/** A pair not reached on a day: the place, the cadre, the last contact; the name only masked. */
export interface UnreachedPair {
  readonly day: string;
  readonly personId: string;
  readonly maskedName: string;
  readonly compoundId: string;
  readonly buildingId: string;
  readonly communityId: string | null;
  readonly streetId: string | null;
  readonly gridId: string | null;
  readonly pairedWith?: string;
  readonly lastContactAt?: string;
  readonly judgedAt: string;
}

const unreachedItem = (pair: UnreachedPair): Item => ({
  ...keys.unreachedPair(pair.day, pair.streetId, pair.communityId, pair.personId),
  type: 'unreached-pair',
  ...pair,
});

export const unreachedFromItem = (item: Item): UnreachedPair => withoutKeys<UnreachedPair>(item);

/** Writes a day's unreached pairs; re-running rewrites the same items. */
export const saveUnreached = (pairs: readonly UnreachedPair[]): Promise<void> => batchWrite(pairs.map(unreachedItem));

/** A day's unreached pairs, all or a community's (one begins_with). */
export function unreachedSource(day: string, within?: { streetId: string | null; communityId: string }): Source {
  const beginsWith = within ? indexSortKeys.missedOfCommunity(within.streetId, within.communityId) : undefined;
  return { kind: 'query', query: { partition: keys.unreachedPair(day, null, null, '').pk, beginsWith } };
}

/** The vulnerable residents registered in a community (status registered: the people-store's index, one query). */
export async function registeredOf(communityId: string | null): Promise<StoredPerson[]> {
  const source = peopleSource({ communityId }, 'registered');
  if (source.kind !== 'query') return [];
  const items = await queryAll<Item>(source.query);
  return items.map(storedPersonFromItem);
}

/** A person's contacts logged on a China day (a range of their partition's CONTACT# items). */
export async function contactsOfDay(personId: string, day: string): Promise<LoggedContact[]> {
  const start = new Date(Date.parse(`${day}T00:00:00.000+08:00`)).toISOString();
  const end = dayEnd(day);
  const items = await queryAll<Item>({
    partition: keys.person(personId).pk,
    between: [keys.personContact(personId, start, '').sk, keys.personContact(personId, end, '').sk],
    consistent: true,
  });
  return items.map((i) => ({ at: i.at as string, outcome: i.outcome as LoggedContact['outcome'] }));
}
