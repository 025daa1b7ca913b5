/**
 * The Leaflet map: a basemap only when one is configured (the local machine is offline, so by
 * default the map draws on a plain background), community boundaries, compounds, and the two
 * behaviours — fit to a focus, report the viewport.
 */
import type { LatLngBounds } from 'leaflet';
import { MapContainer, Pane, ScaleControl, TileLayer } from 'react-leaflet';
import { useServices } from '../services.tsx';
import { CommunityBoundaries } from './CommunityBoundaries.tsx';
import { CompoundShapes } from './CompoundShapes.tsx';
import type { CommunityFeature, CompoundProps, CompoundSummary } from './data.ts';
import { FitBounds } from './FitBounds.tsx';
import { ViewportWatcher } from './ViewportWatcher.tsx';

/** Where the map opens when the jurisdiction has no boundaries to fit: all of China. */
const FALLBACK_CENTER: [number, number] = [34, 108];
const FALLBACK_ZOOM = 4;

export interface CompoundMapProps {
  readonly focus: LatLngBounds | undefined;
  readonly communities: readonly CommunityFeature[];
  readonly selectedCommunityId: string | undefined;
  readonly compounds: readonly CompoundSummary[];
  readonly selectedCompoundId: string | undefined;
  onSelectCompound(compound: CompoundProps): void;
  onViewportChange(bbox: string): void;
}

export function CompoundMap(props: CompoundMapProps) {
  const { config } = useServices();
  const initialView = props.focus ? { bounds: props.focus } : { center: FALLBACK_CENTER, zoom: FALLBACK_ZOOM };
  return (
    <MapContainer
      className="compound-map"
      {...initialView}
      zoomSnap={0.25}
      attributionControl={config.tileUrl !== undefined}
    >
      {config.tileUrl && <TileLayer url={config.tileUrl} attribution={config.tileAttribution ?? ''} />}
      {/* Panes of their own stack boundaries under compounds (Leaflet's overlay pane is at 400,
          tooltips at 650) and let the page find them (.leaflet-compounds-pane). */}
      <Pane name="communities" style={{ zIndex: 380 }}>
        <CommunityBoundaries pane="communities" communities={props.communities} selectedId={props.selectedCommunityId} />
      </Pane>
      <Pane name="compounds" style={{ zIndex: 420 }}>
        <CompoundShapes pane="compounds" compounds={props.compounds} selectedId={props.selectedCompoundId} onSelect={props.onSelectCompound} />
      </Pane>
      <ScaleControl position="topright" imperial={false} />
      <FitBounds bounds={props.focus} />
      <ViewportWatcher onChange={props.onViewportChange} />
    </MapContainer>
  );
}
