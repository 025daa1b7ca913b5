/**
 * The map's data: communities of the caller's jurisdiction; compounds (all of the jurisdiction
 * as dots far out, outlines in viewport cells close in), unresolved exits and a campaign's
 * unvisited buildings in viewport cells (tiles.ts, cached by tiled.ts); every exit of
 * the compounds in view close in; campaigns and their coverage; one compound's details. Types
 * come from the API catalogue.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allFeatures, type ApiClient, type FeatureOf, type ResponseOf } from '../api/client.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useApi, useSession } from '../services.tsx';
import { spendFirstData, streetIdsOf, takeFirstData, wholeJurisdiction, type CompoundSummary } from './first-data.ts';
import { CellCache, cellKey, cellPrefix, useTiled } from './tiled.ts';
import { compoundPlan, POINT_CELL_DEG, tilesCovering, WHOLE, type Bbox, type Tile } from './tiles.ts';

export type { CommunityFeature, CompoundSummary } from './first-data.ts';
export { streetIdsOf } from './first-data.ts';
export type CompoundProps = CompoundSummary['properties'];
export type UnresolvedExit = ResponseOf<'listExits'>['items'][number];
export type CompoundExit = FeatureOf<'listCompoundExits'>;
export type UnvisitedBuilding = FeatureOf<'listUnvisitedBuildings'>;
export type Campaign = ResponseOf<'listCampaigns'>['items'][number];
export type Coverage = ResponseOf<'getCampaignCoverage'>['items'][number];

/** What the map shows: the viewport (clamped, WGS-84) and the zoom. */
export interface MapView {
  readonly bbox: Bbox;
  readonly zoom: number;
}

/** The caches live as long as the page: a new user gets a new page (App keys it by user). */
export function useMapCaches() {
  const [caches] = useState(() => ({
    compounds: new CellCache<CompoundSummary>(),
    unresolved: new CellCache<UnresolvedExit>(),
    unvisited: new CellCache<UnvisitedBuilding>(),
    exits: new CellCache<CompoundExit>(),
  }));
  return caches;
}
export type MapCaches = ReturnType<typeof useMapCaches>;

/**
 * The communities of the caller's jurisdiction. Given the map's caches, the moment they arrive
 * (before the map that draws them is built and reports its first view) the listing of the whole
 * jurisdiction starts too, when it spans several streets: such a jurisdiction opens far out,
 * where the map shows exactly that cell (useCompoundsInView), so the longest fetch of the city
 * view is under way while the map is still being set up rather than after. The city map takes
 * over both when StaffApp started them while its chunk loaded (first-data.ts).
 */
export function useCommunities(caches?: MapCaches) {
  const api = useApi();
  const { i18n } = useTranslation();
  const { session } = useSession();
  // Taken at the first render, and used by the first load only: a retry or a new language asks afresh.
  const [first] = useState(() => (caches && session ? takeFirstData(session.user.username, i18n.language) : undefined));
  return useAsync('communities', async (signal) => {
    const started = spendFirstData(first, i18n.language);
    const communities = started ? await started.communities : await allFeatures(api, 'listCommunities', {}, { signal });
    const streetIds = streetIdsOf(communities);
    if (caches && streetIds.length >= 2) {
      caches.compounds.ensure(cellKey(cellPrefix(i18n.language, 'point'), WHOLE), async () =>
        (started && (await started.compounds)) || wholeJurisdiction(api, streetIds, 'point'));
    }
    return communities;
  });
}

const featureId = (f: { id: string }) => f.id;

/**
 * Compounds in the cells covering the view: dots far out, outlines close in. `streetIds` are the
 * streets of the caller's communities: a caller over several (city level) has the whole
 * jurisdiction listed street by street, concurrently (first-data.ts wholeJurisdiction).
 */
export function useCompoundsInView(caches: MapCaches, view: MapView | undefined, streetIds: readonly string[]) {
  const api = useApi();
  const plan = view ? compoundPlan(view.zoom) : undefined;
  const size = plan?.size;
  const tiles = useMemo(() => (view && size !== undefined ? (size === 0 ? [WHOLE] : tilesCovering(view.bbox, size)) : undefined), [view, size]);
  const shape = plan?.shape ?? 'area';
  // The kind is the shape: useCommunities starts the far-out cell under the same key.
  const state = useTiled(
    caches.compounds, shape, tiles,
    (tile) => (tile === WHOLE
      ? wholeJurisdiction(api, streetIds, shape)
      : allFeatures(api, 'listCompounds', { query: { bbox: tile.param || undefined, shape, limit: 1000 } })),
    featureId,
  );
  return { ...state, shape };
}

/** Unresolved exits in the cells covering the view (overseers only; others get none). */
export function useUnresolvedExits(caches: MapCaches, view: MapView | undefined, enabled: boolean) {
  const api = useApi();
  const tiles = useMemo(() => (view && enabled ? tilesCovering(view.bbox, POINT_CELL_DEG) : enabled ? undefined : []), [view, enabled]);
  return useTiled(caches.unresolved, 'unresolved', tiles, (tile) => allItems(api, tile), (e) => e.id);
}

async function allItems(api: ApiClient, tile: Tile): Promise<UnresolvedExit[]> {
  const items: UnresolvedExit[] = [];
  let nextToken: string | undefined;
  do {
    const page = await api.call('listExits', { query: { status: 'unresolved', bbox: tile.param, nextToken } });
    items.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return items;
}

/** A campaign's unvisited buildings in the cells covering the view. */
export function useUnvisitedBuildings(caches: MapCaches, view: MapView | undefined, campaignId: string | undefined) {
  const api = useApi();
  const tiles = useMemo(() => (!campaignId ? [] : view ? tilesCovering(view.bbox, POINT_CELL_DEG) : undefined), [view, campaignId]);
  return useTiled(
    caches.unvisited, `unvisited:${campaignId ?? ''}`, tiles,
    (tile) => allFeatures(api, 'listUnvisitedBuildings', { params: { id: campaignId ?? '' }, query: { bbox: tile.param } }),
    featureId,
  );
}

/** Every exit of the given compounds, one cached list per compound (close in only: a handful of compounds). */
export function useExitsOf(caches: MapCaches, compoundIds: readonly string[] | undefined) {
  const api = useApi();
  const tiles = useMemo(
    () => compoundIds?.map((id): Tile => ({ key: id, bbox: [0, 0, 0, 0], param: id })),
    [compoundIds],
  );
  return useTiled(caches.exits, 'exits', tiles, (tile) => allFeatures(api, 'listCompoundExits', { params: { id: tile.param } }), featureId);
}

/** Campaigns the caller follows, newest first (the first page: the picker needs the recent ones). */
export function useCampaigns(enabled: boolean) {
  const api = useApi();
  return useAsync(enabled ? 'campaigns' : null, async (signal) => (await api.call('listCampaigns', { query: { limit: 50 } }, { signal })).items);
}

/** How often a campaign that is still fanning out is read again (its progress, then `active`). */
const FAN_OUT_POLL_MS = 1_000;

/**
 * A campaign's totals and its coverage per compound. While it fans out it is read again every
 * FAN_OUT_POLL_MS until the API says otherwise, so its progress is live and `active` shows as
 * soon as the API reports it; `current` keeps the last reading of this campaign while the next
 * one loads, so the figures do not blink to "loading" on every poll.
 */
export function useCampaignCoverage(campaignId: string | undefined) {
  const state = useCoverage(campaignId);
  const current = state.data ?? (state.latest?.campaign.id === campaignId ? state.latest : undefined);
  const fanningOut = state.data?.campaign.status === 'fanning-out';
  const { reload } = state;
  useEffect(() => {
    if (!fanningOut) return;
    const timer = setTimeout(reload, FAN_OUT_POLL_MS);
    return () => clearTimeout(timer);
  }, [fanningOut, state.data, reload]);
  return { ...state, current: campaignId ? current : undefined };
}

function useCoverage(campaignId: string | undefined) {
  const api = useApi();
  return useAsync(campaignId ?? null, async (signal) => {
    const params = { id: campaignId ?? '' };
    const campaign = await api.call('getCampaign', { params }, { signal });
    const byCompound = new Map<string, Coverage>();
    let nextToken: string | undefined;
    do {
      const page = await api.call('getCampaignCoverage', { params, query: { by: 'compound', nextToken } }, { signal });
      for (const row of page.items) byCompound.set(row.id, row);
      nextToken = page.nextToken;
    } while (nextToken);
    return { campaign, byCompound };
  });
}
