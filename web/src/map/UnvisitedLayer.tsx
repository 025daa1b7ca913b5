/**
 * A campaign's unvisited buildings (未走访楼栋): a purple square per building close in, counted
 * clusters far out. A building leaves the layer once every household is accounted for.
 */
import L from 'leaflet';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClusterPoint } from './clusters.ts';
import { ClusteredPoints } from './ClusteredPoints.tsx';
import type { UnvisitedBuilding } from './data.ts';

interface UnvisitedPoint extends ClusterPoint {
  readonly name: string;
  readonly visited: number;
  readonly total: number;
}

export function UnvisitedLayer({ pane, buildings }: { pane: string; buildings: readonly UnvisitedBuilding[] }) {
  const { t } = useTranslation();
  const points = useMemo(
    () =>
      buildings.map((b): UnvisitedPoint => ({
        id: b.id,
        location: b.geometry.coordinates,
        name: b.properties.name ?? b.properties.buildingId ?? b.id,
        visited: b.properties.householdsVisited,
        total: b.properties.householdsTotal,
      })),
    [buildings],
  );
  const drawPoint = useCallback(
    (b: UnvisitedPoint, at: L.LatLngLiteral, renderer: L.Renderer) =>
      L.circleMarker(at, { pane, renderer, radius: 4, weight: 1, color: '#4b1d78', fillColor: '#8e44d8', fillOpacity: 0.9 })
        .bindTooltip(t('map.unvisited.tooltip', { name: b.name, visited: b.visited, total: b.total })),
    [pane, t],
  );
  const clusterLabel = useCallback((count: number) => t('map.unvisited.cluster', { count }), [t]);
  return <ClusteredPoints pane={pane} points={points} clusterBelowZoom={16} clusterClass="cluster-unvisited" drawPoint={drawPoint} clusterLabel={clusterLabel} />;
}
