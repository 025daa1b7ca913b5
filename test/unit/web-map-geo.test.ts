/**
 * The city map's pure parts: the one coordinate shift for GCJ-02 / BD-09 tiles, the viewport
 * cells (snapping, cap), and the name search and filters over loaded compounds.
 */
import gcoordExports from 'gcoord';
import { describe, expect, it } from 'vitest';
import { MAX_BBOX_DEG } from '#shared/schemas/common.ts';
import { mapShift } from '#web/src/map/coords.ts';
import type { CompoundSummary } from '#web/src/map/data.ts';
import { inBbox, inPlace, NO_FILTERS, searchByName, SEARCH_LIMIT } from '#web/src/map/filters.ts';
import { clampBbox, compoundPlan, geometryBbox, tilesCovering, AREA_ZOOM, type Bbox } from '#web/src/map/tiles.ts';

const gcoord = ((gcoordExports as { default?: unknown }).default ?? gcoordExports) as typeof gcoordExports.default;

/** Wuhan's Yellow Crane Tower, WGS-84. */
const TOWER: [number, number] = [114.30204, 30.54526];
const metres = (a: readonly number[], b: readonly number[]) => {
  const dLat = ((b[1] as number) - (a[1] as number)) * 111_320;
  const dLng = ((b[0] as number) - (a[0] as number)) * 111_320 * Math.cos(((a[1] as number) * Math.PI) / 180);
  return Math.hypot(dLat, dLng);
};

describe('mapShift', () => {
  it('draws WGS-84 as it is stored when the tiles are WGS-84', () => {
    const shift = mapShift('wgs84');
    const at = shift.toMap(TOWER);
    expect([at.lng, at.lat]).toEqual(TOWER);
    expect(shift.fromMap(at)).toEqual(TOWER);
  });

  it('moves overlays onto GCJ-02 tiles by the offset gcoord computes (hundreds of metres in China), and back', () => {
    const shift = mapShift('gcj02');
    const at = shift.toMap(TOWER);
    const expected = gcoord.transform(TOWER, gcoord.WGS84, gcoord.GCJ02) as [number, number];
    expect(at.lng).toBeCloseTo(expected[0], 9);
    expect(at.lat).toBeCloseTo(expected[1], 9);
    const offset = metres(TOWER, [at.lng, at.lat]);
    expect(offset).toBeGreaterThan(100);
    expect(offset).toBeLessThan(1000);
    expect(metres(shift.fromMap(at), TOWER)).toBeLessThan(1);
  });

  it('moves overlays onto BD-09 tiles further still, and back within a metre', () => {
    const shift = mapShift('bd09');
    const at = shift.toMap(TOWER);
    expect(metres(TOWER, [at.lng, at.lat])).toBeGreaterThan(metres(TOWER, [mapShift('gcj02').toMap(TOWER).lng, mapShift('gcj02').toMap(TOWER).lat]));
    expect(metres(shift.fromMap(at), TOWER)).toBeLessThan(1);
  });
});

describe('viewport cells', () => {
  it('covers a bbox with whole cells whose keys repeat across pans, so a pan reuses the cells it keeps', () => {
    const view: Bbox = [112.51, 31.12, 112.63, 31.19];
    const tiles = tilesCovering(view, 0.05);
    const union = tiles.reduce<number[]>((u, t) => [Math.min(u[0] as number, t.bbox[0]), Math.min(u[1] as number, t.bbox[1]), Math.max(u[2] as number, t.bbox[2]), Math.max(u[3] as number, t.bbox[3])], [999, 999, -999, -999]);
    expect(union[0]).toBeLessThanOrEqual(view[0]);
    expect(union[1]).toBeLessThanOrEqual(view[1]);
    expect(union[2]).toBeGreaterThanOrEqual(view[2]);
    expect(union[3]).toBeGreaterThanOrEqual(view[3]);
    const panned = tilesCovering([112.53, 31.12, 112.65, 31.19], 0.05);
    const kept = panned.filter((t) => tiles.some((o) => o.key === t.key && o.param === t.param));
    expect(kept.length).toBeGreaterThanOrEqual(panned.length - 2 * 2);
    for (const t of tiles) expect(t.bbox[2] - t.bbox[0]).toBeCloseTo(0.05, 6);
  });

  it('asks for dots far out and outlines close in', () => {
    expect(compoundPlan(AREA_ZOOM - 0.25).shape).toBe('point');
    expect(compoundPlan(AREA_ZOOM).shape).toBe('area');
    // Far out: the whole jurisdiction as one cell, listed without a bbox.
    expect(compoundPlan(AREA_ZOOM - 1).size).toBe(0);
    expect(compoundPlan(AREA_ZOOM).size).toBeGreaterThan(0);
  });

  it(`clamps a view wider than the API's ${MAX_BBOX_DEG}° cap about its centre, and leaves a smaller one alone`, () => {
    const wide = clampBbox([100, 20, 110, 26]);
    expect(wide[2] - wide[0]).toBeCloseTo(MAX_BBOX_DEG, 9);
    expect(wide[3] - wide[1]).toBeCloseTo(MAX_BBOX_DEG, 9);
    expect((wide[0] + wide[2]) / 2).toBeCloseTo(105, 9);
    expect(clampBbox([112.5, 31.1, 112.6, 31.2])).toEqual([112.5, 31.1, 112.6, 31.2]);
  });

  it('measures a polygon\'s bbox from all its rings', () => {
    expect(geometryBbox({ coordinates: [[[1, 2], [3, 1], [2, 5], [1, 2]]] })).toEqual([1, 1, 3, 5]);
    expect(geometryBbox({ coordinates: [4, 5] })).toEqual([4, 5, 4, 5]);
  });
});

const compound = (id: string, name: string, extra: Partial<CompoundSummary['properties']> = {}, at: [number, number] = [112.55, 31.15]): CompoundSummary => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: at },
  properties: { id, name, status: 'normal', communityId: 'cm1', streetId: 's1', propertyManaged: true, areaM2: 1, unassigned: false, gridIds: ['g1'], ...extra },
});

describe('search and filters', () => {
  const loaded = [compound('a', '桂花新村'), compound('b', '金桂花园'), compound('c', '幸福华庭'), compound('d', 'Guihua Court')];

  it('finds compounds whose Chinese name contains the text, names starting with it first', () => {
    expect(searchByName(loaded, '桂花').map((c) => c.id)).toEqual(['a', 'b']);
    expect(searchByName(loaded, ' 华庭 ').map((c) => c.id)).toEqual(['c']);
    expect(searchByName(loaded, 'guihua').map((c) => c.id)).toEqual(['d']);
    expect(searchByName(loaded, '   ')).toEqual([]);
    const many = Array.from({ length: 50 }, (_, i) => compound(`x${i}`, `花园${i}`));
    expect(searchByName(many, '花园')).toHaveLength(SEARCH_LIMIT);
  });

  it('keeps compounds of the chosen street, community and grid, and those reaching into the view', () => {
    const other = compound('e', '别处', { streetId: 's2', communityId: 'cm9', gridIds: ['g9'] }, [113, 32]);
    expect(inPlace(other, { ...NO_FILTERS, streetId: 's1' })).toBe(false);
    expect(inPlace(other, { ...NO_FILTERS, communityId: 'cm9' })).toBe(true);
    expect(inPlace(loaded[0] as CompoundSummary, { ...NO_FILTERS, gridId: 'g9' })).toBe(false);
    expect(inPlace(loaded[0] as CompoundSummary, { ...NO_FILTERS, gridId: 'g1' })).toBe(true);
    expect(inBbox(other, [112.5, 31.1, 112.6, 31.2])).toBe(false);
    expect(inBbox(loaded[0] as CompoundSummary, [112.5, 31.1, 112.6, 31.2])).toBe(true);
  });
});
