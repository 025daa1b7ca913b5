/**
 * Tile-like snapping of the map's viewport: data is asked for in fixed cells of the lng/lat grid,
 * not for the exact viewport, so a pan reuses the cells it already has and every request stays
 * small and well under the API's bbox cap. The compound cells and their shape depend on the
 * zoom: far out, big cells of points (a dot per compound); close in, small cells of outlines.
 */
import { MAX_BBOX_DEG, type Bbox } from '#shared/schemas/common.ts';
import type { CompoundShape } from '#shared/schemas/compound.ts';

export type { Bbox, CompoundShape };

/** The map zooms out no further: at 1,440 px wide, zoom 11 is ~0.8° — a whole big city. */
export const MIN_ZOOM = 11;
/** From this zoom compounds are drawn as outlines (~8 km across at 1,440 px); below it as dots. */
export const AREA_ZOOM = 14;
/** From this zoom every exit of the compounds in view is shown, not only the unresolved ones. */
export const ALL_EXITS_ZOOM = 16;

export interface TilePlan {
  readonly shape: CompoundShape;
  /** Cell side in degrees. */
  readonly size: number;
}

/**
 * Far out, one "cell" holds the jurisdiction's compounds as dots (size 0: the whole of it, listed
 * without a bbox — the API answers that from its street/community indexes, far cheaper than
 * geo cells covering a city, and ~45 bytes of geometry a compound instead of ~180); it is
 * loaded once and serves every pan and zoom out there, and the name search. Close in, cells of
 * outlines (~5 km).
 */
export function compoundPlan(zoom: number): TilePlan {
  return zoom >= AREA_ZOOM ? { shape: 'area', size: 0.05 } : { shape: 'point', size: 0 };
}

/** The one cell of the whole jurisdiction. */
export const WHOLE: Tile = { key: 'whole', bbox: [-180, -90, 180, 90], param: '' };

/** Exits and unvisited buildings are points at every zoom: one cell size. */
export const POINT_CELL_DEG = 0.25;

export interface Tile {
  /** Stable across pans: the cell's size and grid position. */
  readonly key: string;
  readonly bbox: Bbox;
  /** As the API's bbox parameter takes it. */
  readonly param: string;
}

const round = (n: number) => Number(n.toFixed(6));

/** The cells of side `size` that cover `bbox`, row by row from the south-west. */
export function tilesCovering(bbox: Bbox, size: number): Tile[] {
  const [minLng, minLat, maxLng, maxLat] = bbox;
  const x0 = Math.floor(minLng / size);
  const x1 = Math.floor(maxLng / size);
  const y0 = Math.floor(minLat / size);
  const y1 = Math.floor(maxLat / size);
  const tiles: Tile[] = [];
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const cell: Bbox = [
        Math.max(-180, round(x * size)), Math.max(-90, round(y * size)),
        Math.min(180, round((x + 1) * size)), Math.min(90, round((y + 1) * size)),
      ];
      tiles.push({ key: `${size}:${x}:${y}`, bbox: cell, param: cell.join(',') });
    }
  }
  return tiles;
}

/** The bbox shrunk about its centre to at most `maxDeg` a side — what the map may ask for at once. */
export function clampBbox(bbox: Bbox, maxDeg = MAX_BBOX_DEG): Bbox {
  const [minLng, minLat, maxLng, maxLat] = bbox;
  const side = (min: number, max: number, limit: number): [number, number] => {
    if (max - min <= maxDeg) return [min, max];
    const centre = (min + max) / 2;
    return [Math.max(-limit, centre - maxDeg / 2), Math.min(limit, centre + maxDeg / 2)];
  };
  const [west, east] = side(minLng, maxLng, 180);
  const [south, north] = side(minLat, maxLat, 90);
  return [west, south, east, north];
}

export const intersects = (a: Bbox, b: Bbox): boolean => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];

type Coordinates = number | Coordinates[];

/** The bbox of a GeoJSON geometry's positions. */
export function geometryBbox(geometry: { readonly coordinates: unknown }): Bbox {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: Coordinates) => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [lng, lat] = c as number[] as [number, number];
      box[0] = Math.min(box[0] as number, lng);
      box[1] = Math.min(box[1] as number, lat);
      box[2] = Math.max(box[2] as number, lng);
      box[3] = Math.max(box[3] as number, lat);
      return;
    }
    for (const inner of c as Coordinates[]) walk(inner);
  };
  walk(geometry.coordinates as Coordinates);
  return box as unknown as Bbox;
}

/** `minLng,minLat,maxLng,maxLat` with 5 decimals (≈ 1 m), as the map reports its viewport. */
export const bboxText = (bbox: Bbox): string => bbox.map((n) => n.toFixed(5)).join(',');
