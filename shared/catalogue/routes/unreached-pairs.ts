/**
 * The community's list of vulnerable residents whose paired cadre reached them on no contact
 * of a day (functions/jobs/unreached-pairs.ts records past days; today is judged live).
 */
import { UnreachedPage, UnreachedQuery } from '#shared/schemas/pairs.ts';
import { defineRoutes } from '../types.ts';

export const unreachedPairsRoutes = defineRoutes({
  listUnreachedPairs: {
    method: 'GET', path: '/v1/unreached-pairs', resource: 'pairs', auth: 'jwt', roles: ['city', 'official', 'community', 'grid'],
    summary: 'Vulnerable residents not reached by their cadre on a China day (today: so far), within the caller\'s jurisdiction',
    description: 'A contact counts when it reached the person (outcome ok or needs_help). Names masked; officials see no names.',
    query: UnreachedQuery, response: { status: 200, schema: UnreachedPage },
  },
});
