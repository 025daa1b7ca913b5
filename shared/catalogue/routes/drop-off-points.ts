/**
 * Routes over a compound's drop-off points (物品指定存放点): city staff and community admins post
 * them; overseers and the compound's duty staff (who send couriers there) read them.
 */
import { OVERSEERS, REGISTRY_EDITORS } from '#shared/roles.ts';
import { DropOffCreate, DropOffParams, DropOffPoint, DropOffPointList } from '#shared/schemas/drop-off.ts';
import { defineRoutes } from '../types.ts';

export const dropOffPointsRoutes = defineRoutes({
  listDropOffPoints: {
    method: 'GET', path: '/v1/compounds/{id}/drop-off-points', resource: 'drop-off-points', auth: 'jwt', roles: [...OVERSEERS, 'duty'],
    summary: 'A compound\'s drop-off points, by name', params: DropOffParams,
    response: { status: 200, schema: DropOffPointList }, errors: [404],
  },
  createDropOffPoint: {
    method: 'POST', path: '/v1/compounds/{id}/drop-off-points', resource: 'drop-off-points', auth: 'jwt', roles: REGISTRY_EDITORS,
    summary: 'Post a drop-off point of the compound (optionally for one building): name, hours, where',
    description: 'A point given must lie within 300 m of the compound; a building must be one of the compound\'s (else 400 naming the field).',
    params: DropOffParams, body: { kind: 'json', schema: DropOffCreate },
    response: { status: 201, schema: DropOffPoint }, errors: [404],
  },
});
