/**
 * Campaign routes: launch (202; the fan-out runs through the queue), list, read, cancel,
 * coverage per place, and the unvisited buildings of a bbox from the sparse geo index.
 *
 * Launch answers 202 once the campaign is written, even if the plan message could not be sent:
 * the campaign stays `fanning-out` and functions/jobs/restart-campaigns.ts sends the message
 * again within minutes (the fan-out is idempotent). Cancel is one conditional write on the
 * campaign; its open tasks leave the task lists at read time (functions/stores/task-lists.ts).
 */
import { randomUUID } from 'node:crypto';
import { canFollow, canLaunchIn, type ScopePlace } from '#shared/domain/campaigns.ts';
import { manualCampaignRound } from '#shared/domain/disinfection.ts';
import { canSeeTask } from '#shared/domain/tasks.ts';
import { pointInBbox } from '#shared/geo/geohash.ts';
import type { Caller } from '#shared/roles.ts';
import type { CampaignScope } from '#shared/schemas/campaign.ts';
import {
  campaignFromItem, campaignsSource, campaignView, cancelCampaign, coverageOf, coverageSource, getCampaign, unvisitedSources,
  type CampaignRecord,
} from '../stores/campaign-store.ts';
import { launchCampaign } from '../flows/campaign-launch.ts';
import { nowIso } from '../platform/clock.ts';
import { getCompound } from '../stores/compound-store.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, fieldError } from '../platform/errors.ts';
import { collection, point } from '../platform/features.ts';
import { httpHandler } from '../edge/http.ts';
import { campaignsRoutes } from '#shared/catalogue/routes/campaigns.ts';
import { cursorOf, pageOf, readSources, tokenOf } from '../platform/list-sources.ts';
import { getGrid, loadPlaces } from '../stores/places-store.ts';
import { taskFromItem } from '../stores/task-records.ts';
import { message } from '#shared/messages/message.ts';

/** The places a scope lies in; 404 for a place that does not exist. */
async function placeOf(scope: CampaignScope): Promise<ScopePlace> {
  const none = { streetId: null, communityId: null, gridId: null, compoundId: null };
  const id = scope.id ?? '';
  switch (scope.type) {
    case 'city':
      return { type: 'city', ...none };
    case 'street': {
      const street = (await loadPlaces()).streetById.get(id);
      if (!street) throw new NotFoundError(message('access.no-street', { id }));
      return { type: 'street', ...none, streetId: street.id };
    }
    case 'community': {
      const community = (await loadPlaces()).communityById.get(id);
      if (!community) throw new NotFoundError(message('access.no-community', { id }));
      return { type: 'community', ...none, streetId: community.streetId, communityId: community.id };
    }
    case 'grid': {
      const grid = await getGrid(id);
      if (!grid) throw new NotFoundError(message('access.no-grid', { id }));
      return { type: 'grid', ...none, streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id };
    }
    case 'compound': {
      const compound = await getCompound(id);
      if (!compound) throw new NotFoundError(message('access.no-compound', { id }));
      return { type: 'compound', ...none, streetId: compound.streetId, communityId: compound.communityId, compoundId: compound.id, gridIds: compound.gridIds };
    }
  }
}

async function campaignForCaller(id: string, caller: Caller, options: { consistent?: boolean } = {}): Promise<CampaignRecord> {
  const campaign = await getCampaign(id, options);
  if (!campaign) throw new NotFoundError(message('access.no-campaign', { id }));
  if (!canFollow(caller, campaign.place)) throw new ForbiddenError(message('access.campaign-outside', { id }));
  return campaign;
}

export const handler = httpHandler(campaignsRoutes, {
  createCampaign: async ({ body, caller }) => {
    const place = await placeOf(body.scope);
    if (!canLaunchIn(caller, place)) throw new ForbiddenError(message('access.scope-outside', { scope: message(`scope.${body.scope.type}`) }));
    const id = `cp_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const at = nowIso();
    if (body.dueAt && Date.parse(body.dueAt) <= Date.parse(at)) throw new ValidationError([fieldError('body.dueAt', message('field.must-be-future'))]);
    await launchCampaign({
      id, kind: body.kind, scope: body.scope, place, ...(body.dueAt ? { dueAt: body.dueAt } : {}), createdAt: at, createdBy: caller.username,
      // A manual round: its slot is the launch minute (China time), case buildings included.
      ...(body.kind === 'disinfection' ? { round: manualCampaignRound(at, body.dueAt) } : {}),
    }, caller);
    return { id };
  },

  listCampaigns: async ({ query, caller }) => {
    const result = await readSources(
      [campaignsSource()],
      (item) => {
        const campaign = campaignFromItem(item);
        if (!canFollow(caller, campaign.place)) return undefined;
        if (query.status && campaign.status !== query.status) return undefined;
        return campaignView(campaign);
      },
      query.limit ?? 100,
      cursorOf(query.nextToken),
    );
    return pageOf(result.items, result.next);
  },

  getCampaign: async ({ params, caller }) => campaignView(await campaignForCaller(params.id, caller)),

  cancelCampaign: async ({ params, caller }) => {
    const campaign = await campaignForCaller(params.id, caller, { consistent: true });
    if (!canLaunchIn(caller, campaign.place)) throw new ForbiddenError(message('campaign.cancel-outside', { id: params.id }));
    if (campaign.status === 'cancelled' || campaign.status === 'done') throw new ConflictError(message('campaign.is', { id: params.id, status: message(`campaign.status.${campaign.status}`) }));
    return campaignView(await cancelCampaign(campaign, caller, nowIso()));
  },

  getCampaignCoverage: async ({ params, query, caller }) => {
    const campaign = await campaignForCaller(params.id, caller);
    // The pool of the scope's unplaced buildings is filed under the place of whichever task wrote
    // it first: only a caller whose jurisdiction holds the whole scope may see it.
    const seesPooled = canLaunchIn(caller, campaign.place);
    const result = await readSources(
      [coverageSource(params.id, query.by)],
      (item) => {
        const { coverage, pooled, place } = coverageOf(item, query.by);
        if (pooled && !seesPooled) return undefined;
        return canSeeTask(caller, place) ? coverage : undefined;
      },
      query.limit ?? 1000,
      cursorOf(query.nextToken),
    );
    return pageOf(result.items, result.next);
  },

  listUnvisitedBuildings: async ({ params, query, caller }) => {
    // The bbox's size is capped by its schema (BboxParam, MAX_BBOX_DEG).
    await campaignForCaller(params.id, caller);
    const result = await readSources(
      unvisitedSources(params.id, query.bbox),
      (item) => {
        const t = taskFromItem(item);
        if (!canSeeTask(caller, t) || !pointInBbox(t.location, query.bbox)) return undefined;
        return {
          type: 'Feature' as const,
          id: t.id,
          geometry: point(t.location),
          properties: {
            taskId: t.id, buildingId: t.buildingId, name: t.buildingName, compoundId: t.compoundId, gridId: t.gridId,
            status: t.status, householdsTotal: t.householdsTotal, householdsVisited: t.householdsVisited,
          },
        };
      },
      query.limit ?? 1000,
      cursorOf(query.nextToken),
    );
    return collection(result.items, tokenOf(result.next));
  },
});
