/**
 * Roles and jurisdiction: who a caller is and which places they may see or change.
 * Pure rules shared by the handlers (authorisation) and the web app (what to offer).
 */
export const ROLES = ['city', 'official', 'community', 'grid', 'duty', 'disinfection', 'volunteer'] as const;
export type Role = (typeof ROLES)[number];

/** Those who oversee places: city staff, officials (inspectors) and community admins. */
export const OVERSEERS = ['city', 'official', 'community'] as const satisfies readonly Role[];

/** Who may change the registry of compounds, buildings and exits (by hand or by import). */
export const REGISTRY_EDITORS = ['city', 'community'] as const satisfies readonly Role[];

/**
 * Where a caller's authority reaches. City staff have no bounds; an official may be bound to a
 * street (or to nothing, for city-level inspectors); the others are bound to their community,
 * grid, compounds or exits.
 */
export interface Jurisdiction {
  readonly streetId?: string;
  readonly communityId?: string;
  readonly gridId?: string;
  readonly compoundIds?: readonly string[];
  readonly exitIds?: readonly string[];
}

export interface Caller {
  readonly userId: string;
  readonly username: string;
  /** The display name the token carries (the `name` claim), so records can show a person, not an account. */
  readonly name?: string;
  readonly role: Role;
  readonly jurisdiction: Jurisdiction;
}

/**
 * The actor of Cordon's own work (schedules, workers, lease expiry) in audit records and rule
 * checks: city-wide, since a job acts for the city, and named so an audit reader sees no person.
 */
export const SYSTEM_ACTOR: Caller = { userId: 'system', username: 'system', role: 'city', jurisdiction: {} };

/** The places a compound belongs to, as far as jurisdiction is concerned. */
export interface CompoundPlace {
  readonly id: string;
  readonly streetId: string | null;
  readonly communityId: string | null;
  readonly gridIds: readonly string[];
}

/**
 * The narrowest index a list query can use for this caller. Lists are answered from it and
 * then filtered with {@link canSeeCompound}, so both must agree.
 */
export type ListScope =
  | { readonly level: 'city' }
  | { readonly level: 'street'; readonly streetId: string }
  | { readonly level: 'community'; readonly communityId: string }
  | { readonly level: 'grid'; readonly gridId: string }
  | { readonly level: 'compounds'; readonly compoundIds: readonly string[] };

export function listScope(caller: Caller): ListScope {
  const j = caller.jurisdiction;
  switch (caller.role) {
    case 'city':
      return { level: 'city' };
    case 'official':
      if (j.communityId) return { level: 'community', communityId: j.communityId };
      if (j.streetId) return { level: 'street', streetId: j.streetId };
      return { level: 'city' };
    // Volunteers (志愿者) carry the community's proxy purchases: its queue is their whole jurisdiction.
    case 'community':
    case 'volunteer':
      return { level: 'community', communityId: j.communityId ?? '' };
    case 'grid':
      return { level: 'grid', gridId: j.gridId ?? '' };
    case 'duty':
    case 'disinfection':
      return { level: 'compounds', compoundIds: j.compoundIds ?? [] };
  }
}

/** Whether the caller's jurisdiction covers the compound. A missing binding covers nothing. */
export function canSeeCompound(caller: Caller, compound: CompoundPlace): boolean {
  const scope = listScope(caller);
  switch (scope.level) {
    case 'city':
      return true;
    case 'street':
      return compound.streetId === scope.streetId;
    case 'community':
      return scope.communityId !== '' && compound.communityId === scope.communityId;
    case 'grid':
      return scope.gridId !== '' && compound.gridIds.includes(scope.gridId);
    case 'compounds':
      return scope.compoundIds.includes(compound.id);
  }
}

/**
 * Whether the caller may narrow a list to this street: anyone whose jurisdiction spans the city,
 * or anyone bound to that street.
 */
export function canFilterByStreet(caller: Caller, streetId: string): boolean {
  return listScope(caller).level === 'city' || caller.jurisdiction.streetId === streetId;
}

/**
 * Whether the caller may assign a compound to this community (create, import or re-assign).
 * Community admins act only inside their own community; city staff anywhere.
 */
export function canPlaceInCommunity(
  caller: Caller,
  place: { readonly streetId: string | null; readonly communityId: string | null },
): boolean {
  return canSeeCompound(caller, { id: '', gridIds: [], ...place });
}

/**
 * Whether the caller may act at this exit as duty staff (clock in, register entries): only at the
 * exits they are posted to, never at another — even in the same compound.
 */
export function worksAtExit(caller: Caller, exitId: string): boolean {
  return caller.role === 'duty' && (caller.jurisdiction.exitIds ?? []).includes(exitId);
}

/**
 * Who sees the phones of the responsibility list in full: the staff who call them (city, officials,
 * community). Everyone else sees them masked, as a resident sees the posted list without a need to
 * copy it.
 */
export const seesStaffPhones = (caller: Caller): boolean =>
  caller.role === 'city' || caller.role === 'official' || caller.role === 'community';

/**
 * Who sees what a sweep visit found about a household in full (the note, where a returnee came
 * from): those who act on it — city staff, the community, the grid worker. Officials inspect the
 * work, so they see outcomes, symptoms and which flags were raised, not the residents' details.
 */
export const seesResidentDetails = (caller: Caller): boolean =>
  caller.role === 'city' || caller.role === 'community' || caller.role === 'grid';
