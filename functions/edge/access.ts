/**
 * Jurisdiction at the edge of every read and write: the compound (or the exit's compound) a
 * caller names must lie within their jurisdiction (else 403), and so must the community or street
 * they filter or place by; duty staff act only at the exits they are posted to.
 */
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import { canFilterByStreet, canPlaceInCommunity, canSeeCompound, worksAtExit, type Caller } from '#shared/roles.ts';
import { ForbiddenError, NotFoundError, ValidationError, fieldError } from '../platform/errors.ts';
import { getCompound } from '../stores/compound-store.ts';
import { findExit, getExit, type ExitInScope } from '../stores/exit-store.ts';
import type { Places } from '../stores/places-store.ts';
import { message, type Message } from '#shared/messages/message.ts';

/**
 * The compound, if it lies within the caller's jurisdiction. `asked` names what the caller asked
 * for when that is something of the compound's (`exit e_…`), so the 404 and 403 speak of it.
 */
export async function compoundForCaller(
  id: string,
  caller: Caller,
  options: { consistent?: boolean; asked?: Message } = {},
): Promise<CompoundRecord> {
  const asked = options.asked ?? message('thing.compound', { id });
  const compound = await getCompound(id, { consistent: options.consistent });
  if (!compound) throw new NotFoundError(message('access.no', { what: asked }));
  if (!canSeeCompound(caller, compound)) throw new ForbiddenError(message('access.outside', { what: asked }));
  return compound;
}

/** The community named in a request (`field` says where), known and within jurisdiction. */
export function communityForCaller(places: Places, communityId: string, caller: Caller, field: string) {
  const community = places.communityById.get(communityId);
  if (!community) throw new ValidationError([fieldError(field, message('access.no-community', { id: communityId }))]);
  if (!canPlaceInCommunity(caller, { streetId: community.streetId, communityId: community.id })) {
    throw new ForbiddenError(message('access.community-outside', { id: communityId }));
  }
  return community;
}

export function streetForCaller(places: Places, streetId: string, caller: Caller, field: string) {
  const street = places.streetById.get(streetId);
  if (!street) throw new ValidationError([fieldError(field, message('access.no-street', { id: streetId }))]);
  if (!canFilterByStreet(caller, streetId)) throw new ForbiddenError(message('access.street-outside', { id: streetId }));
  return street;
}

/**
 * The exit, if the caller's jurisdiction covers its compound (else 403). `consistent` re-reads
 * the exit item itself, for writes that condition on what they read.
 */
export async function exitForCaller(id: string, caller: Caller, options: { consistent?: boolean } = {}): Promise<ExitInScope> {
  const found = await findExit(id);
  if (!found) throw new NotFoundError(message('access.no-exit', { id }));
  const compound = await compoundForCaller(found.compoundId, caller, { ...options, asked: message('thing.exit', { id: found.id }) });
  if (!options.consistent) return { exit: found, compound };
  const exit = await getExit(found.compoundId, id);
  if (!exit) throw new NotFoundError(message('access.no-exit', { id }));
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
  if (!worksAtExit(caller, id)) throw new ForbiddenError(message('access.not-on-duty', { id }));
  const cached = placeCache.get(id);
  if (!cached || cached.until < Date.now()) {
    const scope = await exitForCaller(id, caller);
    placeCache.set(id, { exit: scope.exit, until: Date.now() + PLACE_TTL_MS });
    return scope;
  }
  return { exit: cached.exit, compound: await compoundForCaller(cached.exit.compoundId, caller, { asked: message('thing.exit', { id: cached.exit.id }) }) };
}

/**
 * As {@link exitForCaller}, for reads of what happens at the gate (shifts, entries, counts): duty
 * staff read only at the exits they are posted to, not at another exit of their compound.
 */
export async function exitForReader(id: string, caller: Caller): Promise<ExitInScope> {
  if (caller.role === 'duty' && !worksAtExit(caller, id)) throw new ForbiddenError(message('access.not-on-duty', { id }));
  return exitForCaller(id, caller);
}
