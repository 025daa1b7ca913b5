/**
 * Routes over the compound registry: compounds, their buildings, exits and history.
 */
import * as z from '../../zod.ts';
import { OVERSEERS, REGISTRY_EDITORS, ROLES } from '#shared/roles.ts';
import { BuildingCollection, BuildingListQuery } from '#shared/schemas/building.ts';
import { Audit, Limit, NextToken, page } from '#shared/schemas/common.ts';
import {
  CompoundCollection, CompoundCreate, CompoundFeature, CompoundIdParams, CompoundListQuery, CompoundPatch,
} from '#shared/schemas/compound.ts';
import { IfMatchHeaders } from '#shared/schemas/preconditions.ts';
import { ExitCollection, ExitListQuery } from '#shared/schemas/exit.ts';
import { defineRoutes } from '../types.ts';

export const compoundsRoutes = defineRoutes({
  listCompounds: {
    method: 'GET', path: '/v1/compounds', resource: 'compounds', auth: 'jwt', roles: ROLES,
    summary: 'Compounds as GeoJSON, filtered by bbox, status, community or street',
    description: 'A bbox is answered from the geo-cell index. Only compounds within the caller\'s jurisdiction are listed.',
    query: CompoundListQuery,
    response: { status: 200, schema: CompoundCollection, contentType: 'application/geo+json' },
  },
  createCompound: {
    method: 'POST', path: '/v1/compounds', resource: 'compounds', auth: 'jwt', roles: REGISTRY_EDITORS,
    summary: 'Register a compound', body: { kind: 'json', schema: CompoundCreate },
    response: { status: 201, schema: CompoundFeature, contentType: 'application/geo+json' }, errors: [409],
  },
  getCompound: {
    method: 'GET', path: '/v1/compounds/{id}', resource: 'compounds', auth: 'jwt', roles: ROLES,
    summary: 'One compound', params: CompoundIdParams,
    description: 'The ETag header names the compound\'s version ("v<version>"): send it back as If-Match when changing it.',
    response: { status: 200, schema: CompoundFeature, contentType: 'application/geo+json' }, errors: [404],
  },
  patchCompound: {
    method: 'PATCH', path: '/v1/compounds/{id}', resource: 'compounds', auth: 'jwt', roles: REGISTRY_EDITORS,
    summary: 'Change a compound\'s registry data (not its status: seal and lift do that)',
    description:
      'With If-Match (the ETag of the version read), a compound changed since is refused with 412 and nothing is written; ' +
      'the answer carries the new version\'s ETag. Without If-Match, a change racing another answers 409.',
    params: CompoundIdParams, headers: IfMatchHeaders, body: { kind: 'json', schema: CompoundPatch },
    response: { status: 200, schema: CompoundFeature, contentType: 'application/geo+json' }, errors: [404, 409, 412],
  },
  listCompoundHistory: {
    method: 'GET', path: '/v1/compounds/{id}/history', resource: 'compounds', auth: 'jwt',
    roles: OVERSEERS,
    summary: 'Audit records of a compound, newest first', params: CompoundIdParams,
    query: z.object({ limit: Limit, nextToken: NextToken }),
    response: { status: 200, schema: page(Audit) }, errors: [404],
  },
  listCompoundBuildings: {
    method: 'GET', path: '/v1/compounds/{id}/buildings', resource: 'compounds', auth: 'jwt', roles: ROLES,
    summary: 'Buildings of a compound', params: CompoundIdParams, query: BuildingListQuery,
    response: { status: 200, schema: BuildingCollection, contentType: 'application/geo+json' }, errors: [404],
  },
  listCompoundExits: {
    method: 'GET', path: '/v1/compounds/{id}/exits', resource: 'compounds', auth: 'jwt', roles: ROLES,
    summary: 'Exits of a compound', params: CompoundIdParams, query: ExitListQuery,
    response: { status: 200, schema: ExitCollection, contentType: 'application/geo+json' }, errors: [404],
  },
});
