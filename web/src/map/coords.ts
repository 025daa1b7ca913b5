/**
 * The one shift between stored coordinates (WGS-84) and the basemap's: Chinese tile providers
 * draw in GCJ-02 (AutoNavi, Tencent) or BD-09 (Baidu), offset from WGS-84 by up to several
 * hundred metres, so every overlay goes through `toMap` and every viewport through `fromMap`.
 * With WGS-84 tiles (or none) both are the identity. No Leaflet here (plain lat/lng objects),
 * so the shift is tested without a DOM.
 */
import gcoordExports from 'gcoord';
import type { LatLngLiteral } from 'leaflet';

export type TileCrs = 'wgs84' | 'gcj02' | 'bd09';

// gcoord's types declare an ES default export; Node's CommonJS build exports the object itself.
const gcoord = ((gcoordExports as { default?: unknown }).default ?? gcoordExports) as typeof gcoordExports.default;
const GCOORD_CRS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

export interface MapShift {
  readonly crs: TileCrs;
  /** A stored [lng, lat] where the basemap draws it. */
  toMap(position: readonly [number, number] | readonly number[]): LatLngLiteral;
  /** A point of the basemap as stored [lng, lat]. */
  fromMap(latlng: LatLngLiteral): [number, number];
}

const shifts = new Map<TileCrs, MapShift>();

export function mapShift(crs: TileCrs = 'wgs84'): MapShift {
  let shift = shifts.get(crs);
  if (shift) return shift;
  shift =
    crs === 'wgs84'
      ? { crs, toMap: ([lng, lat]) => ({ lat: lat as number, lng: lng as number }), fromMap: (latlng) => [latlng.lng, latlng.lat] }
      : {
          crs,
          toMap: ([lng, lat]) => {
            const [x, y] = gcoord.transform([lng as number, lat as number], gcoord.WGS84, GCOORD_CRS[crs]) as [number, number];
            return { lat: y, lng: x };
          },
          fromMap: (latlng) => gcoord.transform([latlng.lng, latlng.lat], GCOORD_CRS[crs], gcoord.WGS84) as [number, number],
        };
  shifts.set(crs, shift);
  return shift;
}
