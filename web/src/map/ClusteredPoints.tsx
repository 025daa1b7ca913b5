/**
 * Points that cluster far out (supercluster): each cluster a round badge with its count (a
 * click zooms into it), each single point drawn by the caller. Reclustered on every settled
 * move, only for what is on screen. The city map's exits and unvisited buildings both draw
 * through it.
 *
 * A point drawn as a path goes to the SVG renderer handed to `drawPoint`, never to the map's
 * canvas: a canvas of its own in this pane would cover the whole map above the compounds'
 * canvas and take every click meant for a compound (Leaflet hands a canvas's clicks to no
 * canvas below it), while SVG lets clicks through wherever no point is drawn.
 */
import L from 'leaflet';
import { useEffect, useEffectEvent, useMemo } from 'react';
import { clustersInView, pointIndex, type ClusterPoint } from './clusters.ts';
import { useMapLayer } from './useMapLayer.ts';
import { useShift } from './useShift.ts';

export interface ClusteredPointsProps<P extends ClusterPoint> {
  readonly pane: string;
  readonly points: readonly P[];
  /** From this zoom on every point is drawn on its own. */
  readonly clusterBelowZoom: number;
  /** A class for the cluster badges (their colour says what they count). */
  readonly clusterClass: string;
  /** The layer of one point, at its (shifted) place; a path goes to `renderer`. */
  drawPoint(point: P, at: L.LatLngLiteral, renderer: L.Renderer): L.Layer;
  /** Accessible name of a cluster badge, given its count. */
  clusterLabel(count: number): string;
}

/** Pixels within which points merge, and how wide a cluster badge grows. */
const CLUSTER_RADIUS = 60;

export function ClusteredPoints<P extends ClusterPoint>(props: ClusteredPointsProps<P>) {
  const { pane, points, clusterBelowZoom, clusterClass } = props;
  const shift = useShift();
  const group = useMemo(() => L.layerGroup([], { pane }), [pane]);
  const renderer = useMemo(() => L.svg({ pane }), [pane]);
  const map = useMapLayer(group);
  const index = useMemo(() => pointIndex(points, CLUSTER_RADIUS, clusterBelowZoom - 1), [points, clusterBelowZoom]);
  const draw = useEffectEvent((p: P, at: L.LatLngLiteral) => props.drawPoint(p, at, renderer));
  const label = useEffectEvent((count: number) => props.clusterLabel(count));

  useEffect(() => {
    const redraw = () => {
      group.clearLayers();
      for (const item of clustersInView(index, map, shift)) {
        const [lng, lat] = item.geometry.coordinates as [number, number];
        const at = shift.toMap([lng, lat]);
        if ('cluster' in item.properties && item.properties.cluster) {
          const { cluster_id: clusterId, point_count: count } = item.properties;
          const size = Math.round(26 + Math.min(22, Math.log2(count) * 3));
          const badge = L.marker(at, {
            pane,
            title: label(count),
            icon: L.divIcon({ className: `cluster ${clusterClass}`, html: `<span>${count}</span>`, iconSize: [size, size] }),
          });
          badge.on('click', () => map.setView(at, Math.min(index.getClusterExpansionZoom(clusterId), clusterBelowZoom)));
          group.addLayer(badge);
        } else {
          const point = points[(item.properties as { i: number }).i];
          if (point) group.addLayer(draw(point, at));
        }
      }
    };
    redraw();
    map.on('moveend', redraw);
    return () => {
      map.off('moveend', redraw);
      group.clearLayers();
    };
  }, [group, map, index, points, shift, pane, clusterBelowZoom, clusterClass]);
  return null;
}
