/**
 * Campaign routes: launch (202; the fan-out runs through the queue), list, read, cancel,
 * coverage per place, and the unvisited buildings of a bbox from the sparse geo index.
 *
 * Launch answers 202 once the campaign is written, even if the plan message could not be sent:
 * the campaign stays `fanning-out` and functions/jobs/restart-campaigns.ts sends the message
 * again within minutes (the fan-out is idempotent). Cancel is one conditional write on the
 * campaign; its open tasks leave the task lists at read time (functions/stores/task-store.ts).
 */
import { randomUUID } from 'node:crypto';
import { canFollow, canLaunchIn, type ScopePlace } from '#shared/domain/campaigns.ts';
import { manualCampaignRound } from '#shared/domain/disinfection.ts';
import { canSeeTask } from '#shared/domain/tasks.ts';
import { coverBbox, pointInBbox } from '#shared/geo/geohash.ts';
import type { Caller } from '#shared/roles.ts';
import type { CampaignScope } from '#shared/schemas/campaign.ts';
import type { Bbox } from '#shared/schemas/common.ts';
import { indexKeys, keys, UNASSIGNED } from '#shared/table.ts';
import { auditItem } from '../stores/audit-store.ts';
import { campaignFromItem, campaignView, coverageView, getCampaign, launchCampaign, type CampaignRecord } from '../stores/campaign-store.ts';
import { nowIso } from '../platform/clock.ts';
import { GEO_COVER, getCompound } from '../stores/compound-store.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { collection, point } from '../platform/features.ts';
import { httpHandler } from '../edge/http.ts';
import { cursorOf, pageOf, readSources, tokenOf, type Source } from '../platform/list-sources.ts';
import { getGrid, loadPlaces } from '../stores/places-store.ts';
import { taskFromItem } from '../stores/task-store.ts';
import { transactWrite, type Item } from '../platform/table.ts';

/** The places a scope lies in; 404 for a place that does not exist. */
async function placeOf(scope: CampaignScope): Promise<ScopePlace> {
  const none = { streetId: null, communityId: null, gridId: null, compoundId: null };
  const id = scope.id ?? '';
  switch (scope.type) {
    case 'city':
      return { type: 'city', ...none };
    case 'street': {
      const street = (await loadPlaces()).streetById.get(id);
      if (!street) throw new NotFoundError(`no street ${id}`);
      return { type: 'street', ...none, streetId: street.id };
    }
    case 'community': {
      const community = (await loadPlaces()).communityById.get(id);
      if (!community) throw new NotFoundError(`no community ${id}`);
      return { type: 'community', ...none, streetId: community.streetId, communityId: community.id };
    }
    case 'grid': {
      const grid = await getGrid(id);
      if (!grid) throw new NotFoundError(`no grid ${id}`);
      return { type: 'grid', ...none, streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id };
    }
    case 'compound': {
      const compound = await getCompound(id);
      if (!compound) throw new NotFoundError(`no compound ${id}`);
      return { type: 'compound', ...none, streetId: compound.streetId, communityId: compound.communityId, compoundId: compound.id, gridIds: compound.gridIds };
    }
  }
}

async function campaignForCaller(id: string, caller: Caller, options: { consistent?: boolean } = {}): Promise<CampaignRecord> {
  const campaign = await getCampaign(id, options);
  if (!campaign) throw new NotFoundError(`no campaign ${id}`);
  if (!canFollow(caller, campaign.place)) throw new ForbiddenError(`campaign ${id} is outside your jurisdiction`);
  return campaign;
}

/** Sources for a campaign's uncovered tasks whose point lies in the bbox. */
const unvisitedSources = (campaignId: string, bbox: Bbox): Source[] =>
  coverBbox(bbox, GEO_COVER).map((range) => ({
    kind: 'query',
    query: { index: 'byGeo', partition: indexKeys.unvisitedCell(campaignId, range.partition), between: [range.from, range.to] },
  }));

export const handler = httpHandler('campaigns', {
  createCampaign: async ({ body, caller }) => {
    const place = await placeOf(body.scope);
    if (!canLaunchIn(caller, place)) throw new ForbiddenError(`the ${body.scope.type} scope is outside your jurisdiction`);
    const id = `cp_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const at = nowIso();
    if (body.dueAt && Date.parse(body.dueAt) <= Date.parse(at)) throw new ValidationError([{ field: 'body.dueAt', message: 'must lie in the future' }]);
    await launchCampaign({
      id, kind: body.kind, scope: body.scope, place, ...(body.dueAt ? { dueAt: body.dueAt } : {}), createdAt: at, createdBy: caller.username,
      // A manual round: its slot is the launch minute (China time), case buildings included.
      ...(body.kind === 'disinfection' ? { round: manualCampaignRound(at, body.dueAt) } : {}),
    }, caller);
    return { id };
  },

  listCampaigns: async ({ query, caller }) => {
    const result = await readSources(
      [{ kind: 'query', query: { index: 'byParent', partition: indexKeys.campaigns(), newestFirst: true } }],
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
    if (!canLaunchIn(caller, campaign.place)) throw new ForbiddenError(`only those whose jurisdiction holds the whole scope may cancel campaign ${params.id}`);
    if (campaign.status === 'cancelled' || campaign.status === 'done') throw new ConflictError(`campaign ${params.id} is ${campaign.status}`);
    const at = nowIso();
    await transactWrite(
      [
        {
          update: {
            Key: keys.campaign(params.id),
            UpdateExpression: 'SET #status = :cancelled, cancelledAt = :at, cancelledBy = :by',
            ConditionExpression: '#status IN (:fanning, :active)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':cancelled': 'cancelled', ':at': at, ':by': caller.username, ':fanning': 'fanning-out', ':active': 'active' },
          },
        },
        { put: auditItem({ entity: 'CAMPAIGN', entityId: params.id, action: 'cancel', caller, at, changes: { status: { from: campaign.status, to: 'cancelled' } } }) },
      ],
      `campaign ${params.id} finished or was cancelled meanwhile`,
    );
    return campaignView({ ...campaign, status: 'cancelled', cancelledAt: at, cancelledBy: caller.username });
  },

  getCampaignCoverage: async ({ params, query, caller }) => {
    const campaign = await campaignForCaller(params.id, caller);
    // An UNASSIGNED item pools the whole scope's unplaced buildings under the place of whichever
    // task wrote it first: only a caller whose jurisdiction holds the whole scope may see it.
    const seesPooled = canLaunchIn(caller, campaign.place);
    const result = await readSources(
      [{ kind: 'query', query: { partition: keys.campaign(params.id).pk, beginsWith: keys.cover(params.id, query.by, '').sk } }],
      (item) => {
        if (item.placeId === UNASSIGNED && !seesPooled) return undefined;
        const place = {
          compoundId: query.by === 'compound' ? (item.placeId as string) : '',
          streetId: (item.streetId as string | null) ?? null,
          communityId: (item.communityId as string | null) ?? null,
          gridId: query.by === 'grid' && item.placeId !== UNASSIGNED ? (item.placeId as string) : null,
        };
        return canSeeTask(caller, place) ? coverageView(item) : undefined;
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
      (item: Item) => {
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
