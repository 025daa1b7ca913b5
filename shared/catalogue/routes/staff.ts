/**
 * Routes of the staff directory (人员名录): people by name, role and jurisdiction, so rotas and
 * lists name people instead of account ids.
 */
import { ROLES } from '#shared/roles.ts';
import { Staff, StaffCreate, StaffList, StaffListQuery, StaffNotify, StaffParams } from '#shared/schemas/staff.ts';
import { defineRoutes } from '../types.ts';

export const staffRoutes = defineRoutes({
  listStaff: {
    method: 'GET', path: '/v1/staff', resource: 'staff', auth: 'jwt', roles: ROLES,
    summary: 'Staff within the caller\'s jurisdiction, by role, community and part of a name',
    description: 'Phones are masked (138****5678) for callers who need not call staff (grid, duty and disinfection staff). 403 for a community outside the caller\'s jurisdiction.',
    query: StaffListQuery, response: { status: 200, schema: StaffList },
  },
  createStaff: {
    method: 'POST', path: '/v1/staff', resource: 'staff', auth: 'jwt', roles: ['city', 'community'],
    summary: 'Add a staff member and their sign-in (in the cloud a Cognito user in the role\'s group, with a temporary password)',
    description: 'City staff add anyone; community admins add community, grid, duty and disinfection staff of their own community only (403 elsewhere). ' +
      '409 for a username already taken by someone else (in the directory or the user pool); the same person sent again (a retry) answers 201 as the first did, ' +
      'completing a sign-in an earlier attempt left half made. In the cloud the invitation goes to `email` (the pool requires one), else by SMS to `phone`.',
    body: { kind: 'json', schema: StaffCreate }, response: { status: 201, schema: Staff }, errors: [409],
  },
  setStaffNotify: {
    method: 'PUT', path: '/v1/staff/{username}/notify', resource: 'staff', auth: 'jwt', roles: ROLES,
    summary: 'Opt a person out of alert notices by SMS and e-mail, or back in (the in-app inbox always gets them)',
    description: 'Anyone for themselves; city staff for anyone, community admins for the staff of their community (403 otherwise); 404 for a username not in the directory.',
    params: StaffParams, body: { kind: 'json', schema: StaffNotify }, response: { status: 200, schema: Staff }, errors: [404],
  },
});
