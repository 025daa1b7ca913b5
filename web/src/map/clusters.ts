/**
 * Points grouped where they would overlap on screen (supercluster), for the layers that draw
 * many points: the city map's exits and unvisited buildings cluster into badges, the board's
 * exits spread apart. One index per set of points; read per settled view.
 */
import type L from 'leaflet';
import Supercluster from 'supercluster';
import type { MapShift } from './coords.ts';

export interface ClusterPoint {
  readonly id: string;
  /** [lng, lat], WGS-84. */
  readonly location: readonly [number, number] | readonly number[];
}

/** Each point's index in the list it came from; a cluster carries supercluster's own properties. */
export type PointIndex = Supercluster<{ i: number }>;

/** The index of `points`: those within `radius` pixels merge, up to zoom `maxZoom`. */
export function pointIndex(points: readonly ClusterPoint[], radius: number, maxZoom: number): PointIndex {
  const tree = new Supercluster<{ i: number }>({ radius, maxZoom });
  tree.load(points.map((p, i) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.location[0] as number, p.location[1] as number] }, properties: { i } })));
  return tree;
}

/** The clusters and single points of the map's view (a little beyond it, so a pan shows no gap). */
export function clustersInView(index: PointIndex, map: L.Map, shift: MapShift) {
  const bounds = map.getBounds().pad(0.2);
  const [west, south] = shift.fromMap(bounds.getSouthWest());
  const [east, north] = shift.fromMap(bounds.getNorthEast());
  return index.getClusters([west, south, east, north], Math.floor(map.getZoom()));
}
