/**
 * Plane geometry for laying out the demo city, in metres around its centre: a jittered lattice
 * whose cells tile the city into communities, blocks cut into compound plots, compound outlines
 * inside their plots, building sites and gates. Only the result is turned into WGS-84.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Random } from './random.ts';

export type XY = readonly [number, number];
export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

const EARTH_M_PER_DEG_LAT = 110_574;
const EARTH_M_PER_DEG_LNG_EQUATOR = 111_320;

/** Metres east/north of a centre → [lng, lat], rounded to 1e-6° (about 10 cm). */
export function projection(center: readonly [number, number]): (p: XY) => [number, number] {
  const lngPerM = 1 / (EARTH_M_PER_DEG_LNG_EQUATOR * Math.cos((center[1] * Math.PI) / 180));
  const latPerM = 1 / EARTH_M_PER_DEG_LAT;
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return ([x, y]) => [round(center[0] + x * lngPerM), round(center[1] + y * latPerM)];
}

/**
 * Lines at irregular spacing with every crossing moved a little: cells that share an edge share
 * its vertices, so the cells tile the plane with no gap and no overlap.
 */
export interface Lattice {
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  /** How far any vertex may lie from its line crossing. */
  readonly jitter: number;
  vertex(column: number, row: number): XY;
}

export function lattice(
  random: Random,
  size: { readonly columns: number; readonly rows: number; readonly width: number; readonly height: number; readonly jitter: number },
): Lattice {
  const lines = (count: number, spacing: number) => {
    const at = [0];
    for (let i = 0; i < count; i++) at.push((at[i] as number) + spacing * random.between(0.85, 1.15));
    const middle = (at[count] as number) / 2;
    return at.map((v) => v - middle);
  };
  const xs = lines(size.columns, size.width);
  const ys = lines(size.rows, size.height);
  const offsets = Array.from({ length: (size.columns + 1) * (size.rows + 1) }, () => [
    random.between(-size.jitter, size.jitter),
    random.between(-size.jitter, size.jitter),
  ] as const);
  return {
    xs,
    ys,
    jitter: size.jitter,
    vertex(column, row) {
      const [dx, dy] = offsets[row * (size.columns + 1) + column] ?? [0, 0];
      return [(xs[column] ?? 0) + dx, (ys[row] ?? 0) + dy];
    },
  };
}

/** The closed counter-clockwise ring of the cells [column0, column1) of one row. */
export function cellRing(grid: Lattice, column0: number, column1: number, row: number): XY[] {
  const ring: XY[] = [];
  for (let c = column0; c <= column1; c++) ring.push(grid.vertex(c, row));
  for (let c = column1; c >= column0; c--) ring.push(grid.vertex(c, row + 1));
  ring.push(grid.vertex(column0, row));
  return ring;
}

/**
 * The rectangle that surely lies inside those cells, `inset` metres clear of their edges:
 * no edge strays more than the jitter from its line.
 */
export function innerRect(grid: Lattice, column0: number, column1: number, row: number, inset: number): Rect {
  const clear = grid.jitter + inset;
  return {
    x0: (grid.xs[column0] ?? 0) + clear,
    x1: (grid.xs[column1] ?? 0) - clear,
    y0: (grid.ys[row] ?? 0) + clear,
    y1: (grid.ys[row + 1] ?? 0) - clear,
  };
}

export const rectArea = (r: Rect): number => Math.max(0, r.x1 - r.x0) * Math.max(0, r.y1 - r.y0);
export const rectCentre = (r: Rect): XY => [(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2];

/**
 * Cuts a block into plots with areas in proportion to the weights, like city blocks: halve the
 * list by weight, cut across the longer side, leave a lane of `gap` metres, recurse. Plots come
 * back in the order of the weights.
 */
export function partition(rect: Rect, weights: readonly number[], gap: number): Rect[] {
  const out: Rect[] = new Array(weights.length);
  const cut = (r: Rect, items: readonly (readonly [index: number, weight: number])[]): void => {
    const [only] = items;
    if (items.length === 1 && only) {
      out[only[0]] = r;
      return;
    }
    const total = items.reduce((s, [, w]) => s + w, 0);
    let k = 1;
    let left = items[0]?.[1] ?? 0;
    while (k < items.length - 1 && Math.abs(left + (items[k]?.[1] ?? 0) - total / 2) < Math.abs(left - total / 2)) {
      left += items[k]?.[1] ?? 0;
      k++;
    }
    const f = total > 0 ? left / total : k / items.length;
    const half = gap / 2;
    if (r.x1 - r.x0 >= r.y1 - r.y0) {
      const x = r.x0 + f * (r.x1 - r.x0);
      cut({ ...r, x1: x - half }, items.slice(0, k));
      cut({ ...r, x0: x + half }, items.slice(k));
    } else {
      const y = r.y0 + f * (r.y1 - r.y0);
      cut({ ...r, y1: y - half }, items.slice(0, k));
      cut({ ...r, y0: y + half }, items.slice(k));
    }
  };
  if (weights.length > 0) cut(rect, weights.map((w, i) => [i, w] as const));
  return out;
}

const rotate = ([x, y]: XY, angle: number): XY => [x * Math.cos(angle) - y * Math.sin(angle), x * Math.sin(angle) + y * Math.cos(angle)];
const close = (ring: XY[]): XY[] => [...ring, ring[0] as XY];

/** A rectangle turned by `angle`, as large as fits the plot times `fill`, centred in it. */
export function rotatedRect(plot: Rect, angle: number, fill: number): XY[] {
  const w = plot.x1 - plot.x0;
  const h = plot.y1 - plot.y0;
  const c = Math.abs(Math.cos(angle));
  const s = Math.abs(Math.sin(angle));
  const scale = fill * Math.min(w / (w * c + h * s), h / (w * s + h * c));
  const [cx, cy] = rectCentre(plot);
  const corners: XY[] = [[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]];
  return close(corners.map((p) => {
    const [x, y] = rotate([p[0] * scale, p[1] * scale], angle);
    return [cx + x, cy + y] as XY;
  }));
}

/**
 * An irregular polygon of `sides` vertices inside the plot: vertices at increasing angles around
 * its centre, each reaching 78–100 % of the way to the plot's edge. Star-shaped around the centre,
 * so simple, and counter-clockwise.
 */
export function irregularPolygon(random: Random, plot: Rect, sides: number): XY[] {
  const [cx, cy] = rectCentre(plot);
  const hw = (plot.x1 - plot.x0) / 2;
  const hh = (plot.y1 - plot.y0) / 2;
  const step = (2 * Math.PI) / sides;
  const start = random.between(0, step);
  const ring: XY[] = [];
  for (let i = 0; i < sides; i++) {
    const angle = start + i * step + random.between(-0.3, 0.3) * step;
    const toEdge = Math.min(hw / Math.max(Math.abs(Math.cos(angle)), 1e-9), hh / Math.max(Math.abs(Math.sin(angle)), 1e-9));
    const r = toEdge * random.between(0.78, 1);
    ring.push([cx + r * Math.cos(angle), cy + r * Math.sin(angle)]);
  }
  return close(ring);
}

/** Shoelace area of a closed ring, m². */
export function ringArea(ring: readonly XY[]): number {
  let twice = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x0, y0] = ring[i] as XY;
    const [x1, y1] = ring[i + 1] as XY;
    twice += x0 * y1 - x1 * y0;
  }
  return Math.abs(twice) / 2;
}

/**
 * `count` building sites inside the ring, in rows along the compound's axis (`angle`), kept clear
 * of the fence by shrinking the ring towards `centre` (which it must be star-shaped around).
 * Sites are ordered row by row from the north-west, so 1栋, 2栋 … read like a real estate.
 */
export function sitesInside(ring: readonly XY[], centre: XY, angle: number, count: number): XY[] {
  if (count === 0) return [];
  const [cx, cy] = centre;
  const inner = ring.map(([x, y]) => [cx + (x - cx) * 0.8, cy + (y - cy) * 0.8] as XY);
  const polygon = { type: 'Polygon' as const, coordinates: [inner.map((p) => [p[0], p[1]])] };
  const local = inner.map((p) => rotate([p[0] - cx, p[1] - cy], -angle));
  const us = local.map((p) => p[0]);
  const vs = local.map((p) => p[1]);
  const [u0, u1, v0, v1] = [Math.min(...us), Math.max(...us), Math.min(...vs), Math.max(...vs)];
  let spacing = Math.sqrt(Math.max(ringArea(inner), 1) / count);
  let sites: XY[] = [];
  for (let attempt = 0; attempt < 40 && sites.length < count; attempt++, spacing *= 0.85) {
    sites = [];
    for (let v = v1 - spacing / 2; v >= v0; v -= spacing) {
      for (let u = u0 + spacing / 2; u <= u1; u += spacing) {
        const [x, y] = rotate([u, v], angle);
        const site: XY = [cx + x, cy + y];
        if (booleanPointInPolygon([site[0], site[1]], polygon)) sites.push(site);
      }
    }
  }
  if (sites.length < count) return Array.from({ length: count }, () => centre);
  return Array.from({ length: count }, (_, i) => sites[Math.floor((i * sites.length) / count)] as XY);
}

/** `count` points on different edges of the ring, spread around it, each well inside its edge. */
export function pointsOnBoundary(random: Random, ring: readonly XY[], count: number): XY[] {
  const edges = ring.length - 1;
  const start = random.int(0, edges - 1);
  const step = edges / Math.max(count, 1);
  return Array.from({ length: Math.min(count, edges) }, (_, k) => {
    const e = Math.floor(start + k * step) % edges;
    const [ax, ay] = ring[e] as XY;
    const [bx, by] = ring[e + 1] as XY;
    const t = random.between(0.3, 0.7);
    return [ax + t * (bx - ax), ay + t * (by - ay)] as XY;
  });
}
