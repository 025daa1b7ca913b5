/**
 * Whether a Polygon or MultiPolygon is a valid area, the one check every route and import that
 * takes a geometry runs (through the zod schemas in schemas/common.ts and the import row reader).
 * An invalid polygon is not a cosmetic fault: turf's area subtracts a hole wherever it lies, so a
 * hole outside its ring made a negative area and moved the centroid to another continent.
 *
 * Rules, in the order they are checked (each later rule assumes the earlier ones hold): at most
 * `maxPositions` positions in all; every ring closed, at least 4 positions, coordinates within
 * ±180/±90; at least 3 distinct corners; no ring crossing or touching itself, no two rings
 * crossing or sharing an edge (touching at a point is allowed, as in OGC Simple Features); some area;
 * every hole inside its outer ring and outside the other holes; no part of a MultiPolygon inside
 * another; the area at most `maxAreaM2`. Ring orientation is not checked: RFC 7946 asks readers
 * not to, and turf's area does not depend on it.
 */
import turfArea from '@turf/area';
import { message, spoken, type Message, type Spoken } from '../messages/message.ts';

export type GeometryPath = readonly (string | number)[];

/** A problem and where it lies, as a path from the geometry object: ['coordinates', 1] is the first hole. */
export interface GeometryProblem extends Spoken {
  readonly path: GeometryPath;
}

type Position = readonly number[];
type Ring = readonly Position[];
export type AreaGeometryInput =
  | { readonly type: 'Polygon'; readonly coordinates: readonly Ring[] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly Ring[])[] };

export interface AreaLimits {
  readonly maxPositions: number;
  readonly maxAreaM2: number;
  /** What the geometry outlines, for messages: "a compound". */
  readonly what: Message;
}

/**
 * 5,000 positions: a compound traced by hand has tens, a surveyed outline a few hundred; 5,000
 * keeps the item (and its audit record, which holds the old and new outline) far below DynamoDB's
 * 400 KB, and the crossing check fast.
 */
export const MAX_POSITIONS = 5_000;

/**
 * Area caps. A compound at most 50 km², as its declared area already was (schemas/compound.ts):
 * the largest estates in China are a few km², so anything larger is a wrong CRS or a district
 * outline. A building footprint at most 1 km². A community (社区, a village in the countryside)
 * at most 1,000 km², larger than a rural street.
 */
export const AREA_LIMITS = {
  compound: { maxPositions: MAX_POSITIONS, maxAreaM2: 50_000_000, what: message('geo.what.compound') },
  building: { maxPositions: MAX_POSITIONS, maxAreaM2: 1_000_000, what: message('geo.what.building') },
  community: { maxPositions: MAX_POSITIONS, maxAreaM2: 1_000_000_000, what: message('geo.what.community') },
} as const satisfies Record<string, AreaLimits>;

/** For data already stored: only validity, no caps. */
export const NO_LIMITS: AreaLimits = { maxPositions: Infinity, maxAreaM2: Infinity, what: message('geo.what.area') };

/** Enough to fix a file row by row; a polygon with a hundred faults is not described in full. */
const MAX_REPORTED = 5;

interface RingInfo {
  readonly polygon: number;
  readonly index: number;
  readonly path: GeometryPath;
  /** Corners with consecutive duplicates dropped, closed (last equals first). */
  readonly corners: readonly Position[];
  /** Each corner's index in the ring as given. */
  readonly at: readonly number[];
}

/** Every problem of the geometry (at most a few), or none when it is a valid area within the limits. */
export function areaProblems(geometry: AreaGeometryInput, limits: AreaLimits): GeometryProblem[] {
  const polygons: readonly (readonly Ring[])[] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  // Schemas have checked the shape of what comes in; what was stored long ago may be anything.
  if (!isArray(polygons) || !polygons.every((rings) => isArray(rings) && rings.length > 0)) {
    return [{ path: ['coordinates'], ...spoken('geo.not-rings', { type: geometry.type }) }];
  }
  const prefix = (p: number): GeometryPath => (geometry.type === 'Polygon' ? ['coordinates'] : ['coordinates', p]);
  const positions = polygons.reduce((n, rings) => n + rings.reduce((m, ring) => m + ring.length, 0), 0);
  if (positions > limits.maxPositions) {
    return [{ path: ['coordinates'], ...spoken('geo.too-many-positions', { count: grouped(positions), max: grouped(limits.maxPositions) }) }];
  }
  const structure = polygons.flatMap((rings, p) => rings.flatMap((ring, r) => ringStructure(ring, [...prefix(p), r])));
  if (structure.length > 0) return structure.slice(0, MAX_REPORTED);

  const rings = polygons.flatMap((rs, p) => rs.map((ring, r) => ringInfo(ring, p, r, [...prefix(p), r])));
  const degenerate = rings.flatMap(degenerateRing);
  if (degenerate.length > 0) return degenerate.slice(0, MAX_REPORTED);
  const crossings = crossingProblems(rings, geometry.type === 'MultiPolygon');
  if (crossings.length > 0) return crossings;
  // A ring that crosses nowhere encloses some area, unless rounding has flattened it.
  const flat = rings.filter((ring) => planarArea(ring.corners) === 0);
  if (flat.length > 0) return flat.slice(0, MAX_REPORTED).map((ring) => ({ path: ring.path, ...spoken('geo.no-area') }));
  const placement = [...holeProblems(polygons.map((_, p) => rings.filter((r) => r.polygon === p))), ...partProblems(rings)];
  if (placement.length > 0) return placement.slice(0, MAX_REPORTED);

  const area = limits.maxAreaM2 === Infinity ? 0 : turfArea(geometry as Parameters<typeof turfArea>[0]);
  if (area > limits.maxAreaM2) {
    return [{ path: [], ...spoken('geo.too-big', { area: km2(area), what: limits.what, max: km2(limits.maxAreaM2) }) }];
  }
  return [];
}

/**
 * The geometry with its holes dropped, when that makes a valid area: what a polygon stored before
 * these checks (a hole outside, say) most likely meant. Undefined when its outer rings are not valid either.
 */
export function outerRingsOnly<G extends AreaGeometryInput>(geometry: G): G | undefined {
  const parts: readonly unknown[] = isArray(geometry.coordinates) ? geometry.coordinates : [];
  if (parts.length === 0 || (geometry.type !== 'Polygon' && !parts.every(isArray))) return undefined;
  const shells = (geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.slice(0, 1) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((rings) => rings.slice(0, 1)) }) as unknown as G;
  return areaProblems(shells, NO_LIMITS).length === 0 ? shells : undefined;
}

/** Array.isArray without its narrowing, which turns readonly arrays into any[]. */
const isArray = (value: unknown): boolean => Array.isArray(value);
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const km2 = (m2: number) => String(Math.round(m2 / 10_000) / 100);

function ringStructure(ring: Ring, path: GeometryPath): GeometryProblem[] {
  if (!isArray(ring)) return [{ path, ...spoken('geo.not-a-ring') }];
  const problems: GeometryProblem[] = [];
  ring.forEach((position, i) => {
    if (!validPosition(position)) problems.push({ path: [...path, i], ...spoken('geo.bad-position') });
  });
  if (problems.length > 0) return problems;
  if (ring.length < 4) return [{ path, ...spoken('geo.ring-min-positions') }];
  if (!same(ring[0] as Position, ring[ring.length - 1] as Position)) {
    return [{ path, ...spoken('schema.ring-closed') }];
  }
  return [];
}

/** Whether `p` is [lng, lat] in range (an altitude after them is allowed). */
export function validPosition(p: unknown): p is Position {
  if (!Array.isArray(p) || p.length < 2) return false;
  const [lng, lat] = p as unknown[];
  return typeof lng === 'number' && typeof lat === 'number' && Math.abs(lng) <= 180 && Math.abs(lat) <= 90;
}

const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

function ringInfo(ring: Ring, polygon: number, index: number, path: GeometryPath): RingInfo {
  const corners: Position[] = [];
  const at: number[] = [];
  ring.forEach((position, i) => {
    const last = corners[corners.length - 1];
    if (last && same(last, position)) return;
    corners.push(position);
    at.push(i);
  });
  return { polygon, index, path, corners, at };
}

function degenerateRing(ring: RingInfo): GeometryProblem[] {
  return ring.corners.length < 4 ? [{ path: ring.path, ...spoken('geo.ring-min-corners') }] : [];
}

function planarArea(corners: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < corners.length; i++) {
    const a = corners[i] as Position;
    const b = corners[i + 1] as Position;
    sum += (a[0] as number) * (b[1] as number) - (b[0] as number) * (a[1] as number);
  }
  return sum / 2;
}

interface Edge {
  readonly ring: number;
  /** The edge's index among its ring's edges. */
  readonly k: number;
  readonly a: Position;
  readonly b: Position;
  readonly minX: number;
  readonly maxX: number;
  readonly minY: number;
  readonly maxY: number;
}

/**
 * Edges that cross, overlap or (within one ring) touch, found by a sweep along x: edges sorted by
 * their west end, each compared only with those that start before it ends. Outlines are long and
 * thin in x-slices, so this is close to linear; the position cap bounds the worst case.
 */
function crossingProblems(rings: readonly RingInfo[], multi: boolean): GeometryProblem[] {
  const edges: Edge[] = rings.flatMap((ring, r) =>
    ring.corners.slice(0, -1).map((a, k) => {
      const b = ring.corners[k + 1] as Position;
      const [ax, ay, bx, by] = [a[0], a[1], b[0], b[1]] as number[] as [number, number, number, number];
      return { ring: r, k, a, b, minX: Math.min(ax, bx), maxX: Math.max(ax, bx), minY: Math.min(ay, by), maxY: Math.max(ay, by) };
    }));
  edges.sort((e, f) => e.minX - f.minX);
  const problems = new Map<string, GeometryProblem>();
  for (let i = 0; i < edges.length && problems.size < MAX_REPORTED; i++) {
    const e = edges[i] as Edge;
    for (let j = i + 1; j < edges.length; j++) {
      const f = edges[j] as Edge;
      if (f.minX > e.maxX) break;
      if (f.minY > e.maxY || f.maxY < e.minY) continue;
      const problem = edgeProblem(e, f, rings, multi);
      if (problem && !problems.has(problem.path.join('.'))) problems.set(problem.path.join('.'), problem);
    }
  }
  return [...problems.values()].slice(0, MAX_REPORTED);
}

function edgeProblem(e: Edge, f: Edge, rings: readonly RingInfo[], multi: boolean): GeometryProblem | undefined {
  const meeting = meet(e.a, e.b, f.a, f.b);
  if (meeting === 'none') return undefined;
  if (e.ring === f.ring) {
    const ring = rings[e.ring] as RingInfo;
    const edgesInRing = ring.corners.length - 1;
    const adjacent = Math.abs(e.k - f.k) === 1 || Math.abs(e.k - f.k) === edgesInRing - 1;
    if (adjacent && meeting === 'touch') return undefined;
    const [first, later] = e.k < f.k ? [e, f] : [f, e];
    const [from, to] = [ring.at[first.k] as number, ring.at[later.k] as number];
    return { path: [...ring.path, to], ...spoken(meeting === 'touch' ? 'geo.ring-self-touch' : 'geo.ring-self-cross', { to, from }) };
  }
  if (meeting === 'touch') return undefined;
  const [other, later] = e.ring < f.ring ? [rings[e.ring], rings[f.ring]] : [rings[f.ring], rings[e.ring]];
  if (!other || !later) return undefined;
  return { path: later.path, ...spoken(meeting === 'overlap' ? 'geo.shares-edge' : 'geo.crosses', { ring: ringName(other, later, multi) }) };
}

function ringName(ring: RingInfo, from: RingInfo, multi: boolean): Message {
  const name = ring.index === 0 ? message('geo.ring.outer') : message('geo.ring.hole', { index: ring.index });
  return multi && ring.polygon !== from.polygon ? message('geo.ring.of-polygon', { ring: name, polygon: ring.polygon }) : name;
}

type Meeting = 'none' | 'touch' | 'cross' | 'overlap';

const orient = (a: Position, b: Position, c: Position): number =>
  ((b[0] as number) - (a[0] as number)) * ((c[1] as number) - (a[1] as number)) -
  ((b[1] as number) - (a[1] as number)) * ((c[0] as number) - (a[0] as number));

/** How segments p1p2 and p3p4 meet: not at all, at a point without crossing, crossing, or along a stretch. */
export function meet(p1: Position, p2: Position, p3: Position, p4: Position): Meeting {
  const d1 = orient(p3, p4, p1);
  const d2 = orient(p3, p4, p2);
  const d3 = orient(p1, p2, p3);
  const d4 = orient(p1, p2, p4);
  if (d1 === 0 && d2 === 0) {
    const axis = Math.abs((p2[0] as number) - (p1[0] as number)) >= Math.abs((p2[1] as number) - (p1[1] as number)) ? 0 : 1;
    const lo = Math.max(Math.min(p1[axis] as number, p2[axis] as number), Math.min(p3[axis] as number, p4[axis] as number));
    const hi = Math.min(Math.max(p1[axis] as number, p2[axis] as number), Math.max(p3[axis] as number, p4[axis] as number));
    return lo < hi ? 'overlap' : lo === hi ? 'touch' : 'none';
  }
  if (Math.sign(d1) * Math.sign(d2) < 0 && Math.sign(d3) * Math.sign(d4) < 0) return 'cross';
  const touches =
    (d1 === 0 && within(p3, p4, p1)) || (d2 === 0 && within(p3, p4, p2)) ||
    (d3 === 0 && within(p1, p2, p3)) || (d4 === 0 && within(p1, p2, p4));
  return touches ? 'touch' : 'none';
}

/** Whether c, collinear with ab, lies on the segment ab. */
const within = (a: Position, b: Position, c: Position) =>
  Math.min(a[0] as number, b[0] as number) <= (c[0] as number) && (c[0] as number) <= Math.max(a[0] as number, b[0] as number) &&
  Math.min(a[1] as number, b[1] as number) <= (c[1] as number) && (c[1] as number) <= Math.max(a[1] as number, b[1] as number);

function onBoundary(point: Position, ring: RingInfo): boolean {
  for (let i = 0; i + 1 < ring.corners.length; i++) {
    const a = ring.corners[i] as Position;
    const b = ring.corners[i + 1] as Position;
    if (orient(a, b, point) === 0 && within(a, b, point)) return true;
  }
  return false;
}

/** Even-odd ray cast; the point is known not to lie on the ring. */
function insideRing(point: Position, ring: RingInfo): boolean {
  const [x, y] = point as [number, number];
  let inside = false;
  for (let i = 0; i + 1 < ring.corners.length; i++) {
    const [ax, ay] = ring.corners[i] as [number, number];
    const [bx, by] = ring.corners[i + 1] as [number, number];
    if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
  }
  return inside;
}

/**
 * Whether `ring` lies inside `container`. With no crossings between them, one corner of `ring`
 * off the container's boundary decides; a ring lying wholly on it counts as inside.
 */
function ringInside(ring: RingInfo, container: RingInfo): boolean {
  const probe = ring.corners.find((c) => !onBoundary(c, container));
  return probe === undefined || insideRing(probe, container);
}

function holeProblems(polygons: readonly (readonly RingInfo[])[]): GeometryProblem[] {
  const problems: GeometryProblem[] = [];
  for (const [shell, ...holes] of polygons) {
    if (!shell) continue;
    for (const hole of holes) {
      if (!ringInside(hole, shell)) {
        problems.push({ path: hole.path, ...spoken('geo.hole-outside') });
        continue;
      }
      const container = holes.find((other) => other !== hole && ringInside(hole, other) && !(ringInside(other, hole) && other.index > hole.index));
      if (container) problems.push({ path: hole.path, ...spoken('geo.hole-in-hole', { index: container.index }) });
    }
  }
  return problems;
}

/** Parts of a MultiPolygon must not overlap: a part may sit in another's hole, not on its area. */
function partProblems(rings: readonly RingInfo[]): GeometryProblem[] {
  const shells = rings.filter((r) => r.index === 0);
  const problems: GeometryProblem[] = [];
  for (const part of shells) {
    for (const other of shells) {
      if (other === part || !ringInside(part, other)) continue;
      // Two identical outlines each lie inside the other: name the later one only.
      if (ringInside(other, part) && other.polygon > part.polygon) continue;
      const holes = rings.filter((r) => r.polygon === other.polygon && r.index > 0);
      if (holes.some((hole) => ringInside(part, hole))) continue;
      problems.push({ path: part.path, ...spoken('geo.part-overlap', { polygon: other.polygon }) });
    }
  }
  return problems;
}
