import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellsIntersecting, coverBbox, encodeGeohash, expandBbox, geohashBbox, intersects, pointInBbox,
} from '#shared/geo/geohash.ts';
import type { Bbox } from '#shared/schemas/common.ts';

const COVER = { partitionPrecision: 5, maxPrecision: 7, maxRanges: 32 } as const;

/** Whether the cover's ranges include the sort key of this point, as the query would. */
function covered(ranges: ReturnType<typeof coverBbox>, lng: number, lat: number): boolean {
  const hash = encodeGeohash(lng, lat, 10);
  const sk = `${hash}#x`;
  return ranges.some((r) => r.partition === hash.slice(0, 5) && sk >= r.from && sk <= r.to);
}

describe('encodeGeohash', () => {
  it('matches published geohashes', () => {
    expect(encodeGeohash(-5.6, 42.6, 5)).toBe('ezs42');
    expect(encodeGeohash(10.40744, 57.64911, 11)).toBe('u4pruydqqvj');
  });

  it('puts the point inside its own cell', () => {
    fc.assert(
      fc.property(fc.double({ min: -180, max: 179.999, noNaN: true }), fc.double({ min: -90, max: 89.999, noNaN: true }), (lng, lat) => {
        expect(pointInBbox([lng, lat], geohashBbox(encodeGeohash(lng, lat, 8)))).toBe(true);
      }),
    );
  });
});

describe('geohashBbox', () => {
  it('throws on characters outside the alphabet', () => {
    expect(() => geohashBbox('wt3a')).toThrow(RangeError);
  });
});

describe('coverBbox', () => {
  const street: Bbox = [112.56, 31.15, 112.60, 31.19];

  it('covers every point of the bbox', () => {
    const ranges = coverBbox(street, COVER);
    fc.assert(
      fc.property(fc.double({ min: street[0], max: street[2], noNaN: true }), fc.double({ min: street[1], max: street[3], noNaN: true }), (lng, lat) => {
        expect(covered(ranges, lng, lat)).toBe(true);
      }),
    );
  });

  it('reads little outside the bbox', () => {
    const ranges = coverBbox(street, COVER);
    // Points well away from the box fall outside every range.
    expect(covered(ranges, 112.50, 31.17)).toBe(false);
    expect(covered(ranges, 112.58, 31.25)).toBe(false);
    expect(covered(ranges, 112.62, 31.17)).toBe(false);
  });

  it('stays within the range budget and prefers finer cells when they fit', () => {
    const ranges = coverBbox(street, COVER);
    expect(ranges.length).toBeLessThanOrEqual(COVER.maxRanges);
    const coarse = coverBbox(street, { ...COVER, maxPrecision: 5 });
    expect(coarse.every((r) => r.from.length === 5)).toBe(true);
    expect(ranges.some((r) => r.from.length > 5)).toBe(true);
  });

  it('covers random boxes completely, including ones across cell edges', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 112.3, max: 112.8, noNaN: true }),
        fc.double({ min: 30.9, max: 31.4, noNaN: true }),
        fc.double({ min: 0.0005, max: 0.08, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lng, lat, size, u, v) => {
          const box: Bbox = [lng, lat, lng + size, lat + size * 0.8];
          const ranges = coverBbox(box, COVER);
          expect(ranges.length).toBeLessThanOrEqual(COVER.maxRanges);
          expect(covered(ranges, lng + u * size, lat + v * size * 0.8)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('merges neighbouring cells into one range', () => {
    // A box just inside one geohash-5 cell needs one range, however fine the cover could go.
    const [w, s, e, n] = geohashBbox('wt3m2');
    const ranges = coverBbox([w + 1e-9, s + 1e-9, e - 1e-9, n - 1e-9], COVER);
    expect(ranges).toHaveLength(1);
    expect(ranges[0]).toMatchObject({ partition: 'wt3m2', from: 'wt3m200', to: 'wt3m2zz~' });
  });
});

describe('cellsIntersecting', () => {
  it('finds all cells a bbox touches, sorted', () => {
    const a = geohashBbox('wt3m2');
    const box: Bbox = [a[0] + 0.001, a[1] + 0.001, a[2] + 0.001, a[3] + 0.001];
    const cells = cellsIntersecting(box, 5);
    expect(cells).toHaveLength(4);
    expect(cells).toEqual([...cells].sort());
    expect(cells).toContain('wt3m2');
  });
});

describe('bbox helpers', () => {
  it('intersects at touching edges and not beyond', () => {
    expect(intersects([0, 0, 1, 1], [1, 1, 2, 2])).toBe(true);
    expect(intersects([0, 0, 1, 1], [1.0001, 0, 2, 1])).toBe(false);
  });

  it('expands and clamps to the world', () => {
    expect(expandBbox([179.5, 89.5, 179.9, 89.9], 1)).toEqual([178.5, 88.5, 180, 90]);
  });
});
