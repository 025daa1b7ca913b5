/**
 * The board's exits on a map beside the list: one marker per exit, labelled with its first
 * reason's short mark (so the reason is read without colour), the selected one raised and
 * reachable by keyboard. Drawn through the city map's coordinate shift (GCJ-02 / BD-09 tiles).
 *
 * Its markers are its own, not web/src/map/ExitMarkers: that one draws imperative layers through
 * ClusteredPoints, which clears and redraws every marker on each settled move and on nothing
 * else. The board's markers must keep their element (and its keyboard focus) while a selection
 * pans the map, show a new selection without a move, never cluster, carry a reason code (its
 * short mark) rather than translated reasons, and keep the element classes the tests read — so
 * only the coordinate shift is shared.
 */
import L from 'leaflet';
import { useEffect, useEffectEvent, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MapContainer, Marker, Tooltip, TileLayer, useMap } from 'react-leaflet';
import type { MapShift } from '../map/coords.ts';
import { useShift } from '../map/useShift.ts';
import { useServices } from '../services.tsx';
import type { UnresolvedExit } from './grouping.ts';

const FALLBACK_CENTER: [number, number] = [34, 108];

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

/** Fits the map to the exits when the set of them changes (a filter, a new page), not on every action. */
function FitExits({ exits, shift }: { exits: readonly UnresolvedExit[]; shift: MapShift }) {
  const map = useMap();
  const key = exits.length === 0 ? '' : `${exits.length}:${exits[0]?.id}`;
  const fit = useEffectEvent(() => {
    if (exits.length > 0) map.fitBounds(L.latLngBounds(exits.map((e) => latLng(shift, e))), { padding: [24, 24], maxZoom: 16 });
  });
  useEffect(() => fit(), [key]);
  return null;
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
  readonly shift: MapShift;
  onSelect(exitId: string): void;
}

function ExitMarker({ exit, selected, shift, onSelect }: ExitMarkerProps) {
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
      position={latLng(shift, exit)}
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

export function BoardMap({ exits, selectedId, onSelect }: BoardMapProps) {
  const { config } = useServices();
  const shift = useShift();
  return (
    <MapContainer className="board-map" center={FALLBACK_CENTER} zoom={4} maxZoom={config.tileMaxZoom ?? 18} attributionControl={config.tileUrl !== undefined}>
      {config.tileUrl && <TileLayer url={config.tileUrl} attribution={config.tileAttribution ?? ''} maxZoom={config.tileMaxZoom ?? 18} />}
      {exits.map((exit) => (
        <ExitMarker key={exit.id} exit={exit} selected={exit.id === selectedId} shift={shift} onSelect={onSelect} />
      ))}
      <FitExits exits={exits} shift={shift} />
      <ShowSelected exit={exits.find((e) => e.id === selectedId)} shift={shift} />
    </MapContainer>
  );
}
