/**
 * Rules of the staff directory: which fields of a jurisdiction each role needs (and may not
 * have), where a staff member's work lies (the places lists are filtered by), who may see and who
 * may create whom, how a phone is shown, and who may stand a shift at a compound's exit.
 */
import type { Message } from '../messages/message.ts';
import { listScope, seesStaffPhones, type Caller, type Role } from '../roles.ts';
import type { Staff, StaffJurisdiction } from '../schemas/staff.ts';
import { maskPhone } from './privacy.ts';

type Field = keyof StaffJurisdiction;
const FIELDS: readonly Field[] = ['streetId', 'communityId', 'gridId', 'compoundIds', 'exitIds'];

/** Per role: the jurisdiction fields it must have, and those it may have besides. */
const SHAPES: Record<Role, { readonly needs: readonly Field[]; readonly may: readonly Field[] }> = {
  city: { needs: [], may: [] },
  official: { needs: [], may: ['streetId', 'communityId'] },
  community: { needs: ['communityId'], may: ['streetId'] },
  grid: { needs: ['gridId'], may: ['streetId', 'communityId'] },
  duty: { needs: ['compoundIds', 'exitIds'], may: [] },
  disinfection: { needs: ['compoundIds'], may: [] },
  volunteer: { needs: ['communityId'], may: ['streetId'] },
};

const present = (j: StaffJurisdiction, field: Field): boolean => {
  const value = j[field];
  return Array.isArray(value) ? value.length > 0 : value !== undefined;
};

/** What is wrong with a jurisdiction for a role: each field missing or out of place, with why. */
export function jurisdictionProblems(role: Role, j: StaffJurisdiction): { field: string; said: Message }[] {
  const shape = SHAPES[role];
  const problems: { field: string; said: Message }[] = [];
  for (const field of FIELDS) {
    const path = `body.jurisdiction.${field}`;
    if (shape.needs.includes(field) && !present(j, field)) problems.push({ field: path, said: { key: 'staff.field-needed', params: { role, field } } });
    if (!shape.needs.includes(field) && !shape.may.includes(field) && j[field] !== undefined) {
      problems.push({ field: path, said: { key: 'staff.field-not-for-role', params: { role, field } } });
    }
  }
  return problems;
}

/** The places a staff member works in: what lists are filtered by, derived once when they are written. */
export interface StaffPlaces {
  readonly streetIds: readonly string[];
  readonly communityIds: readonly string[];
  readonly gridIds: readonly string[];
  readonly compoundIds: readonly string[];
}

/** A compound as far as where staff work is concerned. */
export interface PlacedCompound {
  readonly id: string;
  readonly streetId: string | null;
  readonly communityId: string | null;
  readonly gridIds: readonly string[];
}

const unique = (values: readonly (string | null | undefined)[]): string[] =>
  [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))].sort();

/**
 * Where a jurisdiction's work lies: its own street, community and grid, and those of its
 * compounds (so a community admin finds the duty staff of their compounds).
 */
export function staffPlaces(j: StaffJurisdiction, compounds: readonly PlacedCompound[]): StaffPlaces {
  return {
    streetIds: unique([j.streetId, ...compounds.map((c) => c.streetId)]),
    communityIds: unique([j.communityId, ...compounds.map((c) => c.communityId)]),
    gridIds: unique([j.gridId, ...compounds.flatMap((c) => c.gridIds)]),
    compoundIds: unique([...(j.compoundIds ?? []), ...compounds.map((c) => c.id)]),
  };
}

/**
 * Whether the caller's jurisdiction covers a staff member's work: city-level callers see everyone,
 * the others those who work within their street, community, grid or compounds.
 */
export function canSeeStaff(caller: Caller, places: StaffPlaces): boolean {
  const scope = listScope(caller);
  switch (scope.level) {
    case 'city':
      return true;
    case 'street':
      return places.streetIds.includes(scope.streetId);
    case 'community':
      return scope.communityId !== '' && places.communityIds.includes(scope.communityId);
    case 'grid':
      return scope.gridId !== '' && places.gridIds.includes(scope.gridId);
    case 'compounds':
      return places.compoundIds.some((id) => scope.compoundIds.includes(id));
  }
}

/** The roles a community admin may create: their community's own people, never city-level ones. */
const COMMUNITY_CREATES: readonly Role[] = ['community', 'grid', 'duty', 'disinfection', 'volunteer'];

/**
 * Whether the caller may create a staff member of this role working in these places: city staff
 * anyone; a community admin only people whose work lies wholly within their own community.
 */
export function mayCreateStaff(caller: Caller, role: Role, places: StaffPlaces): boolean {
  if (caller.role === 'city') return true;
  if (caller.role !== 'community' || !COMMUNITY_CREATES.includes(role)) return false;
  const own = caller.jurisdiction.communityId;
  return own !== undefined && places.communityIds.length > 0 && places.communityIds.every((id) => id === own);
}

/** A directory entry as this caller may read it: the phone whole for those who call staff, masked for the rest. */
export function staffFor(caller: Caller, staff: Staff): Staff {
  if (staff.phone === undefined || seesStaffPhones(caller)) return staff;
  return { ...staff, phone: maskPhone(staff.phone) };
}

/** Whether a directory entry matches a search: part of the name or the username, case aside. */
export function staffMatches(staff: Pick<Staff, 'name' | 'username'>, q: string): boolean {
  const needle = q.trim().toLowerCase();
  return staff.name.toLowerCase().includes(needle) || staff.username.includes(needle);
}

/** Whether someone may stand a shift at an exit of this compound: duty staff posted to it. */
export function isDutyStaffOf(staff: Pick<Staff, 'role' | 'jurisdiction'> | undefined, compoundId: string): boolean {
  return staff?.role === 'duty' && (staff.jurisdiction.compoundIds ?? []).includes(compoundId);
}
