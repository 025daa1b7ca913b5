/**
 * The dashboard's map beside its charts: the communities and compounds of the place shown (the
 * city, a street or a community), drawn by the city map's own layers and data (boundaries,
 * compounds as dots far out and outlines close in, coloured and patterned by status), with the
 * city map's status legend (colour, pattern, name and count: never colour alone). A click on a
 * compound drills the dashboard down to that compound's community. Tiles only when /config.json
 * names them, as on the board.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MapContainer, TileLayer } from 'react-leaflet';
import { AreaLayers } from '../map/AreaLayers.tsx';
import { CompoundNames } from '../map/CompoundNames.tsx';
import { streetIdsOf, useCommunities, useCompoundsInView, useMapCaches, type CompoundProps, type MapView } from '../map/data.ts';
import { FitBounds } from '../map/FitBounds.tsx';
import { boundsOf } from '../map/geo.ts';
import { StatusLegend } from '../map/StatusLegend.tsx';
import { countByStatus } from '../map/status.ts';
import { useShift } from '../map/useShift.ts';
import { ViewportWatcher } from '../map/ViewportWatcher.tsx';
import { useServices } from '../services.tsx';

const FALLBACK_CENTER: [number, number] = [34, 108];
const NO_HIDDEN = new Set<never>();

export interface DashboardMapProps {
  readonly streetId: string | undefined;
  readonly communityId: string | undefined;
  /** A compound's community chosen on the map, with its street. */
  onOpenCommunity(community: { id: string; name: string; streetId: string; streetName: string }): void;
}

export function DashboardMap({ streetId, communityId, onOpenCommunity }: DashboardMapProps) {
  const { t } = useTranslation();
  const { config } = useServices();
  const shift = useShift();
  const caches = useMapCaches();
  const communities = useCommunities();
  const all = useMemo(() => communities.data ?? [], [communities.data]);
  const shown = useMemo(() => all.filter((c) => (communityId ? c.properties.id === communityId : streetId ? c.properties.streetId === streetId : true)), [all, streetId, communityId]);
  const streetIds = useMemo(() => streetIdsOf(all), [all]);
  const [view, setView] = useState<MapView>();
  const compounds = useCompoundsInView(caches, communities.data ? view : undefined, streetIds);
  const inPlace = useMemo(() => compounds.items.filter((c) => (communityId ? c.properties.communityId === communityId : streetId ? c.properties.streetId === streetId : true)), [compounds.items, streetId, communityId]);
  const counts = useMemo(() => (compounds.items.length > 0 || communities.data ? countByStatus(inPlace.map((c) => c.properties.status)) : undefined), [inPlace, compounds.items.length, communities.data]);
  const bounds = useMemo(() => boundsOf(shown, shift), [shown, shift]);
  const open = (compound: CompoundProps) => {
    const community = all.find((c) => c.properties.id === compound.communityId);
    if (community && community.properties.id !== communityId) onOpenCommunity(community.properties);
  };
  return (
    <section aria-labelledby="dashboard-map" className="dashboard-map-area" data-compounds={inPlace.length}>
      <h2 id="dashboard-map">{t('dashboard.map')}</h2>
      <p className="list-note">{t('dashboard.mapHint')}</p>
      <div className="dashboard-map-box">
        <MapContainer className="board-map dashboard-map" center={FALLBACK_CENTER} zoom={4} preferCanvas maxZoom={config.tileMaxZoom ?? 18} attributionControl={config.tileUrl !== undefined}>
          {config.tileUrl && <TileLayer url={config.tileUrl} attribution={config.tileAttribution ?? ''} maxZoom={config.tileMaxZoom ?? 18} />}
          <ViewportWatcher onChange={setView} />
          <AreaLayers
            communities={shown}
            selectedCommunityId={communityId}
            compounds={inPlace}
            compoundShape={compounds.shape}
            selectedCompoundId={undefined}
            onSelectCompound={open}
          >
            {compounds.shape === 'area' && <CompoundNames compounds={inPlace} />}
          </AreaLayers>
          <FitBounds bounds={bounds} />
        </MapContainer>
        <StatusLegend counts={counts} hidden={NO_HIDDEN} />
      </div>
    </section>
  );
}
