/**
 * Staff directory routes: the list within the caller's jurisdiction (phones masked for those who
 * need not call), and adding a staff member through the one creation path the staff import
 * shares (flows/staff-create.ts): jurisdiction checked and completed, the entry written once per
 * username, then their sign-in; and a person's opt-out of notices by SMS and e-mail.
 */
import { canSeeStaff, staffFor, staffMatches } from '#shared/domain/staff.ts';
import { staffRoutes } from '#shared/catalogue/routes/staff.ts';
import { addStaff } from '../flows/staff-create.ts';
import { loadPlaces } from '../stores/places-store.ts';
import { getStaff, listStaff, setStaffNotify, staffView } from '../stores/staff-store.ts';
import { ForbiddenError, NotFoundError } from '../platform/errors.ts';
import { nowIso } from '../platform/clock.ts';
import { message } from '#shared/messages/message.ts';
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

  // A repeat of a creation that already happened (the same person exactly) answers as the first did.
  createStaff: async ({ body, caller }) => (await addStaff(body, caller)).staff,

  setStaffNotify: async ({ params, body, caller }) => {
    const staff = await getStaff(params.username);
    if (!staff) throw new NotFoundError(message('staff.no-person', { username: params.username }));
    // Oneself always; otherwise those who add staff there (city anywhere, a community admin in their community).
    const self = staff.username === caller.username;
    if (!self && !(caller.role === 'city' || (caller.role === 'community' && canSeeStaff(caller, staff.places)))) {
      throw new ForbiddenError(message('access.outside', { what: staff.name }));
    }
    return staffFor(caller, staffView(await setStaffNotify(staff, body.notify, caller, nowIso())));
  },
});
