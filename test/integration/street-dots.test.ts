/**
 * A street's dots kept whole (functions/stores/street-dots-store.ts): the list a street's dots
 * answer is the one its compounds answer page by page; every kind of compound write (a patch, a
 * sealing, a move to another street, a compound import, grids linked by a building import) shows on
 * the next list; a write racing a reader's store keeps the dots from being stored; dots a write's
 * version move never reached are read again after the maximum age; and each caller still sees only
 * the compounds of their jurisdiction.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetClock, setClock } from '#functions/platform/clock.ts';
import { getItem, putItem } from '#functions/platform/table.ts';
import { compoundWriteItem, getCompound, readStreetDotItems } from '#functions/stores/compound-store.ts';
import { DOTS_MAX_AGE_MS, streetDots } from '#functions/stores/street-dots-store.ts';
import { keys } from '#shared/table.ts';
import { fixtureUsers, seedFixtureCity } from '../support/fixture-city.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ users: fixtureUsers, seed: seedFixtureCity });
});
afterAll(() => stack.stop());
afterEach(() => resetClock());

interface Collection {
  features: { id: string; geometry: unknown; properties: Record<string, unknown> }[];
  nextToken?: string;
}

async function dots(username: string, streetId: string, extra = ''): Promise<Collection> {
  const res = await (await stack.as(username)).get(`/v1/compounds?streetId=${streetId}&shape=point${extra}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Collection;
}

/** The same list page by page (a cursor never reads the stored dots). */
async function paged(streetId: string): Promise<Collection['features']> {
  const city = await stack.as('city');
  const features: Collection['features'] = [];
  let next: string | undefined;
  do {
    const res = await city.get(`/v1/compounds?streetId=${streetId}&shape=point&limit=1${next ? `&nextToken=${encodeURIComponent(next)}` : ''}`);
    const body = (await res.json()) as Collection;
    features.push(...body.features);
    next = body.nextToken;
  } while (next);
  return features;
}

const stored = async (streetId: string) => getItem(keys.streetDots(streetId), { consistent: true });
const nameOf = (list: Collection, id: string) => list.features.find((f) => f.id === id)?.properties.name;

describe("a street's dots", () => {
  it('answer what the street answers page by page, from one stored item the second time', async () => {
    const first = await dots('city', 's1');
    expect(first.features.map((f) => f.id).sort()).toEqual(['c_a', 'c_b', 'c_c']);
    expect(first.nextToken).toBeUndefined();
    expect((await stored('s1'))?.dots).toEqual(expect.any(String));
    const second = await dots('city', 's1');
    expect(second).toEqual(first);
    expect(second.features).toEqual(await paged('s1'));
    // A status filter is answered from them too, as the street's status range would.
    expect((await dots('city', 's1', '&status=closed')).features.map((f) => f.id)).toEqual(['c_a']);
  });

  it('show a patched name, a sealing and a move to another street on the next list', async () => {
    await dots('city', 's1');
    await dots('city', 's2');
    const city = await stack.as('city');
    expect((await city.patch('/v1/compounds/c_c', { name: '兰台新苑' })).status).toBe(200);
    expect(nameOf(await dots('city', 's1'), 'c_c')).toBe('兰台新苑');

    const sealed = await city.post('/v1/compounds/c_c/seal', { level: 'lockdown', reason: '确诊病例' });
    expect(sealed.status, await sealed.clone().text()).toBe(200);
    expect((await dots('city', 's1')).features.find((f) => f.id === 'c_c')?.properties.status).toBe('lockdown');

    // c_b moves from cm1 (street s1) to cm3 (street s2): it leaves one street's dots and joins the other's.
    expect((await city.patch('/v1/compounds/c_b', { communityId: 'cm3' })).status).toBe(200);
    expect((await dots('city', 's1')).features.map((f) => f.id)).not.toContain('c_b');
    expect((await dots('city', 's2')).features.map((f) => f.id)).toContain('c_b');
    expect((await dots('city', 's2')).features).toEqual(await paged('s2'));
  });

  it('show a compound import and the grids a building import links', async () => {
    await dots('city', 's2');
    const city = await stack.as('city');
    const compounds = 'external_id,name,lng,lat,area_m2\nDOTS-1,石城北苑,112.62,31.12,8000\n';
    const imported = await city.request('POST', '/v1/imports?kind=compounds', { raw: compounds, contentType: 'text/csv' });
    expect(imported.status, await imported.clone().text()).toBe(200);
    expect((await dots('city', 's2')).features.map((f) => f.properties.name)).toContain('石城北苑');

    // A building of c_d (street s2, in no grid) in a grid cm3 does not have yet: the grid is made and c_d linked to it.
    const before = await dots('city', 's2');
    expect(before.features.find((f) => f.id === 'c_d')?.properties.gridIds).toEqual([]);
    const buildings = 'compound_id,name,grid_id,units,floors,households_per_floor,lng,lat\nc_d,新楼,g9,1,3,2,112.6105,31.1105\n';
    const linked = await city.request('POST', '/v1/imports?kind=buildings', { raw: buildings, contentType: 'text/csv' });
    const summary = (await linked.json()) as { imported: number };
    expect(linked.status, JSON.stringify(summary)).toBe(200);
    expect(summary.imported).toBe(1);
    expect((await dots('city', 's2')).features.find((f) => f.id === 'c_d')?.properties.gridIds).toEqual(['g9']);
  });

  it('are not stored when a compound of the street is written while they are read', async () => {
    const city = await stack.as('city');
    // A patch drops what is stored; a reader then reads the street, and another patch lands before it stores.
    expect((await city.patch('/v1/compounds/c_a', { address: '阳光路1号' })).status).toBe(200);
    expect((await stored('s1'))?.dots).toBeUndefined();
    const read = await streetDots('s1', async () => {
      const items = await readStreetDotItems('s1', 1000);
      expect((await city.patch('/v1/compounds/c_a', { name: '阳光新园' })).status).toBe(200);
      return items;
    });
    // This reader answers what it read (the old name); it stored nothing, so the next reads the new one.
    expect(read?.find((d) => d.id === 'c_a')?.name).not.toBe('阳光新园');
    expect((await stored('s1'))?.dots).toBeUndefined();
    expect(nameOf(await dots('city', 's1'), 'c_a')).toBe('阳光新园');
    expect((await stored('s1'))?.dots).toEqual(expect.any(String));
  });

  it('are read again once older than the maximum age, when a write never moved their version', async () => {
    const start = Date.now();
    setClock(() => new Date(start));
    const city = await stack.as('city');
    await city.patch('/v1/compounds/c_a', { address: '阳光路2号' });
    const fresh = await dots('city', 's1');
    // A write that stopped before it moved the version (written here straight to the table).
    const current = await getCompound('c_a');
    await putItem(compoundWriteItem({ ...current!, name: '阳光旧园' }));
    setClock(() => new Date(start + DOTS_MAX_AGE_MS - 1000));
    expect(await dots('city', 's1')).toEqual(fresh);
    setClock(() => new Date(start + DOTS_MAX_AGE_MS + 1000));
    expect(nameOf(await dots('city', 's1'), 'c_a')).toBe('阳光旧园');
  });

  it("give each caller only their jurisdiction's compounds, whoever stored them", async () => {
    await dots('city', 's1');
    expect((await stored('s1'))?.dots).toEqual(expect.any(String));
    expect((await dots('community-cm2', 's1')).features.map((f) => f.id)).toEqual(['c_c']);
    expect((await dots('grid-g1', 's1')).features.map((f) => f.id)).toEqual(['c_a']);
    const outside = await (await stack.as('community-cm2')).get('/v1/compounds?streetId=s2&shape=point');
    expect(outside.status).toBe(403);
  });
});
