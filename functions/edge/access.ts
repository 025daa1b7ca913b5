/**
 * Jurisdiction at the edge of every read and write: the compound (or the exit's compound) a
 * caller names must lie within their jurisdiction (else 403), and so must the community or street
 * they filter or place by; duty staff act only at the exits they are posted to.
 */
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import { canFilterByStreet, canPlaceInCommunity, canSeeCompound, worksAtExit, type Caller } from '#shared/roles.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { getCompound } from '../stores/compound-store.ts';
import { findExit, getExit, type ExitInScope } from '../stores/exit-store.ts';
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

/**
 * The exit, if the caller's jurisdiction covers its compound (else 403). `consistent` re-reads
 * the exit item itself, for writes that condition on what they read.
 */
export async function exitForCaller(id: string, caller: Caller, options: { consistent?: boolean } = {}): Promise<ExitInScope> {
  const found = await findExit(id);
  if (!found) throw new NotFoundError(`no exit ${id}`);
  const compound = await compoundForCaller(found.compoundId, caller, { ...options, asked: `exit ${found.id}` });
  if (!options.consistent) return { exit: found, compound };
  const exit = await getExit(found.compoundId, id);
  if (!exit) throw new NotFoundError(`no exit ${id}`);
  return { exit, compound };
}

/**
 * Where an exit is, for a warm function: an exit's compound and location do not change under its
 * id, so the busiest gate's registrations skip the index query for a minute. The compound is
 * still read every time (its status decides the entry's warnings).
 */
const PLACE_TTL_MS = 60_000;
const placeCache = new Map<string, { exit: ExitInScope['exit']; until: number }>();

/** As {@link exitForCaller}, for duty staff acting at the exit: only at their own (403 elsewhere). */
export async function ownExitForCaller(id: string, caller: Caller): Promise<ExitInScope> {
  if (!worksAtExit(caller, id)) throw new ForbiddenError(`you are not on duty at exit ${id}`);
  const cached = placeCache.get(id);
  if (!cached || cached.until < Date.now()) {
    const scope = await exitForCaller(id, caller);
    placeCache.set(id, { exit: scope.exit, until: Date.now() + PLACE_TTL_MS });
    return scope;
  }
  return { exit: cached.exit, compound: await compoundForCaller(cached.exit.compoundId, caller, { asked: `exit ${cached.exit.id}` }) };
}

/**
 * As {@link exitForCaller}, for reads of what happens at the gate (shifts, entries, counts): duty
 * staff read only at the exits they are posted to, not at another exit of their compound.
 */
export async function exitForReader(id: string, caller: Caller): Promise<ExitInScope> {
  if (caller.role === 'duty' && !worksAtExit(caller, id)) throw new ForbiddenError(`you are not on duty at exit ${id}`);
  return exitForCaller(id, caller);
}
