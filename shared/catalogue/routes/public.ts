/**
 * The residents' routes (信息公开): no token, no personal data, cacheable. A compound's case
 * counts, its day's disinfection log and its drop-off points, for the page its gate QR code opens (/c/{id}).
 */
import { PublicCases, PublicCompoundParams, PublicDisinfectionLog, PublicDropOffPoints, PublicLogQuery } from '#shared/schemas/public.ts';
import { defineRoutes } from '../types.ts';

const CACHED = 'Cacheable: Cache-Control public with a short max-age (today) or a longer one (past days), and an ETag; If-None-Match with the current ETag answers 304 with no body.';

export const publicRoutes = defineRoutes({
  getPublicCases: {
    method: 'GET', path: '/public/compounds/{id}/cases', resource: 'public', auth: 'public',
    summary: 'A compound\'s confirmed and suspected counts today and over the last 14 days (China time); counts only',
    description: CACHED, params: PublicCompoundParams, response: { status: 200, schema: PublicCases }, errors: [404],
  },
  getPublicDisinfectionLog: {
    method: 'GET', path: '/public/compounds/{id}/disinfection-log', resource: 'public', auth: 'public',
    summary: 'A compound\'s disinfection rounds of one China day (default today): slots, areas, times, required vs completed',
    description: CACHED, params: PublicCompoundParams, query: PublicLogQuery, response: { status: 200, schema: PublicDisinfectionLog }, errors: [404],
  },
  getPublicDropOffPoints: {
    method: 'GET', path: '/public/compounds/{id}/drop-off-points', resource: 'public', auth: 'public',
    summary: 'Where a compound\'s residents receive goods: each drop-off point\'s name, hours, place in words and building',
    description: CACHED, params: PublicCompoundParams, response: { status: 200, schema: PublicDropOffPoints }, errors: [404],
  },
});
