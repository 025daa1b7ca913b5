/**
 * Routes of emergency help (紧急救助): any staff member records a request for a resident within
 * their jurisdiction, the community lists and closes them. Each request raises a `help` alert in
 * its own transaction (the community's clock starts at the alert's raisedAt). The resident's own
 * path goes through their report link (public-reports).
 */
import { ROLES } from '#shared/roles.ts';
import { HelpClose, HelpIdParams, HelpListQuery, HelpPage, HelpRequest, HelpRequestCreate } from '#shared/schemas/help.ts';
import { defineRoutes } from '../types.ts';

export const helpRequestsRoutes = defineRoutes({
  createHelpRequest: {
    method: 'POST', path: '/v1/help-requests', resource: 'help-requests', auth: 'jwt', roles: ROLES,
    summary: 'Record a request for emergency help (medical, medicine, other) for a household in your jurisdiction',
    description:
      'Raises a help alert for the community in the same transaction (urgency in details.urgency). Idempotent by requestId: ' +
      'a resend answers the request already stored (409 if it says something else).',
    body: { kind: 'json', schema: HelpRequestCreate }, response: { status: 201, schema: HelpRequest }, errors: [404, 409],
  },
  listHelpRequests: {
    method: 'GET', path: '/v1/help-requests', resource: 'help-requests', auth: 'jwt', roles: ['city', 'official', 'community', 'grid'],
    summary: 'Help requests within the caller\'s jurisdiction, open first and newest first, by compound, community and status',
    description: 'Notes are masked (phones, ID numbers) for those who do not see residents\' details.',
    query: HelpListQuery, response: { status: 200, schema: HelpPage },
  },
  closeHelpRequest: {
    method: 'POST', path: '/v1/help-requests/{id}/close', resource: 'help-requests', auth: 'jwt', roles: ['city', 'community', 'grid'],
    summary: 'Close a help request with what was done; its alert closes with it',
    params: HelpIdParams, body: { kind: 'json', schema: HelpClose }, response: { status: 200, schema: HelpRequest }, errors: [404, 409],
  },
});
