/**
 * Daily reports and zero reports (日报告、零报告): a compound's report of a China day (a draft of
 * the day's data until the community submits it), the submission, the roll-ups the reporting
 * chain reads (community, street, city: submitted, zero, missing) and their .xlsx export.
 */
import {
  DailyReport, DailyReportExport, DailyReportListQuery, DailyReportParams, DailyReportRollup, DailyReportSubmit, XLSX_TYPE,
} from '#shared/schemas/daily-report.ts';
import { defineRoutes } from '../types.ts';

export const dailyReportsRoutes = defineRoutes({
  getDailyReport: {
    method: 'GET', path: '/v1/daily-reports/{compoundId}/{date}', resource: 'daily-reports', auth: 'jwt', roles: ['city', 'official', 'community'],
    summary: 'A compound\'s daily report of a China day: as submitted, or a draft of the day\'s data',
    description: 'A draft\'s figures are read from the data now (entries, cases, sweeps, rounds, people under observation, help requests, unresolved exits); a submitted report keeps the figures it was submitted with.',
    params: DailyReportParams, response: { status: 200, schema: DailyReport }, errors: [404],
  },
  submitDailyReport: {
    method: 'POST', path: '/v1/daily-reports/{compoundId}/{date}/submit', resource: 'daily-reports', auth: 'jwt', roles: ['community'],
    summary: 'Submit the day\'s report (with a note) or a zero report (零报告)',
    description:
      'A zero report is refused with 409 (code daily-report.not-zero) when the day had a new case, a fever, symptoms or an open alert. ' +
      'A submitted report may be submitted again until the day\'s deadline (DAILY_REPORT_DEADLINE, default 18:00 China time); after it, 409 (daily-report.final). ' +
      'A day not reported by the deadline may still be submitted: it is marked late.',
    params: DailyReportParams, body: { kind: 'json', schema: DailyReportSubmit }, response: { status: 200, schema: DailyReport }, errors: [404, 409],
  },
  listDailyReports: {
    method: 'GET', path: '/v1/daily-reports', resource: 'daily-reports', auth: 'jwt', roles: ['city', 'official', 'community'],
    summary: 'The roll-up of a day\'s reports within the caller\'s jurisdiction, a community or a street: submitted, zero, missing, with the compounds that did not report',
    description: 'Compounds under closed management or lockdown must report; a compound that reported anyway is listed too.',
    query: DailyReportListQuery, response: { status: 200, schema: DailyReportRollup },
  },
  exportDailyReports: {
    method: 'GET', path: '/v1/daily-reports/export', resource: 'daily-reports', auth: 'jwt', roles: ['city', 'official', 'community'],
    summary: 'The roll-up as an Excel workbook (.xlsx, Chinese headers): one sheet per level (小区, 社区, 街道)',
    query: DailyReportListQuery, response: { status: 200, schema: DailyReportExport, contentType: XLSX_TYPE },
  },
});
