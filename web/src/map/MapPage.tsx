/**
 * The map page: the caller's communities fitted on load, the compounds in view coloured by
 * status with a legend of counts, filters by status and community, and the chosen compound's
 * details beside the map.
 */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { CompoundMap } from './CompoundMap.tsx';
import { CompoundPanel } from './CompoundPanel.tsx';
import { useCommunities, useCompoundsInView, type CompoundProps } from './data.ts';
import { boundsOf } from './geo.ts';
import { MapFilters } from './MapFilters.tsx';
import { countByStatus, type CompoundStatus } from './status.ts';
import { StatusLegend } from './StatusLegend.tsx';

export function MapPage() {
  const { t } = useTranslation();
  const communities = useCommunities();
  const [communityId, setCommunityId] = useState<string>();
  const [hidden, setHidden] = useState<ReadonlySet<CompoundStatus>>(new Set());
  const [bbox, setBbox] = useState<string>();
  const [selected, setSelected] = useState<CompoundProps>();
  const compounds = useCompoundsInView(bbox, communityId);

  const communityList = useMemo(() => communities.data ?? [], [communities.data]);
  const communityNames = useMemo(() => new Map(communityList.map((c) => [c.properties.id, c.properties.name])), [communityList]);
  const jurisdiction = useMemo(() => boundsOf(communityList), [communityList]);
  const focusOf = useCallback(
    (id: string | undefined) => {
      const chosen = communityList.find((c) => c.properties.id === id);
      return (chosen && boundsOf([chosen])) ?? jurisdiction;
    },
    [communityList, jurisdiction],
  );
  const focus = useMemo(() => focusOf(communityId), [focusOf, communityId]);
  // A new focus refits the map, which then reports its settled viewport: forget the old one
  // meanwhile, so the new community is not fetched for a viewport about to go. When the focus
  // stays (a community without a boundary, say), the map does not move and no viewport would come.
  const changeCommunity = useCallback(
    (id: string | undefined) => {
      setCommunityId(id);
      if (focusOf(id) !== focus) setBbox(undefined);
    },
    [focusOf, focus],
  );

  const inView = useMemo(() => compounds.data ?? compounds.latest ?? [], [compounds.data, compounds.latest]);
  const counts = useMemo(() => countByStatus(inView.map((f) => f.properties.status)), [inView]);
  const shown = useMemo(() => inView.filter((f) => !hidden.has(f.properties.status)), [inView, hidden]);

  const toggleStatus = useCallback((status: CompoundStatus) => {
    setHidden((current) => {
      const next = new Set(current);
      if (!next.delete(status)) next.add(status);
      return next;
    });
  }, []);
  const state = compounds.error !== undefined ? 'error' : compounds.loading || bbox === undefined ? 'loading' : 'ready';

  return (
    <main id="main" className="map-page">
      <h1 className="visually-hidden">{t('map.region')}</h1>
      <section className="map-area" aria-label={t('map.region')} data-state={state} data-bbox={bbox}>
        {communities.error !== undefined ? (
          <ErrorNotice title={t('map.failed')} error={communities.error} onRetry={communities.reload} />
        ) : communities.data === undefined ? (
          <p className="map-placeholder">{t('app.loading')}</p>
        ) : (
          <CompoundMap
            focus={focus}
            communities={communityList}
            selectedCommunityId={communityId}
            compounds={shown}
            selectedCompoundId={selected?.id}
            onSelectCompound={setSelected}
            onViewportChange={setBbox}
          />
        )}
        <StatusLegend counts={counts} hidden={hidden} />
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
          communityId={communityId}
          onCommunityChange={changeCommunity}
          hidden={hidden}
          onToggleStatus={toggleStatus}
        />
        {selected ? (
          <CompoundPanel
            key={selected.id}
            compound={selected}
            communityName={selected.communityId ? (communityNames.get(selected.communityId) ?? selected.communityId) : undefined}
            onClose={() => setSelected(undefined)}
          />
        ) : (
          <p className="panel-hint">{t('panel.hint')}</p>
        )}
      </aside>
    </main>
  );
}
