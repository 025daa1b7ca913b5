/**
 * Adding a staff member, the one path POST /v1/staff and the staff import (kind=staff) share:
 * the jurisdiction checked against the registry and completed from it (a grid's community and
 * street, a community's street), the caller's right to create that role there, the directory
 * entry written once per username, then their sign-in made through the user-pool port.
 *
 * Retry-safe: a request (or a re-imported row) for a person the directory already holds exactly
 * so is taken as a repeat of an earlier attempt that may have stopped between the entry and the
 * sign-in, and completes the sign-in; a username held by someone else is a ConflictError. When the
 * user pool refuses the person (the username is taken there, or it cannot take what was given),
 * the entry this attempt wrote is taken back, so the directory never holds someone nobody can sign
 * in as; any other failure keeps it, for the retry to resume.
 */
import { canonicalJson } from '#shared/domain/ids.ts';
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import { jurisdictionProblems, mayCreateStaff, staffPlaces } from '#shared/domain/staff.ts';
import { message } from '#shared/messages/message.ts';
import { inParallel } from '#shared/parallel.ts';
import type { Caller } from '#shared/roles.ts';
import type { Staff, StaffCreate, StaffJurisdiction } from '#shared/schemas/staff.ts';
import { nowIso } from '../platform/clock.ts';
import { ConflictError, CordonError, ForbiddenError, ValidationError, fieldError } from '../platform/errors.ts';
import { assertUserPool, createPoolUser } from '../platform/user-pool.ts';
import { getCompounds } from '../stores/compound-store.ts';
import { findExit } from '../stores/exit-store.ts';
import { getGrid, loadPlaces } from '../stores/places-store.ts';
import { createStaff, getStaff, removeStaff, staffView } from '../stores/staff-store.ts';

export interface AddedStaff {
  readonly staff: Staff;
  /** `unchanged`: the directory already held this person exactly so (a repeat); their sign-in was completed. */
  readonly outcome: 'created' | 'unchanged';
}

/**
 * Adds a staff member for the caller (typed failures: 400 naming the field, 403 outside their
 * reach, 409 taken). `dryRun` checks everything and says what would happen, writing nothing.
 */
export async function addStaff(body: StaffCreate, caller: Caller, options: { dryRun?: boolean } = {}): Promise<AddedStaff> {
  const problems = jurisdictionProblems(body.role, body.jurisdiction);
  if (problems.length > 0) throw new ValidationError(problems.map((p) => fieldError(p.field, p.said)));
  const { jurisdiction, compounds } = await resolveJurisdiction(body);
  const places = staffPlaces(jurisdiction, compounds);
  if (!mayCreateStaff(caller, body.role, places)) throw new ForbiddenError(message('staff.outside', { role: body.role }));
  const staff: Staff = {
    username: body.username, name: body.name, role: body.role, jurisdiction,
    ...(body.phone === undefined ? {} : { phone: body.phone }),
  };
  const poolUser = { ...staff, ...(body.email === undefined ? {} : { email: body.email }) };
  // No sign-in can be made (no user-pool adapter): refuse before the directory holds a person nobody can be.
  assertUserPool();
  const same = (held: Staff | undefined) => held !== undefined && canonicalJson(staffView(held)) === canonicalJson(staff);
  if (options.dryRun) {
    const held = await getStaff(staff.username);
    if (held && !same(held)) throw new ConflictError(message('staff.taken', { username: staff.username }));
    return { staff, outcome: held ? 'unchanged' : 'created' };
  }
  const createdAt = nowIso();
  try {
    // The entry first: its conditional write takes the username once, so a second request (or a
    // race) is refused before a second sign-in could be made.
    await createStaff({ ...staff, places, createdAt, createdBy: caller.username }, caller);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    if (!same(await getStaff(staff.username))) throw error;
    await createPoolUser(poolUser, { resume: true });
    return { staff, outcome: 'unchanged' };
  }
  try {
    await createPoolUser(poolUser);
  } catch (error) {
    if (error instanceof CordonError && (error.code === 'conflict' || error.code === 'invalid')) await removeStaff(staff.username, createdAt, caller);
    throw error;
  }
  return { staff, outcome: 'created' };
}

const field = (name: keyof StaffJurisdiction) => `body.jurisdiction.${name}`;

/** Exits of a new staff member looked up at once (a duty post names a few; the schema allows 200). */
const EXIT_READS_AT_ONCE = 8;

/**
 * The jurisdiction as stored: every place it names known (else 400 naming the field), a grid's
 * community and street and a community's street filled in (and any given that disagree refused),
 * exits only of the given compounds. Whether the caller may reach it is mayCreateStaff's to say.
 */
async function resolveJurisdiction(body: StaffCreate): Promise<{ jurisdiction: StaffJurisdiction; compounds: CompoundRecord[] }> {
  const j = body.jurisdiction;
  const mismatch = (name: 'streetId' | 'communityId', id: string) =>
    new ValidationError([fieldError(field(name), message('staff.place-mismatch', { field: name, id }))]);
  if (j.gridId) {
    const grid = await getGrid(j.gridId);
    if (!grid) throw new ValidationError([fieldError(field('gridId'), message('staff.no-grid', { id: j.gridId }))]);
    if (j.communityId && j.communityId !== grid.communityId) throw mismatch('communityId', j.communityId);
    if (j.streetId && j.streetId !== grid.streetId) throw mismatch('streetId', j.streetId);
    return { jurisdiction: { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id }, compounds: [] };
  }
  if (j.communityId) {
    const community = (await loadPlaces()).communityById.get(j.communityId);
    if (!community) throw new ValidationError([fieldError(field('communityId'), message('access.no-community', { id: j.communityId }))]);
    if (j.streetId && j.streetId !== community.streetId) throw mismatch('streetId', j.streetId);
    return { jurisdiction: { streetId: community.streetId, communityId: community.id }, compounds: [] };
  }
  if (j.streetId) {
    if (!(await loadPlaces()).streetById.has(j.streetId)) throw new ValidationError([fieldError(field('streetId'), message('access.no-street', { id: j.streetId }))]);
    return { jurisdiction: { streetId: j.streetId }, compounds: [] };
  }
  if (!j.compoundIds?.length) return { jurisdiction: {}, compounds: [] };
  const compoundIds = [...new Set(j.compoundIds)];
  const compounds = await getCompounds(compoundIds);
  const missing = compoundIds.find((id) => !compounds.some((c) => c.id === id));
  if (missing) throw new ValidationError([fieldError(field('compoundIds'), message('staff.no-compound', { id: missing }))]);
  const exitIds = [...new Set(j.exitIds ?? [])];
  const exits = await inParallel(exitIds, EXIT_READS_AT_ONCE, findExit);
  const elsewhere = exitIds.find((_, i) => {
    const exit = exits[i];
    return !exit || !compoundIds.includes(exit.compoundId);
  });
  if (elsewhere) throw new ValidationError([fieldError(field('exitIds'), message('staff.exit-elsewhere', { id: elsewhere }))]);
  return { jurisdiction: { compoundIds, ...(exitIds.length ? { exitIds } : {}) }, compounds };
}
