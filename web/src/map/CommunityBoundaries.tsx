/**
 * Community (社区) boundaries with their names, under the compounds. Not interactive: clicks go
 * to the compounds. The chosen community is drawn stronger, the others fade. A name shows only
 * while its community is wide enough on screen to hold it, so a zoomed-out city stays legible.
 */
import L, { type PathOptions } from 'leaflet';
import { useEffect, useMemo } from 'react';
import type { CommunityFeature } from './data.ts';
import { asCollection } from './geo.ts';
import { useMapLayer } from './useMapLayer.ts';

/** Narrower than this on screen, a community's name would spill over its neighbours. */
const LABEL_MIN_WIDTH_PX = 72;

function boundaryStyle(id: string, selectedId: string | undefined): PathOptions {
  const dimmed = selectedId !== undefined && id !== selectedId;
  return {
    color: id === selectedId ? '#1d3557' : '#7d8ba1',
    weight: id === selectedId ? 2.5 : 1.2,
    dashArray: id === selectedId ? undefined : '4 3',
    fillColor: '#ffffff',
    fillOpacity: dimmed ? 0.15 : 0.55,
  };
}

export interface CommunityBoundariesProps {
  /** The map pane they are drawn in. */
  readonly pane: string;
  readonly communities: readonly CommunityFeature[];
  readonly selectedId: string | undefined;
}

export function CommunityBoundaries({ pane, communities, selectedId }: CommunityBoundariesProps) {
  const layer = useMemo(
    () =>
      L.geoJSON(asCollection(communities), {
        pane,
        interactive: false,
        onEachFeature: (feature, shape) => {
          const { name } = (feature as unknown as CommunityFeature).properties;
          shape.bindTooltip(name, { permanent: true, direction: 'center', className: 'community-label' });
        },
      }),
    [communities, pane],
  );
  const map = useMapLayer(layer);
  useEffect(() => {
    const fitLabels = () =>
      layer.eachLayer((shape) => {
        const bounds = (shape as L.Polygon).getBounds();
        const width = map.latLngToContainerPoint(bounds.getNorthEast()).x - map.latLngToContainerPoint(bounds.getSouthWest()).x;
        shape.getTooltip()?.getElement()?.classList.toggle('community-label-hidden', width < LABEL_MIN_WIDTH_PX);
      });
    fitLabels();
    map.on('zoomend', fitLabels);
    return () => {
      map.off('zoomend', fitLabels);
    };
  }, [layer, map]);
  useEffect(() => {
    layer.setStyle((feature) => boundaryStyle((feature as unknown as CommunityFeature).properties.id, selectedId));
  }, [layer, selectedId]);
  return null;
}
