/**
 * Registry records as GeoJSON features, the shape every map endpoint answers with.
 */
import type { CompoundRecord } from '../../shared/domain/compounds.ts';
import type { Building } from '../../shared/schemas/building.ts';
import type { Point } from '../../shared/schemas/common.ts';
import type { CompoundFeature, CompoundProperties } from '../../shared/schemas/compound.ts';
import type { Exit } from '../../shared/schemas/exit.ts';

export const point = (location: readonly [number, number]): Point => ({ type: 'Point', coordinates: [location[0], location[1]] });

/** `shape: 'point'` answers the centroid only: a zoomed-out map draws dots, not outlines. */
export function compoundSummaryFeature(c: CompoundRecord, shape: 'area' | 'point' = 'area') {
  const properties: CompoundProperties = {
    id: c.id, name: c.name, status: c.status, communityId: c.communityId, streetId: c.streetId,
    propertyManaged: c.propertyManaged, areaM2: c.areaM2, unassigned: c.unassigned, gridIds: c.gridIds,
  };
  return { type: 'Feature' as const, id: c.id, geometry: (shape === 'area' ? c.geometry : null) ?? point(c.location), properties };
}

export function compoundFeature(c: CompoundRecord): CompoundFeature {
  const { geometry, bbox: _bbox, ...properties } = c;
  return { type: 'Feature', id: c.id, geometry: geometry ?? point(c.location), properties };
}

export function buildingFeature(b: Building) {
  const { geometry, location, updatedAt: _u, updatedBy: _b, ...properties } = b;
  return { type: 'Feature' as const, id: b.id, geometry: geometry ?? point(location), properties };
}

export function exitFeature(e: Exit) {
  const { location, updatedAt: _u, updatedBy: _b, ...properties } = e;
  return { type: 'Feature' as const, id: e.id, geometry: point(location), properties };
}

export function collection<F>(features: F[], nextToken: string | undefined) {
  return { type: 'FeatureCollection' as const, features, ...(nextToken ? { nextToken } : {}) };
}
