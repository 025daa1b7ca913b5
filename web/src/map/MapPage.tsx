/**
 * The city map: the caller's jurisdiction fitted on load; compounds in view coloured and
 * patterned by status, exits (unresolved ones standing out), a campaign's unvisited buildings;
 * counts at the top; filters, a name search, layer switches and the chosen compound's panel
 * beside the map. Data comes per viewport cell, cached (data.ts), and is filtered here.
 */
import type { LatLngBounds } from 'leaflet';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useSession } from '../services.tsx';
import { CityCounts } from './CityCounts.tsx';
import { CompoundList } from './CompoundList.tsx';
import { CompoundMap } from './CompoundMap.tsx';
import { CompoundPanel } from './CompoundPanel.tsx';
import {
  useCampaignCoverage, useCampaigns, useCommunities, useCompoundsInView, useExitsOf, useMapCaches, useUnresolvedExits, streetIdsOf,
  useUnvisitedBuildings, type CompoundProps, type CompoundSummary, type MapView,
} from './data.ts';
import { ExitMarkers, type ExitPoint } from './ExitMarkers.tsx';
import { inBbox, inPlace, NO_FILTERS, pointInBbox, searchByName, type Filters } from './filters.ts';
import { boundsOf } from './geo.ts';
import { LayerSwitches, type Layers } from './LayerSwitches.tsx';
import { mayCall } from '../api/may.ts';
import { MapFilters } from './MapFilters.tsx';
import { countByStatus, type CompoundStatus } from './status.ts';
import { StatusLegend } from './StatusLegend.tsx';
import { ALL_EXITS_ZOOM, bboxText } from './tiles.ts';
import { UnvisitedLayer } from './UnvisitedLayer.tsx';
import { useShift } from './useShift.ts';

/** Close in, every exit of at most this many compounds in view is fetched (one list each). */
const MAX_EXIT_COMPOUNDS = 60;

export function MapPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const role = session?.user.role;
  const followsExits = mayCall(role, 'listExits');
  const shift = useShift();
  const caches = useMapCaches();
  const communities = useCommunities(caches);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [view, setView] = useState<MapView>();
  const [selected, setSelected] = useState<CompoundProps>();
  const [layers, setLayers] = useState<Layers>({ communities: true, exits: true, unvisited: true });
  /** undefined: the newest running sweep; '': none. */
  const [campaignChoice, setCampaignChoice] = useState<string>();
  const [search, setSearch] = useState('');
  const [target, setTarget] = useState<LatLngBounds>();

  const communityList = useMemo(() => communities.data ?? [], [communities.data]);
  const streetIds = useMemo(() => streetIdsOf(communityList), [communityList]);
  const compounds = useCompoundsInView(caches, view, streetIds);
  // Exits wait for the compounds: the city view comes first, and they would compete for the API.
  const unresolved = useUnresolvedExits(caches, compounds.loading ? undefined : view, followsExits);
  const campaigns = useCampaigns(mayCall(role, 'listCampaigns'));
  const runningSweep = campaigns.data?.find((c) => c.kind === 'sweep' && (c.status === 'active' || c.status === 'fanning-out'));
  const campaignId = campaignChoice === undefined ? runningSweep?.id : campaignChoice || undefined;
  const coverage = useCampaignCoverage(campaignId);
  /** The chosen campaign as last read: polled while it fans out, so it is newer than the list's copy. */
  const watched = coverage.current?.campaign;
  const campaignList = useMemo(() => {
    if (!campaigns.data || !watched) return campaigns.data;
    const listed = campaigns.data.some((c) => c.id === watched.id);
    return listed ? campaigns.data.map((c) => (c.id === watched.id ? watched : c)) : [watched, ...campaigns.data];
  }, [campaigns.data, watched]);
  const fanningOut = watched?.status === 'fanning-out';
  // Once the fan-out ends, the unvisited buildings read while it ran are incomplete: read again.
  useEffect(() => {
    if (!fanningOut) caches.unvisited.clear();
  }, [fanningOut, caches]);
  // Like the exits, after the compounds: six cells of them would hold the browser's connections the city view waits on.
  const unvisited = useUnvisitedBuildings(caches, compounds.loading ? undefined : view, layers.unvisited ? campaignId : undefined);

  const communityNames = useMemo(() => new Map(communityList.map((c) => [c.properties.id, c.properties.name])), [communityList]);
  const jurisdiction = useMemo(() => boundsOf(communityList, shift), [communityList, shift]);
  const communityFocus = useMemo(() => {
    const chosen = communityList.find((c) => c.properties.id === filters.communityId);
    return (chosen && boundsOf([chosen], shift)) ?? jurisdiction;
  }, [communityList, filters.communityId, jurisdiction, shift]);
  const focus = target ?? communityFocus;
  const changeFilters = useCallback((next: Filters) => {
    setFilters(next);
    setTarget(undefined);
  }, []);

  const placed = useMemo(() => compounds.items.filter((c) => inPlace(c, filters)), [compounds.items, filters]);
  const inView = useMemo(() => (view ? placed.filter((c) => inBbox(c, view.bbox)) : []), [placed, view]);
  const counts = useMemo(() => countByStatus(inView.map((f) => f.properties.status)), [inView]);
  const drawn = useMemo(() => placed.filter((c) => !filters.hidden.has(c.properties.status)), [placed, filters.hidden]);
  const listed = useMemo(() => inView.filter((c) => !filters.hidden.has(c.properties.status)), [inView, filters.hidden]);
  const found = useMemo(() => searchByName(compounds.items, search), [compounds.items, search]);

  const closeIn = view !== undefined && view.zoom >= ALL_EXITS_ZOOM && listed.length <= MAX_EXIT_COMPOUNDS;
  const exitCompoundIds = useMemo(() => (closeIn ? listed.map((c) => c.id) : []), [closeIn, listed]);
  const compoundExits = useExitsOf(caches, layers.exits ? exitCompoundIds : []);
  const unresolvedInView = useMemo(
    () => (view ? unresolved.items.filter((e) => pointInBbox(e.location, view.bbox)).length : 0),
    [unresolved.items, view],
  );
  const showUnvisited = layers.unvisited && campaignId !== undefined;
  const unvisitedInView = useMemo(
    () => (view ? unvisited.items.filter((b) => pointInBbox(b.geometry.coordinates, view.bbox)).length : 0),
    [unvisited.items, view],
  );
  const exitPoints = useMemo(() => {
    const points = new Map<string, ExitPoint>();
    for (const e of compoundExits.items) {
      points.set(e.id, { id: e.id, location: e.geometry.coordinates, name: e.properties.name, status: e.properties.status, reasons: [] });
    }
    for (const e of unresolved.items) {
      points.set(e.id, { id: e.id, location: e.location, name: `${e.compoundName} ${e.name}`, status: e.status, reasons: e.reasons.map((r) => r.message) });
    }
    return [...points.values()];
  }, [compoundExits.items, unresolved.items]);

  const choose = useCallback(
    (compound: CompoundSummary) => {
      setSelected(compound.properties);
      const bounds = boundsOf([compound], shift);
      if (bounds) setTarget(bounds);
    },
    [shift],
  );
  const toggleStatus = useCallback((status: CompoundStatus) => {
    setFilters((current) => {
      const hidden = new Set(current.hidden);
      if (!hidden.delete(status)) hidden.add(status);
      return { ...current, hidden };
    });
  }, []);
  const changed = useCallback(
    (id: string, status: CompoundStatus) => {
      caches.compounds.update((c) => (c.id === id ? { ...c, properties: { ...c.properties, status } } : c));
      // Its exits are judged again at once: their standing may have changed.
      caches.unresolved.clear();
      setSelected((current) => (current?.id === id ? { ...current, status } : current));
    },
    [caches],
  );
  const launched = useCallback((id: string) => {
    setCampaignChoice(id);
    campaigns.reload();
  }, [campaigns]);

  const state = compounds.error !== undefined ? 'error' : compounds.loading || view === undefined ? 'loading' : 'ready';
  const loaded = state === 'ready' && !unresolved.loading && !compoundExits.loading && !unvisited.loading && !campaigns.loading;

  return (
    <main id="main" className="map-page">
      <h1 className="visually-hidden">{t('map.region')}</h1>
      <CityCounts
        counts={state === 'ready' ? counts : undefined}
        unresolvedExits={followsExits ? (unresolved.loading ? null : unresolvedInView) : undefined}
        unvisited={showUnvisited ? { count: unvisitedInView, loading: unvisited.loading } : undefined}
        campaign={campaignId === undefined ? undefined : (watched ?? null)}
      />
      <section
        className="map-area"
        aria-label={t('map.region')}
        data-state={state}
        data-bbox={view ? bboxText(view.bbox) : undefined}
        data-zoom={view?.zoom}
        data-shape={compounds.shape}
      >
        {communities.error !== undefined ? (
          <ErrorNotice title={t('map.failed')} error={communities.error} onRetry={communities.reload} />
        ) : communities.data === undefined ? (
          <p className="map-placeholder">{t('app.loading')}</p>
        ) : (
          <CompoundMap
            focus={focus}
            communities={communityList}
            showCommunities={layers.communities}
            selectedCommunityId={filters.communityId}
            compounds={drawn}
            compoundShape={compounds.shape}
            selectedCompoundId={selected?.id}
            onSelectCompound={setSelected}
            onViewChange={setView}
            view={view}
            loaded={loaded}
          >
            {showUnvisited && <UnvisitedLayer pane="unvisited" buildings={unvisited.items} />}
            {layers.exits && <ExitMarkers pane="exits" exits={exitPoints} />}
          </CompoundMap>
        )}
        <StatusLegend counts={state === 'ready' ? counts : undefined} hidden={filters.hidden} />
        <p className="map-status" role="status">
          {state === 'loading' ? t('map.loading') : t('map.inView', { count: inView.length })}
        </p>
        {compounds.error !== undefined && (
          <div className="map-error">
            <ErrorNotice title={t('map.failed')} error={compounds.error} onRetry={compounds.reload} />
          </div>
        )}
      </section>
      <aside className="side-panel">
        <MapFilters
          communities={communityList}
          compounds={compounds.items}
          filters={filters}
          onChange={changeFilters}
          onToggleStatus={toggleStatus}
          search={search}
          onSearch={setSearch}
        />
        {search.trim() && <CompoundList title={t('map.search.results', { count: found.length })} compounds={found} onChoose={choose} emptyText={t('map.search.none')} />}
        <LayerSwitches
          layers={layers}
          onChange={setLayers}
          campaigns={campaignList}
          campaignId={campaignId ?? ''}
          onCampaign={setCampaignChoice}
          showExits={followsExits}
        />
        {selected ? (
          <CompoundPanel
            key={selected.id}
            compound={selected}
            role={role}
            communityName={selected.communityId ? (communityNames.get(selected.communityId) ?? selected.communityId) : undefined}
            campaignId={campaignId}
            campaign={watched}
            coverage={coverage.current?.byCompound.get(selected.id)}
            onClose={() => setSelected(undefined)}
            onStatusChange={changed}
            onLaunched={launched}
          />
        ) : (
          <p className="panel-hint">{t('panel.hint')}</p>
        )}
        <CompoundList
          title={t('map.list.inView', { count: listed.length })}
          compounds={listed}
          onChoose={choose}
          collapsed
          tooMany={t('map.list.tooMany')}
        />
      </aside>
    </main>
  );
}
