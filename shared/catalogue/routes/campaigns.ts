/**
 * Routes over campaigns: launch (202, fanned out through the queue), list, read, cancel, and
 * the coverage and unvisited buildings a campaign's progress is followed by.
 */
import { OVERSEERS } from '#shared/roles.ts';
import {
  Campaign, CampaignAccepted, CampaignCreate, CampaignIdParams, CampaignListQuery, Coverage, CoverageQuery,
} from '#shared/schemas/campaign.ts';
import { page } from '#shared/schemas/common.ts';
import { UnvisitedCollection, UnvisitedQuery } from '#shared/schemas/task.ts';
import { defineRoutes } from '../types.ts';

const followers = [...OVERSEERS, 'grid'] as const;

export const campaignsRoutes = defineRoutes({
  createCampaign: {
    method: 'POST', path: '/v1/campaigns', resource: 'campaigns', auth: 'jwt', roles: OVERSEERS,
    summary: 'Launch a campaign over a city, street, community, grid or compound',
    description: 'Answers 202 at once; the scope is fanned out into one task per building through the queue. '
      + 'The scope must lie within the caller\'s jurisdiction (403), and name a known place (404).',
    body: { kind: 'json', schema: CampaignCreate },
    response: { status: 202, schema: CampaignAccepted }, errors: [404],
  },
  listCampaigns: {
    method: 'GET', path: '/v1/campaigns', resource: 'campaigns', auth: 'jwt', roles: followers,
    summary: 'Campaigns within or covering the caller\'s jurisdiction, newest first',
    query: CampaignListQuery, response: { status: 200, schema: page(Campaign) },
  },
  getCampaign: {
    method: 'GET', path: '/v1/campaigns/{id}', resource: 'campaigns', auth: 'jwt', roles: followers,
    summary: 'A campaign\'s status, totals, progress, failed compounds and flags raised',
    params: CampaignIdParams, response: { status: 200, schema: Campaign }, errors: [404],
  },
  cancelCampaign: {
    method: 'POST', path: '/v1/campaigns/{id}/cancel', resource: 'campaigns', auth: 'jwt', roles: OVERSEERS,
    summary: 'Cancel a campaign: no further fan-out, claims or visits', params: CampaignIdParams,
    response: { status: 200, schema: Campaign }, errors: [404, 409],
  },
  getCampaignCoverage: {
    method: 'GET', path: '/v1/campaigns/{id}/coverage', resource: 'campaigns', auth: 'jwt', roles: followers,
    summary: 'Households visited / households and people seen, per compound, grid or community',
    params: CampaignIdParams, query: CoverageQuery, response: { status: 200, schema: page(Coverage) }, errors: [404],
  },
  listUnvisitedBuildings: {
    method: 'GET', path: '/v1/campaigns/{id}/unvisited-buildings', resource: 'campaigns', auth: 'jwt', roles: followers,
    summary: 'Buildings not yet covered (a household unaccounted for), as GeoJSON, in a bbox',
    description: 'Answered from a sparse geo-cell index entry per uncovered task, removed once the building is covered.',
    params: CampaignIdParams, query: UnvisitedQuery,
    response: { status: 200, schema: UnvisitedCollection, contentType: 'application/geo+json' }, errors: [404],
  },
});
