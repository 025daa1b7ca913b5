/**
 * Coordinates from Chinese map providers to WGS-84, which is what Cordon stores. GCJ-02 (高德,
 * 腾讯, Google China) and BD-09 (百度) are offset from WGS-84 by up to several hundred metres;
 * gcoord undoes the offset (to well under a metre for the inverse of GCJ-02).
 */
import gcoordExports from 'gcoord';
import type { AnyGeometry } from '../schemas/common.ts';
import type { Crs } from '../schemas/imports.ts';
import { roundCoord } from '../geo/shape.ts';

type Position = [number, number];

// gcoord's types declare an ES default export; Node loads its CommonJS build, whose exports are
// that object itself (bundlers pick its ES build, where the default is the same object).
const gcoord = ((gcoordExports as { default?: unknown }).default ?? gcoordExports) as typeof gcoordExports.default;

const SOURCE = { gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/** One [lng, lat] in WGS-84, rounded like every stored coordinate. */
export function positionToWgs84(position: readonly [number, number], crs: Crs): Position {
  if (crs === 'wgs84') return [roundCoord(position[0]), roundCoord(position[1])];
  const [lng, lat] = gcoord.transform([position[0], position[1]], SOURCE[crs], gcoord.WGS84) as [number, number];
  return [roundCoord(lng), roundCoord(lat)];
}

/**
 * A geometry with every position converted. Ring closure survives because equal positions
 * convert to equal positions.
 */
export function geometryToWgs84<G extends AnyGeometry>(geometry: G, crs: Crs): G {
  const ring = (positions: readonly (readonly [number, number])[]) => positions.map((p) => positionToWgs84(p, crs));
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: positionToWgs84(geometry.coordinates, crs) } as unknown as G;
    case 'Polygon':
      return { type: 'Polygon', coordinates: geometry.coordinates.map(ring) } as unknown as G;
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map(ring)) } as unknown as G;
  }
}
