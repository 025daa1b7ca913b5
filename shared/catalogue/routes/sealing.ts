/**
 * Routes of the sealing lifecycle: seal and lift a compound, its responsibility list
 * (责任体系公示), and enclosures that merge small compounds behind shared exits.
 */
import { ROLES } from '#shared/roles.ts';
import { LIFTERS, SEALERS } from '#shared/domain/sealing.ts';
import { CompoundIdParams } from '#shared/schemas/compound.ts';
import { Enclosure, EnclosureCreate, EnclosureIdParams } from '#shared/schemas/enclosure.ts';
import { LiftRequest, Responsibility, ResponsibilityPut, SealRequest, SealResult } from '#shared/schemas/sealing.ts';
import { defineRoutes } from '../types.ts';

export const sealingRoutes = defineRoutes({
  sealCompound: {
    method: 'POST', path: '/v1/compounds/{id}/seal', resource: 'sealing', auth: 'jwt', roles: SEALERS,
    summary: 'Put a compound under closed management or lockdown, with the reason',
    description: 'normal/lifted → closed → lockdown (and back down to closed). Recorded in the compound\'s history; its exits are judged again at once.',
    params: CompoundIdParams, body: { kind: 'json', schema: SealRequest },
    response: { status: 200, schema: SealResult }, errors: [404, 409],
  },
  liftCompound: {
    method: 'POST', path: '/v1/compounds/{id}/lift', resource: 'sealing', auth: 'jwt', roles: LIFTERS,
    summary: 'Lift closed management or lockdown (city staff only), with the reason',
    params: CompoundIdParams, body: { kind: 'json', schema: LiftRequest },
    response: { status: 200, schema: SealResult }, errors: [404, 409],
  },
  getResponsibility: {
    method: 'GET', path: '/v1/compounds/{id}/responsibility', resource: 'sealing', auth: 'jwt', roles: ROLES,
    summary: 'The compound\'s responsibility list; phones in full to city, official and community staff, masked to others',
    params: CompoundIdParams, response: { status: 200, schema: Responsibility }, errors: [404],
  },
  putResponsibility: {
    method: 'PUT', path: '/v1/compounds/{id}/responsibility', resource: 'sealing', auth: 'jwt', roles: ['city', 'community'],
    summary: 'Set the compound\'s responsibility list: street leader, community leader, responsible person',
    params: CompoundIdParams, body: { kind: 'json', schema: ResponsibilityPut },
    response: { status: 200, schema: Responsibility }, errors: [404],
  },
  createEnclosure: {
    method: 'POST', path: '/v1/enclosures', resource: 'sealing', auth: 'jwt', roles: ['city', 'community'],
    summary: 'Merge small compounds into one enclosure with shared exits (整合归并)',
    description: 'The exit rules then count the open exits of all members together against the enclosure\'s area. A compound belongs to one enclosure at most.',
    body: { kind: 'json', schema: EnclosureCreate }, response: { status: 201, schema: Enclosure }, errors: [409],
  },
  getEnclosure: {
    method: 'GET', path: '/v1/enclosures/{id}', resource: 'sealing', auth: 'jwt', roles: ROLES,
    summary: 'One enclosure', params: EnclosureIdParams, response: { status: 200, schema: Enclosure }, errors: [404],
  },
});
