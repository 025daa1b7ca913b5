/**
 * What the city map asks of the API: one size cap on every bbox parameter (compounds,
 * unresolved exits, unvisited buildings — 400 naming query.bbox, writing nothing), and the
 * compact point shape of the compound list a zoomed-out map draws as dots, and the street-by-street
 * listing the map makes of a city jurisdiction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BBOX_DEG } from '#shared/schemas/common.ts';
import { fixtureUsers, seedFixtureCity } from '../support/fixture-city.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { tableFingerprint } from '../support/table-scan.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ users: fixtureUsers, seed: seedFixtureCity });
});
afterAll(() => stack.stop());

interface Collection {
  features: { id: string; geometry: { type: string; coordinates: unknown } }[];
}

/** A box `span` degrees a side, from the fixture city's corner. */
const box = (span: number) => `112.5,31.1,${(112.5 + span).toFixed(3)},${(31.1 + span).toFixed(3)}`;

describe('bbox size cap', () => {
  it(`answers 400 naming query.bbox for a box over ${MAX_BBOX_DEG}° a side on every bbox route, and writes nothing`, async () => {
    const city = await stack.as('city');
    const before = await tableFingerprint();
    const wide = [box(MAX_BBOX_DEG + 0.5), `112.5,31.1,112.6,${31.1 + MAX_BBOX_DEG + 0.01}`];
    for (const bbox of wide) {
      for (const path of [
        `/v1/compounds?bbox=${bbox}`,
        `/v1/exits?status=unresolved&bbox=${bbox}`,
        `/v1/campaigns/cp_any/unvisited-buildings?bbox=${bbox}`,
      ]) {
        const res = await city.get(path);
        expect(res.status, path).toBe(400);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        const body = (await res.json()) as { errors?: { field: string; message: string }[] };
        expect(body.errors?.map((e) => e.field), path).toEqual(['query.bbox']);
        expect(body.errors?.[0]?.message).toContain(`${MAX_BBOX_DEG}°`);
      }
    }
    expect(await tableFingerprint()).toEqual(before);
  });

  it(`takes a box of exactly ${MAX_BBOX_DEG}° a side`, async () => {
    const city = await stack.as('city');
    const compounds = await city.get(`/v1/compounds?bbox=${box(MAX_BBOX_DEG)}`);
    expect(compounds.status).toBe(200);
    expect(((await compounds.json()) as Collection).features.length).toBeGreaterThan(0);
    expect((await city.get(`/v1/exits?status=unresolved&bbox=${box(MAX_BBOX_DEG)}`)).status).toBe(200);
  });
});

describe('compact compound shapes', () => {
  it('answers the same compounds as points only with shape=point, and areas by default', async () => {
    const city = await stack.as('city');
    const bbox = box(0.2);
    const areas = (await (await city.get(`/v1/compounds?bbox=${bbox}`)).json()) as Collection;
    const points = (await (await city.get(`/v1/compounds?bbox=${bbox}&shape=point`)).json()) as Collection;
    expect(points.features.map((f) => f.id).sort()).toEqual(areas.features.map((f) => f.id).sort());
    expect(areas.features.some((f) => f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon')).toBe(true);
    expect(new Set(points.features.map((f) => f.geometry.type))).toEqual(new Set(['Point']));
    expect(JSON.stringify(points).length).toBeLessThan(JSON.stringify(areas).length);
    // Compact: a dot's properties only, the point to 6 decimals.
    for (const f of points.features as (Collection['features'][number] & { properties: object })[]) {
      expect(Object.keys(f.properties).sort()).toEqual(['communityId', 'gridIds', 'id', 'name', 'status', 'streetId']);
      for (const n of f.geometry.coordinates as number[]) expect(Math.round(n * 1e6) / 1e6).toBe(n);
    }
    const bad = await city.get(`/v1/compounds?bbox=${bbox}&shape=outline`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors?: { field: string }[] }).errors?.map((e) => e.field)).toEqual(['query.shape']);
  });

  it('covers a city jurisdiction exactly street by street plus the unassigned, as the map lists it', async () => {
    const city = await stack.as('city');
    const ids = async (query: string) =>
      ((await (await city.get(`/v1/compounds?shape=point&${query}`)).json()) as Collection).features.map((f) => f.id);
    const communities = (await (await city.get('/v1/communities')).json()) as { features: { properties: { streetId: string } }[] };
    const streets = [...new Set(communities.features.map((c) => c.properties.streetId))];
    expect(streets.length).toBeGreaterThan(1);
    const parts = await Promise.all([...streets.map((s) => ids(`streetId=${s}`)), ids('unassigned=true')]);
    expect((await ids('unassigned=true')).length).toBeGreaterThan(0);
    expect(parts.flat().sort()).toEqual((await ids('limit=1000')).sort());
  });
});
