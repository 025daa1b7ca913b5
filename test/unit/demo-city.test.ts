import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import turfBbox from '@turf/bbox';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import { generateCity, type GeneratedCity } from '#infra/local/demo/city.ts';
import { writeCityFiles } from '#infra/local/demo/files.ts';
import { demoUsers } from '#infra/local/demo/users.ts';
import { apportion, createRandom } from '#infra/local/demo/random.ts';
import { compoundIdFor } from '#shared/domain/compounds.ts';
import { entityId } from '#shared/domain/ids.ts';
import { readItems } from '#shared/import/read.ts';
import type { Format } from '#shared/schemas/imports.ts';
import { communityIdFor } from '#shared/domain/ids.ts';
import { isUnreadable, readRow, type RowOf } from '#shared/import/rows.ts';
import type { ImportKind } from '#shared/schemas/imports.ts';
import { Building } from '#shared/schemas/building.ts';
import type { AreaGeometry, Bbox } from '#shared/schemas/common.ts';
import { Compound } from '#shared/schemas/compound.ts';
import { Exit } from '#shared/schemas/exit.ts';
import { LocalUser } from '#shared/schemas/local.ts';
import { Community, Grid, Street } from '#shared/schemas/places.ts';
import { LARGE_COMPOUND_M2 } from '#shared/domain/exits.ts';

const city = generateCity();

const byId = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((x) => [x.id, x]));
const tally = (values: readonly string[]) => values.reduce<Record<string, number>>((m, v) => ({ ...m, [v]: (m[v] ?? 0) + 1 }), {});
const ringOf = (g: AreaGeometry | null) => (g?.type === 'Polygon' ? g.coordinates[0] ?? [] : []);
const bboxOf = (g: AreaGeometry): Bbox => turfBbox(g) as unknown as Bbox;
const bboxesOverlap = (a: Bbox, b: Bbox) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/** Metres from a point to the nearest edge of a ring (equirectangular; fine at city scale). */
function metresToRing(point: readonly [number, number], ring: readonly (readonly number[])[]): number {
  const mx = 111_320 * Math.cos((point[1] * Math.PI) / 180);
  const my = 110_574;
  let best = Infinity;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [ax = 0, ay = 0] = ring[i] ?? [];
    const [bx = 0, by = 0] = ring[i + 1] ?? [];
    const [px, py, qx, qy, rx, ry] = [(point[0] - ax) * mx, (point[1] - ay) * my, (bx - ax) * mx, (by - ay) * my, 0, 0];
    const t = Math.max(0, Math.min(1, (px * qx + py * qy) / (qx * qx + qy * qy || 1)));
    best = Math.min(best, Math.hypot(px - (rx + t * qx), py - (ry + t * qy)));
  }
  return best;
}

/** No two compound outlines in one community share any ground: their bboxes are disjoint. */
function overlappingCompounds(c: GeneratedCity): string[] {
  const found: string[] = [];
  const perCommunity = new Map<string | null, GeneratedCity['compounds']>();
  for (const x of c.compounds) perCommunity.set(x.communityId, [...(perCommunity.get(x.communityId) ?? []), x]);
  for (const list of perCommunity.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i], list[j]];
        if (a && b && bboxesOverlap(a.bbox, b.bbox)) found.push(`${a.name} × ${b.name}`);
      }
    }
  }
  return found;
}

describe('the demo city', () => {
  it('is the same city for the same seed, and another for another seed', () => {
    expect(generateCity()).toEqual(city);
    expect(generateCity({ seed: city.seed })).toEqual(city);
    const other = generateCity({ seed: 7 });
    expect(other.compounds.map((c) => c.name)).not.toEqual(city.compounds.map((c) => c.name));
  });

  it('is Yingzhong street with its 22 communities, ≥150 compounds and ≥1,500 buildings', () => {
    expect(city.streets).toEqual([{ id: 'st-yingzhong', name: '郢中街道' }]);
    expect(city.communities).toHaveLength(22);
    expect(city.communities.map((c) => c.name)).toEqual(expect.arrayContaining(['王府社区', '兰台社区', '石城社区', '莫愁社区', '阳春社区']));
    expect(new Set(city.communities.map((c) => c.name)).size).toBe(22);
    expect(city.compounds.length).toBeGreaterThanOrEqual(150);
    expect(city.buildings.length).toBeGreaterThanOrEqual(1500);
  });

  it('gives every record the shape the registry stores', () => {
    for (const s of city.streets) Street.parse(s);
    for (const c of city.communities) Community.parse(c);
    for (const g of city.grids) Grid.parse(g);
    for (const c of city.compounds) Compound.parse(c);
    for (const b of city.buildings) Building.parse(b);
    for (const e of city.exits) Exit.parse(e);
    for (const u of city.users) LocalUser.parse(u);
  });

  it('gives ids an import of its files would give, each used once', () => {
    for (const c of city.communities) expect(c.id).toBe(communityIdFor(c.externalId));
    for (const c of city.compounds) expect(c.id).toBe(compoundIdFor({ externalId: c.externalId, name: c.name }, c.location));
    for (const b of city.buildings) expect(b.id).toBe(entityId('b', { externalId: b.externalId, name: b.name, location: b.location }));
    for (const e of city.exits) expect(e.id).toBe(entityId('e', { externalId: e.externalId, name: e.name, location: e.location }));
    const ids = [city.streets, city.communities, city.grids, city.compounds, city.buildings, city.exits].flat().map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    const external = [city.compounds, city.buildings, city.exits].flat().map((x) => x.externalId);
    expect(new Set(external).size).toBe(external.length);
    expect(new Set(city.compounds.map((c) => c.name)).size).toBe(city.compounds.length);
  });

  it('mixes small low-rise old estates with property-managed high-rises, a few of ≥300,000 m²', () => {
    const compounds = byId(city.compounds);
    const old = city.buildings.filter((b) => compounds.get(b.compoundId)?.propertyManaged === false);
    const managed = city.buildings.filter((b) => compounds.get(b.compoundId)?.propertyManaged === true);
    expect(old.length).toBeGreaterThan(100);
    expect(managed.length).toBeGreaterThan(500);
    const floors = (list: typeof old) => [Math.min(...list.map((b) => b.floors)), Math.max(...list.map((b) => b.floors))];
    expect(floors(old)).toEqual([5, 7]);
    expect(floors(managed)).toEqual([11, 33]);
    const large = city.compounds.filter((c) => c.areaM2 >= LARGE_COMPOUND_M2);
    expect(large.length).toBeGreaterThanOrEqual(3);
    expect(large.length).toBeLessThanOrEqual(8);
    for (const c of large) expect(c.propertyManaged).toBe(true);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    expect(median(city.compounds.filter((c) => !c.propertyManaged).map((c) => c.areaM2)))
      .toBeLessThan(median(city.compounds.filter((c) => c.propertyManaged).map((c) => c.areaM2)));
    for (const c of city.compounds) expect(c.areaSource).toBe('polygon');
  });

  it('lays buildings out in units, floors and households', () => {
    for (const b of city.buildings) {
      expect(b.units).toBeGreaterThanOrEqual(1);
      expect(b.units).toBeLessThanOrEqual(6);
      expect(b.householdsPerFloor).toBeGreaterThanOrEqual(2);
      expect(b.householdsPerFloor).toBeLessThanOrEqual(4);
      expect(b.households).toBe(b.units * b.floors * b.householdsPerFloor);
      expect(b.name).toMatch(/^\d+栋$/);
    }
  });

  it('has most compounds closed, a few in lockdown, some normal and one or two lifted', () => {
    const statuses = tally(city.compounds.map((c) => c.status));
    expect(statuses.closed).toBeGreaterThan(city.compounds.length / 2);
    expect(statuses.lockdown).toBeGreaterThanOrEqual(2);
    expect(statuses.lockdown).toBeLessThanOrEqual(8);
    expect(statuses.normal).toBeGreaterThanOrEqual(5);
    expect(statuses.lifted).toBeGreaterThanOrEqual(1);
    expect(statuses.lifted).toBeLessThanOrEqual(2);
  });

  it('tiles the street with community boundaries that neither overlap nor leave gaps', () => {
    const boundaries = city.communities.map((c) => c.boundary as AreaGeometry);
    const [minLng, minLat, maxLng, maxLat] = bboxOf({ type: 'MultiPolygon', coordinates: boundaries.map((b) => (b.type === 'Polygon' ? b.coordinates : [])) });
    // The outer edge wanders by up to 70 m: sample well inside it.
    const inset = 0.0025;
    for (let i = 0; i < 60; i++) {
      for (let j = 0; j < 60; j++) {
        const point = [minLng + inset + ((maxLng - minLng - 2 * inset) * (i + 0.37)) / 60, minLat + inset + ((maxLat - minLat - 2 * inset) * (j + 0.61)) / 60];
        const holders = boundaries.filter((b) => booleanPointInPolygon(point, b, { ignoreBoundary: true }));
        expect(holders, `point ${point.join(',')}`).toHaveLength(1);
      }
    }
    for (const c of city.compounds) expect(Math.abs(c.location[0] - 112.58) + Math.abs(c.location[1] - 31.17)).toBeLessThan(0.1);
  });

  it('places every compound inside its community, with outlines that do not overlap', () => {
    const communities = byId(city.communities);
    for (const c of city.compounds) {
      const community = communities.get(c.communityId ?? '');
      expect(community?.boundary).toBeTruthy();
      expect(c.streetId).toBe(community?.streetId);
      expect(c.unassigned).toBe(false);
      expect(booleanPointInPolygon(c.location, community?.boundary as AreaGeometry)).toBe(true);
      for (const corner of ringOf(c.geometry)) expect(booleanPointInPolygon(corner, community?.boundary as AreaGeometry)).toBe(true);
      const sides = ringOf(c.geometry).length - 1;
      expect(sides).toBeGreaterThanOrEqual(4);
      expect(sides).toBeLessThanOrEqual(8);
    }
    expect(overlappingCompounds(city)).toEqual([]);
  });

  it('places every building inside its compound and in a grid of its community', () => {
    const compounds = byId(city.compounds);
    const grids = byId(city.grids);
    for (const b of city.buildings) {
      const compound = compounds.get(b.compoundId);
      expect(booleanPointInPolygon(b.location, compound?.geometry as AreaGeometry, { ignoreBoundary: true })).toBe(true);
      const grid = grids.get(b.gridId ?? '');
      expect(grid?.communityId).toBe(compound?.communityId);
      expect(grid?.compoundIds).toContain(b.compoundId);
      expect(compound?.gridIds).toContain(b.gridId);
    }
    const names = city.buildings.map((b) => `${b.compoundId}/${b.name}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it('keeps grids and compounds consistent: 3–5 grids a community, some spanning compounds', () => {
    const perCommunity = tally(city.grids.map((g) => g.communityId));
    for (const c of city.communities) {
      expect(perCommunity[c.id]).toBeGreaterThanOrEqual(3);
      expect(perCommunity[c.id]).toBeLessThanOrEqual(5);
    }
    const communityName = new Map(city.communities.map((c) => [c.id, c.name]));
    const grids = byId(city.grids);
    for (const g of city.grids) {
      expect(g.name).toMatch(new RegExp(`^${communityName.get(g.communityId)}第[1-5]网格$`));
      for (const id of g.compoundIds) expect(city.compounds.find((c) => c.id === id)?.gridIds).toContain(g.id);
    }
    for (const c of city.compounds) {
      expect(c.gridIds.length).toBeGreaterThan(0);
      for (const id of c.gridIds) expect(grids.get(id)?.compoundIds).toContain(c.id);
    }
    expect(city.grids.some((g) => g.compoundIds.length > 1)).toBe(true);
    expect(city.compounds.some((c) => c.gridIds.length > 1)).toBe(true);
  });

  it('puts 1–4 exits on each compound boundary: one open under closed management, two for large ones, surplus in some', () => {
    const exitsOf = new Map<string, GeneratedCity['exits']>();
    for (const e of city.exits) exitsOf.set(e.compoundId, [...(exitsOf.get(e.compoundId) ?? []), e]);
    let surplus = 0;
    for (const c of city.compounds) {
      const exits = exitsOf.get(c.id) ?? [];
      expect(exits.length).toBeGreaterThanOrEqual(1);
      expect(exits.length).toBeLessThanOrEqual(4);
      expect(new Set(exits.map((e) => e.name)).size).toBe(exits.length);
      for (const e of exits) {
        expect(metresToRing(e.location, ringOf(c.geometry))).toBeLessThan(1);
        expect(e.name).toMatch(/^[东南西北][二三四]?侧?门$/);
      }
      const open = exits.filter((e) => e.status === 'open').length;
      if (c.status === 'closed' && c.areaM2 >= LARGE_COMPOUND_M2) expect(open).toBe(2);
      if (c.status === 'closed' && c.areaM2 < LARGE_COMPOUND_M2 && open > 1) surplus++;
      if (c.status === 'lockdown') expect(open).toBe(1);
      if (c.status === 'normal' || c.status === 'lifted') expect(open).toBe(exits.length);
    }
    expect(surplus).toBeGreaterThanOrEqual(3);
    expect(new Set(city.exits.map((e) => e.kind))).toEqual(new Set(['pedestrian', 'vehicle', 'mixed']));
  });
});

describe('the demo users', () => {
  const users = city.users;

  it('are one or more per role, with the handy ones first', () => {
    const roles = tally(users.map((u) => u.role));
    expect(roles).toMatchObject({ city: 2, official: 2, community: 22, grid: city.grids.length });
    expect(roles.duty).toBeGreaterThan(50);
    expect(roles.disinfection).toBe(22);
    expect(roles.volunteer).toBe(44);
    expect(users.slice(0, 7).map((u) => u.role)).toEqual(['city', 'official', 'community', 'grid', 'duty', 'disinfection', 'volunteer']);
    expect(users.slice(0, 7).map((u) => u.username)).toEqual([
      'city-1', 'official-city', 'community-wangfu', 'grid-wangfu-1', expect.stringMatching(/^duty-wangfu-\d+$/), 'disinfection-wangfu', 'volunteer-wangfu-1',
    ]);
    expect(users.find((u) => u.username === 'official-street')?.jurisdiction).toEqual({ streetId: 'st-yingzhong' });
  });

  it('have unique ASCII usernames and Chinese names', () => {
    expect(new Set(users.map((u) => u.username)).size).toBe(users.length);
    for (const u of users) {
      expect(u.username).toMatch(/^[a-z0-9-]+$/);
      expect(u.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
    }
  });

  it('are bound only to places that exist, consistently', () => {
    const streets = byId(city.streets);
    const communities = byId(city.communities);
    const grids = byId(city.grids);
    const compounds = byId(city.compounds);
    const exits = byId(city.exits);
    for (const { jurisdiction: j, role } of users) {
      if (j.streetId) expect(streets.has(j.streetId)).toBe(true);
      if (j.communityId) expect(communities.get(j.communityId)?.streetId).toBe(j.streetId);
      if (j.gridId) expect(grids.get(j.gridId)?.communityId).toBe(j.communityId);
      for (const id of j.compoundIds ?? []) expect(compounds.has(id)).toBe(true);
      for (const id of j.exitIds ?? []) expect(j.compoundIds).toContain(exits.get(id)?.compoundId);
      if (role === 'duty') for (const id of j.exitIds ?? []) expect(exits.get(id)?.status).toBe('open');
      if (role === 'community') expect(j.communityId).toBeTruthy();
      if (role === 'grid') expect(j.gridId).toBeTruthy();
      if (role === 'duty') expect(j.exitIds?.length).toBeGreaterThan(0);
      if (role === 'disinfection') expect(j.compoundIds?.length).toBeGreaterThan(0);
      if (role === 'volunteer') expect(j.communityId).toBeTruthy();
    }
  });

  it('staff every grid, every open exit of a sealed compound and every compound’s disinfection', () => {
    const byUsername = new Map(users.map((u) => [u.username, u]));
    for (const g of city.grids) {
      expect(g.workers.length).toBeGreaterThan(0);
      for (const w of g.workers) expect(byUsername.get(w)?.jurisdiction.gridId).toBe(g.id);
    }
    const sealed = new Set(city.compounds.filter((c) => c.status === 'closed' || c.status === 'lockdown').map((c) => c.id));
    const watched = new Set(users.flatMap((u) => (u.role === 'duty' ? u.jurisdiction.exitIds ?? [] : [])));
    for (const e of city.exits) if (e.status === 'open' && sealed.has(e.compoundId)) expect(watched.has(e.id)).toBe(true);
    const disinfected = new Set(users.flatMap((u) => (u.role === 'disinfection' ? u.jurisdiction.compoundIds ?? [] : [])));
    for (const c of city.compounds) expect(disinfected.has(c.id)).toBe(true);
  });

  it('are what demoUsers() hands out, drawn once', () => {
    expect(demoUsers()).toEqual(users);
    expect(demoUsers()).toBe(demoUsers());
  });
});

describe('a bigger city', () => {
  // Generating 100,000 buildings takes a second or two alone and far longer on a loaded 2-core
  // machine: the default 5 s made this test fail on load, not on the city.
  it('has exactly the requested compounds and buildings, in more streets, without overlaps', { timeout: 60_000 }, () => {
    const big = generateCity({ compounds: 10_000, buildings: 100_000 });
    expect(big.compounds).toHaveLength(10_000);
    expect(big.buildings).toHaveLength(100_000);
    expect(big.streets[0]?.name).toBe('郢中街道');
    expect(big.communities.length / big.streets.length).toBeGreaterThan(18);
    expect(big.communities.length / big.streets.length).toBeLessThanOrEqual(24);
    expect(big.compounds.length / big.communities.length).toBeCloseTo(160 / 22, 0);
    expect(new Set(big.streets.map((s) => s.name)).size).toBe(big.streets.length);
    expect(new Set(big.communities.map((c) => c.name)).size).toBe(big.communities.length);
    expect(new Set(big.users.map((u) => u.username)).size).toBe(big.users.length);
    expect(overlappingCompounds(big)).toEqual([]);
    // Communities of different streets share edges exactly, so their interiors never meet.
    const boxes = big.communities.map((c) => bboxOf(c.boundary as AreaGeometry));
    const centres = big.compounds.map((c) => c.location);
    const communities = byId(big.communities);
    for (const [i, c] of big.compounds.entries()) {
      if (i % 25 !== 0) continue;
      const holders = big.communities.filter((m, k) => {
        const box = boxes[k] as Bbox;
        const p = centres[i] as [number, number];
        return p[0] >= box[0] && p[0] <= box[2] && p[1] >= box[1] && p[1] <= box[3] && booleanPointInPolygon(p, m.boundary as AreaGeometry);
      });
      expect(holders.map((h) => h.id)).toEqual([communities.get(c.communityId ?? '')?.id]);
    }
  });

  it('keeps exact counts for small and uneven sizes, around any centre', () => {
    for (const [compounds, buildings] of [[1, 1], [5, 3], [37, 412], [400, 2500]] as const) {
      const c = generateCity({ compounds, buildings, seed: compounds, center: [114.3, 30.6] });
      expect([c.compounds.length, c.buildings.length]).toEqual([compounds, buildings]);
      for (const x of c.compounds) expect(Math.abs(x.location[0] - 114.3) + Math.abs(x.location[1] - 30.6)).toBeLessThan(0.2);
      expect(overlappingCompounds(c)).toEqual([]);
    }
  });
});

describe('the city files', () => {
  /** Each row of a written file as the importer reads it; rejects fail the test. */
  async function importRows<K extends ImportKind>(file: string, kind: K, format: Format): Promise<RowOf[K][]> {
    const rows: RowOf[K][] = [];
    for (const item of readItems(await readFile(file, 'utf8'), { kind, format })) {
      if (isUnreadable(item)) throw new Error(`line ${item.line}: ${item.reject}`);
      const result = readRow(kind, item, 'wgs84');
      if (!result.ok) throw new Error(`line ${result.line}: ${result.reason}`);
      rows.push(result.row);
    }
    return rows;
  }

  it('are what the importer reads, row for row, naming the generated city', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cordon-city-'));
    try {
      const { files, rows } = await writeCityFiles(city, dir);
      expect(rows).toEqual({
        'compounds.geojson': city.compounds.length,
        'compounds.csv': city.compounds.length,
        'buildings.csv': city.buildings.length,
        'exits.csv': city.exits.length,
        'communities.geojson': city.communities.length,
      });
      const header = async (name: string) => (await readFile(files[name] ?? '', 'utf8')).split('\n', 1)[0];
      expect(await header('compounds.csv')).toBe('external_id,name,address,lng,lat,community_id,status,property_managed,area_m2');
      expect(await header('buildings.csv')).toBe('external_id,compound_external_id,name,grid_id,units,floors,households_per_floor,lng,lat');
      expect(await header('exits.csv')).toBe('external_id,compound_external_id,name,kind,status,lng,lat');

      const polygons = await importRows(files['compounds.geojson'] ?? '', 'compounds', 'geojson');
      expect(polygons.map((r) => compoundIdFor(r, r.location ?? [0, 0]))).toEqual(city.compounds.map((c) => c.id));
      expect(polygons.map((r) => r.geometry)).toEqual(city.compounds.map((c) => c.geometry));
      expect(polygons.every((r) => r.areaM2 === undefined)).toBe(true);
      const points = await importRows(files['compounds.csv'] ?? '', 'compounds', 'csv');
      expect(points.map((r) => [r.externalId, r.name, r.address, r.status, r.propertyManaged, r.community, r.location, r.areaM2]))
        .toEqual(city.compounds.map((c) => [c.externalId, c.name, c.address, c.status, c.propertyManaged, c.communityId, c.location, c.areaM2]));
      const buildings = await importRows(files['buildings.csv'] ?? '', 'buildings', 'csv');
      expect(buildings.map((r) => entityId('b', { externalId: r.externalId, name: r.name, location: r.location ?? [0, 0] })))
        .toEqual(city.buildings.map((b) => b.id));
      expect(buildings.map((r) => [r.grid, r.units * r.floors * r.householdsPerFloor]))
        .toEqual(city.buildings.map((b) => [b.gridId, b.households]));
      const exits = await importRows(files['exits.csv'] ?? '', 'exits', 'csv');
      expect(exits.map((r) => [entityId('e', { externalId: r.externalId, name: r.name, location: r.location }), r.kind, r.status]))
        .toEqual(city.exits.map((e) => [e.id, e.kind, e.status]));
      const communities = await importRows(files['communities.geojson'] ?? '', 'communities', 'geojson');
      expect(communities.map((r) => [communityIdFor(r.externalId), r.name, r.streetId, r.boundary]))
        .toEqual(city.communities.map((c) => [c.id, c.name, c.streetId, c.boundary]));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the seeded random source', () => {
  it('repeats for a seed', () => {
    const a = createRandom(1);
    const b = createRandom(1);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it('apportions a total exactly, with a floor when the total allows it', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(100, [0.1, 5, 3], 1).reduce((s, x) => s + x, 0)).toBe(100);
    expect(Math.min(...apportion(100, [0.001, 5, 3], 1))).toBe(1);
    expect(apportion(2, [1, 1, 1], 1).reduce((s, x) => s + x, 0)).toBe(2);
  });
});
