/**
 * Routes of inspections (督导检查) and accountability (追责问责): officials and city staff record an
 * inspection of a compound in their jurisdiction (the six items, findings, photos, the responsible
 * person from the compound's responsibility list, a deadline); the community records the
 * rectification (整改); overdue ones are flagged by a job and raise an alert; the accountability
 * list shows per responsible person the open findings and missed duties.
 */
import { OVERSEERS } from '#shared/roles.ts';
import {
  AccountabilityList, AccountabilityQuery, Inspection, InspectionCreate, InspectionCreated, InspectionIdParams, InspectionListQuery,
  InspectionPage, InspectionRectify, PhotoUploadRequest, PhotoUploadTarget,
} from '#shared/schemas/inspection.ts';
import { defineRoutes } from '../types.ts';

/** Who inspects: officials (督查) and city staff. */
const INSPECTORS = ['city', 'official'] as const;

export const inspectionsRoutes = defineRoutes({
  createInspection: {
    method: 'POST', path: '/v1/inspections', resource: 'inspections', auth: 'jwt', roles: INSPECTORS,
    summary: 'Record an inspection of a compound: the six items checked on site, findings, photos, the responsible person and a deadline',
    description:
      'An item not ok needs its finding; `responsible` must be a name on the compound\'s responsibility list and `deadline` must lie in the future ' +
      '(else 400 naming the field). Photos are keys from POST /v1/inspections/uploads.',
    body: { kind: 'json', schema: InspectionCreate }, response: { status: 201, schema: InspectionCreated }, errors: [404],
  },
  listInspections: {
    method: 'GET', path: '/v1/inspections', resource: 'inspections', auth: 'jwt', roles: OVERSEERS,
    summary: 'Inspections within the caller\'s jurisdiction, newest first, by compound, community, street and status',
    query: InspectionListQuery, response: { status: 200, schema: InspectionPage }, errors: [404],
  },
  rectifyInspection: {
    method: 'POST', path: '/v1/inspections/{id}/rectify', resource: 'inspections', auth: 'jwt', roles: ['community'],
    summary: 'Record the rectification of an inspection\'s findings (整改) with what was done',
    params: InspectionIdParams, body: { kind: 'json', schema: InspectionRectify }, response: { status: 200, schema: Inspection }, errors: [404, 409],
  },
  createInspectionUpload: {
    method: 'POST', path: '/v1/inspections/uploads', resource: 'inspections', auth: 'jwt', roles: INSPECTORS,
    summary: 'Where to PUT one inspection photo (JPEG, PNG or WebP, at most 5 MB): a URL valid for 10 minutes, its key and the headers to send',
    description: 'In the cloud a presigned S3 PUT whose signature fixes the content type and length; locally a PUT to the local API, stored in the data directory.',
    body: { kind: 'json', schema: PhotoUploadRequest }, response: { status: 201, schema: PhotoUploadTarget },
  },
  getAccountability: {
    method: 'GET', path: '/v1/accountability', resource: 'inspections', auth: 'jwt', roles: OVERSEERS,
    summary: 'Per responsible person: open findings of inspections and missed duties (missed rounds of the last 7 days, missed clock-ins now), by community or street',
    query: AccountabilityQuery, response: { status: 200, schema: AccountabilityList }, errors: [404],
  },
});
