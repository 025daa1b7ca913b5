/**
 * Registry rules for compounds: how a new or changed compound is derived from what was given
 * (shape, area, community), pure so that create, patch, import and the demo seed agree.
 */
import type { Caller } from '../roles.ts';
import type { AreaGeometry } from '../schemas/common.ts';
import type { Compound, CompoundStatus } from '../schemas/compound.ts';
import { shapeOf, type Boundary, containing } from '../geo/shape.ts';
import { entityId } from './ids.ts';

export interface CommunityRef extends Boundary {
  readonly streetId: string;
}

/** A compound as stored: the API shape plus its bbox, which the geo query filters on. */
export type CompoundRecord = Compound & { readonly bbox: readonly [number, number, number, number] };

export interface CompoundDraft {
  readonly name: string;
  readonly externalId?: string | undefined;
  readonly address?: string | undefined;
  readonly status?: CompoundStatus | undefined;
  readonly propertyManaged?: boolean | undefined;
  readonly communityId?: string | undefined;
  readonly geometry?: AreaGeometry | null | undefined;
  readonly location?: readonly [number, number] | undefined;
  readonly areaM2?: number | null | undefined;
}

/** The fields an audit record compares. */
export const AUDITED_COMPOUND_FIELDS = [
  'name', 'externalId', 'address', 'status', 'propertyManaged', 'streetId', 'communityId', 'unassigned',
  'gridIds', 'areaM2', 'areaSource', 'geometry', 'location',
] as const satisfies readonly (keyof Compound)[];

/**
 * Places a compound: the named community if given, else the community whose boundary holds its
 * point, else nowhere (unassigned, held at city level).
 */
export function placeCompound(
  location: readonly [number, number],
  communityId: string | undefined,
  communities: readonly CommunityRef[],
): { streetId: string | null; communityId: string | null; unassigned: boolean } {
  const named = communityId !== undefined ? communities.find((c) => c.id === communityId) : containing(communities, location);
  if (!named) return { streetId: null, communityId: null, unassigned: true };
  return { streetId: named.streetId, communityId: named.id, unassigned: false };
}

/** The id a new compound gets: stable for the same external id, or the same name and place. */
export function compoundIdFor(draft: Pick<CompoundDraft, 'externalId' | 'name'>, location: readonly [number, number]): string {
  return entityId('c', { externalId: draft.externalId, name: draft.name, location });
}

/**
 * The id a draft's compound gets (the one {@link newCompound} gives it), without deriving the
 * rest: the shape is worked out only when the id needs a polygon's centroid.
 */
export function compoundIdOf(draft: Pick<CompoundDraft, 'externalId' | 'name' | 'geometry' | 'location'>): string {
  // An external id alone makes the id; the location is not read then.
  if (draft.externalId) return compoundIdFor(draft, [0, 0]);
  return compoundIdFor(draft, draft.location ?? shapeOf(draft).location);
}

/**
 * The id of a compound's building or exit as it was made before issue 13: from its external id,
 * or its name and place, alone. The demo city names members this way, and items imported then
 * keep these ids; new imports scope them to the compound (memberId in ids.ts).
 */
export function memberIdFor(
  kind: 'building' | 'exit',
  source: { readonly externalId?: string | undefined; readonly name: string },
  location: readonly [number, number],
): string {
  return entityId(kind === 'building' ? 'b' : 'e', { externalId: source.externalId, name: source.name, location });
}

export function newCompound(
  draft: CompoundDraft,
  context: { readonly caller: Pick<Caller, 'username'>; readonly at: string; readonly communities: readonly CommunityRef[]; readonly id?: string },
): CompoundRecord {
  const shape = shapeOf(draft);
  const place = placeCompound(shape.location, draft.communityId, context.communities);
  return {
    id: context.id ?? compoundIdOf({ ...draft, location: draft.location ?? shape.location }),
    ...(draft.externalId ? { externalId: draft.externalId } : {}),
    name: draft.name,
    ...(draft.address ? { address: draft.address } : {}),
    status: draft.status ?? 'normal',
    propertyManaged: draft.propertyManaged ?? false,
    ...place,
    gridIds: [],
    areaM2: shape.areaM2,
    areaSource: shape.areaSource,
    geometry: shape.geometry,
    location: shape.location,
    bbox: shape.bbox,
    createdAt: context.at,
    createdBy: context.caller.username,
    updatedAt: context.at,
    updatedBy: context.caller.username,
    version: 1,
  };
}

/**
 * The compound after a change. Shape-derived fields follow the geometry; a given community wins,
 * an unassigned compound is placed by its point once a boundary holds it.
 */
export function changedCompound(
  current: CompoundRecord,
  patch: Partial<CompoundDraft>,
  context: { readonly caller: Pick<Caller, 'username'>; readonly at: string; readonly communities: readonly CommunityRef[] },
): CompoundRecord {
  const geometry = patch.geometry !== undefined ? patch.geometry : current.geometry;
  const location = patch.location ?? (patch.geometry !== undefined ? undefined : current.location);
  const declared =
    patch.areaM2 === null ? undefined : patch.areaM2 ?? (current.areaSource === 'declared' ? current.areaM2 : undefined);
  const shape = shapeOf({ geometry, location, areaM2: declared });
  const place =
    patch.communityId !== undefined
      ? placeCompound(shape.location, patch.communityId, context.communities)
      : current.unassigned
        ? placeCompound(shape.location, undefined, context.communities)
        : { streetId: current.streetId, communityId: current.communityId, unassigned: current.unassigned };
  return {
    ...current,
    ...(patch.externalId !== undefined ? { externalId: patch.externalId } : {}),
    name: patch.name ?? current.name,
    ...(patch.address !== undefined ? { address: patch.address } : {}),
    status: patch.status ?? current.status,
    propertyManaged: patch.propertyManaged ?? current.propertyManaged,
    ...place,
    areaM2: shape.areaM2,
    areaSource: shape.areaSource,
    geometry: shape.geometry,
    location: shape.location,
    bbox: shape.bbox,
    updatedAt: context.at,
    updatedBy: context.caller.username,
    version: current.version + 1,
  };
}
