/**
 * The resident's report link (`/r/{token}` in the web app): no login, the token is the only
 * credential (signed, purpose-bound, revocable: shared/domain/links.ts). Rate-limited per token;
 * the token never reaches a log (the edge and the local server log the path redacted).
 */
import { PublicHelpAnswer, PublicHelpCreate } from '#shared/schemas/help.ts';
import { SlotReport } from '#shared/schemas/person.ts';
import { PublicReportAnswer, PublicReportPage, PublicReportParams } from '#shared/schemas/public-report.ts';
import { defineRoutes } from '../types.ts';

/*
 * A refused link answers 404, a revoked one included (its problem `code` says link.refused.revoked):
 * never 401, which clients read as "your staff session lapsed" — a grid worker trying a link on
 * their own phone must not be signed out by it.
 */
const REFUSALS = 'A token that is not a report link (forged, unknown, for another purpose) or a revoked one answers 404 (`code` link.refused.bad or link.refused.revoked); a link after the person\'s release (`code` link.released) or past its expiry (link.refused.expired) 410; more than 20 calls of one link in a minute 429.';

export const publicReportsRoutes = defineRoutes({
  getPublicReport: {
    method: 'GET', path: '/public/reports/{token}', resource: 'public-reports', auth: 'public',
    summary: 'A report link\'s page: the masked name, the period\'s slots with their statuses, the slot open now',
    description: REFUSALS, params: PublicReportParams, response: { status: 200, schema: PublicReportPage }, errors: [404, 410, 429],
  },
  createPublicReport: {
    method: 'POST', path: '/public/reports/{token}', resource: 'public-reports', auth: 'public',
    summary: 'The resident reports temperature and symptoms into the slot whose window is open now; a resend into the same slot updates it',
    description: `${REFUSALS} Between windows (or outside the period) nothing is recorded: 409 saying when the next window opens. A fever or a symptom raises the community's alert at once.`,
    params: PublicReportParams, body: { kind: 'json', schema: SlotReport }, response: { status: 201, schema: PublicReportAnswer }, errors: [404, 409, 410, 429],
  },
  createPublicHelp: {
    method: 'POST', path: '/public/reports/{token}/help', resource: 'public-reports', auth: 'public',
    summary: 'The resident asks for emergency help (紧急救助: medical, medicine, other) through their report link; the community\'s help alert is raised at once',
    description: `${REFUSALS} Idempotent by requestId: a resend records nothing new. The answer says only that help was asked.`,
    params: PublicReportParams, body: { kind: 'json', schema: PublicHelpCreate }, response: { status: 201, schema: PublicHelpAnswer }, errors: [404, 409, 410, 429],
  },
});
