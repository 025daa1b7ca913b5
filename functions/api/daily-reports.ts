/**
 * Daily report routes (日报告、零报告): a compound's report of a day (a draft of the day's data
 * until submitted), the community's submission or zero report, the roll-up of a day within a
 * community, street or the caller's jurisdiction (with each line's orders of the day, counted per
 * community), and its .xlsx export for the reporting chain.
 */
import { chinaDay } from '#shared/domain/china-time.ts';
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import { abnormalities, ordersOfPlace } from '#shared/domain/daily-figures.ts';
import { rollupWorkbook } from '#shared/domain/daily-report-workbook.ts';
import { isLate, rollupRows, rollupTotals, submitRefusal, type SubmittedReport } from '#shared/domain/daily-report.ts';
import { CLOSURE_STATUSES } from '#shared/domain/disinfection.ts';
import { dailyReportsRoutes } from '#shared/catalogue/routes/daily-reports.ts';
import { message } from '#shared/messages/message.ts';
import { listScope, type Caller } from '#shared/roles.ts';
import type { DailyReport, DailyReportListQuery, DailyReportRollup } from '#shared/schemas/daily-report.ts';
import { communityForCaller, compoundForCaller, streetForCaller } from '../edge/access.ts';
import { binary, httpHandler } from '../edge/http.ts';
import { nowIso } from '../platform/clock.ts';
import { dailyReportDeadline } from '../platform/daily-report-settings.ts';
import { ConflictError, ValidationError, fieldError } from '../platform/errors.ts';
import { figuresOf, orderFiguresOfDay } from '../stores/daily-figures-store.ts';
import { getDailyReport, reportsOfDay, saveDailyReport } from '../stores/daily-report-store.ts';
import { cityCompounds, compoundsOfCommunity, compoundsOfStreet } from '../stores/compound-store.ts';
import { loadPlaces } from '../stores/places-store.ts';

/** A day after today in China cannot be reported (nor drafted): 400 naming the field. */
function checkDay(date: string, at: string): void {
  const today = chinaDay(at);
  if (date > today) throw new ValidationError([fieldError('params.date', message('daily-report.future', { today }))]);
}

/** The report as answered: the stored submission, or a draft of the day's data now. */
async function reportView(compound: CompoundRecord, date: string, stored: SubmittedReport | undefined, at: string): Promise<DailyReport> {
  const deadline = dailyReportDeadline(date);
  const place = { compoundId: compound.id, compoundName: compound.name, communityId: compound.communityId, streetId: compound.streetId, date, deadline };
  if (stored) {
    const { figures, status, note, submittedBy, submittedByName, submittedAt } = stored;
    return {
      ...place, status, figures, abnormal: abnormalities(figures),
      ...(note ? { note } : {}), submittedBy, ...(submittedByName ? { submittedByName } : {}), submittedAt,
      ...(isLate(submittedAt, at, deadline) ? { late: true } : {}),
      final: at > deadline,
    };
  }
  const figures = await figuresOf(compound, date, at);
  return { ...place, status: 'draft', figures, abnormal: abnormalities(figures), ...(isLate(undefined, at, deadline) ? { late: true } : {}), final: false };
}

/** The day's roll-up within what the query names, or the caller's jurisdiction. */
async function rollup(query: DailyReportListQuery, caller: Caller): Promise<DailyReportRollup> {
  if (query.communityId && query.streetId) throw new ValidationError([fieldError('query.streetId', message('daily-report.both-places'))]);
  const places = await loadPlaces();
  const { date } = query;
  let compounds: Promise<CompoundRecord[]>;
  let reports: Promise<SubmittedReport[]>;
  let whole: { level: 'community' | 'street' | 'city'; id: string; name: string };
  const ofCommunity = (id: string) => {
    const community = places.communityById.get(id);
    compounds = compoundsOfCommunity(id);
    reports = reportsOfDay(date, { streetId: community?.streetId ?? null, communityId: id });
    whole = { level: 'community', id, name: community?.name ?? id };
  };
  const ofStreet = (id: string) => {
    compounds = compoundsOfStreet(id);
    reports = reportsOfDay(date, { streetId: id });
    whole = { level: 'street', id, name: places.streetById.get(id)?.name ?? id };
  };
  if (query.communityId) ofCommunity(communityForCaller(places, query.communityId, caller, 'query.communityId').id);
  else if (query.streetId) ofStreet(streetForCaller(places, query.streetId, caller, 'query.streetId').id);
  else {
    const scope = listScope(caller);
    if (scope.level === 'community') ofCommunity(scope.communityId);
    else if (scope.level === 'street') ofStreet(scope.streetId);
    else {
      // The city: only compounds under closure must report (one begins_with per street and status).
      compounds = cityCompounds(CLOSURE_STATUSES);
      reports = reportsOfDay(date);
      whole = { level: 'city', id: 'city', name: '全市' };
    }
  }
  const deadline = dailyReportDeadline(date);
  const names = {
    community: (id: string | null) => (id ? places.communityById.get(id)?.name : undefined),
    street: (id: string | null) => (id ? places.streetById.get(id)?.name : undefined),
  };
  const [compoundsIn, reportsIn, orders] = await Promise.all([compounds!, reports!, orderFiguresOfDay(date)]);
  const items = rollupRows(compoundsIn, reportsIn, names, deadline);
  const streetOf = (communityId: string) => places.communityById.get(communityId)?.streetId;
  const totals = rollupTotals(items, date, whole!, (place) => ordersOfPlace(place, orders, streetOf));
  const all = totals[totals.length - 1]!;
  return { date, deadline, submitted: all.submitted, zero: all.zero, missing: all.missing, late: all.late, items, totals };
}

export const handler = httpHandler(dailyReportsRoutes, {
  getDailyReport: async ({ params, caller }) => {
    const at = nowIso();
    checkDay(params.date, at);
    const compound = await compoundForCaller(params.compoundId, caller);
    const stored = await getDailyReport({ date: params.date, compoundId: compound.id, communityId: compound.communityId, streetId: compound.streetId });
    return reportView(compound, params.date, stored, at);
  },

  submitDailyReport: async ({ params, body, caller }) => {
    const at = nowIso();
    checkDay(params.date, at);
    const compound = await compoundForCaller(params.compoundId, caller);
    const place = { date: params.date, compoundId: compound.id, communityId: compound.communityId, streetId: compound.streetId };
    const [existing, figures] = await Promise.all([getDailyReport(place), figuresOf(compound, params.date, at)]);
    const refusal = submitRefusal(body, figures, existing, at, dailyReportDeadline(params.date));
    if (refusal) throw new ConflictError(refusal.said);
    const report: SubmittedReport = {
      ...place,
      compoundName: compound.name,
      status: body.zero ? 'zero' : 'submitted',
      figures,
      ...(body.note ? { note: body.note } : {}),
      submittedBy: caller.username,
      ...(caller.name ? { submittedByName: caller.name } : {}),
      submittedAt: at,
    };
    await saveDailyReport(report, existing);
    return reportView(compound, params.date, report, at);
  },

  listDailyReports: async ({ query, caller }) => rollup(query, caller),

  exportDailyReports: async ({ query, caller }) => {
    const data = await rollup(query, caller);
    return binary(await rollupWorkbook(data), `日报告-${query.date}.xlsx`);
  },
});
