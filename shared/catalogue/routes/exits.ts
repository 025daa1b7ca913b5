/**
 * Routes over exits (出入口) by their own id: the unresolved list officials chase, one exit with
 * its standing under the rules, and changes to it (open, seal, confirm a sealing).
 */
import { OVERSEERS, ROLES } from '#shared/roles.ts';
import { ExitDetail, ExitIdParams, ExitPatch, UnresolvedExitPage, UnresolvedExitQuery } from '#shared/schemas/exit.ts';
import { IfMatchHeaders } from '#shared/schemas/preconditions.ts';
import { defineRoutes } from '../types.ts';

export const exitsRoutes = defineRoutes({
  listExits: {
    method: 'GET', path: '/v1/exits', resource: 'exits', auth: 'jwt', roles: OVERSEERS,
    summary: 'Exits that break a rule (status=unresolved), with reasons, compound, responsible person and since when',
    description:
      'Answered from the sparse indexes an exit carries while unresolved (by street and community, by geo cell for a bbox). ' +
      'Reason messages follow Accept-Language (zh → Chinese, en → English, default Chinese). Officials see their jurisdiction, community admins their community.',
    query: UnresolvedExitQuery, response: { status: 200, schema: UnresolvedExitPage },
  },
  getExit: {
    method: 'GET', path: '/v1/exits/{id}', resource: 'exits', auth: 'jwt', roles: ROLES,
    summary: 'One exit with its standing under the exit rules', params: ExitIdParams,
    description: 'The ETag header names the exit\'s version (from its updatedAt): send it back as If-Match when changing it.',
    response: { status: 200, schema: ExitDetail }, errors: [404],
  },
  patchExit: {
    method: 'PATCH', path: '/v1/exits/{id}', resource: 'exits', auth: 'jwt', roles: OVERSEERS,
    summary: 'Open or seal an exit, confirm its sealing, designate the main checkpoint, restrict it in lockdown',
    description:
      'Officials may only confirm a sealing (inspectors on site); the compound\'s exits are judged again at once. ' +
      'With If-Match (the ETag of the version read), an exit changed since is refused with 412 and nothing is written; ' +
      'the answer carries the new version\'s ETag. Without If-Match, a change racing another answers 409.',
    params: ExitIdParams, headers: IfMatchHeaders, body: { kind: 'json', schema: ExitPatch },
    response: { status: 200, schema: ExitDetail }, errors: [404, 409, 412],
  },
});
