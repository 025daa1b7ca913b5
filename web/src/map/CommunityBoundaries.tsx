/**
 * Community (社区) boundaries with their names, under the compounds. Not interactive: clicks go
 * to the compounds. The chosen community is drawn stronger, the others fade. A name shows only
 * while its community is wide enough on screen to hold it (labels.ts).
 */
import L, { type PathOptions } from 'leaflet';
import { useEffect, useMemo } from 'react';
import type { CommunityFeature } from './data.ts';
import { asCollection, shiftedCoords } from './geo.ts';
import { areaLabel, useFittedLabels, type AreaLabel } from './labels.ts';
import { useMapLayer } from './useMapLayer.ts';
import { useShift } from './useShift.ts';

/** Narrower than this on screen, a community's name would spill over its neighbours. */
const LABEL_MIN_WIDTH_PX = 72;
/** Past this many communities names are not drawn (the compound tooltips and panel say the community). */
const MAX_LABELLED = 300;

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
  const shift = useShift();
  const { layer, labels } = useMemo(() => {
    const boundaries = L.geoJSON(asCollection(communities), { ...shiftedCoords(shift), pane, interactive: false });
    const names: AreaLabel[] = [];
    if (communities.length <= MAX_LABELLED) {
      boundaries.eachLayer((shape) => {
        const { name } = ((shape as L.Polygon).feature as unknown as CommunityFeature).properties;
        const label = areaLabel(name, (shape as L.Polygon).getBounds(), 'community-label');
        boundaries.addLayer(label.marker);
        names.push(label);
      });
    }
    return { layer: boundaries, labels: names };
  }, [communities, pane, shift]);
  const map = useMapLayer(layer);
  useFittedLabels(map, labels, LABEL_MIN_WIDTH_PX, 'community-label');
  useEffect(() => {
    layer.eachLayer((shape) => {
      if (shape instanceof L.Path) shape.setStyle(boundaryStyle(((shape as L.Polygon).feature as unknown as CommunityFeature).properties.id, selectedId));
    });
  }, [layer, selectedId]);
  return null;
}
