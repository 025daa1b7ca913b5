/**
 * DynamoDB's own limits met as a client's mistake: a number DynamoDB cannot store (1e-300 and
 * 5e-324 underflow its 1e-130) or an item over its 400 KB answers 400 or 413 naming the field, by
 * the API and by import, and nothing is written; the table refuses an oversized item with a typed
 * failure before sending it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ItemTooLargeError, ValidationError } from '#functions/platform/errors.ts';
import { batchWrite, putItem, transactWrite, type Item } from '#functions/platform/table.ts';
import { fixtureUsers, seedFixtureCity, square } from '../support/fixture-city.ts';
import { expectProblem } from '../support/problem.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { tableFingerprint } from '../support/table-scan.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ users: fixtureUsers, seed: seedFixtureCity });
});
afterAll(() => stack.stop());

/** A closed ring of `n` distinct positions on a circle around a point in cm1. */
function circle(n: number, lng = 112.52, lat = 31.12, radius = 0.001): [number, number][] {
  const ring = Array.from({ length: n }, (_, i): [number, number] => {
    const a = (2 * Math.PI * i) / n;
    return [lng + radius * Math.cos(a), lat + radius * Math.sin(a)];
  });
  return [...ring, ring[0] as [number, number]];
}

describe('numbers DynamoDB cannot store', () => {
  it('answers 400 naming body.areaM2 for 1e-300, and writes nothing', async () => {
    const city = await stack.as('city');
    const before = await tableFingerprint();
    const body = await expectProblem(await city.post('/v1/compounds', { name: '下溢', location: [112.52, 31.12], areaM2: 1e-300 }), 400);
    expect(body.errors).toEqual([{ field: 'body.areaM2', message: expect.stringMatching(/1e-130/), code: 'schema.unstorable-number' }]);
    expect(await tableFingerprint()).toBe(before);
  });

  it('refuses 5e-324 in a polygon position and in a location, naming the coordinate', async () => {
    const city = await stack.as('city');
    const before = await tableFingerprint();
    const geometry = { type: 'Polygon', coordinates: [[[0, 0], [0.001, 0], [0.001, 0.001], [5e-324, 0.001], [0, 0]]] };
    const inRing = await expectProblem(await city.post('/v1/compounds', { name: '下溢环', geometry }), 400);
    expect(inRing.errors?.map((e) => e.field)).toEqual(['body.geometry.coordinates.0.3.0']);
    const inLocation = await expectProblem(await city.patch('/v1/compounds/c_a', { location: [112.52, 5e-324] }), 400);
    expect(inLocation.errors?.map((e) => e.field)).toEqual(['body.location.1']);
    expect(await tableFingerprint()).toBe(before);
  });

  it('are refused by the table before it sends them, naming where they lie', async () => {
    const before = await tableFingerprint();
    const error = await putItem({ pk: 'TEST#tiny', sk: 'A', geometry: { coordinates: [[0, 1e-300]] } }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'invalid', errors: [{ field: 'geometry.coordinates.0.1' }] });
    expect(await tableFingerprint()).toBe(before);
  });

  it('rejects an import row with such a number at its line, and imports the others', async () => {
    const csv = 'external_id,name,lng,lat,area_m2\nLIM-1,微小,112.52,31.12,1e-300\nLIM-2,正常,112.521,31.121,5000\n';
    const client = await stack.as('city');
    const res = await client.request('POST', '/v1/imports?kind=compounds', { raw: csv, contentType: 'text/csv' });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({
      imported: 1, rejected: 1, rejects: [{ line: 2, reason: expect.stringMatching(/^area_m2: .*1e-130/) }],
    });
  });
});

describe('items over 400 KB', () => {
  it('answers 400 for a 40,000-position polygon, naming its coordinates, and writes nothing', async () => {
    const city = await stack.as('city');
    const before = await tableFingerprint();
    const geometry = { type: 'Polygon', coordinates: [circle(40_000)] };
    const body = await expectProblem(await city.post('/v1/compounds', { name: '四万个点', geometry }), 400);
    expect(body.errors).toEqual([{ field: 'body.geometry.coordinates', message: expect.stringMatching(/5,000/), code: 'geo.too-many-positions' }]);
    const patched = await expectProblem(await city.patch('/v1/compounds/c_a', { geometry }), 400);
    expect(patched.errors?.map((e) => e.field)).toEqual(['body.geometry.coordinates']);
    expect(await tableFingerprint()).toBe(before);
  });

  it('counts every part of a MultiPolygon towards the cap', async () => {
    const city = await stack.as('city');
    const parts = Array.from({ length: 3 }, (_, i) => [circle(2_000, 112.52 + i * 0.003)]);
    const body = await expectProblem(await city.post('/v1/compounds', { name: '三块', geometry: { type: 'MultiPolygon', coordinates: parts } }), 400);
    expect(body.errors?.map((e) => e.field)).toEqual(['body.geometry.coordinates']);
  });

  it('rejects an imported feature with 40,000 positions at its line', async () => {
    const file = [
      JSON.stringify({ type: 'Feature', properties: { external_id: 'BIG-1', name: '太多点' }, geometry: { type: 'Polygon', coordinates: [circle(40_000)] } }),
      JSON.stringify({ type: 'Feature', properties: { external_id: 'BIG-2', name: '正常点' }, geometry: square(112.515, 31.115, 0.001) }),
    ].join('\n');
    const client = await stack.as('city');
    const res = await client.request('POST', '/v1/imports?kind=compounds', { raw: file, contentType: 'application/geo+json' });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({
      imported: 1, rejected: 1, rejects: [{ line: 1, reason: expect.stringMatching(/^geometry\.coordinates: .*5,000/) }],
    });
  });

  it('is refused by the table before it is sent, naming the largest attribute', async () => {
    const big: Item = { pk: 'TEST#big', sk: 'A', type: 'test', note: 'x'.repeat(300_000), geometry: 'y'.repeat(150_000) };
    const small: Item = { pk: 'TEST#small', sk: 'A', type: 'test' };
    const before = await tableFingerprint();
    const attempts: (() => Promise<unknown>)[] = [
      () => putItem(big),
      () => transactWrite([{ put: small }, { put: big }]),
      () => batchWrite([small, big]),
    ];
    for (const attempt of attempts) {
      const error = await attempt().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ItemTooLargeError);
      expect(error).toMatchObject({ code: 'too-large', attribute: 'note', errors: [{ field: 'note' }] });
    }
    expect(await tableFingerprint()).toBe(before);
  });

  it('lets an item of just under 400 KB through', async () => {
    const item: Item = { pk: 'TEST#edge', sk: 'A', note: 'x'.repeat(400 * 1024 - 64) };
    await putItem(item);
  });
});
