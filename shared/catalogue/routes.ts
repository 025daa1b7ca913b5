/**
 * Every HTTP route of Cordon, once. The key is the operation id.
 */
import { z } from 'zod';
import { ROLES } from '../roles.ts';
import { BuildingCollection, BuildingListQuery } from '../schemas/building.ts';
import { Audit, Limit, NextToken, page } from '../schemas/common.ts';
import {
  CompoundCollection, CompoundCreate, CompoundFeature, CompoundIdParams, CompoundListQuery, CompoundPatch,
} from '../schemas/compound.ts';
import { ExitCollection, ExitListQuery } from '../schemas/exit.ts';
import { Health, OpenApiDocument } from '../schemas/health.ts';
import { IMPORT_CONTENT_TYPES, ImportQuery, ImportSummary } from '../schemas/imports.ts';
import { LocalUserList, TokenRequest, TokenResponse } from '../schemas/local.ts';
import { CommunityCollection, CommunityListQuery } from '../schemas/places.ts';
import { defineRoutes } from './types.ts';

const everyone = ROLES;
const registryEditors = ['city', 'community'] as const;

export const routes = defineRoutes({
  getHealth: {
    method: 'GET', path: '/health', resource: 'meta', auth: 'public',
    summary: 'Liveness', response: { status: 200, schema: Health },
  },
  getOpenApi: {
    method: 'GET', path: '/openapi.json', resource: 'meta', auth: 'public',
    summary: 'This API as an OpenAPI 3.1 document', response: { status: 200, schema: OpenApiDocument },
  },

  listLocalUsers: {
    method: 'GET', path: '/local/users', resource: 'local', auth: 'local',
    summary: 'Demo users of the local runtime', response: { status: 200, schema: LocalUserList },
  },
  issueLocalToken: {
    method: 'POST', path: '/local/token', resource: 'local', auth: 'local',
    summary: 'A token for a demo user, verified like the JWT authorizer does',
    body: { kind: 'json', schema: TokenRequest },
    response: { status: 200, schema: TokenResponse }, errors: [404],
  },

  listCommunities: {
    method: 'GET', path: '/v1/communities', resource: 'places', auth: 'jwt', roles: everyone,
    summary: 'Communities (社区) with their boundaries, within the caller\'s jurisdiction',
    query: CommunityListQuery,
    response: { status: 200, schema: CommunityCollection, contentType: 'application/geo+json' },
  },

  listCompounds: {
    method: 'GET', path: '/v1/compounds', resource: 'compounds', auth: 'jwt', roles: everyone,
    summary: 'Compounds as GeoJSON, filtered by bbox, status, community or street',
    description: 'A bbox is answered from the geo-cell index. Only compounds within the caller\'s jurisdiction are listed.',
    query: CompoundListQuery,
    response: { status: 200, schema: CompoundCollection, contentType: 'application/geo+json' },
  },
  createCompound: {
    method: 'POST', path: '/v1/compounds', resource: 'compounds', auth: 'jwt', roles: registryEditors,
    summary: 'Register a compound', body: { kind: 'json', schema: CompoundCreate },
    response: { status: 201, schema: CompoundFeature, contentType: 'application/geo+json' }, errors: [409],
  },
  getCompound: {
    method: 'GET', path: '/v1/compounds/{id}', resource: 'compounds', auth: 'jwt', roles: everyone,
    summary: 'One compound', params: CompoundIdParams,
    response: { status: 200, schema: CompoundFeature, contentType: 'application/geo+json' }, errors: [404],
  },
  patchCompound: {
    method: 'PATCH', path: '/v1/compounds/{id}', resource: 'compounds', auth: 'jwt', roles: registryEditors,
    summary: 'Change a compound\'s registry data (not its status: seal and lift do that)',
    params: CompoundIdParams, body: { kind: 'json', schema: CompoundPatch },
    response: { status: 200, schema: CompoundFeature, contentType: 'application/geo+json' }, errors: [404, 409],
  },
  listCompoundHistory: {
    method: 'GET', path: '/v1/compounds/{id}/history', resource: 'compounds', auth: 'jwt',
    roles: ['city', 'official', 'community'],
    summary: 'Audit records of a compound, newest first', params: CompoundIdParams,
    query: z.object({ limit: Limit, nextToken: NextToken }),
    response: { status: 200, schema: page(Audit) }, errors: [404],
  },
  listCompoundBuildings: {
    method: 'GET', path: '/v1/compounds/{id}/buildings', resource: 'compounds', auth: 'jwt', roles: everyone,
    summary: 'Buildings of a compound', params: CompoundIdParams, query: BuildingListQuery,
    response: { status: 200, schema: BuildingCollection, contentType: 'application/geo+json' }, errors: [404],
  },
  listCompoundExits: {
    method: 'GET', path: '/v1/compounds/{id}/exits', resource: 'compounds', auth: 'jwt', roles: everyone,
    summary: 'Exits of a compound', params: CompoundIdParams, query: ExitListQuery,
    response: { status: 200, schema: ExitCollection, contentType: 'application/geo+json' }, errors: [404],
  },

  createImport: {
    method: 'POST', path: '/v1/imports', resource: 'imports', auth: 'jwt', roles: registryEditors,
    summary: 'Import compounds, buildings, exits or community boundaries from GeoJSON or CSV',
    description:
      'The file is the raw body (UTF-8 with or without BOM, or GB18030/GBK). Each bad row is rejected with its line ' +
      'and reason and writes nothing; good rows go in. Re-importing updates by external id, or by name and location.',
    query: ImportQuery, body: { kind: 'raw', contentTypes: IMPORT_CONTENT_TYPES },
    response: { status: 200, schema: ImportSummary }, errors: [413, 415],
  },
});

export type Routes = typeof routes;
export type OperationId = keyof Routes;
export type RouteOf<K extends OperationId> = Routes[K];
