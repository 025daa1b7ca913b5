/**
 * Routes of the gate notice (小区公示): a compound's hotlines (city staff and community admins
 * set them, staff read them), the record that the notice was printed or posted at the gate (the
 * scorecard's evidence), and the public notice the resident page and the printed notice show.
 */
import { OVERSEERS, REGISTRY_EDITORS, ROLES } from '#shared/roles.ts';
import { CompoundIdParams } from '#shared/schemas/compound.ts';
import { Hotlines, HotlinesPut, NoticePostedCreate, NoticePosting, NoticePostings, NoticePostingsQuery, PublicNotice } from '#shared/schemas/notice.ts';
import { PublicCompoundParams } from '#shared/schemas/public.ts';
import { defineRoutes } from '../types.ts';

export const noticesRoutes = defineRoutes({
  getHotlines: {
    method: 'GET', path: '/v1/compounds/{id}/hotlines', resource: 'notices', auth: 'jwt', roles: ROLES,
    summary: 'The compound\'s hotlines as posted at its gate (community office, property, epidemic hotline); empty when none were set',
    params: CompoundIdParams, response: { status: 200, schema: Hotlines }, errors: [404],
  },
  putHotlines: {
    method: 'PUT', path: '/v1/compounds/{id}/hotlines', resource: 'notices', auth: 'jwt', roles: REGISTRY_EDITORS,
    summary: 'Set the compound\'s hotlines: label and phone of each, in the order posted',
    description: 'A phone that is not one is 400 naming the field (body.hotlines.<n>.phone) and nothing is written.',
    params: CompoundIdParams, body: { kind: 'json', schema: HotlinesPut },
    response: { status: 200, schema: Hotlines }, errors: [404],
  },
  recordNoticePosted: {
    method: 'POST', path: '/v1/compounds/{id}/notice/posted', resource: 'notices', auth: 'jwt', roles: REGISTRY_EDITORS,
    summary: 'Record that the compound\'s gate notice was printed (from the app) or posted at the gate today (China time): who and when',
    description: 'The evidence of the scorecard\'s "notices posted" item. Printing the notice from the app records it by itself.',
    params: CompoundIdParams, body: { kind: 'json', schema: NoticePostedCreate },
    response: { status: 201, schema: NoticePosting }, errors: [404],
  },
  listNoticePostings: {
    method: 'GET', path: '/v1/compounds/{id}/notice/posted', resource: 'notices', auth: 'jwt', roles: OVERSEERS,
    summary: 'Every printing or posting of the compound\'s gate notice on a China day (default today), oldest first',
    params: CompoundIdParams, query: NoticePostingsQuery, response: { status: 200, schema: NoticePostings }, errors: [404],
  },
  getPublicNotice: {
    method: 'GET', path: '/public/compounds/{id}/notice', resource: 'notices', auth: 'public',
    summary: 'A compound\'s gate notice: responsibility list and hotlines as posted (names and phones), drop-off points, today\'s case counts',
    description: 'Public by the notices\' own rule and kept to exactly these fields. Cacheable: Cache-Control public with a short max-age and an ETag; If-None-Match with the current ETag answers 304 with no body.',
    params: PublicCompoundParams, response: { status: 200, schema: PublicNotice }, errors: [404],
  },
});
