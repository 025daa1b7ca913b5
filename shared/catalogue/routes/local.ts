/**
 * Routes that exist only in the local runtime: the demo users and their token issuer.
 */
import { LocalUserList, TokenRequest, TokenResponse } from '#shared/schemas/local.ts';
import { defineRoutes } from '../types.ts';

export const localRoutes = defineRoutes({
  listLocalUsers: {
    method: 'GET', path: '/local/users', resource: 'local', auth: 'local',
    summary: 'Demo users of the local runtime', response: { status: 200, schema: LocalUserList },
  },
  issueLocalToken: {
    method: 'POST', path: '/local/token', resource: 'local', auth: 'local',
    summary: 'A token for a demo user, verified like the JWT authorizer does',
    body: { kind: 'json', schema: TokenRequest },
    response: { status: 200, schema: TokenResponse }, errors: [404],
  },
});
