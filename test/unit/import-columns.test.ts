import { describe, expect, it } from 'vitest';
import { fieldLabel, mapColumns, normaliseHeader, propertyMapper } from '#shared/import/columns.ts';
import { ImportFileError } from '#shared/import/errors.ts';

const fieldsOf = (mapping: ReturnType<typeof mapColumns>) => Object.fromEntries(mapping.index);

describe('normaliseHeader', () => {
  it('ignores width, case, separators and a trailing unit', () => {
    expect(normaliseHeader('\uFEFF Area_M2 ')).toBe('aream2');
    expect(normaliseHeader('面积（㎡）')).toBe('面积');
    expect(normaliseHeader('ＬＮＧ')).toBe('lng');
    expect(normaliseHeader('households-per floor')).toBe('householdsperfloor');
  });
});

describe('mapColumns', () => {
  it('reads the canonical columns of each kind', () => {
    const compounds = 'external_id,name,address,lng,lat,community_id,status,property_managed,area_m2'.split(',');
    expect(fieldsOf(mapColumns('compounds', compounds, undefined))).toEqual(Object.fromEntries(compounds.map((c, i) => [c, i])));
    const buildings = 'external_id,compound_external_id,name,grid_id,units,floors,households_per_floor,lng,lat'.split(',');
    expect(fieldsOf(mapColumns('buildings', buildings, undefined))).toEqual(Object.fromEntries(buildings.map((c, i) => [c, i])));
    const exits = 'external_id,compound_external_id,name,kind,status,lng,lat'.split(',');
    expect(fieldsOf(mapColumns('exits', exits, undefined))).toEqual(Object.fromEntries(exits.map((c, i) => [c, i])));
  });

  it('recognises Chinese and other names, per kind', () => {
    expect(fieldsOf(mapColumns('compounds', ['小区编号', '小区名称', '地址', '经度', '纬度', '状态', '有无物业', '面积(㎡)'], undefined))).toEqual({
      external_id: 0, name: 1, address: 2, lng: 3, lat: 4, status: 5, property_managed: 6, area_m2: 7,
    });
    // In a buildings file 小区名称 names the compound, 名称 the building.
    expect(fieldsOf(mapColumns('buildings', ['小区名称', '名称', '单元数', '层数', '每层户数', 'Longitude', 'Latitude'], undefined))).toEqual({
      compound_name: 0, name: 1, units: 2, floors: 3, households_per_floor: 4, lng: 5, lat: 6,
    });
  });

  it('lets an explicit mapping win, and names query.columns when it cannot work', () => {
    // 名称 would be the name, but the mapping gave the name another column.
    const mapping = mapColumns('compounds', ['小区', '东经', '北纬', '名称'], { name: '小区', lng: '东经', lat: '北纬' });
    expect(fieldsOf(mapping)).toEqual({ name: 0, lng: 1, lat: 2 });
    expect(() => mapColumns('compounds', ['小区'], { name: '没有' })).toThrow(ImportFileError);
    try {
      mapColumns('compounds', ['小区'], { colour: '小区' });
    } catch (error) {
      expect(error).toMatchObject({ field: 'query.columns', message: expect.stringMatching(/colour is not a field of compounds/) });
    }
  });

  it('labels a field by the header the file uses', () => {
    const mapping = mapColumns('compounds', ['纬度', 'lng'], undefined);
    expect(fieldLabel('lat', mapping)).toBe('纬度 (lat)');
    expect(fieldLabel('lng', mapping)).toBe('lng');
    expect(fieldLabel('name', mapping)).toBe('name');
  });
});

describe('propertyMapper', () => {
  it('maps GeoJSON property names, and a mapped property a feature lacks is just absent', () => {
    const map = propertyMapper('compounds', { name: '全称' });
    expect(fieldsOf(map(['全称', 'status']))).toEqual({ name: 0, status: 1 });
    expect(fieldsOf(map(['名称']))).toEqual({ name: 0 });
  });
});
