/** Small conversions between GeoJSON features, Leaflet bounds and the API's bbox parameter. */
import L, { type LatLngBounds } from 'leaflet';
import type { Feature, FeatureCollection, Geometry } from 'geojson';

type AnyFeature = { readonly type: 'Feature'; readonly geometry: unknown; readonly properties: unknown };

/** Leaflet's GeoJSON layer takes the catalogue's features as they are. */
export function asCollection(features: readonly AnyFeature[]): FeatureCollection<Geometry | null> {
  return { type: 'FeatureCollection', features: features as unknown as Feature<Geometry | null>[] };
}

/** The bounds of the features' geometries, or undefined when none has one. */
export function boundsOf(features: readonly AnyFeature[]): LatLngBounds | undefined {
  if (features.length === 0) return undefined;
  const bounds = L.geoJSON(asCollection(features)).getBounds();
  return bounds.isValid() ? bounds : undefined;
}

const clamp = (value: number, limit: number) => Math.min(limit, Math.max(-limit, value));

/** `minLng,minLat,maxLng,maxLat` as the API's bbox parameter takes it (5 decimals ≈ 1 m). */
export function bboxParam(bounds: LatLngBounds): string {
  return [
    clamp(bounds.getWest(), 180),
    clamp(bounds.getSouth(), 90),
    clamp(bounds.getEast(), 180),
    clamp(bounds.getNorth(), 90),
  ]
    .map((n) => n.toFixed(5))
    .join(',');
}
