/**
 * The Leaflet map, compounds drawn on canvas tiles (CompoundShapes), other paths on canvas: a
 * basemap only when one is configured (locally and in tests none is fetched; the map draws on a
 * plain background), then in panes from bottom to top community boundaries, compounds, a
 * campaign's unvisited buildings and exits; and the two behaviours — fit to a focus, report the
 * view. Zoom is bounded: no further out than MIN_ZOOM (so the view never asks beyond the API's
 * bbox cap), no further in than the tiles go.
 */
import type { LatLngBounds } from 'leaflet';
import type { ReactNode } from 'react';
import { MapContainer, Pane, ScaleControl, TileLayer } from 'react-leaflet';
import { useServices } from '../services.tsx';
import { AreaLayers } from './AreaLayers.tsx';
import { DrawnSignal } from './DrawnSignal.tsx';
import type { CommunityFeature, CompoundProps, CompoundSummary, MapView } from './data.ts';
import { FitBounds } from './FitBounds.tsx';
import { MIN_ZOOM, type CompoundShape } from './tiles.ts';
import { ViewportWatcher } from './ViewportWatcher.tsx';

/** Where the map opens when the jurisdiction has no boundaries to fit. */
const FALLBACK_CENTER: [number, number] = [31.17, 112.58];
const DEFAULT_MAX_ZOOM = 19;

export interface CompoundMapProps {
  readonly focus: LatLngBounds | undefined;
  readonly communities: readonly CommunityFeature[];
  readonly showCommunities: boolean;
  readonly selectedCommunityId: string | undefined;
  readonly compounds: readonly CompoundSummary[];
  /** Dots far out, outlines close in. */
  readonly compoundShape: CompoundShape;
  readonly selectedCompoundId: string | undefined;
  onSelectCompound(compound: CompoundProps): void;
  onViewChange(view: MapView): void;
  /** The view last reported, and whether everything drawn for it is loaded (DrawnSignal). */
  readonly view: MapView | undefined;
  readonly loaded: boolean;
  /** Point layers above the compounds (unvisited buildings, exits), each in the pane it names. */
  readonly children?: ReactNode;
}

export function CompoundMap(props: CompoundMapProps) {
  const { config } = useServices();
  const initialView = props.focus ? { bounds: props.focus } : { center: FALLBACK_CENTER, zoom: MIN_ZOOM + 2 };
  return (
    <MapContainer
      className="compound-map"
      {...initialView}
      preferCanvas
      minZoom={MIN_ZOOM}
      maxZoom={config.tileMaxZoom ?? DEFAULT_MAX_ZOOM}
      zoomSnap={0.25}
      // A tile shows at once when drawn, not faded in over 200 ms: the drawn signal means seen.
      fadeAnimation={false}
      attributionControl={config.tileUrl !== undefined}
    >
      <DrawnSignal view={props.view} ready={props.loaded} />
      {config.tileUrl && <TileLayer url={config.tileUrl} attribution={config.tileAttribution ?? ''} maxZoom={config.tileMaxZoom ?? DEFAULT_MAX_ZOOM} />}
      <AreaLayers
        communities={props.communities}
        showCommunities={props.showCommunities}
        selectedCommunityId={props.selectedCommunityId}
        compounds={props.compounds}
        compoundShape={props.compoundShape}
        selectedCompoundId={props.selectedCompoundId}
        onSelectCompound={props.onSelectCompound}
      />
      {/* Points above the areas (AreaLayers' panes reach 420). */}
      <Pane name="unvisited" style={{ zIndex: 440 }} />
      <Pane name="exits" style={{ zIndex: 460 }} />
      {props.children}
      <ScaleControl position="topright" imperial={false} />
      <FitBounds bounds={props.focus} />
      <ViewportWatcher onChange={props.onViewChange} />
    </MapContainer>
  );
}
