/**
 * Jurisdiction at the edge of every read and write: the compound a caller names must lie within
 * their jurisdiction (else 403), and so must the community or street they filter or place by.
 */
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import { canFilterByStreet, canPlaceInCommunity, canSeeCompound, type Caller } from '#shared/roles.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { getCompound } from '../stores/compound-store.ts';
import type { Places } from '../stores/places-store.ts';

/**
 * The compound, if it lies within the caller's jurisdiction. `asked` names what the caller asked
 * for when that is something of the compound's (`exit e_…`), so the 404 and 403 speak of it.
 */
export async function compoundForCaller(
  id: string,
  caller: Caller,
  options: { consistent?: boolean; asked?: string } = {},
): Promise<CompoundRecord> {
  const asked = options.asked ?? `compound ${id}`;
  const compound = await getCompound(id, { consistent: options.consistent });
  if (!compound) throw new NotFoundError(`no ${asked}`);
  if (!canSeeCompound(caller, compound)) throw new ForbiddenError(`${asked} is outside your jurisdiction`);
  return compound;
}

/** The community named in a request (`field` says where), known and within jurisdiction. */
export function communityForCaller(places: Places, communityId: string, caller: Caller, field: string) {
  const community = places.communityById.get(communityId);
  if (!community) throw new ValidationError([{ field, message: `no community ${communityId}` }]);
  if (!canPlaceInCommunity(caller, { streetId: community.streetId, communityId: community.id })) {
    throw new ForbiddenError(`community ${communityId} is outside your jurisdiction`);
  }
  return community;
}

export function streetForCaller(places: Places, streetId: string, caller: Caller, field: string) {
  const street = places.streetById.get(streetId);
  if (!street) throw new ValidationError([{ field, message: `no street ${streetId}` }]);
  if (!canFilterByStreet(caller, streetId)) throw new ForbiddenError(`street ${streetId} is outside your jurisdiction`);
  return street;
}
