/**
 * Routes of households' links (DESIGN.md "Links"): a grid worker (their grid) or a community admin
 * makes a household's signed link — printed as a QR code on a door slip — and revokes it. Making
 * one again revokes the household's previous link.
 */
import { HouseholdAddress, HouseholdLinkIssued, HouseholdLinkRevoke, HouseholdLinkRevoked } from '#shared/schemas/order.ts';
import { defineRoutes } from '../types.ts';

export const householdLinksRoutes = defineRoutes({
  createHouseholdLink: {
    method: 'POST', path: '/v1/household-links', resource: 'household-links', auth: 'jwt', roles: ['community', 'grid'],
    summary: 'Make a household\'s link (/h/{token}): its orders and its compound\'s notices, no sign-in; the previous link of the household is revoked',
    description: 'The building must be one of the compound\'s (404); a grid worker makes links for their grid\'s buildings only (403). The token is answered once and never stored.',
    body: { kind: 'json', schema: HouseholdAddress }, response: { status: 201, schema: HouseholdLinkIssued }, errors: [404],
  },
  revokeHouseholdLink: {
    method: 'POST', path: '/v1/household-links/revoke', resource: 'household-links', auth: 'jwt', roles: ['community', 'grid'],
    summary: 'Revoke a household\'s link (a lost slip, a household moved out): the link answers 404 from then on',
    description: 'A token that is not a household link answers 404; one of a household outside the caller\'s jurisdiction 403. Revoking twice keeps the first time.',
    body: { kind: 'json', schema: HouseholdLinkRevoke }, response: { status: 200, schema: HouseholdLinkRevoked }, errors: [403, 404],
  },
});
