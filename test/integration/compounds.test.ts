import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, fixtureUsers, seedFixtureCity, square } from '../support/fixture-city.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { tableFingerprint } from '../support/table-scan.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ users: fixtureUsers, seed: seedFixtureCity });
});
afterAll(() => stack.stop());

interface Collection {
  type: 'FeatureCollection';
  features: { id: string; geometry: { type: string }; properties: Record<string, unknown> }[];
  nextToken?: string;
}
interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

async function ids(username: string, path: string): Promise<string[]> {
  const client = await stack.as(username);
  const res = await client.get(path);
  expect(res.status, await res.clone().text()).toBe(200);
  const body = (await res.json()) as Collection;
  return body.features.map((f) => f.id).sort();
}

async function problem(res: Response, status: number): Promise<ProblemBody> {
  expect(res.status, await res.clone().text()).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as ProblemBody;
}

describe('authentication', () => {
  it('answers 401 without a token, as the JWT authorizer does', async () => {
    const res = await stack.anonymous().get('/v1/compounds');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'Unauthorized' });
  });

  it('answers 401 for a forged, foreign or expired token', async () => {
    const valid = await stack.identity.issue('city');
    const forged = `${valid?.token.slice(0, -4)}AAAA`;
    const expired = await stack.identity.issue('city', new Date('2020-01-01T00:00:00Z'));
    for (const token of [forged, 'not-a-jwt', expired?.token ?? '']) {
      const res = await fetch(`${stack.url}/v1/compounds`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
    }
  });

  it('serves health and the API description without a token', async () => {
    const health = await stack.anonymous().get('/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
  });
});

describe('GET /v1/compounds', () => {
  it('scopes the list to each caller\'s jurisdiction', async () => {
    expect(await ids('city', '/v1/compounds')).toEqual(['c_a', 'c_b', 'c_c', 'c_d', 'c_e']);
    expect(await ids('official-city', '/v1/compounds')).toEqual(['c_a', 'c_b', 'c_c', 'c_d', 'c_e']);
    expect(await ids('official-s1', '/v1/compounds')).toEqual(['c_a', 'c_b', 'c_c']);
    expect(await ids('community-cm1', '/v1/compounds')).toEqual(['c_a', 'c_b']);
    expect(await ids('grid-g1', '/v1/compounds')).toEqual(['c_a']);
    expect(await ids('duty-a', '/v1/compounds')).toEqual(['c_a']);
    expect(await ids('disinfection-c', '/v1/compounds')).toEqual(['c_c', 'c_d']);
  });

  it('answers a bbox from the geo index, including polygons that reach in from outside', async () => {
    // The box covers the west part of c_b only; c_b's centroid lies outside it.
    expect(await ids('city', '/v1/compounds?bbox=112.535,31.119,112.541,31.13')).toEqual(['c_b']);
    expect(await ids('city', '/v1/compounds?bbox=112.50,31.10,112.60,31.15')).toEqual(['c_a', 'c_b', 'c_c']);
    expect(await ids('community-cm1', '/v1/compounds?bbox=112.50,31.10,112.60,31.15')).toEqual(['c_a', 'c_b']);
    expect(await ids('city', '/v1/compounds?bbox=100,20,100.1,20.1')).toEqual([]);
  });

  it('filters by status, community, street and unassigned', async () => {
    expect(await ids('city', '/v1/compounds?status=closed')).toEqual(['c_a', 'c_d']);
    expect(await ids('city', '/v1/compounds?communityId=cm1&status=lockdown')).toEqual(['c_b']);
    expect(await ids('city', '/v1/compounds?streetId=s2')).toEqual(['c_d']);
    expect(await ids('city', '/v1/compounds?unassigned=true')).toEqual(['c_e']);
    expect(await ids('city', '/v1/compounds?bbox=112.50,31.10,112.60,31.15&status=normal')).toEqual(['c_c']);
  });

  it('returns GeoJSON with the contract\'s properties', async () => {
    const client = await stack.as('city');
    const res = await client.get('/v1/compounds?communityId=cm2');
    expect(res.headers.get('content-type')).toBe('application/geo+json');
    const body = (await res.json()) as Collection;
    expect(body.features[0]).toMatchObject({
      type: 'Feature',
      id: 'c_c',
      geometry: { type: 'Polygon' },
      properties: { id: 'c_c', name: '兰台名苑', status: 'normal', communityId: 'cm2', streetId: 's1' },
    });
  });

  it('pages through every compound with nextToken, without repeats', async () => {
    const client = await stack.as('city');
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await client.get(`/v1/compounds?limit=2${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`);
      const body = (await res.json()) as Collection;
      expect(body.features.length).toBeLessThanOrEqual(2);
      seen.push(...body.features.map((f) => f.id));
      token = body.nextToken;
      pages++;
    } while (token && pages < 10);
    expect(seen.sort()).toEqual(['c_a', 'c_b', 'c_c', 'c_d', 'c_e']);
  });

  it('answers 400 naming the field for bad query values', async () => {
    const client = await stack.as('city');
    const cases: [string, string][] = [
      ['/v1/compounds?bbox=1,2,3', 'query.bbox'],
      ['/v1/compounds?bbox=10,10,5,5', 'query.bbox'],
      ['/v1/compounds?status=sealed', 'query.status'],
      ['/v1/compounds?limit=0', 'query.limit'],
      ['/v1/compounds?nextToken=garbage', 'query.nextToken'],
      ['/v1/compounds?communityId=nope', 'query.communityId'],
      ['/v1/compounds?communityId=bad%20id', 'query.communityId'],
    ];
    for (const [path, field] of cases) {
      const body = await problem(await client.get(path), 400);
      expect(body.errors?.map((e) => e.field), path).toContain(field);
    }
  });

  it('answers 403 for a filter outside the caller\'s jurisdiction', async () => {
    const admin = await stack.as('community-cm1');
    await problem(await admin.get('/v1/compounds?communityId=cm2'), 403);
    const official = await stack.as('official-s1');
    await problem(await official.get('/v1/compounds?streetId=s2'), 403);
  });
});

describe('GET /v1/compounds/{id} and its buildings and exits', () => {
  it('gets a compound in jurisdiction, 403 outside, 404 unknown, 400 for a bad id', async () => {
    const admin = await stack.as('community-cm1');
    const res = await admin.get('/v1/compounds/c_a');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: 'c_a', properties: { name: '阳光花园', gridIds: ['g1'], version: 1 } });
    await problem(await admin.get('/v1/compounds/c_c'), 403);
    await problem(await admin.get('/v1/compounds/c_zzz'), 404);
    const bad = await problem(await admin.get('/v1/compounds/bad%20id'), 400);
    expect(bad.errors?.[0]?.field).toBe('params.id');
  });

  it('lists buildings with grid and households, and exits with status', async () => {
    const grid = await stack.as('grid-g1');
    const buildings = (await (await grid.get('/v1/compounds/c_a/buildings')).json()) as Collection;
    expect(buildings.features.map((f) => f.properties)).toEqual([
      expect.objectContaining({ id: 'b_a1', gridId: 'g1', households: 24, units: 2, floors: 6 }),
      expect.objectContaining({ id: 'b_a2', gridId: 'g1', households: 10 }),
    ]);
    const duty = await stack.as('duty-a');
    const exits = (await (await duty.get('/v1/compounds/c_a/exits')).json()) as Collection;
    expect(exits.features.map((f) => [f.id, f.properties.status])).toEqual([['e_a1', 'open'], ['e_a2', 'sealed']]);
    expect(exits.features[0]?.geometry.type).toBe('Point');
    await problem(await duty.get('/v1/compounds/c_c/exits'), 403);
  });
});

describe('POST /v1/compounds', () => {
  it('creates a compound placed by its polygon, with an audit record and Location', async () => {
    const city = await stack.as('city');
    const res = await city.post('/v1/compounds', { name: '明珠苑', geometry: square(112.57, 31.13, 0.002), propertyManaged: true, status: 'closed' });
    expect(res.status, await res.clone().text()).toBe(201);
    const created = (await res.json()) as { id: string; properties: Record<string, unknown> };
    expect(res.headers.get('location')).toBe(`/v1/compounds/${created.id}`);
    expect(created.properties).toMatchObject({ communityId: 'cm2', streetId: 's1', unassigned: false, status: 'closed', areaSource: 'polygon', createdBy: 'city' });
    const history = (await (await city.get(`/v1/compounds/${created.id}/history`)).json()) as { items: { action: string; actor: string; changes: Record<string, unknown> }[] };
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ action: 'create', actor: 'city' });
    expect(history.items[0]?.changes.name).toEqual({ from: null, to: '明珠苑' });
  });

  it('refuses a second compound with the same name at the same place (409)', async () => {
    const city = await stack.as('city');
    const body = { name: '重复小区', location: [112.58, 31.14] };
    expect((await city.post('/v1/compounds', body)).status).toBe(201);
    await problem(await city.post('/v1/compounds', body), 409);
  });

  it('puts a community admin\'s compound in their community, and refuses another community', async () => {
    const admin = await stack.as('community-cm1');
    // The point lies in cm2, but the admin works in cm1.
    const res = await admin.post('/v1/compounds', { name: '新建小区', location: [112.57, 31.12] });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { properties: { communityId: string } }).properties.communityId).toBe('cm1');
    await problem(await admin.post('/v1/compounds', { name: '别人的小区', location: [112.57, 31.12], communityId: 'cm2' }), 403);
  });

  it('refuses roles that do not manage the registry', async () => {
    for (const username of ['grid-g1', 'duty-a', 'disinfection-c', 'official-city']) {
      const client = await stack.as(username);
      await problem(await client.post('/v1/compounds', { name: 'x', location: [112.5, 31.1] }), 403);
    }
  });

  it('answers 400 naming each bad field, and writes nothing', async () => {
    const city = await stack.as('city');
    const before = await tableFingerprint();
    const cases: [unknown, string][] = [
      [{}, 'body.name'],
      [{ name: '' , location: [112.5, 31.1] }, 'body.name'],
      [{ name: 'x' }, 'body.geometry'],
      [{ name: 'x', location: [200, 31] }, 'body.location.0'],
      [{ name: 'x', location: [112.5, 31.1], colour: 'red' }, 'body.colour'],
      [{ name: 'x', geometry: { type: 'Polygon', coordinates: [[[112.5, 31.1], [112.6, 31.1], [112.6, 31.2]]] } }, 'body.geometry.coordinates.0'],
      [{ name: 'x', location: [112.5, 31.1], status: 'sealed' }, 'body.status'],
      [{ name: 'x', location: [112.5, 31.1], communityId: 'nowhere' }, 'body.communityId'],
      [[1, 2, 3], 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await city.post('/v1/compounds', body);
      const details = await problem(res, 400);
      expect(details.errors?.map((e) => e.field), JSON.stringify(body)).toContain(field);
    }
    const malformed = await city.request('POST', '/v1/compounds', { raw: '{"name":', contentType: 'application/json' });
    expect((await problem(malformed, 400)).errors?.[0]?.field).toBe('body');
    await problem(await city.request('POST', '/v1/compounds', { raw: 'name=x', contentType: 'text/plain' }), 415);
    expect(await tableFingerprint()).toBe(before);
  });
});

describe('PATCH /v1/compounds/{id}', () => {
  it('changes registry fields and audits exactly what changed', async () => {
    const admin = await stack.as('community-cm1');
    const res = await admin.patch('/v1/compounds/c_b', { name: '王府新苑', propertyManaged: true });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ properties: { name: '王府新苑', propertyManaged: true, version: 2, updatedBy: 'community-cm1' } });
    const history = (await (await admin.get('/v1/compounds/c_b/history')).json()) as { items: { action: string; changes: Record<string, unknown> }[] };
    expect(history.items[0]).toMatchObject({ action: 'update', changes: { name: { from: '王府小区', to: '王府新苑' }, propertyManaged: { from: false, to: true } } });
    expect(Object.keys(history.items[0]?.changes ?? {}).sort()).toEqual(['name', 'propertyManaged']);
  });

  it('writes nothing for a patch that changes nothing', async () => {
    const city = await stack.as('city');
    const before = await tableFingerprint();
    const res = await city.patch('/v1/compounds/c_d', { name: fixture.compounds.d.name });
    expect(res.status).toBe(200);
    expect(await tableFingerprint()).toBe(before);
  });

  it('assigns an unassigned compound to a community by hand', async () => {
    const city = await stack.as('city');
    const res = await city.patch('/v1/compounds/c_e', { communityId: 'cm3' });
    expect(await res.json()).toMatchObject({ properties: { communityId: 'cm3', streetId: 's2', unassigned: false } });
    expect(await ids('city', '/v1/compounds?unassigned=true')).toEqual([]);
    expect(await ids('city', '/v1/compounds?communityId=cm3')).toEqual(['c_d', 'c_e']);
  });

  it('refuses status changes (seal and lift do that), unknown fields and empty patches', async () => {
    const city = await stack.as('city');
    expect((await problem(await city.patch('/v1/compounds/c_a', { status: 'normal' }), 400)).errors?.[0]?.field).toBe('body.status');
    expect((await problem(await city.patch('/v1/compounds/c_a', {}), 400)).errors?.[0]?.field).toBe('body');
  });

  it('refuses compounds outside the caller\'s jurisdiction and roles that may not edit', async () => {
    const admin = await stack.as('community-cm1');
    await problem(await admin.patch('/v1/compounds/c_c', { name: 'x' }), 403);
    await problem(await admin.patch('/v1/compounds/c_a', { communityId: 'cm2' }), 403);
    const grid = await stack.as('grid-g1');
    await problem(await grid.patch('/v1/compounds/c_a', { name: 'x' }), 403);
  });

  it('lets exactly one of racing patches of one version win; the others get 409', async () => {
    const city = await stack.as('city');
    const before = (await (await city.get('/v1/compounds/c_c')).json()) as { properties: { version: number } };
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => city.patch('/v1/compounds/c_c', { address: `兰台路${i}号` })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const won = statuses.filter((s) => s === 200).length;
    expect(won).toBeGreaterThanOrEqual(1);
    const after = (await (await city.get('/v1/compounds/c_c')).json()) as { properties: { version: number } };
    expect(after.properties.version).toBe(before.properties.version + won);
    const history = (await (await city.get('/v1/compounds/c_c/history')).json()) as { items: { action: string }[] };
    expect(history.items.filter((h) => h.action === 'update')).toHaveLength(won);
  });
});

describe('GET /v1/compounds/{id}/history', () => {
  it('is for city staff, officials and community admins only', async () => {
    await problem(await (await stack.as('grid-g1')).get('/v1/compounds/c_a/history'), 403);
    expect((await (await stack.as('official-s1')).get('/v1/compounds/c_a/history')).status).toBe(200);
  });
});

describe('paging a compound\'s history, buildings and exits', () => {
  it('walks page by page, and answers 400 for a cursor of another list', async () => {
    const city = await stack.as('city');
    const first = (await (await city.get('/v1/compounds/c_a/buildings?limit=1')).json()) as Collection;
    expect(first.features.map((f) => f.id)).toEqual(['b_a1']);
    const second = (await (await city.get(`/v1/compounds/c_a/buildings?limit=1&nextToken=${encodeURIComponent(first.nextToken ?? '')}`)).json()) as Collection;
    expect(second.features.map((f) => f.id)).toEqual(['b_a2']);
    // A well-formed token of the buildings list, sent to another compound's list and to the history.
    const exits = (await (await city.get('/v1/compounds/c_a/exits?limit=1')).json()) as Collection;
    for (const path of [
      `/v1/compounds/c_b/buildings?nextToken=${encodeURIComponent(first.nextToken ?? '')}`,
      `/v1/compounds/c_a/history?nextToken=${encodeURIComponent(first.nextToken ?? '')}`,
      `/v1/compounds/c_a/buildings?nextToken=${encodeURIComponent(exits.nextToken ?? '')}`,
    ]) {
      const bad = await problem(await city.get(path), 400);
      expect(bad.errors?.[0]?.field, path).toBe('query.nextToken');
    }
  });
});

describe('GET /v1/communities', () => {
  it('lists the communities a caller works in, with boundaries', async () => {
    expect(await ids('city', '/v1/communities')).toEqual(['cm1', 'cm2', 'cm3']);
    expect(await ids('official-s1', '/v1/communities')).toEqual(['cm1', 'cm2']);
    expect(await ids('grid-g1', '/v1/communities')).toEqual(['cm1']);
    expect(await ids('disinfection-c', '/v1/communities')).toEqual(['cm2', 'cm3']);
  });
});

describe('routing', () => {
  it('answers 404 for routes the catalogue does not have', async () => {
    const res = await (await stack.as('city')).get('/v1/nothing-here');
    expect(res.status).toBe(404);
  });
});
