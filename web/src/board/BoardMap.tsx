/**
 * The board's exits on a map beside the list: one marker per exit, labelled with its first
 * reason's short mark (so the reason is read without colour), the selected one raised and
 * reachable by keyboard; under them the city map's own drawing of where they are — community
 * boundaries and names, compound outlines (dots far out) coloured by status, and compound names
 * close in — loaded per viewport cell as the map does (web/src/map/data.ts). Markers that would
 * overlap on screen are spread in a ring around their common place (supercluster finds them,
 * as it clusters the city map's points). Drawn through the city map's coordinate shift.
 *
 * Its markers are its own, not web/src/map/ExitMarkers: that one draws imperative layers through
 * ClusteredPoints, which clears and redraws every marker on each settled move and hides points
 * inside cluster badges. The board's markers must keep their element (and its keyboard focus)
 * while a selection pans the map, show a new selection without a move, each stay reachable
 * (spread, never hidden in a cluster), carry a reason code (its short mark) rather than
 * translated reasons, and keep the element classes the tests read.
 */
import L from 'leaflet';
import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MapContainer, Marker, Tooltip, TileLayer, useMap } from 'react-leaflet';
import { AreaLayers } from '../map/AreaLayers.tsx';
import { clustersInView, pointIndex } from '../map/clusters.ts';
import { CompoundNames } from '../map/CompoundNames.tsx';
import type { MapShift } from '../map/coords.ts';
import { streetIdsOf, useCommunities, useCompoundsInView, useMapCaches, type CompoundProps, type MapView } from '../map/data.ts';
import { useShift } from '../map/useShift.ts';
import { ViewportWatcher } from '../map/ViewportWatcher.tsx';
import { useServices } from '../services.tsx';
import type { UnresolvedExit } from './grouping.ts';

const FALLBACK_CENTER: [number, number] = [34, 108];
/** Markers are 26 px across; supercluster's radius counts 512-px tiles, twice Leaflet's 256. */
const OVERLAP_RADIUS = 2 * 26;
/** Spread at every zoom: two exits at one gate stay apart however close in. */
const SPREAD_MAX_ZOOM = 22;

export interface BoardMapProps {
  readonly exits: readonly UnresolvedExit[];
  readonly selectedId: string | undefined;
  onSelect(exitId: string): void;
}

/** Where the basemap draws an exit (shifted for GCJ-02 / BD-09 tiles by the city map's one shift). */
const latLng = (shift: MapShift, exit: UnresolvedExit): L.LatLngLiteral => shift.toMap(exit.location);

function iconOf(exit: UnresolvedExit, mark: string, selected: boolean): L.DivIcon {
  const reason = exit.reasons[0]?.code ?? '';
  return L.divIcon({
    className: 'board-marker-icon',
    html: `<span class="board-marker" data-exit-id="${exit.id}" data-reason="${reason}"${selected ? ' data-selected="true"' : ''}>${mark}</span>`,
    iconSize: [26, 26],
    iconAnchor: [13, 13],
  });
}

/**
 * Fits the map to the exits when the set of them changes (a filter, a new page), not on every
 * action. A map hidden behind the phone's list has no size: shown, it measures itself again and
 * fits the exits then.
 */
function FitExits({ exits, shift }: { exits: readonly UnresolvedExit[]; shift: MapShift }) {
  const map = useMap();
  const key = exits.length === 0 ? '' : `${exits.length}:${exits[0]?.id}`;
  const fit = useEffectEvent(() => {
    if (exits.length > 0 && map.getContainer().clientWidth > 0) {
      map.fitBounds(L.latLngBounds(exits.map((e) => latLng(shift, e))), { padding: [24, 24], maxZoom: 16 });
    }
  });
  useEffect(() => fit(), [key]);
  useEffect(() => {
    const container = map.getContainer();
    let hidden = container.clientWidth === 0;
    const observer = new ResizeObserver(() => {
      map.invalidateSize();
      const nowHidden = container.clientWidth === 0;
      if (hidden && !nowHidden) fit();
      hidden = nowHidden;
    });
    observer.observe(container);
    return () => observer.disconnect();
  }, [map]);
  return null;
}

/**
 * Where each exit's marker goes at the current zoom: its own place, or — when markers would
 * overlap there — a place on a ring around the group's centre, so every marker can be seen,
 * hovered and clicked. Recomputed when the map settles.
 */
function useSpread(exits: readonly UnresolvedExit[], shift: MapShift): ReadonlyMap<string, L.LatLng> {
  const map = useMap();
  const index = useMemo(() => pointIndex(exits, OVERLAP_RADIUS, SPREAD_MAX_ZOOM), [exits]);
  const [places, setPlaces] = useState<ReadonlyMap<string, L.LatLng>>(new Map());
  useEffect(() => {
    const place = () => {
      const next = new Map<string, L.LatLng>();
      const zoom = map.getZoom();
      for (const item of clustersInView(index, map, shift)) {
        if (!('cluster' in item.properties && item.properties.cluster)) continue;
        const [lng, lat] = item.geometry.coordinates as [number, number];
        const centre = map.project(shift.toMap([lng, lat]), zoom);
        const leaves = index.getLeaves(item.properties.cluster_id, Infinity);
        const radius = Math.max(20, (leaves.length * 28) / (2 * Math.PI));
        leaves.forEach((leaf, k) => {
          const exit = exits[leaf.properties.i];
          const angle = (2 * Math.PI * k) / leaves.length - Math.PI / 2;
          if (exit) next.set(exit.id, map.unproject(centre.add([radius * Math.cos(angle), radius * Math.sin(angle)]), zoom));
        });
      }
      setPlaces(next);
    };
    place();
    map.on('moveend', place);
    return () => {
      map.off('moveend', place);
    };
  }, [map, index, shift, exits]);
  return places;
}

/**
 * Where the exits are: community boundaries and names, compounds (dots far out, outlines and
 * names close in) coloured by status — the city map's layers and data, for the board's view.
 * A click on a compound chooses its first exit on the board.
 */
function Surroundings({ exits, selectedCompoundId, onSelect }: { exits: readonly UnresolvedExit[]; selectedCompoundId: string | undefined; onSelect(exitId: string): void }) {
  const caches = useMapCaches();
  const communities = useCommunities();
  const communityList = useMemo(() => communities.data ?? [], [communities.data]);
  const streetIds = useMemo(() => streetIdsOf(communityList), [communityList]);
  const [view, setView] = useState<MapView>();
  const compounds = useCompoundsInView(caches, communities.data ? view : undefined, streetIds);
  const choose = (compound: CompoundProps) => {
    const first = exits.find((e) => e.compoundId === compound.id);
    if (first) onSelect(first.id);
  };
  return (
    <>
      <ViewportWatcher onChange={setView} />
      <AreaLayers
        communities={communityList}
        selectedCommunityId={undefined}
        compounds={compounds.items}
        compoundShape={compounds.shape}
        selectedCompoundId={selectedCompoundId}
        onSelectCompound={choose}
      >
        {compounds.shape === 'area' && <CompoundNames compounds={compounds.items} />}
      </AreaLayers>
    </>
  );
}

/** Pans to the chosen exit. */
function ShowSelected({ exit, shift }: { exit: UnresolvedExit | undefined; shift: MapShift }) {
  const map = useMap();
  useEffect(() => {
    if (exit) map.panTo(latLng(shift, exit));
  }, [map, exit, shift]);
  return null;
}

/**
 * One exit's marker. Leaflet makes markers focusable but does not click them on Enter: the
 * marker's element gets that here (again whenever a new icon replaces the element).
 */
interface ExitMarkerProps {
  readonly exit: UnresolvedExit;
  readonly selected: boolean;
  /** Where the marker is drawn: the exit's place, or its place in a spread ring. */
  readonly at: L.LatLngExpression;
  onSelect(exitId: string): void;
}

function ExitMarker({ exit, selected, at, onSelect }: ExitMarkerProps) {
  const { t } = useTranslation();
  const ref = useRef<L.Marker>(null);
  const reason = exit.reasons[0]?.code;
  const mark = reason ? t(`board.marks.${reason}`) : '?';
  const pick = useEffectEvent(() => onSelect(exit.id));
  const icon = useMemo(() => iconOf(exit, mark, selected), [exit, mark, selected]);
  useEffect(() => {
    const element = ref.current?.getElement();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      pick();
    };
    element?.addEventListener('keydown', onKey);
    return () => element?.removeEventListener('keydown', onKey);
  }, [icon]);
  const label = `${exit.compoundName} · ${exit.name}`;
  return (
    <Marker
      ref={ref}
      position={at}
      icon={icon}
      zIndexOffset={selected ? 1000 : 0}
      title={label}
      alt={label}
      eventHandlers={{ click: () => onSelect(exit.id) }}
    >
      <Tooltip>
        {label}: {exit.reasons.map((r) => t(`board.reasons.${r.code}`)).join(t('app.listSeparator'))}
      </Tooltip>
    </Marker>
  );
}

/** The exits' markers, spread where they would overlap. */
function ExitMarkers({ exits, selectedId, shift, onSelect }: BoardMapProps & { shift: MapShift }) {
  const places = useSpread(exits, shift);
  return exits.map((exit) => (
    <ExitMarker key={exit.id} exit={exit} selected={exit.id === selectedId} at={places.get(exit.id) ?? latLng(shift, exit)} onSelect={onSelect} />
  ));
}

export function BoardMap({ exits, selectedId, onSelect }: BoardMapProps) {
  const { config } = useServices();
  const shift = useShift();
  const selected = exits.find((e) => e.id === selectedId);
  return (
    <MapContainer className="board-map" center={FALLBACK_CENTER} zoom={4} preferCanvas maxZoom={config.tileMaxZoom ?? 18} attributionControl={config.tileUrl !== undefined}>
      {config.tileUrl && <TileLayer url={config.tileUrl} attribution={config.tileAttribution ?? ''} maxZoom={config.tileMaxZoom ?? 18} />}
      <Surroundings exits={exits} selectedCompoundId={selected?.compoundId} onSelect={onSelect} />
      <ExitMarkers exits={exits} selectedId={selectedId} shift={shift} onSelect={onSelect} />
      <FitExits exits={exits} shift={shift} />
      <ShowSelected exit={selected} shift={shift} />
    </MapContainer>
  );
}
