/**
 * Staff directory routes: the list within the caller's jurisdiction (phones masked for those who
 * need not call), and adding a staff member — their jurisdiction checked against the registry
 * and completed from it (a grid's community and street, a community's street), the entry written
 * once per username, then their sign-in created through the user-pool port.
 */
import { canSeeStaff, jurisdictionProblems, mayCreateStaff, staffFor, staffMatches, staffPlaces } from '#shared/domain/staff.ts';
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import { message } from '#shared/messages/message.ts';
import { inParallel } from '#shared/parallel.ts';
import type { Caller } from '#shared/roles.ts';
import type { StaffCreate, StaffJurisdiction } from '#shared/schemas/staff.ts';
import { staffRoutes } from '#shared/catalogue/routes/staff.ts';
import { nowIso } from '../platform/clock.ts';
import { ForbiddenError, ValidationError, fieldError } from '../platform/errors.ts';
import { assertUserPool, createPoolUser } from '../platform/user-pool.ts';
import { getCompounds } from '../stores/compound-store.ts';
import { findExit } from '../stores/exit-store.ts';
import { getGrid, loadPlaces } from '../stores/places-store.ts';
import { createStaff, listStaff, staffView } from '../stores/staff-store.ts';
import { communityForCaller } from '../edge/access.ts';
import { httpHandler } from '../edge/http.ts';

export const handler = httpHandler(staffRoutes, {
  listStaff: async ({ query, caller }) => {
    if (query.communityId) communityForCaller(await loadPlaces(), query.communityId, caller, 'query.communityId');
    const items = (await listStaff())
      .filter((s) => canSeeStaff(caller, s.places))
      .filter((s) => !query.role || s.role === query.role)
      .filter((s) => !query.communityId || s.places.communityIds.includes(query.communityId))
      .filter((s) => !query.q || staffMatches(s, query.q))
      .map((s) => staffFor(caller, staffView(s)));
    return { items };
  },

  createStaff: async ({ body, caller }) => {
    const problems = jurisdictionProblems(body.role, body.jurisdiction);
    if (problems.length > 0) throw new ValidationError(problems.map((p) => fieldError(p.field, p.said)));
    const { jurisdiction, compounds } = await resolveJurisdiction(body, caller);
    const places = staffPlaces(jurisdiction, compounds);
    if (!mayCreateStaff(caller, body.role, places)) throw new ForbiddenError(message('staff.outside', { role: body.role }));
    const staff = {
      username: body.username, name: body.name, role: body.role, jurisdiction,
      ...(body.phone === undefined ? {} : { phone: body.phone }),
    };
    // No sign-in can be made (no user-pool adapter): refuse before the directory holds a person nobody can be.
    assertUserPool();
    // The entry first: its conditional write takes the username once, so a second request (or a
    // race) is refused before a second sign-in could be made.
    await createStaff({ ...staff, places, createdAt: nowIso(), createdBy: caller.username }, caller);
    await createPoolUser(staff);
    return staff;
  },
});

const field = (name: keyof StaffJurisdiction) => `body.jurisdiction.${name}`;

/** Exits of a new staff member looked up at once (a duty post names a few; the schema allows 200). */
const EXIT_READS_AT_ONCE = 8;

/**
 * The jurisdiction as stored: every place it names known (else 400 naming the field), a
 * community within the caller's reach (else 403), a grid's community and street and a community's
 * street filled in (and any given that disagree refused), exits only of the given compounds.
 */
async function resolveJurisdiction(body: StaffCreate, caller: Caller): Promise<{ jurisdiction: StaffJurisdiction; compounds: CompoundRecord[] }> {
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
    const community = communityForCaller(await loadPlaces(), j.communityId, caller, field('communityId'));
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
