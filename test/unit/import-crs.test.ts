import { describe, expect, it } from 'vitest';
import { geometryToWgs84, positionToWgs84 } from '#shared/import/crs.ts';

/** The published GCJ-02 obfuscation (WGS-84 → GCJ-02, Krasovsky 1940), written out independently of gcoord. */
function wgsToGcj(lng: number, lat: number): [number, number] {
  const a = 6378245.0;
  const ee = 0.006693421622965943;
  const x = lng - 105;
  const y = lat - 35;
  const pi = Math.PI;
  const waves = (2 / 3) * (20 * Math.sin(6 * x * pi) + 20 * Math.sin(2 * x * pi));
  let dLat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x)) + waves;
  dLat += (2 / 3) * (20 * Math.sin(y * pi) + 40 * Math.sin((y / 3) * pi));
  dLat += (2 / 3) * (160 * Math.sin((y / 12) * pi) + 320 * Math.sin((y * pi) / 30));
  let dLng = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x)) + waves;
  dLng += (2 / 3) * (20 * Math.sin(x * pi) + 40 * Math.sin((x / 3) * pi));
  dLng += (2 / 3) * (150 * Math.sin((x / 12) * pi) + 300 * Math.sin((x / 30) * pi));
  const radLat = (lat / 180) * pi;
  const magic = 1 - ee * Math.sin(radLat) ** 2;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180) / (((a * (1 - ee)) / (magic * sqrtMagic)) * pi);
  dLng = (dLng * 180) / ((a / sqrtMagic) * Math.cos(radLat) * pi);
  return [lng + dLng, lat + dLat];
}

/** Baidu's BD-09 on top of GCJ-02 (the published bd_encrypt). */
function gcjToBd(lng: number, lat: number): [number, number] {
  const xPi = (Math.PI * 3000) / 180;
  const z = Math.sqrt(lng * lng + lat * lat) + 0.00002 * Math.sin(lat * xPi);
  const theta = Math.atan2(lat, lng) + 0.000003 * Math.cos(lng * xPi);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

function metres(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}

describe('positionToWgs84', () => {
  it('takes GCJ-02 (112.58, 31.17) in Zhongxiang to WGS-84 (112.5744234, 31.1723525), some 590 m away', () => {
    const wgs = positionToWgs84([112.58, 31.17], 'gcj02');
    expect(wgs[0]).toBeCloseTo(112.5744234, 6);
    expect(wgs[1]).toBeCloseTo(31.1723525, 6);
    expect(metres([112.58, 31.17], wgs)).toBeGreaterThan(500);
    expect(metres([112.58, 31.17], wgs)).toBeLessThan(700);
  });

  it('inverts the published GCJ-02 formula to within a decimetre', () => {
    for (const wgs of [[112.5744234, 31.1723525], [116.391, 39.907], [121.4737, 31.2304], [113.2644, 23.1291]] as const) {
      const back = positionToWgs84(wgsToGcj(wgs[0], wgs[1]), 'gcj02');
      expect(metres(wgs, back)).toBeLessThan(0.1);
    }
  });

  it('inverts BD-09 to within a metre', () => {
    const wgs = [112.58, 31.17] as const;
    const bd = gcjToBd(...wgsToGcj(wgs[0], wgs[1]));
    expect(metres(wgs, bd)).toBeGreaterThan(800);
    expect(metres(wgs, positionToWgs84(bd, 'bd09'))).toBeLessThan(1);
  });

  it('leaves WGS-84 as it is, rounded to 1e-7°', () => {
    expect(positionToWgs84([112.123456789, 31.987654321], 'wgs84')).toEqual([112.1234568, 31.9876543]);
  });
});

describe('geometryToWgs84', () => {
  it('converts every position of polygons and keeps their rings closed', () => {
    const ring: [number, number][] = [[112.58, 31.17], [112.59, 31.17], [112.59, 31.18], [112.58, 31.17]];
    const polygon = geometryToWgs84({ type: 'Polygon', coordinates: [ring] }, 'gcj02');
    expect(polygon.coordinates[0]?.[0]).toEqual(positionToWgs84([112.58, 31.17], 'gcj02'));
    expect(polygon.coordinates[0]?.[3]).toEqual(polygon.coordinates[0]?.[0]);
    const multi = geometryToWgs84({ type: 'MultiPolygon', coordinates: [[ring], [ring]] }, 'bd09');
    expect(multi.coordinates).toHaveLength(2);
    expect(multi.coordinates[1]?.[0]?.[2]).toEqual(positionToWgs84([112.59, 31.18], 'bd09'));
    expect(geometryToWgs84({ type: 'Point', coordinates: [112.58, 31.17] }, 'gcj02').coordinates).toEqual(positionToWgs84([112.58, 31.17], 'gcj02'));
  });
});
