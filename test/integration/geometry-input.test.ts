/**
 * Geometry checked at the edge: a polygon that is not a valid area (a hole outside its outer
 * ring, a ring that crosses itself, too many positions, too large) is refused with a 400 naming
 * the position, by POST and PATCH and by import, and nothing is written. A compound stored before
 * these checks, with such a polygon, no longer breaks the lists and reads that meet it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { compoundWriteItem } from '#functions/stores/compound-store.ts';
import { putItem } from '#functions/platform/table.ts';
import { newCompound } from '#shared/domain/compounds.ts';
import type { AreaGeometry } from '#shared/schemas/common.ts';
import { fixtureUsers, seedFixtureCity, square } from '../support/fixture-city.ts';
import { captureLogs } from '../support/logs.ts';
import { expectProblem } from '../support/problem.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { tableFingerprint } from '../support/table-scan.ts';

vi.hoisted(() => {
  process.env.LOG_LEVEL = 'WARN';
});

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ users: fixtureUsers, seed: seedFixtureCity });
});
afterAll(() => stack.stop());

interface Feature {
  id: string;
  geometry: { type: string; coordinates: unknown };
  properties: { areaM2: number; location?: [number, number] };
}
interface Summary {
  imported: number;
  updated: number;
  rejected: number;
  rejects: { line: number; reason: string }[];
}

/** The outer ring of a square. */
const ring = (lng: number, lat: number, d: number): [number, number][] => [[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]];
/** A square in cm1 whose hole, larger than it, lies 200 km away: the stored area went negative. */
const holeOutside: AreaGeometry = { type: 'Polygon', coordinates: [ring(112.52, 31.12, 0.002), ring(113.9, 33.0, 0.01)] };
/** A bow tie: its first and third edges cross. */
const bowTie: AreaGeometry = {
  type: 'Polygon',
  coordinates: [[[112.52, 31.12], [112.522, 31.122], [112.522, 31.12], [112.52, 31.122], [112.52, 31.12]]],
};

async function importAs(username: string, body: string, kind: string): Promise<Summary> {
  const client = await stack.as(username);
  const res = await client.request('POST', `/v1/imports?kind=${kind}`, { raw: body, contentType: 'application/geo+json' });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Summary;
}

const featureLine = (properties: Record<string, unknown>, geometry: unknown) =>
  JSON.stringify({ type: 'Feature', properties, geometry });

describe('POST /v1/compounds refuses a polygon that is not a valid area', () => {
  it('answers 400 naming the hole that lies outside the outer ring, and writes nothing', async () => {
    const city = await stack.as('city');
    const before = await tableFingerprint();
    const body = await expectProblem(await city.post('/v1/compounds', { name: '洞在外面', geometry: holeOutside }), 400);
    expect(body.errors).toEqual([{ field: 'body.geometry.coordinates.1', message: expect.stringMatching(/outside the outer ring/), code: 'geo.hole-outside' }]);
    expect(await tableFingerprint()).toBe(before);
  });

  it('answers 400 naming the edge of a ring that crosses itself', async () => {
    const city = await stack.as('city');
    const before = await tableFingerprint();
    const body = await expectProblem(await city.post('/v1/compounds', { name: '蝴蝶结', geometry: bowTie }), 400);
    expect(body.errors).toEqual([{ field: 'body.geometry.coordinates.0.2', message: expect.stringMatching(/crosses itself/), code: 'geo.ring-self-cross' }]);
    expect(await tableFingerprint()).toBe(before);
  });

  it('answers 400 for a polygon larger than a compound can be, naming the geometry', async () => {
    const city = await stack.as('city');
    const body = await expectProblem(await city.post('/v1/compounds', { name: '太大了', geometry: square(112.0, 31.0, 0.5) }), 400);
    expect(body.errors).toEqual([{ field: 'body.geometry', message: expect.stringMatching(/km²/), code: 'geo.too-big' }]);
  });

  it('answers 400 for overlapping parts of a MultiPolygon, naming the part', async () => {
    const city = await stack.as('city');
    const geometry = {
      type: 'MultiPolygon',
      coordinates: [square(112.52, 31.12, 0.002).coordinates, square(112.521, 31.121, 0.002).coordinates],
    };
    const body = await expectProblem(await city.post('/v1/compounds', { name: '重叠', geometry }), 400);
    expect(body.errors?.map((e) => e.field)).toEqual(['body.geometry.coordinates.1.0']);
  });

  it('still takes a polygon with a hole inside it', async () => {
    const city = await stack.as('city');
    const geometry = {
      type: 'Polygon',
      coordinates: [ring(112.52, 31.13, 0.004), ring(112.521, 31.131, 0.001)],
    };
    const res = await city.post('/v1/compounds', { name: '有天井', geometry });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(((await res.json()) as Feature).properties.areaM2).toBeGreaterThan(0);
  });
});

describe('PATCH /v1/compounds/{id} refuses a polygon that is not a valid area', () => {
  it('answers 400 to a community admin sending a hole outside the outer ring, and writes nothing', async () => {
    const admin = await stack.as('community-cm1');
    const before = await tableFingerprint();
    const body = await expectProblem(await admin.patch('/v1/compounds/c_a', { geometry: holeOutside }), 400);
    expect(body.errors?.map((e) => e.field)).toEqual(['body.geometry.coordinates.1']);
    expect(await tableFingerprint()).toBe(before);
    const list = await admin.get('/v1/compounds');
    expect(list.status).toBe(200);
  });
});

describe('imports refuse rows whose polygon is not a valid area', () => {
  it('rejects a compound feature with its hole outside at its line, and imports the others', async () => {
    const file = [
      featureLine({ external_id: 'GEO-OK', name: '好小区' }, square(112.515, 31.125, 0.002)),
      featureLine({ external_id: 'GEO-HOLE', name: '洞在外面' }, holeOutside),
      featureLine({ external_id: 'GEO-BOW', name: '蝴蝶结' }, bowTie),
    ].join('\n');
    const summary = await importAs('community-cm1', file, 'compounds');
    expect(summary).toMatchObject({ imported: 1, rejected: 2 });
    expect(summary.rejects).toEqual([
      { line: 2, reason: expect.stringMatching(/^geometry\.coordinates\.1: .*outside the outer ring/) },
      { line: 3, reason: expect.stringMatching(/^geometry\.coordinates\.0\.2: .*crosses itself/) },
    ]);
    const list = await (await stack.as('city')).get('/v1/compounds');
    expect(list.status).toBe(200);
  });

  it('rejects a community boundary that crosses itself', async () => {
    const file = [
      featureLine({ external_id: 'cm-bow', name: '蝴蝶社区', street_id: 's1' }, {
        type: 'Polygon',
        coordinates: [[[113.0, 31.0], [113.1, 31.1], [113.1, 31.0], [113.0, 31.1], [113.0, 31.0]]],
      }),
    ].join('\n');
    const summary = await importAs('city', file, 'communities');
    expect(summary).toMatchObject({ imported: 0, rejected: 1 });
    expect(summary.rejects[0]?.reason).toMatch(/^geometry\.coordinates\.0\.2: .*crosses itself/);
  });
});

describe('compounds stored before these checks', () => {
  /** What the old code wrote for a hole outside the outer ring: a negative area, the centroid far off. */
  const legacy = {
    ...newCompound(
      { name: '旧数据小区', geometry: holeOutside, communityId: 'cm1' },
      { caller: { username: 'system:test' }, at: '2026-11-01T00:00:00.000Z', communities: [{ id: 'cm1', streetId: 's1', boundary: null }], id: 'c_legacy' },
    ),
  };

  it('are answered repaired (outer ring kept, area and centroid worked out again), logged once', async () => {
    expect(legacy.areaM2).toBeLessThan(0);
    await putItem(compoundWriteItem(legacy));
    const city = await stack.as('city');
    let first: Response | undefined;
    let second: Response | undefined;
    const logs = await captureLogs(async () => {
      first = await city.get('/v1/compounds?communityId=cm1');
      second = await city.get('/v1/compounds');
    });
    expect(first?.status).toBe(200);
    expect(second?.status).toBe(200);
    const features = ((await first?.json()) as { features: Feature[] }).features;
    const repaired = features.find((f) => f.id === 'c_legacy');
    expect(repaired?.properties.areaM2).toBeGreaterThan(0);
    expect(repaired?.geometry).toEqual({ type: 'Polygon', coordinates: [holeOutside.coordinates[0]] });
    const warnings = logs.split('\n').filter((line) => line.includes('c_legacy'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/"level":"WARN"/);
    expect(warnings[0]).not.toContain('旧数据小区');

    const one = await city.get('/v1/compounds/c_legacy');
    expect(one.status, await one.clone().text()).toBe(200);
    const read = (await one.json()) as Feature;
    expect(read.properties.location?.[0]).toBeCloseTo(112.521, 3);
  });

  it('are answered repaired as dots too: the point listing, which reads no polygon, reads these whole', async () => {
    await putItem(compoundWriteItem(legacy));
    const res = await (await stack.as('city')).get('/v1/compounds?communityId=cm1&shape=point');
    expect(res.status, await res.clone().text()).toBe(200);
    const dot = ((await res.json()) as { features: Feature[] }).features.find((f) => f.id === 'c_legacy');
    expect(dot?.geometry.type).toBe('Point');
    expect((dot?.geometry.coordinates as [number, number])[0]).toBeCloseTo(112.521, 3);
  });

  it('are skipped by lists when nothing can be made of them', async () => {
    const broken = { ...legacy, id: 'c_broken', geometry: null, location: [512.5, 31.1] as [number, number] };
    await putItem(compoundWriteItem(broken));
    const city = await stack.as('city');
    const res = await city.get('/v1/compounds?communityId=cm1');
    expect(res.status, await res.clone().text()).toBe(200);
    const ids = ((await res.json()) as { features: Feature[] }).features.map((f) => f.id);
    expect(ids).not.toContain('c_broken');
    expect(ids).toContain('c_a');
  });
});
