import { describe, expect, it } from 'vitest';
import { mapColumns } from '#shared/import/columns.ts';
import { ImportFileError } from '#shared/import/errors.ts';
import { formatOf, readItems } from '#shared/import/read.ts';
import { communityIdFor, memberId } from '#shared/domain/ids.ts';
import { memberIdFor } from '#shared/domain/compounds.ts';
import { isUnreadable, readRow, type SourceRow } from '#shared/import/rows.ts';
import { compoundStatus, exitKind, exitStatus, toNumber, yesNo } from '#shared/import/values.ts';

/** A row on line 7 whose cells are given by header, as a file would have them. */
function source(kind: Parameters<typeof mapColumns>[0], cells: Record<string, unknown>, geometry?: unknown): SourceRow {
  const headers = Object.keys(cells);
  const mapping = mapColumns(kind, headers, undefined);
  const values = Object.fromEntries([...mapping.index].map(([field, at]) => [field, cells[headers[at] as string]]));
  return { line: 7, values, ...(geometry !== undefined ? { geometry } : {}), mapping };
}

describe('values', () => {
  it('reads Chinese and English words for statuses, kinds and yes/no', () => {
    expect(['正常', '封闭管理', '封控', '解除', 'Closed', ' lockdown '].map((v) => compoundStatus().parse(v))).toEqual([
      'normal', 'closed', 'lockdown', 'lifted', 'closed', 'lockdown',
    ]);
    expect(['是', '否', '有', '无', '1', 0, 'TRUE', 'no', true].map((v) => yesNo().parse(v))).toEqual([
      true, false, true, false, true, false, true, false, true,
    ]);
    expect(['人行', '车行', '人车混行', 'vehicle'].map((v) => exitKind().parse(v))).toEqual(['pedestrian', 'vehicle', 'mixed', 'vehicle']);
    expect(['开放', '封闭', 'sealed'].map((v) => exitStatus().parse(v))).toEqual(['open', 'sealed', 'sealed']);
    expect(compoundStatus().parse('')).toBeUndefined();
  });

  it('reads numbers with full-width digits and thousands separators, and leaves other text for zod to refuse', () => {
    expect(['１２３', ' 12,000 ', '-3.5', '1e3', 42].map(toNumber)).toEqual([123, 12000, -3.5, 1000, 42]);
    expect(['12,00', 'abc', '0x10', ''].map(toNumber)).toEqual(['12,00', 'abc', '0x10', undefined]);
  });
});

describe('readRow', () => {
  it('makes a compound row, converting its point from GCJ-02', () => {
    const result = readRow('compounds', source('compounds', { external_id: 'A', name: ' 阳光小区 ', lng: '112.58', lat: '31.17', status: '封控', area_m2: '1,200' }), 'gcj02');
    expect(result).toEqual({
      ok: true,
      row: { line: 7, externalId: 'A', name: '阳光小区', status: 'lockdown', areaM2: 1200, location: [112.5744234, 31.1723525] },
    });
  });

  it('rejects with every problem, naming fields as the file does', () => {
    const result = readRow('compounds', source('compounds', { 小区名称: '', 经度: '112.5', 状态: '隔离' }), 'wgs84');
    expect(result).toEqual({
      ok: false,
      line: 7,
      reason: '小区名称 (name): is required; 状态 (status): must be one of normal, closed, lockdown, lifted (正常, 封闭管理, 封控, 解除); lat: is required with 经度 (lng)',
    });
  });

  it('takes a compound polygon from GeoJSON, dropping altitudes, and checks it', () => {
    const ring = [[112.5, 31.1, 12], [112.51, 31.1, 12], [112.51, 31.11, 12], [112.5, 31.1, 12]];
    const ok = readRow('compounds', source('compounds', { name: '多边形' }, { type: 'Polygon', coordinates: [ring] }), 'wgs84');
    expect(ok.ok && ok.row.geometry?.coordinates[0]?.[0]).toEqual([112.5, 31.1]);
    const open = readRow('compounds', source('compounds', { name: '开口' }, { type: 'Polygon', coordinates: [ring.slice(0, 3).concat([[112.6, 31.2]])] }), 'wgs84');
    expect(open).toMatchObject({ ok: false, reason: expect.stringMatching(/^geometry\.coordinates\.0: a ring must be closed/) });
    const exit = readRow('exits', source('exits', { name: '门', compound_id: 'c_1', status: 'open' }, { type: 'Polygon', coordinates: [ring] }), 'wgs84');
    expect(exit).toMatchObject({ ok: false, reason: 'geometry: must be Point for exits, not Polygon' });
  });

  it('makes a building row with its compound reference and limits from the Building schema', () => {
    const ok = readRow('buildings', source('buildings', { 小区编号: 'A', 楼栋: '1栋', 单元数: '2', 层数: '6', 每层户数: '2', 网格: 'g1' }), 'wgs84');
    expect(ok).toEqual({
      ok: true,
      row: { line: 7, compound: { by: 'externalId', value: 'A' }, name: '1栋', grid: 'g1', units: 2, floors: 6, householdsPerFloor: 2 },
    });
    const bad = readRow('buildings', source('buildings', { name: '1栋', units: '0', floors: '6.5', households_per_floor: '2', grid_id: '网'.repeat(101) }), 'wgs84');
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.reason).toBe(
      'grid_id: must be at most 100 characters; units: must be at least 1; floors: must be a whole number; compound_external_id: is required (or compound_id, compound_name)',
    );
  });

  it('makes a community row and needs its boundary and street', () => {
    const boundary = { type: 'Polygon', coordinates: [[[112.5, 31.1], [112.6, 31.1], [112.6, 31.2], [112.5, 31.1]]] };
    const ok = readRow('communities', source('communities', { external_id: 'wf', name: '王府社区', street_id: 's1' }, boundary), 'wgs84');
    expect(ok).toMatchObject({ ok: true, row: { externalId: 'wf', name: '王府社区', streetId: 's1', boundary } });
    const bad = readRow('communities', source('communities', { external_id: 'wf', name: '王府社区' }, null), 'wgs84');
    expect(!bad.ok && bad.reason).toBe('street_id: is required; geometry: a community needs a Polygon or MultiPolygon boundary');
  });
});

describe('readItems', () => {
  it('reads CSV rows with the physical line each starts on, skipping blank and delimiter-only rows', () => {
    const text = 'name,lng,lat\n"两行\n名称",1,2\n\n,,\nx,"3",4\nextra,1,2,3,4\n';
    const items = [...readItems(text, { kind: 'compounds', format: 'csv' })];
    expect(items.map((i) => i.line)).toEqual([2, 6, 7]);
    expect(items[0]).toMatchObject({ values: { name: '两行\n名称', lng: '1', lat: '2' } });
    expect(items[2]).toEqual({ line: 7, reject: 'the row has 5 fields; the header has 3' });
  });

  it('names the missing columns when the header lacks what the kind needs', () => {
    expect(() => [...readItems('名称,地址\nx,y\n', { kind: 'compounds', format: 'csv' })]).toThrow(/no column for lng .*; lat/);
    expect(() => [...readItems('', { kind: 'compounds', format: 'csv' })]).toThrow(/no header row/);
    expect(() => [...readItems('{}', { kind: 'communities', format: 'csv' })]).toThrow(ImportFileError);
  });

  it('reads GeoJSON features, taking the Feature id as the external id', () => {
    const text = '{"type":"FeatureCollection","features":[\n{"type":"Feature","id":7,"properties":{"名称":"甲"},"geometry":null},\n5,\n{"type":"Feature","properties":[1]}\n]}';
    const items = [...readItems(text, { kind: 'compounds', format: 'geojson' })];
    expect(items[0]).toMatchObject({ line: 2, values: { name: '甲', external_id: 7 }, geometry: null });
    expect(items.slice(1).map((i) => isUnreadable(i) && i.reject)).toEqual(['expected a GeoJSON Feature object', 'properties: must be an object']);
  });

  it('chooses the format from the query, else the media type', () => {
    expect(formatOf('auto', 'text/csv')).toBe('csv');
    expect(formatOf('auto', 'application/geo+json')).toBe('geojson');
    expect(formatOf('csv', 'application/json')).toBe('csv');
  });
});

describe('communityIdFor', () => {
  it('is stable and the same for an external id with or without spaces around it', () => {
    expect(communityIdFor('wangfu')).toBe(communityIdFor(' wangfu '));
    expect(communityIdFor('wangfu')).toMatch(/^cm_[0-9a-z]{13}$/);
  });
});

describe('memberId', () => {
  it('scopes a building\'s or exit\'s id to its compound, by external id or by name and place', () => {
    const row = { externalId: 'B-1', name: '1栋' };
    expect(memberId('building', 'c_a', row, [112.5, 31.1])).toBe(memberId('building', 'c_a', { ...row, name: '另名' }, [0, 0]));
    expect(memberId('building', 'c_a', row, [0, 0])).not.toBe(memberId('building', 'c_b', row, [0, 0]));
    expect(memberId('exit', 'c_a', row, [0, 0])).not.toBe(memberId('exit', 'c_b', row, [0, 0]));
    const unnamed = { name: '南门' };
    expect(memberId('exit', 'c_a', unnamed, [112.5, 31.1])).not.toBe(memberId('exit', 'c_b', unnamed, [112.5, 31.1]));
    expect(memberId('exit', 'c_a', unnamed, [112.5, 31.1])).toMatch(/^e_[0-9a-z]{13}$/);
    expect(memberId('building', 'c_a', row, [0, 0])).toMatch(/^b_[0-9a-z]{13}$/);
  });

  it('differs from the id made before ids were scoped, which stays as it was', () => {
    expect(memberId('building', 'c_a', { externalId: 'B-1', name: '' }, [0, 0])).not.toBe(memberIdFor('building', { externalId: 'B-1', name: '' }, [0, 0]));
    expect(memberIdFor('building', { externalId: 'B-1', name: '' }, [0, 0])).toBe('b_1z82jcjib706o');
  });
});
