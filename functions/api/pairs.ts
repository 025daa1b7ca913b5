/**
 * Vulnerable residents' pairs: the list of who was not reached by their cadre on a China day —
 * today judged live (functions/flows/unreached-pairs.ts), earlier days as the day-end job
 * recorded them. Within the caller's jurisdiction; officials see no names.
 */
import { chinaDay } from '#shared/domain/china-time.ts';
import { listScope, seesResidentDetails, type Caller } from '#shared/roles.ts';
import type { UnreachedPair } from '#shared/schemas/pairs.ts';
import { unreachedPairsRoutes } from '#shared/catalogue/routes/unreached-pairs.ts';
import { communityForCaller } from '../edge/access.ts';
import { httpHandler } from '../edge/http.ts';
import { judgePairs } from '../flows/unreached-pairs.ts';
import { nowIso } from '../platform/clock.ts';
import { cursorOf, pageOf, readSources } from '../platform/list-sources.ts';
import { loadPlaces, type Places } from '../stores/places-store.ts';
import { unreachedFromItem, unreachedSource, type UnreachedPair as StoredPair } from '../stores/unreached-store.ts';

const view = (pair: StoredPair, caller: Caller): UnreachedPair => ({
  day: pair.day, personId: pair.personId,
  ...(seesResidentDetails(caller) ? { name: pair.maskedName } : {}),
  compoundId: pair.compoundId, buildingId: pair.buildingId, communityId: pair.communityId, gridId: pair.gridId,
  ...(pair.pairedWith ? { pairedWith: pair.pairedWith } : {}),
  ...(pair.lastContactAt ? { lastContactAt: pair.lastContactAt } : {}),
});

/** Whether a pair lies within the caller's jurisdiction (the list's partition may be wider). */
function within(caller: Caller, pair: StoredPair): boolean {
  const scope = listScope(caller);
  switch (scope.level) {
    case 'city':
      return true;
    case 'street':
      return pair.streetId === scope.streetId;
    case 'community':
      return pair.communityId === scope.communityId;
    case 'grid':
      return pair.gridId === scope.gridId;
    case 'compounds':
      return false;
  }
}

/** The communities a caller's list covers: the one named, else those of their jurisdiction. */
function communitiesOf(caller: Caller, places: Places, communityId: string | undefined): (string | null)[] {
  if (communityId !== undefined) return [communityId];
  const scope = listScope(caller);
  if (scope.level === 'city') return [...places.communities.map((c) => c.id), null];
  if (scope.level === 'street') return places.communities.filter((c) => c.streetId === scope.streetId).map((c) => c.id);
  return [caller.jurisdiction.communityId ?? ''];
}

export const handler = httpHandler(unreachedPairsRoutes, {
  listUnreachedPairs: async ({ query, caller }) => {
    const places = await loadPlaces();
    const community = query.communityId === undefined ? undefined : communityForCaller(places, query.communityId, caller, 'query.communityId');
    const at = nowIso();
    const date = query.date ?? chinaDay(at);
    if (date >= chinaDay(at)) {
      // Today (so far): judged live over the caller's communities, nothing stored.
      const { unreached } = await judgePairs(date, communitiesOf(caller, places, community?.id), at);
      return { date, items: unreached.filter((p) => within(caller, p)).map((p) => view(p, caller)) };
    }
    // A community's (or grid's) list is one begins_with of the day's partition; wider ones filter it.
    const own = community ?? (caller.jurisdiction.communityId ? places.communityById.get(caller.jurisdiction.communityId) : undefined);
    const page = await readSources(
      [unreachedSource(date, own ? { streetId: own.streetId, communityId: own.id } : undefined)],
      (item) => {
        const pair = unreachedFromItem(item);
        return within(caller, pair) ? view(pair, caller) : undefined;
      },
      query.limit ?? 100,
      cursorOf(query.nextToken),
    );
    return { date, ...pageOf(page.items, page.next) };
  },
});
