/**
 * Where to click on the city map's canvas to land on one compound and on nothing else, computed
 * from the shapes the map has drawn rather than found by trying pixels: the view the map marks
 * as painted (web/src/map/DrawnSignal.tsx: its bounds on the map) and the container's place on
 * the page turn the compounds' outlines into screen pixels (Web Mercator, as Leaflet draws), and
 * the points inside the target, outside every other compound and furthest from any outline come
 * first. Pure: no browser here.
 */
import type { Geometry, Position } from 'geojson';
import type { MapShift } from '#web/src/map/coords.ts';

/** The painted view: its bounds on the map and the map container's box on the page (CSS pixels). */
export interface PaintedView {
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface Pixel {
  readonly x: number;
  readonly y: number;
}

/** A polygon as rings of pixels, the outer ring first. */
type PixelPolygon = readonly (readonly Pixel[])[];

/** Parses the container's `data-painted` (west,south,east,north) with the container's box. */
export function paintedView(painted: string, box: Pick<PaintedView, 'left' | 'top' | 'width' | 'height'>): PaintedView {
  const [west, south, east, north] = painted.split(',').map(Number) as [number, number, number, number];
  return { west, south, east, north, ...box };
}

const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

/** The page pixel where the map draws a stored [lng, lat]. */
export function toPixel(view: PaintedView, shift: MapShift, position: Position): Pixel {
  const { lat, lng } = shift.toMap(position);
  return {
    x: view.left + ((lng - view.west) / (view.east - view.west)) * view.width,
    y: view.top + ((mercatorY(view.north) - mercatorY(lat)) / (mercatorY(view.north) - mercatorY(view.south))) * view.height,
  };
}

/** The polygons of a compound's geometry in pixels; none for a point (a dot has no inside to aim at). */
export function pixelPolygons(view: PaintedView, shift: MapShift, geometry: Geometry | null): PixelPolygon[] {
  const rings = (polygon: Position[][]) => polygon.map((ring) => ring.map((p) => toPixel(view, shift, p)));
  if (geometry?.type === 'Polygon') return [rings(geometry.coordinates)];
  if (geometry?.type === 'MultiPolygon') return geometry.coordinates.map(rings);
  return [];
}

/** The outer rings of a geometry's polygons. */
const shells = (geometry: Geometry | null): Position[][] =>
  geometry?.type === 'Polygon' ? geometry.coordinates.slice(0, 1) : geometry?.type === 'MultiPolygon' ? geometry.coordinates.map((p) => p[0] ?? []) : [];

/** The box of a geometry's outlines on the map: west, south, east, north. */
export function mapBounds(geometry: Geometry | null, shift: MapShift): [number, number, number, number] {
  const points = shells(geometry).flat().map((p) => shift.toMap(p));
  const lngs = points.map((p) => p.lng);
  const lats = points.map((p) => p.lat);
  return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
}

function inRing(p: Pixel, ring: readonly Pixel[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as Pixel;
    const b = ring[j] as Pixel;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

const inPolygon = (p: Pixel, polygon: PixelPolygon) =>
  polygon.length > 0 && inRing(p, polygon[0] as Pixel[]) && polygon.slice(1).every((hole) => !inRing(p, hole));

function segmentDistance(p: Pixel, a: Pixel, b: Pixel): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

function edgeDistance(p: Pixel, polygons: readonly PixelPolygon[]): number {
  let nearest = Number.POSITIVE_INFINITY;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i++) nearest = Math.min(nearest, segmentDistance(p, ring[i - 1] as Pixel, ring[i] as Pixel));
    }
  }
  return nearest;
}

/**
 * Points inside the target and inside no other compound, at least `clearance` pixels from every
 * outline (a click on an outline may belong to the shape beside it) and from the view's edges,
 * the clearest first.
 */
export function clickPoints(view: PaintedView, target: readonly PixelPolygon[], others: readonly PixelPolygon[], clearance = 6): Pixel[] {
  const xs = target.flatMap((polygon) => (polygon[0] ?? []).map((p) => p.x));
  const ys = target.flatMap((polygon) => (polygon[0] ?? []).map((p) => p.y));
  const bounds = {
    left: Math.max(Math.min(...xs), view.left + clearance),
    right: Math.min(Math.max(...xs), view.left + view.width - clearance),
    top: Math.max(Math.min(...ys), view.top + clearance),
    bottom: Math.min(Math.max(...ys), view.top + view.height - clearance),
  };
  // Only a compound whose box meets the target's can hold a point of it or pass near one.
  const near = others.filter((polygon) => {
    const ring = polygon[0] ?? [];
    return ring.some((p) => p.x >= bounds.left - clearance) && ring.some((p) => p.x <= bounds.right + clearance)
      && ring.some((p) => p.y >= bounds.top - clearance) && ring.some((p) => p.y <= bounds.bottom + clearance);
  });
  const outlines = [...target, ...near];
  const found: { p: Pixel; clear: number }[] = [];
  for (let x = Math.ceil(bounds.left); x <= bounds.right; x += 2) {
    for (let y = Math.ceil(bounds.top); y <= bounds.bottom; y += 2) {
      const p = { x, y };
      if (!target.some((polygon) => inPolygon(p, polygon)) || near.some((polygon) => inPolygon(p, polygon))) continue;
      const clear = edgeDistance(p, outlines);
      if (clear >= clearance) found.push({ p, clear });
    }
  }
  return found.sort((a, b) => b.clear - a.clear).map((f) => f.p);
}
