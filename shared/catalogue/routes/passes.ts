/**
 * Routes of passes (出入证): issued and revoked per compound by community admins and city staff,
 * listed (masked), and checked at the gate by its duty staff — online (pass-checks, which records
 * nothing) or offline with the compound's pass key and revocation list fetched while online.
 */
import { CompoundIdParams } from '#shared/schemas/compound.ts';
import { ExitIdParams } from '#shared/schemas/exit.ts';
import { Pass, PassCheck, PassCheckRequest, PassCreate, PassKey, PassListQuery, PassPage, PassParams } from '#shared/schemas/pass.ts';
import { defineRoutes } from '../types.ts';

export const passesRoutes = defineRoutes({
  createPass: {
    method: 'POST', path: '/v1/compounds/{id}/passes', resource: 'passes', auth: 'jwt', roles: ['city', 'community'],
    summary: 'Issue a pass (出入证) for a resident, a pre-registered commuter, a vehicle or service staff; it carries a signed QR code (qr)',
    description:
      'Given again for the same holder it renews the pass (and lifts a revocation); for another holder it answers 409. A returnee (returnedAt) ' +
      'gets a pass only once their 14 days of home observation have ended (400 naming returnedAt).',
    params: CompoundIdParams, body: { kind: 'json', schema: PassCreate },
    response: { status: 201, schema: Pass }, errors: [404, 409],
  },
  listPasses: {
    method: 'GET', path: '/v1/compounds/{id}/passes', resource: 'passes', auth: 'jwt', roles: ['city', 'official', 'community'],
    summary: 'A compound\'s passes in pass-id order, holders masked; q searches the pass id, holder\'s name and plate; buildingId keeps one building\'s (its printed sheet)',
    params: CompoundIdParams, query: PassListQuery, response: { status: 200, schema: PassPage }, errors: [404],
  },
  revokePass: {
    method: 'POST', path: '/v1/compounds/{id}/passes/{passId}/revoke', resource: 'passes', auth: 'jwt', roles: ['city', 'community'],
    summary: 'Revoke a pass: checks answer revoked from now on, and gates get it with their next pass-key sync (409 if revoked already)',
    params: PassParams, response: { status: 200, schema: Pass }, errors: [404, 409],
  },
  checkPass: {
    method: 'POST', path: '/v1/exits/{id}/pass-checks', resource: 'passes', auth: 'jwt', roles: ['duty'],
    summary: 'Judge a scanned pass at your own exit: valid, or why not (expired, revoked, other_compound, not_yet_valid, bad_signature); records nothing',
    params: ExitIdParams, body: { kind: 'json', schema: PassCheckRequest },
    response: { status: 200, schema: PassCheck }, errors: [404],
  },
  getPassKey: {
    method: 'GET', path: '/v1/exits/{id}/pass-key', resource: 'passes', auth: 'jwt', roles: ['duty'],
    summary: 'The key that verifies passes of your exit\'s compound offline, with the passes revoked since: fetch while online, check at the gate without a network',
    params: ExitIdParams, response: { status: 200, schema: PassKey }, errors: [404],
  },
});
