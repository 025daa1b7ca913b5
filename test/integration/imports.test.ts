import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCompound } from '#functions/stores/compound-store.ts';
import { getGrid } from '#functions/stores/places-store.ts';
import type { Item } from '#functions/platform/table.ts';
import { compoundIdFor } from '#shared/domain/compounds.ts';
import type { ImportSummary } from '#shared/schemas/imports.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { countByType, fixture, scanAll, seedPlaces, users } from './imports-support.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ users, seed: seedPlaces });
});
afterAll(() => stack.stop());

async function importAs(
  username: string,
  body: Buffer | string,
  query: string,
  contentType = 'text/csv',
): Promise<{ status: number; body: ImportSummary & { errors?: { field: string }[]; detail?: string } }> {
  const client = await stack.as(username);
  const response = await client.request('POST', `/v1/imports?${query}`, { raw: body, contentType });
  return { status: response.status, body: await response.json() };
}

const idOf = (externalId: string) => compoundIdFor({ externalId, name: '' }, [0, 0]);
const compoundsNamed = async (name: string) =>
  (await scanAll()).filter((i) => i.type === 'compound' && i.name === name);
const auditsOf = async (entityId: string) =>
  (await scanAll()).filter((i) => i.type === 'audit' && i.entityId === entityId) as Item[];

describe('POST /v1/imports refuses bad requests and writes nothing', () => {
  it('answers 401 without a token', async () => {
    const before = await countByType();
    const response = await stack.anonymous().request('POST', '/v1/imports', { raw: fixture('compounds.csv'), contentType: 'text/csv' });
    expect(response.status).toBe(401);
    expect(await countByType()).toEqual(before);
  });

  it('answers 403 to a role that may not import', async () => {
    const { status, body } = await importAs('grid1', fixture('compounds.csv'), 'kind=compounds');
    expect(status).toBe(403);
    expect(body.detail).toMatch(/grid/);
    expect((await importAs('official1', fixture('compounds.csv'), 'kind=compounds')).status).toBe(403);
  });

  it('answers 403 when a community admin imports community boundaries', async () => {
    const { status } = await importAs('comm1', fixture('communities.geojson'), 'kind=communities', 'application/geo+json');
    expect(status).toBe(403);
  });

  it('answers 415 to a content type it does not read, and to a charset it cannot decode', async () => {
    expect((await importAs('city1', fixture('compounds.csv'), 'kind=compounds', 'text/plain')).status).toBe(415);
    expect((await importAs('city1', fixture('compounds.csv'), 'kind=compounds', 'text/csv; charset=latin1')).status).toBe(415);
    expect((await importAs('city1', fixture('compounds.csv'), 'kind=communities', 'text/csv')).status).toBe(415);
  });

  it('answers 400 naming the query field that is wrong', async () => {
    for (const [query, field] of [
      ['kind=houses', 'query.kind'],
      ['crs=epsg3857', 'query.crs'],
      ['encoding=latin1', 'query.encoding'],
      ['lineOffset=-3', 'query.lineOffset'],
      ['importId=has%20space', 'query.importId'],
      ['columns=nonsense', 'query.columns'],
      ['columns=colour:名称', 'query.columns'],
      ['columns=name:没有这列', 'query.columns'],
    ] as const) {
      const { status, body } = await importAs('city1', fixture('compounds.csv'), query);
      expect(status, query).toBe(400);
      expect(body.errors?.map((e) => e.field), query).toContain(field);
    }
  });

  it('answers 400 naming the body when the file itself cannot be read', async () => {
    const cases: [Buffer | string, string, string][] = [
      ['name,address\nx,y\n', 'text/csv', 'no column for lng'],
      ['hello, world', 'application/json', 'is not GeoJSON'],
      ['{"type":"FeatureCollection","features":[]}', 'application/geo+json', 'has no features'],
      [iconv.encode('名称,经度,纬度\n小区,112.5,31.1\n', 'gb18030'), 'text/csv; charset=utf-8', 'not valid UTF-8'],
    ];
    for (const [body, type, message] of cases) {
      const response = await importAs('city1', body, 'kind=compounds', type);
      expect(response.status, message).toBe(400);
      expect(response.body.errors?.[0]?.field).toBe('body');
      expect(response.body.detail).toContain(message);
    }
    const empty = await (await stack.as('city1')).request('POST', '/v1/imports', { raw: '', contentType: 'text/csv' });
    expect(empty.status).toBe(400);
  });
});

describe('importing compounds from CSV', () => {
  it('imports UTF-8 rows, places them by point, holds one outside every community at city level', async () => {
    const { status, body } = await importAs('city1', fixture('compounds.csv'), 'kind=compounds');
    expect(status).toBe(200);
    expect(body).toMatchObject({ kind: 'compounds', imported: 4, updated: 0, rejected: 0, rejects: [] });
    const [sunny, happy, garden, palace] = await Promise.all(['YZ-001', 'YZ-002', 'YZ-003', 'YZ-004'].map((e) => getCompound(idOf(e))));
    expect(sunny).toMatchObject({ name: '阳光小区', communityId: 'cm1', streetId: 's1', status: 'closed', propertyManaged: true, areaM2: 52000, areaSource: 'declared', unassigned: false, location: [112.52, 31.15] });
    expect(happy).toMatchObject({ communityId: 'cm2', status: 'lockdown', propertyManaged: false, address: '郢中街道幸福路2号, 东区' });
    expect(garden).toMatchObject({ communityId: null, streetId: null, unassigned: true, status: 'normal' });
    expect(palace).toMatchObject({ communityId: 'cm1', status: 'lifted' });
    const audits = await auditsOf(idOf('YZ-001'));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'create', actor: 'city1', source: `import:${body.importId}` });
  });

  it('re-imports the same rows from UTF-8 with BOM and Chinese headers, and from GB18030: updates, never duplicates', async () => {
    const before = (await countByType()).compound;
    const withBom = await importAs('city1', fixture('compounds-zh.csv'), 'kind=compounds');
    expect(withBom.body).toMatchObject({ imported: 0, updated: 4, unchanged: 4, rejected: 0 });
    const gbk = await importAs('city1', fixture('compounds-gb18030.csv'), 'kind=compounds&encoding=auto');
    expect(gbk.body).toMatchObject({ imported: 0, updated: 4, unchanged: 4, rejected: 0 });
    const declared = await importAs('city1', fixture('compounds-gb18030.csv'), 'kind=compounds', 'text/csv; charset=GBK');
    expect(declared.body).toMatchObject({ imported: 0, updated: 4, rejected: 0 });
    expect((await countByType()).compound).toBe(before);
    expect(await auditsOf(idOf('YZ-001'))).toHaveLength(1);
  });

  it('writes a change and its audit record when a re-imported row differs', async () => {
    const changed = fixture('compounds.csv').toString('utf8').replace('YZ-002,幸福家园,"郢中街道幸福路2号, 东区",112.57,31.15,,lockdown', 'YZ-002,幸福家园,"郢中街道幸福路2号, 东区",112.57,31.15,,lifted');
    const { body } = await importAs('city1', changed, 'kind=compounds');
    expect(body).toMatchObject({ imported: 0, updated: 4, unchanged: 3 });
    expect((await getCompound(idOf('YZ-002')))?.status).toBe('lifted');
    const audits = await auditsOf(idOf('YZ-002'));
    expect(audits.map((a) => a.action).sort()).toEqual(['create', 'update']);
    expect(audits.find((a) => a.action === 'update')?.changes).toEqual({ status: { from: 'lockdown', to: 'lifted' } });
  });

  it('rejects bad rows with their line and a reason naming the field, and writes nothing for them', async () => {
    const before = await countByType();
    const { status, body } = await importAs('city1', fixture('bad-compounds.csv'), 'kind=compounds');
    expect(status).toBe(200);
    expect(body.imported).toBe(2);
    expect(body.rejected).toBe(7);
    const byLine = Object.fromEntries(body.rejects.map((r) => [r.line, r.reason]));
    expect(Object.keys(byLine).map(Number)).toEqual([3, 4, 7, 8, 9, 10, 11]);
    expect(byLine[3]).toMatch(/^name: is required/);
    expect(byLine[4]).toMatch(/^lng: must be a number/);
    expect(byLine[7]).toMatch(/^status: must be one of normal, closed, lockdown, lifted/);
    expect(byLine[8]).toMatch(/^lng: must be at most 180/);
    expect(byLine[9]).toBe('community_id: no community cm-nope');
    expect(byLine[10]).toMatch(/^duplicate of line 2 \(same external id BAD-1\)/);
    expect(byLine[11]).toMatch(/quoted field is not closed/);
    const after = await countByType();
    expect(after.compound).toBe((before.compound ?? 0) + 2);
    expect(after.audit).toBe((before.audit ?? 0) + 2);
    expect(await compoundsNamed('坏状态')).toHaveLength(0);
    expect(await compoundsNamed('重复')).toHaveLength(0);
    expect((await getCompound(idOf('BAD-4')))?.address).toBe('郢中街道\n多行路4号');
  });

  it('adds lineOffset to every reported line, and writes nothing on a dry run', async () => {
    const before = await countByType();
    const { body } = await importAs('city1', fixture('bad-compounds.csv'), 'kind=compounds&lineOffset=1000&dryRun=true&importId=part-2');
    expect(body.importId).toBe('part-2');
    expect(body.rejects.map((r) => r.line)).toEqual([1003, 1004, 1007, 1008, 1009, 1010, 1011]);
    expect(body.rejects.find((r) => r.line === 1010)?.reason).toMatch(/duplicate of line 1002/);
    expect(body).toMatchObject({ imported: 0, updated: 2, unchanged: 2 });
    expect(await countByType()).toEqual(before);
  });

  it('lists the first 1,000 rejects and counts them all', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `T-${i},,112.52,31.15`);
    const { body } = await importAs('city1', `external_id,name,lng,lat\n${rows.join('\n')}\n`, 'kind=compounds');
    expect(body).toMatchObject({ imported: 0, rejected: 1200, rejectsTruncated: true });
    expect(body.rejects).toHaveLength(1000);
    expect(body.rejects.at(-1)?.line).toBe(1001);
  });

  it('maps columns given explicitly, where the headers are not ones it knows', async () => {
    const unmapped = await importAs('city1', fixture('mapped.csv'), 'kind=compounds');
    expect(unmapped.status).toBe(400);
    const columns = encodeURIComponent('external_id:序号,name:小区全称,lng:东经,lat:北纬');
    const { status, body } = await importAs('city1', fixture('mapped.csv'), `kind=compounds&columns=${columns}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ imported: 2, rejected: 0 });
    expect(await getCompound(idOf('M-1'))).toMatchObject({ name: '映射小区', location: [112.53, 31.13], communityId: 'cm1' });
  });

  it('converts GCJ-02 coordinates to WGS-84 on the way in', async () => {
    const { body } = await importAs('city1', fixture('compounds-gcj02.csv'), 'kind=compounds&crs=gcj02');
    expect(body.imported).toBe(1);
    const stored = await getCompound(idOf('GCJ-1'));
    // GCJ-02 (112.58, 31.17) is WGS-84 (112.5744234, 31.1723525): about 590 m west-north-west.
    expect(stored?.location[0]).toBeCloseTo(112.5744234, 6);
    expect(stored?.location[1]).toBeCloseTo(31.1723525, 6);
  });
});

describe('importing compounds from GeoJSON', () => {
  it('takes polygons, multipolygons and points, and rejects features at the line where they start', async () => {
    const { status, body } = await importAs('city1', fixture('compounds.geojson'), 'kind=compounds', 'application/geo+json');
    expect(status).toBe(200);
    expect(body).toMatchObject({ imported: 3, rejected: 3 });
    expect(body.rejects).toEqual([
      { line: 26, reason: 'geometry: must be Polygon or MultiPolygon or Point for compounds, not LineString' },
      { line: 31, reason: 'name: is required' },
      { line: 32, reason: expect.stringMatching(/^geometry\.coordinates\.0: a ring must be closed/) },
    ]);
    const polygon = await getCompound(idOf('GJ-1'));
    expect(polygon).toMatchObject({ status: 'closed', propertyManaged: true, areaSource: 'polygon', communityId: 'cm1' });
    expect(polygon?.geometry?.type).toBe('Polygon');
    expect(polygon?.areaM2).toBeGreaterThan(30_000);
    const multi = await getCompound(idOf('GJ-2'));
    expect(multi).toMatchObject({ name: '多块小区', status: 'lockdown', communityId: 'cm2' });
    expect(multi?.geometry?.type).toBe('MultiPolygon');
    expect(await getCompound(idOf('GJ-3'))).toMatchObject({ geometry: null, location: [112.53, 31.17] });
  });

  it('reads newline-delimited GeoJSON and a single Feature', async () => {
    const lines = [
      '{"type":"Feature","properties":{"external_id":"ND-1","name":"逐行一"},"geometry":{"type":"Point","coordinates":[112.54,31.11]}}',
      '',
      '{"type":"Feature","properties":{"external_id":"ND-2","name":"逐行二"},"geometry":{"type":"Point","coordinates":[112.541,31.11]}}',
      '{"type":"Feature","properties":{"external_id":"ND-3"},"geometry":{"type":"Point","coordinates":[112.542,31.11]}}',
    ].join('\n');
    const { body } = await importAs('city1', lines, 'kind=compounds', 'application/json');
    expect(body).toMatchObject({ imported: 2, rejected: 1, rejects: [{ line: 4, reason: 'name: is required' }] });
    const single = await importAs('city1', '{"type":"Feature","id":"ONE","properties":{"name":"单个"},"geometry":{"type":"Point","coordinates":[112.55,31.11]}}', 'kind=compounds', 'application/geo+json');
    expect(single.body).toMatchObject({ imported: 1, rejected: 0 });
  });
});

describe('a community admin imports within their community only', () => {
  it('rejects rows in or naming another community, and keeps rows in no community', async () => {
    const csv = [
      'external_id,name,lng,lat,community_id',
      'J-1,本社区小区,112.52,31.16,',
      'J-2,外社区小区,112.57,31.16,',
      'J-3,城外小区,112.8,31.16,',
      'J-4,指定外社区,112.52,31.17,cm2',
      'YZ-002,幸福家园,112.57,31.15,',
    ].join('\n');
    const { status, body } = await importAs('comm1', csv, 'kind=compounds');
    expect(status).toBe(200);
    expect(body).toMatchObject({ imported: 2, rejected: 3 });
    expect(body.rejects).toEqual([
      { line: 3, reason: 'lies in community cm2, outside your jurisdiction' },
      { line: 5, reason: 'community_id: community cm2 is outside your jurisdiction' },
      { line: 6, reason: expect.stringMatching(/is outside your jurisdiction/) },
    ]);
    expect(await getCompound(idOf('J-3'))).toMatchObject({ communityId: 'cm1', streetId: 's1', unassigned: false });
    expect(await getCompound(idOf('J-2'))).toBeUndefined();
  });

  it('imports buildings only for compounds it can see', async () => {
    const csv = 'compound_external_id,name,units,floors,households_per_floor\nJ-1,社区楼,1,6,2\nYZ-002,别人的楼,1,6,2\n';
    const { body } = await importAs('comm1', csv, 'kind=buildings');
    expect(body).toMatchObject({ imported: 1, rejected: 1 });
    expect(body.rejects[0]?.reason).toMatch(/outside your jurisdiction/);
  });
});

describe('importing buildings and exits', () => {
  it('finds each building\'s compound, computes households, and links compounds and grids', async () => {
    const { body } = await importAs('city1', fixture('buildings.csv'), 'kind=buildings');
    expect(body).toMatchObject({ imported: 6, rejected: 3 });
    expect(body.rejects).toEqual([
      { line: 5, reason: 'compound_external_id: no compound with external id YZ-999' },
      { line: 8, reason: 'units: must be at most 20' },
      { line: 9, reason: 'grid_id: grid g1 belongs to community cm1, not to cm2 where the compound lies' },
    ]);
    // A grid the community lacked is created once, by name, and both of its buildings join it.
    const created = (await scanAll()).filter((i) => i.type === 'grid' && i.name === '幸福社区第9网格');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ communityId: 'cm2', streetId: 's1', workers: [] });
    const inNewGrid = (await scanAll()).filter((i) => i.type === 'building' && i.gridId === created[0]?.id);
    expect(inNewGrid.map((b) => b.name).sort()).toEqual(['3栋', '5栋']);
    const buildings = (await scanAll()).filter((i) => i.type === 'building' && i.compoundId === idOf('YZ-001'));
    expect(buildings.map((b) => [b.name, b.households, b.gridId]).sort()).toEqual([['1栋', 24, 'g1'], ['2栋', 216, 'g1']]);
    const palace = (await scanAll()).find((i) => i.type === 'building' && i.compoundId === idOf('YZ-004'));
    expect(palace).toMatchObject({ gridId: null, location: [112.51, 31.12] });
    expect((await getCompound(idOf('YZ-001')))?.gridIds).toEqual(['g1']);
    expect((await getCompound(idOf('YZ-002')))?.gridIds).toEqual(['g2', created[0]?.id].sort());
    expect((await getGrid('g1'))?.compoundIds).toEqual([idOf('YZ-001')]);
    expect((await auditsOf(idOf('YZ-001'))).some((a) => JSON.stringify(a.changes) === JSON.stringify({ gridIds: { from: [], to: ['g1'] } }))).toBe(true);

    const before = await countByType();
    const again = await importAs('city1', fixture('buildings.csv'), 'kind=buildings');
    expect(again.body).toMatchObject({ imported: 0, updated: 6, unchanged: 6, rejected: 3 });
    expect(await countByType()).toEqual(before);
  });

  it('creates a new grid once when two imports name it at the same time', async () => {
    const csv = (externalId: string) =>
      `external_id,compound_external_id,name,grid_id,units,floors,households_per_floor\n${externalId},YZ-002,${externalId}栋,同时网格,1,6,2\n`;
    const answers = await Promise.all([importAs('city1', csv('RACE-1'), 'kind=buildings'), importAs('city1', csv('RACE-2'), 'kind=buildings')]);
    for (const { body } of answers) expect(body).toMatchObject({ imported: 1, rejected: 0 });
    const grids = (await scanAll()).filter((i) => i.type === 'grid' && i.name === '同时网格');
    expect(grids).toHaveLength(1);
    const inGrid = (await scanAll()).filter((i) => i.type === 'building' && i.gridId === grids[0]?.id);
    expect(inGrid.map((b) => b.externalId).sort()).toEqual(['RACE-1', 'RACE-2']);
    expect((await getCompound(idOf('YZ-002')))?.gridIds).toContain(grids[0]?.id);
  });

  it('takes a building footprint from GeoJSON, located at its centroid', async () => {
    const footprint = {
      type: 'Feature',
      properties: { external_id: 'B-POLY', compound_external_id: 'YZ-002', name: '5栋', units: 2, floors: '11', households_per_floor: 2, grid_id: 'g2' },
      geometry: { type: 'Polygon', coordinates: [[[112.5702, 31.1502], [112.5704, 31.1502], [112.5704, 31.1504], [112.5702, 31.1504], [112.5702, 31.1502]]] },
    };
    const { body } = await importAs('city1', JSON.stringify(footprint), 'kind=buildings', 'application/geo+json');
    expect(body).toMatchObject({ imported: 1, rejected: 0 });
    const stored = (await scanAll()).find((i) => i.type === 'building' && i.externalId === 'B-POLY');
    expect(stored).toMatchObject({ households: 44, gridId: 'g2', geometry: footprint.geometry });
    expect(stored?.location).toEqual([112.5703, 31.1503]);
  });

  it('creates no grid on a dry run', async () => {
    const before = await countByType();
    const csv = 'compound_external_id,name,grid_id,units,floors,households_per_floor\nYZ-002,6栋,幸福社区第10网格,1,6,2\n';
    const { body } = await importAs('city1', csv, 'kind=buildings&dryRun=true');
    expect(body).toMatchObject({ imported: 1, rejected: 0 });
    expect(await countByType()).toEqual(before);
  });

  it('finds a compound by a name unique in the caller\'s jurisdiction', async () => {
    const csv = 'compound_name,name,units,floors,households_per_floor\n阳光小区,3栋,2,6,2\n没有的小区,1栋,1,6,2\n';
    const { body } = await importAs('city1', csv, 'kind=buildings');
    expect(body).toMatchObject({ imported: 1, rejected: 1 });
    expect(body.rejects[0]).toEqual({ line: 3, reason: 'compound_name: no compound named 没有的小区 in your jurisdiction' });
  });

  it('imports exits with Chinese kinds and statuses', async () => {
    const { body } = await importAs('city1', fixture('exits.csv'), 'kind=exits');
    expect(body).toMatchObject({ imported: 3, rejected: 1 });
    expect(body.rejects[0]).toMatchObject({ line: 5, reason: expect.stringMatching(/^kind: must be one of pedestrian, vehicle, mixed/) });
    const exits = (await scanAll()).filter((i) => i.type === 'exit');
    expect(exits.map((e) => [e.name, e.kind, e.status]).sort()).toEqual([
      ['东门', 'pedestrian', 'sealed'], ['北门', 'vehicle', 'sealed'], ['南门', 'mixed', 'open'],
    ]);
  });
});

// Last: the local API answers 413 before reading the whole body, which ends that connection.
describe('POST /v1/imports over the size limit', () => {
  it('answers 413 to a body over 10 MB, as API Gateway does', async () => {
    const header = 'external_id,name,lng,lat\n';
    const big = header + 'X,大文件小区,112.52,31.15\n'.repeat(Math.ceil((10.5 * 1024 * 1024) / 30));
    const before = await countByType();
    const { status } = await importAs('city1', big, 'kind=compounds');
    expect(status).toBe(413);
    expect(await countByType()).toEqual(before);
  });
});
