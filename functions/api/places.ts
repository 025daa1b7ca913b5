/**
 * Places above the compound: the communities (社区) a caller may see, with their boundaries.
 */
import { listScope, type Caller } from '#shared/roles.ts';
import { streetForCaller } from '../edge/access.ts';
import { collection } from '../platform/features.ts';
import { httpHandler } from '../edge/http.ts';
import { placesRoutes } from '#shared/catalogue/routes/places.ts';
import { getGrid, loadPlaces, type Places } from '../stores/places-store.ts';
import { getCompounds } from '../stores/compound-store.ts';

export const handler = httpHandler(placesRoutes, {
  listCommunities: async ({ query, caller }) => {
    const places = await loadPlaces();
    if (query.streetId) streetForCaller(places, query.streetId, caller, 'query.streetId');
    const visible = await visibleCommunityIds(caller, places);
    const features = places.communities
      .filter((c) => (visible === 'all' || visible.has(c.id)) && (!query.streetId || c.streetId === query.streetId))
      .map((c) => ({
        type: 'Feature' as const,
        id: c.id,
        geometry: c.boundary,
        properties: { id: c.id, name: c.name, streetId: c.streetId, streetName: places.streetById.get(c.streetId)?.name ?? '' },
      }));
    return collection(features, undefined);
  },
});

/** Communities a caller works in: all for city-wide roles, else those of their places. */
async function visibleCommunityIds(caller: Caller, places: Places): Promise<'all' | Set<string>> {
  const scope = listScope(caller);
  switch (scope.level) {
    case 'city':
      return 'all';
    case 'street':
      return new Set(places.communities.filter((c) => c.streetId === scope.streetId).map((c) => c.id));
    case 'community':
      return new Set([scope.communityId]);
    case 'grid': {
      const grid = await getGrid(scope.gridId);
      return new Set(grid ? [grid.communityId] : []);
    }
    case 'compounds': {
      const compounds = await getCompounds(scope.compoundIds);
      return new Set(compounds.map((c) => c.communityId).filter((id): id is string => id !== null));
    }
  }
}
