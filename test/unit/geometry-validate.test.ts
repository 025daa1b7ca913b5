/**
 * The one check of a polygon's validity (shared/geo/validate.ts), the zod schemas that carry it
 * to every route, and the number bound every schema applies.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AREA_LIMITS, areaProblems, meet, NO_LIMITS, outerRingsOnly, type AreaGeometryInput, type AreaLimits,
} from '#shared/geo/validate.ts';
import { CompoundArea, DynamoNumber, Position } from '#shared/schemas/common.ts';
import { CompoundCreate, CompoundPatch } from '#shared/schemas/compound.ts';

type Ring = [number, number][];
const box = (x: number, y: number, w: number, h = w): Ring => [[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]];
const polygon = (...rings: Ring[]): AreaGeometryInput => ({ type: 'Polygon', coordinates: rings });
const multi = (...polygons: Ring[][]): AreaGeometryInput => ({ type: 'MultiPolygon', coordinates: polygons });
const problems = (geometry: AreaGeometryInput, limits: AreaLimits = AREA_LIMITS.compound) =>
  areaProblems(geometry, limits).map((p) => [p.path.join('.'), p.message] as const);
const paths = (geometry: AreaGeometryInput, limits: AreaLimits = AREA_LIMITS.compound) => problems(geometry, limits).map(([path]) => path);

const X = 112.52;
const Y = 31.12;
const D = 0.002;

describe('areaProblems', () => {
  it('accepts a square, one with a hole inside, a MultiPolygon of apart parts, and a part in another\'s hole', () => {
    expect(problems(polygon(box(X, Y, D)))).toEqual([]);
    expect(problems(polygon(box(X, Y, D), box(X + 0.0005, Y + 0.0005, 0.0005)))).toEqual([]);
    expect(problems(multi([box(X, Y, D)], [box(X + 0.003, Y, D)]))).toEqual([]);
    expect(problems(multi([box(X, Y, D), box(X + 0.0005, Y + 0.0005, 0.001)], [box(X + 0.0007, Y + 0.0007, 0.0003)]))).toEqual([]);
  });

  it('accepts either ring orientation, repeated consecutive positions, and a hole touching the outer ring at one point', () => {
    expect(problems(polygon([...box(X, Y, D)].reverse()))).toEqual([]);
    const doubled: Ring = [[X, Y], [X + D, Y], [X + D, Y], [X + D, Y + D], [X, Y + D], [X, Y]];
    expect(problems(polygon(doubled))).toEqual([]);
    const touching: Ring = [[X, Y], [X + 0.001, Y + 0.0005], [X + 0.0005, Y + 0.001], [X, Y]];
    expect(problems(polygon(box(X, Y, D), touching))).toEqual([]);
  });

  it('names a hole that lies outside its outer ring, even a small one that leaves the area positive', () => {
    expect(problems(polygon(box(X, Y, D), box(113.9, 33, 0.01)))).toEqual([
      ['coordinates.1', 'lies outside the outer ring: a hole must lie inside it'],
    ]);
    expect(paths(polygon(box(X, Y, D), box(X + 0.01, Y, 0.0001)))).toEqual(['coordinates.1']);
    expect(paths(multi([box(X, Y, D)], [box(X + 0.01, Y, D), box(X, Y, 0.0001)]))).toEqual(['coordinates.1.1']);
  });

  it('names a hole that crosses the outer ring, shares an edge with it, or lies in another hole', () => {
    expect(problems(polygon(box(X, Y, D), box(X + 0.001, Y + 0.001, D)))).toEqual([
      ['coordinates.1', 'crosses the outer ring: rings may meet only at single points'],
    ]);
    expect(problems(polygon(box(X, Y, D), box(X, Y, 0.001)))[0]?.[1]).toMatch(/^shares an edge with the outer ring/);
    const outer = box(X, Y, D);
    expect(problems(polygon(outer, box(X + 0.0002, Y + 0.0002, 0.0015), box(X + 0.0005, Y + 0.0005, 0.0003)))).toEqual([
      ['coordinates.2', 'lies inside hole 1: holes must not overlap'],
    ]);
  });

  it('names the position where a ring starts to cross or touch itself', () => {
    const bowTie: Ring = [[X, Y], [X + D, Y + D], [X + D, Y], [X, Y + D], [X, Y]];
    expect(problems(polygon(bowTie))).toEqual([
      ['coordinates.0.2', 'the ring crosses itself: its edge from position 2 meets its edge from position 0'],
    ]);
    // Goes back along its own edge (a spike).
    const spike: Ring = [[X, Y], [X + D, Y], [X + D, Y + D], [X + D, Y + D / 2], [X, Y + D], [X, Y]];
    expect(problems(polygon(spike))).toContainEqual(['coordinates.0.2', 'the ring crosses itself: its edge from position 2 meets its edge from position 1']);
    // Touches itself at a corner: a figure of eight.
    const eight: Ring = [[X, Y], [X + D, Y], [X + D / 2, Y + D / 2], [X + D, Y + D], [X, Y + D], [X + D / 2, Y + D / 2], [X, Y]];
    expect(problems(polygon(eight))[0]?.[1]).toMatch(/^the ring touches itself/);
    // Positions on one line cross themselves where the ring turns back.
    expect(problems(polygon([[X, Y], [X + D, Y], [X + 2 * D, Y], [X, Y]]))[0]?.[1]).toMatch(/crosses itself/);
  });

  it('names the part of a MultiPolygon that overlaps another, crossing or lying on it', () => {
    expect(paths(multi([box(X, Y, D)], [box(X + 0.001, Y + 0.001, D)]))).toEqual(['coordinates.1.0']);
    expect(problems(multi([box(X, Y, D)], [box(X + 0.0005, Y + 0.0005, 0.0005)]))).toEqual([
      ['coordinates.1.0', 'lies on polygon 0: the parts of a MultiPolygon must not overlap'],
    ]);
    expect(paths(multi([box(X + 0.0005, Y + 0.0005, 0.0005)], [box(X, Y, D)]))).toEqual(['coordinates.0.0']);
  });

  it('checks closure, the number of positions and corners, and coordinate ranges', () => {
    expect(problems(polygon([[X, Y], [X + D, Y], [X + D, Y + D], [X, Y + D]]))).toEqual([
      ['coordinates.0', 'a ring must be closed (first position equals last)'],
    ]);
    expect(problems(polygon([[X, Y], [X + D, Y], [X, Y]]))).toEqual([['coordinates.0', 'a ring needs at least 4 positions']]);
    expect(problems(polygon([[X, Y], [X + D, Y], [X + D, Y], [X, Y]]))).toEqual([['coordinates.0', 'a ring needs at least 3 distinct corners']]);
    expect(paths(polygon([[X, Y], [181, Y], [X, 95], [X, Y]]))).toEqual(['coordinates.0.1', 'coordinates.0.2']);
  });

  it('caps positions over every part, before any other check', () => {
    const many = (n: number, x: number): Ring => {
      const ring = Array.from({ length: n }, (_, i): [number, number] => [x + 0.001 * Math.cos((2 * Math.PI * i) / n), Y + 0.001 * Math.sin((2 * Math.PI * i) / n)]);
      return [...ring, ring[0] as [number, number]];
    };
    expect(problems(polygon(many(4_999, X)))).toEqual([]);
    expect(problems(polygon(many(40_000, X)))).toEqual([['coordinates', 'has 40,001 positions; at most 5,000 (simplify the outline)']]);
    expect(paths(multi([many(2_000, X)], [many(2_000, X + 0.003)], [many(2_000, X + 0.006)]))).toEqual(['coordinates']);
    expect(problems(polygon(many(40_000, X)), NO_LIMITS)).toEqual([]);
  });

  it('caps the area by what the polygon outlines', () => {
    expect(problems(polygon(box(112, 31, 0.5)))).toEqual([['', expect.stringMatching(/^encloses 2642\.6 km²; a compound is at most 50 km²$/)]]);
    expect(problems(polygon(box(112, 31, 0.05)))).toEqual([]);
    expect(paths(polygon(box(112, 31, 0.05)), AREA_LIMITS.building)).toEqual(['']);
    expect(paths(polygon(box(112, 31, 0.2)), AREA_LIMITS.community)).toEqual([]);
  });

  it('checks a ring of 5,000 positions quickly enough for a request', () => {
    const ring = Array.from({ length: 4_999 }, (_, i): [number, number] => {
      const a = (2 * Math.PI * i) / 4_999;
      const r = 0.001 * (1 + 0.3 * Math.sin(40 * a));
      return [X + r * Math.cos(a), Y + r * Math.sin(a)];
    });
    const started = performance.now();
    expect(problems(polygon([...ring, ring[0] as [number, number]]))).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('meet', () => {
  it('tells crossing, touching, overlapping and apart segments', () => {
    expect(meet([0, 0], [2, 2], [0, 2], [2, 0])).toBe('cross');
    expect(meet([0, 0], [2, 0], [1, 0], [1, 1])).toBe('touch');
    expect(meet([0, 0], [2, 0], [2, 0], [3, 0])).toBe('touch');
    expect(meet([0, 0], [2, 0], [1, 0], [3, 0])).toBe('overlap');
    expect(meet([0, 0], [0, 2], [0, 1], [0, 3])).toBe('overlap');
    expect(meet([0, 0], [1, 0], [2, 0], [3, 0])).toBe('none');
    expect(meet([0, 0], [1, 1], [0, 1], [0.4, 0.6])).toBe('none');
  });
});

describe('outerRingsOnly', () => {
  it('drops holes when that leaves a valid area, and gives up on an outer ring that crosses itself', () => {
    const shell = box(X, Y, D);
    expect(outerRingsOnly(polygon(shell, box(113.9, 33, 0.01)))).toEqual(polygon(shell));
    expect(outerRingsOnly(multi([shell, box(0, 0, 1)], [box(X + 0.01, Y, D)]))).toEqual(multi([shell], [box(X + 0.01, Y, D)]));
    expect(outerRingsOnly(polygon([[X, Y], [X + D, Y + D], [X + D, Y], [X, Y + D], [X, Y]]))).toBeUndefined();
    // What was stored long ago may be anything.
    for (const garbage of [{ type: 'MultiPolygon', coordinates: 'x' }, { type: 'MultiPolygon', coordinates: [1, 2] }, { type: 'Point', coordinates: [X, Y] }]) {
      expect(outerRingsOnly(garbage as unknown as AreaGeometryInput)).toBeUndefined();
      expect(areaProblems(garbage as unknown as AreaGeometryInput, NO_LIMITS)).toHaveLength(1);
    }
  });
});

describe('the schemas that carry it', () => {
  it('refuses an invalid area in a compound\'s create and patch, with the path of the position', () => {
    const holeOutside = polygon(box(X, Y, D), box(113.9, 33, 0.01));
    const created = CompoundCreate.safeParse({ name: 'x', geometry: holeOutside });
    expect(created.error?.issues.map((i) => i.path.join('.'))).toEqual(['geometry.coordinates.1']);
    const patched = CompoundPatch.safeParse({ geometry: holeOutside });
    expect(patched.error?.issues.map((i) => i.path.join('.'))).toEqual(['geometry.coordinates.1']);
    expect(CompoundArea.safeParse(polygon(box(X, Y, D))).success).toBe(true);
  });

  it('does not run the area check on a geometry whose shape is already wrong', () => {
    const parsed = CompoundArea.safeParse({ type: 'Polygon', coordinates: [[[X, Y], [X + D, Y], [X, Y]]] });
    expect(parsed.error?.issues.map((i) => i.message)).toEqual(['a ring needs at least 4 positions']);
  });
});

describe('DynamoNumber', () => {
  it('refuses what DynamoDB cannot store, and keeps 0, its smallest and largest', () => {
    for (const n of [1e-300, -1e-300, 5e-324, 1e-131, 1e126, -1e300]) {
      expect(DynamoNumber.safeParse(n).error?.issues[0]?.message, String(n)).toMatch(/1e-130/);
    }
    for (const n of [0, -0, 1e-130, -1e-130, 9.99999999999999e125, 112.5, -31.25, Number.MAX_SAFE_INTEGER]) {
      expect(DynamoNumber.safeParse(n).success, String(n)).toBe(true);
    }
  });

  it('is what every schema builds its numbers on', () => {
    const dir = new URL('../../shared/schemas/', import.meta.url);
    const bare = readdirSync(dir)
      .filter((name) => name.endsWith('.ts'))
      .flatMap((name) => readFileSync(new URL(name, dir), 'utf8').split('\n').map((line, i) => ({ at: `${name}:${i + 1}`, line })))
      .filter(({ line }) => /z\.number\(/.test(line) && !line.startsWith('export const DynamoNumber = '));
    expect(bare.map((b) => b.at)).toEqual([]);
  });

  it('bounds every coordinate: 5e-324 is refused, not rounded', () => {
    expect(Position.safeParse([5e-324, 31]).error?.issues.map((i) => i.path.join('.'))).toEqual(['0']);
    expect(Position.safeParse([112.5, 0]).success).toBe(true);
  });
});
