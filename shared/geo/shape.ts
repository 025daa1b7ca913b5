/**
 * What the registry derives from a geometry: centroid, area in m² and bbox (turf), and the
 * community a point lies in.
 */
import turfArea from '@turf/area';
import turfBbox from '@turf/bbox';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import turfCentroid from '@turf/centroid';
import type { AreaGeometry, Bbox } from '../schemas/common.ts';
import { pointInBbox } from './geohash.ts';

export interface Shape {
  readonly geometry: AreaGeometry | null;
  readonly location: [number, number];
  readonly bbox: Bbox;
  readonly areaM2: number;
  readonly areaSource: 'polygon' | 'declared' | 'none';
}

/** Round to 1e-7° (about 1 cm): enough for a map, and keeps items small and stable. */
export const roundCoord = (v: number): number => Math.round(v * 1e7) / 1e7;

export function shapeOf(input: {
  readonly geometry?: AreaGeometry | null | undefined;
  readonly location?: readonly [number, number] | undefined;
  readonly areaM2?: number | null | undefined;
}): Shape {
  const geometry = input.geometry ?? null;
  const declared = input.areaM2 ?? undefined;
  if (geometry) {
    const centroid = turfCentroid(geometry).geometry.coordinates;
    const location: [number, number] = input.location
      ? [roundCoord(input.location[0]), roundCoord(input.location[1])]
      : [roundCoord(centroid[0] ?? 0), roundCoord(centroid[1] ?? 0)];
    const box = turfBbox(geometry);
    return {
      geometry,
      location,
      bbox: [box[0], box[1], box[2], box[3]],
      areaM2: declared ?? Math.round(turfArea(geometry)),
      areaSource: declared !== undefined ? 'declared' : 'polygon',
    };
  }
  if (!input.location) throw new RangeError('a shape needs a geometry or a location');
  const location: [number, number] = [roundCoord(input.location[0]), roundCoord(input.location[1])];
  return {
    geometry: null,
    location,
    bbox: [location[0], location[1], location[0], location[1]],
    areaM2: declared ?? 0,
    areaSource: declared !== undefined ? 'declared' : 'none',
  };
}

export interface Boundary {
  readonly id: string;
  readonly boundary: AreaGeometry | null;
  readonly bbox?: Bbox;
}

/**
 * Point-in-polygon against many boundaries: a bbox test first, turf only for the candidates.
 * Returns the first boundary that contains the point, or undefined.
 */
export function containing<B extends Boundary>(boundaries: readonly B[], point: readonly [number, number]): B | undefined {
  for (const b of boundaries) {
    if (!b.boundary) continue;
    const box = b.bbox ?? (turfBbox(b.boundary) as unknown as Bbox);
    if (!pointInBbox(point, box)) continue;
    if (booleanPointInPolygon([point[0], point[1]], b.boundary)) return b;
  }
  return undefined;
}
