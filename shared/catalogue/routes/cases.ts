/**
 * Routes over case reports: city staff and community admins report a building's cases of a day
 * (counts only); overseers read a compound's reports and daily sums.
 */
import { OVERSEERS, REGISTRY_EDITORS } from '#shared/roles.ts';
import { CaseCreate, CaseReport, CompoundCases, CompoundCasesQuery } from '#shared/schemas/case.ts';
import { Id } from '#shared/schemas/common.ts';
import * as z from '../../zod.ts';
import { defineRoutes } from '../types.ts';

export const casesRoutes = defineRoutes({
  createCase: {
    method: 'POST', path: '/v1/cases', resource: 'cases', auth: 'jwt', roles: REGISTRY_EDITORS,
    summary: 'Report a building\'s confirmed, suspected or asymptomatic cases of a China day (counts, no personal data)',
    description: 'A confirmed case raises a lockdown_suggested alert for the compound (one action: seal with level lockdown; '
      + 'never automatic), unless the compound is in lockdown or a suggestion is still open. Confirmed and suspected cases '
      + 'put the building on the extra disinfection rounds for 14 days. The same caseId and body sent again answers the '
      + 'stored report; another body under it is 409.',
    body: { kind: 'json', schema: CaseCreate },
    response: { status: 201, schema: CaseReport }, errors: [404, 409],
  },
  listCompoundCases: {
    method: 'GET', path: '/v1/compounds/{id}/cases', resource: 'cases', auth: 'jwt', roles: OVERSEERS,
    summary: 'A compound\'s case reports and daily sums over China days (default: the last 14)',
    params: z.object({ id: Id }), query: CompoundCasesQuery,
    response: { status: 200, schema: CompoundCases }, errors: [404],
  },
});
