import { describe, expect, it } from 'vitest';
import { changedCompound, newCompound, placeCompound } from '#shared/domain/compounds.ts';
import { entityId, normaliseName, stableHash } from '#shared/domain/ids.ts';
import { diff } from '#shared/domain/audit.ts';
import type { AreaGeometry } from '#shared/schemas/common.ts';

const square = (lng: number, lat: number, d: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [[[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]]],
});
const communities = [
  { id: 'cm1', streetId: 's1', boundary: square(112.5, 31.1, 0.05) },
  { id: 'cm2', streetId: 's1', boundary: square(112.55, 31.1, 0.05) },
];
const context = { caller: { username: 'city-1' }, at: '2026-11-22T08:00:00.000Z', communities };

describe('ids', () => {
  it('are stable for the same source and differ otherwise', () => {
    expect(stableHash('a')).toBe(stableHash('a'));
    expect(stableHash('a')).not.toBe(stableHash('b'));
    expect(entityId('c', { name: '阳光 小区', location: [112.5, 31.1] })).toBe(entityId('c', { name: '阳光小区', location: [112.50001, 31.10001] }));
    expect(entityId('c', { externalId: 'X1', name: 'a', location: [0, 0] })).toBe(entityId('c', { externalId: 'X1', name: 'b', location: [1, 1] }));
  });

  it('normalises full-width characters and spaces in names', () => {
    expect(normaliseName('阳光　小区Ａ')).toBe('阳光小区a');
  });
});

describe('placeCompound', () => {
  it('places by point in polygon, by named community, or not at all', () => {
    expect(placeCompound([112.52, 31.12], undefined, communities)).toEqual({ streetId: 's1', communityId: 'cm1', unassigned: false });
    expect(placeCompound([112.52, 31.12], 'cm2', communities)).toEqual({ streetId: 's1', communityId: 'cm2', unassigned: false });
    expect(placeCompound([113, 32], undefined, communities)).toEqual({ streetId: null, communityId: null, unassigned: true });
  });
});

describe('newCompound', () => {
  it('derives centroid, area and bbox from the polygon', () => {
    const c = newCompound({ name: '石城新村', geometry: square(112.51, 31.11, 0.005) }, context);
    expect(c.location[0]).toBeCloseTo(112.5125, 6);
    expect(c.location[1]).toBeCloseTo(31.1125, 6);
    // 0.005° × 0.005° at 31° N is about 477 m × 555 m.
    expect(c.areaM2).toBeGreaterThan(250_000);
    expect(c.areaM2).toBeLessThan(280_000);
    expect(c.areaSource).toBe('polygon');
    expect(c.communityId).toBe('cm1');
    expect(c.version).toBe(1);
  });

  it('keeps a declared area and a point-only compound', () => {
    const c = newCompound({ name: '兰台名苑', location: [112.6, 31.3], areaM2: 320_000 }, context);
    expect(c).toMatchObject({ geometry: null, areaM2: 320_000, areaSource: 'declared', unassigned: true, communityId: null });
  });
});

describe('changedCompound', () => {
  const base = newCompound({ name: '莫愁湖小区', location: [113, 32] }, context);

  it('places an unassigned compound once its new point lies in a community', () => {
    const moved = changedCompound(base, { location: [112.57, 31.12] }, context);
    expect(moved).toMatchObject({ communityId: 'cm2', unassigned: false, version: 2 });
  });

  it('recomputes the area from a new polygon unless one is declared', () => {
    const withPolygon = changedCompound(base, { geometry: square(112.51, 31.11, 0.001) }, context);
    expect(withPolygon.areaSource).toBe('polygon');
    const declared = changedCompound(withPolygon, { areaM2: 99_999 }, context);
    expect(declared).toMatchObject({ areaM2: 99_999, areaSource: 'declared' });
    const undeclared = changedCompound(declared, { areaM2: null }, context);
    expect(undeclared.areaSource).toBe('polygon');
    expect(undeclared.areaM2).toBe(withPolygon.areaM2);
  });

  it('records exactly the fields that changed', () => {
    const renamed = changedCompound(base, { name: '莫愁新苑' }, context);
    expect(diff(base, renamed, ['name', 'status', 'location'])).toEqual({ name: { from: '莫愁湖小区', to: '莫愁新苑' } });
  });
});
