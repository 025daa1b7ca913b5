/**
 * Registry records as GeoJSON features, the shape every map endpoint answers with.
 */
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import { validPosition } from '#shared/geo/validate.ts';
import type { Building } from '#shared/schemas/building.ts';
import type { Point } from '#shared/schemas/common.ts';
import type { CompoundFeature, CompoundListProperties, CompoundProperties, CompoundShape } from '#shared/schemas/compound.ts';
import type { Exit } from '#shared/schemas/exit.ts';

export const point = (location: readonly [number, number]): Point => ({ type: 'Point', coordinates: [location[0], location[1]] });

/** 6 decimals: ~0.1 m, finer than any dot on a screen. */
const toMicroDegrees = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * `shape: 'point'` answers the centroid and what a dot needs (CompoundListProperties): a
 * zoomed-out map draws ten thousand dots, not outlines. Undefined for a stored compound with no
 * place to draw (compoundFromItem repairs what it can, and has logged it): a list skips it
 * rather than fail for every other compound.
 */
export function compoundSummaryFeature(c: CompoundRecord, shape: CompoundShape = 'area') {
  if (!validPosition(c.location) || !(c.areaM2 >= 0)) return undefined;
  if (shape === 'point') {
    const properties: CompoundListProperties = {
      id: c.id, name: c.name, status: c.status, communityId: c.communityId, streetId: c.streetId, gridIds: c.gridIds,
    };
    return { type: 'Feature' as const, id: c.id, geometry: point([toMicroDegrees(c.location[0]), toMicroDegrees(c.location[1])]), properties };
  }
  const properties: CompoundProperties = {
    id: c.id, name: c.name, status: c.status, communityId: c.communityId, streetId: c.streetId,
    propertyManaged: c.propertyManaged, areaM2: c.areaM2, unassigned: c.unassigned, gridIds: c.gridIds,
  };
  return { type: 'Feature' as const, id: c.id, geometry: c.geometry ?? point(c.location), properties };
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
