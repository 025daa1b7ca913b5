/**
 * Geohash cells for the geo index, and the cover of a bbox by sort-key ranges.
 *
 * Items are indexed under the geohash-5 cell of their centroid (partition key) with the full
 * geohash in the sort key. Geohash is a Z-order curve, so a cell at any precision is one
 * contiguous sort-key range; a bbox becomes a few ranges per partition, and a query reads little
 * more than it returns. No library on the chosen list does the range cover, hence this module.
 */
import type { Bbox } from '../schemas/common.ts';

const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';

export function encodeGeohash(lng: number, lat: number, precision: number): string {
  let minLng = -180, maxLng = 180, minLat = -90, maxLat = 90;
  let hash = '';
  let bits = 0, value = 0, evenBit = true;
  while (hash.length < precision) {
    if (evenBit) {
      const mid = (minLng + maxLng) / 2;
      if (lng >= mid) { value = (value << 1) | 1; minLng = mid; } else { value <<= 1; maxLng = mid; }
    } else {
      const mid = (minLat + maxLat) / 2;
      if (lat >= mid) { value = (value << 1) | 1; minLat = mid; } else { value <<= 1; maxLat = mid; }
    }
    evenBit = !evenBit;
    if (++bits === 5) {
      hash += BASE32[value];
      bits = 0;
      value = 0;
    }
  }
  return hash;
}

/** The cell's extent as [minLng, minLat, maxLng, maxLat]. */
export function geohashBbox(hash: string): Bbox {
  let minLng = -180, maxLng = 180, minLat = -90, maxLat = 90;
  let evenBit = true;
  for (const char of hash) {
    const value = BASE32.indexOf(char);
    if (value < 0) throw new RangeError(`not a geohash: ${hash}`);
    for (let bit = 4; bit >= 0; bit--) {
      const on = (value >> bit) & 1;
      if (evenBit) {
        const mid = (minLng + maxLng) / 2;
        if (on) minLng = mid; else maxLng = mid;
      } else {
        const mid = (minLat + maxLat) / 2;
        if (on) minLat = mid; else maxLat = mid;
      }
      evenBit = !evenBit;
    }
  }
  return [minLng, minLat, maxLng, maxLat];
}

/** A contiguous run of sort keys within one partition cell: `from ≤ sk ≤ to`. */
export interface GeoRange {
  readonly partition: string;
  readonly from: string;
  readonly to: string;
}

export interface CoverOptions {
  /** Geohash length of the partition key. */
  readonly partitionPrecision: number;
  /** Finest cell the cover may use; finer reads less but needs more ranges. */
  readonly maxPrecision: number;
  /** Upper bound on ranges (queries); the cover coarsens until it fits. */
  readonly maxRanges: number;
}

/** After the last base32 character and after '#', so `prefix + HIGH` closes a prefix's range. */
const HIGH = '~';

/**
 * Sort-key ranges whose cells together cover the bbox. Picks the finest precision (down to
 * `maxPrecision`) whose cover needs no more than `maxRanges` ranges.
 */
export function coverBbox(bbox: Bbox, options: CoverOptions): GeoRange[] {
  let best: GeoRange[] | undefined;
  for (let precision = options.partitionPrecision; precision <= options.maxPrecision; precision++) {
    const ranges = coverAtPrecision(bbox, options.partitionPrecision, precision);
    if (best !== undefined && ranges.length > options.maxRanges) break;
    best = ranges;
  }
  return best ?? [];
}

function coverAtPrecision(bbox: Bbox, partitionPrecision: number, precision: number): GeoRange[] {
  const ranges: GeoRange[] = [];
  for (const partition of cellsIntersecting(bbox, partitionPrecision)) {
    const prefixes: string[] = [];
    collect(partition, bbox, precision, prefixes);
    ranges.push(...mergeAdjacent(partition, prefixes));
  }
  return ranges;
}

/** Cells of one precision that intersect the bbox, by stepping across it. */
export function cellsIntersecting(bbox: Bbox, precision: number): string[] {
  const [minLng, minLat, maxLng, maxLat] = bbox;
  const probe = geohashBbox(encodeGeohash(minLng, minLat, precision));
  const stepLng = probe[2] - probe[0];
  const stepLat = probe[3] - probe[1];
  const cells = new Set<string>();
  for (let lat = probe[1]; lat <= maxLat; lat += stepLat) {
    for (let lng = probe[0]; lng <= maxLng; lng += stepLng) {
      const cLng = Math.min(Math.max(lng + stepLng / 2, minLng), maxLng);
      const cLat = Math.min(Math.max(lat + stepLat / 2, minLat), maxLat);
      cells.add(encodeGeohash(clampLng(cLng), clampLat(cLat), precision));
    }
  }
  return [...cells].sort();
}

const clampLng = (v: number) => Math.min(Math.max(v, -180), 180 - 1e-12);
const clampLat = (v: number) => Math.min(Math.max(v, -90), 90 - 1e-12);

function collect(cell: string, bbox: Bbox, maxPrecision: number, out: string[]): void {
  const extent = geohashBbox(cell);
  if (!intersects(extent, bbox)) return;
  if (contains(bbox, extent) || cell.length >= maxPrecision) {
    out.push(cell);
    return;
  }
  for (const char of BASE32) collect(cell + char, bbox, maxPrecision, out);
}

/**
 * Joins prefixes that follow one another in sort order (…b7 then …b8; or the last child of one
 * cell then the first cell after it) into single ranges.
 */
function mergeAdjacent(partition: string, prefixes: string[]): GeoRange[] {
  const ranges: GeoRange[] = [];
  let start: string | undefined;
  let end: string | undefined;
  for (const prefix of prefixes) {
    if (start !== undefined && end !== undefined && successor(end) === firstAncestorStart(prefix)) {
      end = prefix;
      continue;
    }
    if (start !== undefined && end !== undefined) ranges.push({ partition, from: start, to: end + HIGH });
    start = prefix;
    end = prefix;
  }
  if (start !== undefined && end !== undefined) ranges.push({ partition, from: start, to: end + HIGH });
  return ranges;
}

/** The prefix that comes right after all keys starting with `hash`, or undefined at the end. */
function successor(hash: string): string | undefined {
  for (let i = hash.length - 1; i >= 0; i--) {
    const next = BASE32.indexOf(hash[i] ?? '') + 1;
    if (next < BASE32.length) return hash.slice(0, i) + BASE32[next];
  }
  return undefined;
}

/** A prefix ending in zeros starts where its shortest zero-trimmed ancestor starts. */
function firstAncestorStart(hash: string): string {
  let trimmed = hash;
  while (trimmed.length > 1 && trimmed.endsWith('0')) trimmed = trimmed.slice(0, -1);
  return trimmed;
}

export function intersects(a: Bbox, b: Bbox): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

export function contains(outer: Bbox, inner: Bbox): boolean {
  return inner[0] >= outer[0] && inner[2] <= outer[2] && inner[1] >= outer[1] && inner[3] <= outer[3];
}

export function pointInBbox(point: readonly [number, number], bbox: Bbox): boolean {
  return point[0] >= bbox[0] && point[0] <= bbox[2] && point[1] >= bbox[1] && point[1] <= bbox[3];
}

export function expandBbox(bbox: Bbox, marginDeg: number): Bbox {
  return [
    Math.max(-180, bbox[0] - marginDeg), Math.max(-90, bbox[1] - marginDeg),
    Math.min(180, bbox[2] + marginDeg), Math.min(90, bbox[3] + marginDeg),
  ];
}
