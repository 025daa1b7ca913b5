/**
 * Random and malformed input, generated with fast-check (PROPERTY_RUNS runs each): a compound
 * body or import file that is wrong by construction is refused (4xx, or every import row
 * rejected) and writes nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toNumber } from '#shared/import/values.ts';
import { IMPORT_KINDS } from '#shared/schemas/imports.ts';
import { startTestStack, type Client, type TestStack } from '../support/stack.ts';
import { scanAll, seedPlaces, users } from './imports-support.ts';

let stack: TestStack;
let city: Client;
let community: Client;

beforeAll(async () => {
  stack = await startTestStack({ users, seed: seedPlaces });
  city = await stack.as('city1');
  community = await stack.as('comm1');
});
afterAll(() => stack.stop());

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);
const itemCount = async () => (await scanAll()).length;

/** A valid compound, then exactly one thing made wrong: every body is invalid by construction. */
const VALID = { name: '阳光小区', location: [112.52, 31.15] };
const corruptions: fc.Arbitrary<Record<string, unknown>>[] = [
  fc.oneof(fc.constant(''), fc.constant('   '), fc.integer(), fc.boolean(), fc.constant(null), fc.string({ minLength: 101, maxLength: 200 }).filter((s) => s.trim().length > 100))
    .map((name) => ({ ...VALID, name })),
  fc.oneof(
    fc.tuple(fc.double({ noNaN: true }), fc.double({ noNaN: true })).filter(([x, y]) => Math.abs(x) > 180 || Math.abs(y) > 90),
    fc.array(fc.double(), { maxLength: 1 }),
    fc.array(fc.double(), { minLength: 3, maxLength: 5 }),
    fc.string(),
    fc.constant(null),
  ).map((location) => ({ ...VALID, location })),
  fc.string({ minLength: 1, maxLength: 10 }).filter((k) => !['name', 'externalId', 'address', 'status', 'propertyManaged', 'communityId', 'geometry', 'location', 'areaM2'].includes(k))
    .chain((key) => fc.jsonValue().map((value) => ({ ...VALID, [key]: value }))),
  fc.string().filter((s) => !['normal', 'closed', 'lockdown', 'lifted'].includes(s)).map((status) => ({ ...VALID, status })),
  fc.oneof(fc.double({ max: 0 }), fc.constant(6e7), fc.string()).map((areaM2) => ({ ...VALID, areaM2 })),
  fc.string({ minLength: 1 }).filter((s) => !/^[A-Za-z0-9_-]{1,64}$/.test(s)).map((communityId) => ({ ...VALID, communityId })),
  fc.array(fc.tuple(fc.double({ min: 112, max: 113 }), fc.double({ min: 31, max: 32 })), { minLength: 1, maxLength: 3 })
    .map((ring) => ({ name: '小区', geometry: { type: 'Polygon', coordinates: [ring] } })),
  fc.constant({ name: '无位置小区' }),
];

const rawJson = fc.oneof(
  fc.json().filter((text) => !text.includes('"location"') && !text.includes('"geometry"')),
  fc.string(),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
);

describe('POST /v1/compounds with random and malformed bodies', () => {
  it('answers only 4xx and writes nothing', async () => {
    const before = await itemCount();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.oneof(...corruptions).map((body) => ({ raw: JSON.stringify(body), type: 'application/json' })),
          rawJson.map((raw) => ({ raw, type: 'application/json' })),
          fc.record({ raw: fc.string(), type: fc.constantFrom('text/plain', 'application/xml', 'text/csv', '') }),
        ),
        fc.constantFrom(city, community),
        async ({ raw, type }, client) => {
          const response = await client.request('POST', '/v1/compounds', { raw, contentType: type });
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
          await response.arrayBuffer();
        },
      ),
      { numRuns: RUNS },
    );
    expect(await itemCount()).toBe(before);
  });
});

/** CSV rows each broken in one field, under a header that is fine. */
const badCompoundRow = fc.oneof(
  fc.constant(',,112.52,31.15'),
  fc.string({ maxLength: 8 }).filter((s) => !/[",\r\n]/.test(s) && s.trim() !== '' && typeof toNumber(s) !== 'number').map((lng) => `X,小区,${lng},31.15`),
  fc.double({ min: 181, max: 1e6 }).map((lng) => `X,小区,${lng},31.15`),
  fc.double({ min: 91, max: 1e6 }).map((lat) => `X,小区,112.5,${lat}`),
  fc.constant('X,小区,112.52,'),
  fc.constant('X,小区,,31.15'),
  fc.constant('X,"未闭合,112.52,31.15'),
  fc.string({ minLength: 101, maxLength: 120 }).filter((s) => !/[",\r\n]/.test(s) && s.trim().length > 100).map((name) => `X,${name},112.52,31.15`),
);

const badFeature = fc.oneof(
  fc.constant('{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[112.5,31.1]}}'),
  fc.constant('{"type":"Feature","properties":{"name":"线"},"geometry":{"type":"LineString","coordinates":[[112.5,31.1],[112.6,31.2]]}}'),
  fc.constant('{"type":"Feature","properties":{"name":"无"},"geometry":null}'),
  fc.constant('{"type":"Polygon","coordinates":[]}'),
  fc.constant('{"type":"Feature","properties":{"name":"x" "y"}}'),
  fc.double().filter((v) => Math.abs(v) > 180).map((x) => `{"type":"Feature","properties":{"name":"远"},"geometry":{"type":"Point","coordinates":[${x},31]}}`),
  fc.json(),
);

describe('POST /v1/imports with random and malformed files', () => {
  it('answers 4xx, or 200 with every row rejected, and writes nothing', async () => {
    const before = await itemCount();
    const csvFile = fc.array(badCompoundRow, { minLength: 1, maxLength: 6 })
      .map((rows) => ({ raw: ['external_id,name,lng,lat', ...rows].join('\n'), type: 'text/csv', kind: 'compounds' as string }));
    const geojsonFile = fc.array(badFeature, { minLength: 1, maxLength: 6 })
      .map((features) => ({ raw: `{"type":"FeatureCollection","features":[\n${features.join(',\n')}\n]}`, type: 'application/geo+json', kind: 'compounds' as string }));
    const randomFile = fc.record({
      raw: fc.oneof(fc.string(), fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)), fc.json()),
      type: fc.constantFrom('text/csv', 'application/json', 'application/geo+json', 'text/csv; charset=gbk', 'image/png'),
      kind: fc.oneof(fc.constantFrom(...IMPORT_KINDS), fc.string({ maxLength: 12 })),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(csvFile, geojsonFile, randomFile),
        fc.constantFrom('', '&crs=gcj02', '&encoding=gb18030', '&encoding=utf8', '&format=csv', '&format=geojson', '&lineOffset=x'),
        async ({ raw, type, kind }, extra) => {
          const response = await city.request('POST', `/v1/imports?kind=${encodeURIComponent(kind)}${extra}`, { raw, contentType: type });
          const body = (await response.json()) as { imported?: number; updated?: number; rejected?: number };
          if (response.status === 200) {
            expect(body.imported).toBe(0);
            expect(body.updated).toBe(0);
          } else {
            expect(response.status).toBeGreaterThanOrEqual(400);
            expect(response.status).toBeLessThan(500);
          }
        },
      ),
      { numRuns: RUNS },
    );
    expect(await itemCount()).toBe(before);
  });
});
