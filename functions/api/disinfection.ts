/**
 * Disinfection routes for staff and overseers: the missed rounds of a China day, filtered to the
 * caller's jurisdiction and paged like the unresolved exits (one partition per day, sorted by
 * street and community, so a jurisdiction is one begins_with), and a compound's day log.
 */
import { chinaDay, chinaYesterday } from '#shared/domain/china-time.ts';
import { disinfectsCompound } from '#shared/domain/tasks.ts';
import { canSeeCompound, listScope, type Caller } from '#shared/roles.ts';
import type { MissedRound, MissedRoundsQuery } from '#shared/schemas/disinfection.ts';
import { communityForCaller, compoundForCaller, streetForCaller } from '../edge/access.ts';
import { nowIso } from '../platform/clock.ts';
import { getCompound } from '../stores/compound-store.ts';
import { disinfectionDay, missedRoundsSource, type MissedRoundsWithin } from '../stores/disinfection-log-store.ts';
import { ForbiddenError, NotFoundError } from '../platform/errors.ts';
import { httpHandler } from '../edge/http.ts';
import { disinfectionRoutes } from '#shared/catalogue/routes/disinfection.ts';
import { cursorOf, pageOf, readSources, withoutKeys } from '../platform/list-sources.ts';
import { loadPlaces } from '../stores/places-store.ts';
import { message } from '#shared/messages/message.ts';

/** The caller's (or the filter's) part of the day's missed rounds; undefined for all. */
async function missedWithin(query: MissedRoundsQuery, caller: Caller): Promise<MissedRoundsWithin | undefined> {
  const places = await loadPlaces();
  if (query.communityId) {
    const community = communityForCaller(places, query.communityId, caller, 'query.communityId');
    return { streetId: community.streetId, communityId: community.id };
  }
  if (query.streetId) return { streetId: streetForCaller(places, query.streetId, caller, 'query.streetId').id };
  const scope = listScope(caller);
  switch (scope.level) {
    case 'city':
      return undefined;
    case 'street':
      return { streetId: scope.streetId };
    case 'community':
      return { streetId: places.communityById.get(scope.communityId)?.streetId ?? null, communityId: scope.communityId };
    case 'grid':
    case 'compounds':
      return undefined;
  }
}

export const handler = httpHandler(disinfectionRoutes, {
  listMissedRounds: async ({ query, caller }) => {
    const date = query.date ?? chinaYesterday(nowIso());
    const result = await readSources(
      [missedRoundsSource(date, await missedWithin(query, caller))],
      (item) => {
        const missed = withoutKeys<MissedRound>(item);
        return canSeeCompound(caller, { id: missed.compoundId, streetId: missed.streetId, communityId: missed.communityId, gridIds: [] }) ? missed : undefined;
      },
      query.limit ?? 200,
      cursorOf(query.nextToken),
    );
    return pageOf(result.items, result.next);
  },

  getDisinfectionLog: async ({ params, query, caller }) => {
    const date = query.date ?? chinaDay(nowIso());
    const compound = caller.role === 'disinfection' ? await getCompound(params.id) : await compoundForCaller(params.id, caller);
    if (!compound) throw new NotFoundError(message('access.no-compound', { id: params.id }));
    if (caller.role === 'disinfection' && !disinfectsCompound(caller, { compoundId: compound.id, communityId: compound.communityId, propertyManaged: compound.propertyManaged })) {
      throw new ForbiddenError(message('disinfection.not-yours', { id: params.id }));
    }
    return disinfectionDay(params.id, date, compound.status);
  },
});
