/**
 * Points that cluster far out (supercluster): each cluster a round badge with its count (a
 * click zooms into it), each single point drawn by the caller. Reclustered on every settled
 * move, only for what is on screen; what was drawn before and is drawn again stays as it was.
 * The city map's exits and unvisited buildings both draw through it.
 *
 * A point drawn as a path goes to the SVG renderer handed to `drawPoint`, never to the map's
 * canvas: a canvas of its own in this pane would cover the whole map above the compounds'
 * canvas and take every click meant for a compound (Leaflet hands a canvas's clicks to no
 * canvas below it), while SVG lets clicks through wherever no point is drawn.
 */
import L from 'leaflet';
import { useEffect, useEffectEvent, useMemo } from 'react';
import { clustersInView, pointIndex, type ClusterPoint, type PointIndex } from './clusters.ts';
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

/** A cluster badge on the map, and what a click on it zooms into: the index it came from, which a later draw may renew. */
interface Badge {
  readonly marker: L.Marker;
  target: { readonly index: PointIndex; readonly clusterId: number };
}

/**
 * What is drawn now, by a key that says what it shows: a cluster by its place and count, a point
 * by its id and place. A settled move draws again, and keeps every badge and point whose key is
 * drawn again: a pan creates only what it uncovered, not every marker in view (issue 19: the
 * longest frame of a pan was this layer clearing and recreating its markers, one DOM element each).
 */
interface Drawn {
  readonly badges: Map<string, Badge>;
  readonly points: Map<string, { readonly layer: L.Layer; readonly point: ClusterPoint }>;
}

export function ClusteredPoints<P extends ClusterPoint>(props: ClusteredPointsProps<P>) {
  const { pane, points, clusterBelowZoom, clusterClass, drawPoint, clusterLabel } = props;
  const shift = useShift();
  const group = useMemo(() => L.layerGroup([], { pane }), [pane]);
  const renderer = useMemo(() => L.svg({ pane }), [pane]);
  const map = useMapLayer(group);
  const index = useMemo(() => pointIndex(points, CLUSTER_RADIUS, clusterBelowZoom - 1), [points, clusterBelowZoom]);
  const draw = useEffectEvent((p: P, at: L.LatLngLiteral) => drawPoint(p, at, renderer));
  const label = useEffectEvent((count: number) => clusterLabel(count));
  // Kept across draws and across new points (a pan loads the cells it uncovered). A new look
  // (class, shift, how a point or badge is drawn or named: a new language) starts afresh.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the look's inputs are the deps: a new one clears what is drawn
  const drawn = useMemo<Drawn>(() => ({ badges: new Map(), points: new Map() }), [group, clusterClass, shift, drawPoint, clusterLabel]);

  useEffect(() => {
    // Badges of one count share their name: one translation per count, not per badge.
    const labels = new Map<number, string>();
    const labelOf = (count: number) => labels.get(count) ?? labels.set(count, label(count)).get(count)!;
    const badge = (at: L.LatLngLiteral, count: number, target: Badge['target']): Badge => {
      const size = Math.round(26 + Math.min(22, Math.log2(count) * 3));
      const marker = L.marker(at, {
        pane,
        title: labelOf(count),
        icon: L.divIcon({ className: `cluster ${clusterClass}`, html: `<span>${count}</span>`, iconSize: [size, size] }),
      });
      const made: Badge = { marker, target };
      marker.on('click', () => map.setView(at, Math.min(made.target.index.getClusterExpansionZoom(made.target.clusterId), clusterBelowZoom)));
      group.addLayer(marker);
      return made;
    };
    const redraw = () => {
      const badges = new Map<string, Badge>();
      const singles: Drawn['points'] = new Map();
      for (const item of clustersInView(index, map, shift)) {
        const [lng, lat] = item.geometry.coordinates as [number, number];
        const at = shift.toMap([lng, lat]);
        if ('cluster' in item.properties && item.properties.cluster) {
          const { cluster_id: clusterId, point_count: count } = item.properties;
          const key = `${count}@${at.lat},${at.lng}`;
          const kept = drawn.badges.get(key);
          if (kept) kept.target = { index, clusterId };
          badges.set(key, kept ?? badge(at, count, { index, clusterId }));
        } else {
          const point = points[(item.properties as { i: number }).i];
          if (!point) continue;
          const key = `${point.id}@${at.lat},${at.lng}`;
          const kept = drawn.points.get(key);
          // The same point as drawn: kept. A point whose record changed (a new object) is drawn anew.
          if (kept?.point === point) {
            singles.set(key, kept);
            continue;
          }
          const layer = draw(point, at);
          group.addLayer(layer);
          singles.set(key, { layer, point });
        }
      }
      for (const [key, { marker }] of drawn.badges) if (!badges.has(key)) group.removeLayer(marker);
      for (const [key, { layer, point }] of drawn.points) if (singles.get(key)?.point !== point) group.removeLayer(layer);
      replace(drawn.badges, badges);
      replace(drawn.points, singles);
    };
    redraw();
    map.on('moveend', redraw);
    return () => {
      map.off('moveend', redraw);
    };
  }, [group, map, index, points, shift, pane, clusterBelowZoom, clusterClass, drawn]);
  // What is drawn goes when the component does, or when the look changes (a new `drawn`).
  useEffect(() => () => {
    group.clearLayers();
    drawn.badges.clear();
    drawn.points.clear();
  }, [group, drawn]);
  return null;
}

function replace<K, V>(target: Map<K, V>, next: Map<K, V>): void {
  target.clear();
  for (const [key, value] of next) target.set(key, value);
}
