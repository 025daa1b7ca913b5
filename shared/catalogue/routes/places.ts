/**
 * Routes over the places of jurisdiction: streets, communities, grids.
 */
import { ROLES } from '#shared/roles.ts';
import { CommunityCollection, CommunityListQuery } from '#shared/schemas/places.ts';
import { defineRoutes } from '../types.ts';

export const placesRoutes = defineRoutes({
  listCommunities: {
    method: 'GET', path: '/v1/communities', resource: 'places', auth: 'jwt', roles: ROLES,
    summary: 'Communities (社区) with their boundaries, within the caller\'s jurisdiction',
    query: CommunityListQuery,
    response: { status: 200, schema: CommunityCollection, contentType: 'application/geo+json' },
  },
});
