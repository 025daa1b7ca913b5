/**
 * The compounds as vector tiles, cut on the client (geojson-vt) so the map draws and hit-tests
 * one 256-pixel tile at a time instead of every shape of the city on every pan: the index of a
 * set of compounds (in map coordinates, after the basemap's shift), where a map pixel falls in
 * the tile grid, a tile's coordinates in its pixels, and which feature of a tile a point hits.
 * Pure: no DOM, no Leaflet, so it is tested on its own (test/unit/map-vector-tiles.test.ts).
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import GeoJSONVT, { type RawFeature } from 'geojson-vt';
import type { MapShift } from './coords.ts';

/** Leaflet's tiles: 256 CSS pixels a side. */
export const TILE_SIZE = 256;
/** geojson-vt's units a tile side (its default): 16 to a pixel, finer than the screen. */
export const EXTENT = 4096;
/**
 * Tile units drawn beyond each edge: a dot (4 px) or a thick outline (3 px) crossing an edge
 * is drawn whole in both tiles, so nothing is cut at the seams. 8 px.
 */
const BUFFER = 128;
/** Deepest zoom tiles are cut for (geojson-vt stops at its maxZoom; the map stops at 19–20). */
const MAX_TILE_ZOOM = 22;

export type { RawFeature };

/** Each feature's place in the list it was built from: a tile's feature names its compound. */
export interface FeatureTags {
  readonly i: number;
}

export interface TileIndex {
  getTileRaw(z: number, x: number, y: number): { readonly features: readonly RawFeature[] } | null;
}

/** The index of `items`' geometries as the basemap draws them; features tagged with their list index. */
export function tileIndex(items: readonly { readonly geometry: Geometry | null }[], shift: MapShift): TileIndex {
  const shifted = (p: Position): Position => {
    const { lng, lat } = shift.toMap(p);
    return [lng, lat];
  };
  const identity = shift.crs === 'wgs84';
  const features: Feature[] = [];
  items.forEach((item, i) => {
    const geometry = item.geometry;
    if (!geometry) return;
    features.push({ type: 'Feature', geometry: identity ? geometry : shiftGeometry(geometry, shifted), properties: { i } satisfies FeatureTags });
  });
  const collection: FeatureCollection = { type: 'FeatureCollection', features };
  return new GeoJSONVT(collection, { maxZoom: MAX_TILE_ZOOM, extent: EXTENT, buffer: BUFFER });
}

function shiftGeometry(geometry: Geometry, at: (p: Position) => Position): Geometry {
  switch (geometry.type) {
    case 'Point': return { type: 'Point', coordinates: at(geometry.coordinates) };
    case 'MultiPoint': return { type: 'MultiPoint', coordinates: geometry.coordinates.map(at) };
    case 'LineString': return { type: 'LineString', coordinates: geometry.coordinates.map(at) };
    case 'MultiLineString': return { type: 'MultiLineString', coordinates: geometry.coordinates.map((l) => l.map(at)) };
    case 'Polygon': return { type: 'Polygon', coordinates: geometry.coordinates.map((r) => r.map(at)) };
    case 'MultiPolygon': return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map((r) => r.map(at))) };
    case 'GeometryCollection': return { type: 'GeometryCollection', geometries: geometry.geometries.map((g) => shiftGeometry(g, at)) };
  }
}

/** Where Web Mercator (Leaflet's CRS, as geojson-vt cuts) puts a lng/lat at `zoom`, in pixels from the world's north-west corner. */
export function worldPixel(lng: number, lat: number, zoom: number): { x: number; y: number } {
  const size = TILE_SIZE * 2 ** zoom;
  const clamped = Math.max(-85.0511287798, Math.min(85.0511287798, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  return {
    x: size * (lng / 360 + 0.5),
    y: size * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)),
  };
}

/** The tile a world pixel falls in, and the point in that tile's units. */
export function tileAt(pixel: { x: number; y: number }, zoom: number) {
  const x = Math.floor(pixel.x / TILE_SIZE);
  const y = Math.floor(pixel.y / TILE_SIZE);
  return { z: zoom, x, y, local: { x: ((pixel.x - x * TILE_SIZE) * EXTENT) / TILE_SIZE, y: ((pixel.y - y * TILE_SIZE) * EXTENT) / TILE_SIZE } };
}

/** A tile coordinate (tile units) in the tile's pixels. */
export const tilePixel = (v: number): number => (v * TILE_SIZE) / EXTENT;
/** Tile pixels in tile units. */
export const tileUnits = (px: number): number => (px * EXTENT) / TILE_SIZE;

/** A point feature's positions (tile units), whether geojson-vt kept it inline or as an array. */
export function pointsOf(feature: RawFeature): { x: number; y: number }[] {
  if (feature.type === 4) return [{ x: feature.x, y: feature.y }];
  if (feature.type !== 1) return [];
  const points: { x: number; y: number }[] = [];
  for (let k = 0; k + 1 < feature.geometry.length; k += 2) points.push({ x: feature.geometry[k] as number, y: feature.geometry[k + 1] as number });
  return points;
}

/** Even-odd over every ring of a polygon feature: holes are outside, as the map fills them. */
function inRings(rings: readonly ArrayLike<number>[], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    const n = ring.length / 2;
    for (let a = 0, b = n - 1; a < n; b = a++) {
      const ax = ring[2 * a] as number;
      const ay = ring[2 * a + 1] as number;
      const bx = ring[2 * b] as number;
      const by = ring[2 * b + 1] as number;
      if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
    }
  }
  return inside;
}

/**
 * The feature of a tile under a point (tile units): a dot within `radius`, or an outline the
 * point lies inside. The last drawn wins (it is on top), except that `first` — the selected
 * compound, drawn over the rest — is tried before all.
 */
export function hitTest(features: readonly RawFeature[], point: { x: number; y: number }, radius: number, first?: (f: RawFeature) => boolean): RawFeature | undefined {
  const hits = (f: RawFeature) => {
    if (f.type === 3) return inRings(f.geometry, point.x, point.y);
    if (f.type === 2) return false;
    return pointsOf(f).some((p) => (p.x - point.x) ** 2 + (p.y - point.y) ** 2 <= radius * radius);
  };
  if (first) {
    const chosen = features.find((f) => first(f) && hits(f));
    if (chosen) return chosen;
  }
  // Dots lie over outlines (a compound without an outline among those with one): try them first.
  for (let k = features.length - 1; k >= 0; k--) {
    const f = features[k] as RawFeature;
    if (f.type !== 3 && hits(f)) return f;
  }
  for (let k = features.length - 1; k >= 0; k--) {
    const f = features[k] as RawFeature;
    if (f.type === 3 && hits(f)) return f;
  }
  return undefined;
}

/** The list index a feature was tagged with. */
export const indexOf = (feature: RawFeature): number => (feature.tags as FeatureTags | null | undefined)?.i ?? -1;
