/** Small conversions between GeoJSON features and Leaflet bounds, through the map's shift. */
import L, { type LatLngBounds } from 'leaflet';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { MapShift } from './coords.ts';
import { clampBbox, type Bbox } from './tiles.ts';

type AnyFeature = { readonly type: 'Feature'; readonly geometry: unknown; readonly properties: unknown };

/** Leaflet's GeoJSON layer takes the catalogue's features as they are. */
export function asCollection(features: readonly AnyFeature[]): FeatureCollection<Geometry | null> {
  return { type: 'FeatureCollection', features: features as unknown as Feature<Geometry | null>[] };
}

/** Leaflet's GeoJSON option that draws stored coordinates where the basemap has them. */
export const shiftedCoords = (shift: MapShift) => ({ coordsToLatLng: (c: number[]) => L.latLng(shift.toMap(c)) });

/** The bounds (on the map) of the features' geometries, or undefined when none has one. */
export function boundsOf(features: readonly AnyFeature[], shift: MapShift): LatLngBounds | undefined {
  if (features.length === 0) return undefined;
  const bounds = L.geoJSON(asCollection(features), shiftedCoords(shift)).getBounds();
  return bounds.isValid() ? bounds : undefined;
}

/** The map's bounds as a stored (WGS-84) bbox, clamped to the widest the API takes. */
export function viewBbox(bounds: LatLngBounds, shift: MapShift): Bbox {
  const [west, south] = shift.fromMap(bounds.getSouthWest());
  const [east, north] = shift.fromMap(bounds.getNorthEast());
  const clamp = (value: number, limit: number) => Math.min(limit, Math.max(-limit, value));
  const rounded = (n: number) => Number(n.toFixed(5));
  return clampBbox([clamp(west, 180), clamp(south, 90), clamp(east, 180), clamp(north, 90)]).map(rounded) as unknown as Bbox;
}
