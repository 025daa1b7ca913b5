/**
 * Daily report rules (日报告、零报告): when a day's reports are due, which compounds must report,
 * whether a submission is accepted (a zero report only on a day with nothing abnormal; a report
 * submitted may be submitted again until the deadline, after it stays as it is), and the
 * roll-ups by community, street and city. Pure; the daily-report store and routes apply them.
 */
import { abnormalities, emptyFigures, emptyOrderFigures, sumFigures, type Abnormal, type DailyFigures, type OrderFigures, type OrderPlace } from './daily-figures.ts';
import { slotStart, underClosure } from './disinfection.ts';
import { spoken, message, type Message, type Spoken } from '../messages/message.ts';
import type { DailyReportRow, DailyReportTotal } from '../schemas/daily-report.ts';

/** The default deadline of a day's reports, China time. */
export const DEFAULT_DAILY_REPORT_DEADLINE = '18:00';

/** `"17:30"` → `"17:30"`; undefined when it is not a time of day (the caller keeps the default). */
export function parseDeadline(text: string | undefined): string | undefined {
  const t = text?.trim();
  return t && /^([01]\d|2[0-3]):[0-5]\d$/.test(t) ? t : undefined;
}

/** The instant a day's reports are due: the deadline's China time on that day. */
export const deadlineOf = (day: string, time: string): string => slotStart(day, time);

/** Whether a compound must report: under closed management or lockdown (a normal compound reports nothing). */
export const mustReport = (status: string): boolean => underClosure(status);

/** A report as stored: a submission (confirmed or zero) with the figures it was submitted with. */
export interface SubmittedReport {
  readonly compoundId: string;
  readonly compoundName: string;
  readonly communityId: string | null;
  readonly streetId: string | null;
  readonly date: string;
  readonly status: 'submitted' | 'zero';
  readonly figures: DailyFigures;
  readonly note?: string;
  readonly submittedBy: string;
  readonly submittedByName?: string;
  readonly submittedAt: string;
}

export type SubmitRefusal =
  | ({ readonly code: 'not-zero'; readonly abnormal: readonly Abnormal[] } & Spoken)
  | ({ readonly code: 'final' } & Spoken);

/** The abnormalities said as one message: `a new case, a fever at an exit`. */
export function abnormalText(abnormal: readonly Abnormal[]): Message {
  const said = abnormal.map((a) => message(`daily-report.abnormal.${a}`));
  return said.reduceRight((rest, first) => message('daily-report.list', { first, rest }));
}

/**
 * Whether a submission is accepted. A zero report is refused while the day's figures show a new
 * case, a fever, symptoms or an open event alert. A report already submitted may be submitted
 * again (corrected, or a zero report turned into a full one) until the day's deadline; after it
 * the report is final. A day never reported may be submitted late (it is flagged late).
 */
export function submitRefusal(
  submit: { readonly zero?: boolean | undefined },
  figures: DailyFigures,
  existing: SubmittedReport | undefined,
  at: string,
  deadline: string,
): SubmitRefusal | undefined {
  if (existing && at > deadline) {
    return { code: 'final', ...spoken('daily-report.final', { id: existing.compoundId, date: existing.date, by: existing.submittedByName ?? existing.submittedBy, at: existing.submittedAt }) };
  }
  if (submit.zero) {
    const abnormal = abnormalities(figures);
    if (abnormal.length > 0) {
      return { code: 'not-zero', abnormal, ...spoken('daily-report.not-zero', { id: figures.compoundId, date: figures.date, reasons: abnormalText(abnormal) }) };
    }
  }
  return undefined;
}

/** Whether a report was (or, not yet submitted, is) late: after the deadline. */
export const isLate = (submittedAt: string | undefined, at: string, deadline: string): boolean =>
  (submittedAt ?? at) > deadline;

/** A compound to account for in a roll-up, with its place's names. */
export interface RollupCompound {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly communityId: string | null;
  readonly streetId: string | null;
}

export interface PlaceNames {
  readonly community: (id: string | null) => string | undefined;
  readonly street: (id: string | null) => string | undefined;
}

/**
 * The roll-up rows: every compound that must report (or reported anyway), missing ones first,
 * then by street, community and name. A report is late when submitted after the deadline; a
 * missing one once the deadline has passed (`at`).
 */
export function rollupRows(
  compounds: readonly RollupCompound[],
  reports: readonly SubmittedReport[],
  names: PlaceNames,
  deadline: string,
): DailyReportRow[] {
  const byCompound = new Map(reports.map((r) => [r.compoundId, r]));
  const rows: DailyReportRow[] = [];
  const seen = new Set<string>();
  const place = (c: { communityId: string | null; streetId: string | null }) => {
    const communityName = names.community(c.communityId);
    const streetName = names.street(c.streetId);
    return { communityId: c.communityId, streetId: c.streetId, ...(communityName ? { communityName } : {}), ...(streetName ? { streetName } : {}) };
  };
  const reported = (r: SubmittedReport): DailyReportRow => ({
    compoundId: r.compoundId, compoundName: r.compoundName, ...place(r), status: r.status,
    ...(r.submittedAt > deadline ? { late: true } : {}), submittedAt: r.submittedAt,
    ...(r.submittedByName ? { submittedByName: r.submittedByName } : {}), ...(r.note ? { note: r.note } : {}), figures: r.figures,
  });
  for (const c of compounds) {
    seen.add(c.id);
    const report = byCompound.get(c.id);
    if (report) rows.push(reported(report));
    else if (mustReport(c.status)) rows.push({ compoundId: c.id, compoundName: c.name, ...place(c), status: 'missing' });
  }
  for (const r of reports) if (!seen.has(r.compoundId)) rows.push(reported(r));
  const order = { missing: 0, submitted: 1, zero: 2 } as const;
  return rows.sort((a, b) => order[a.status] - order[b.status]
    || (a.streetName ?? '').localeCompare(b.streetName ?? '', 'zh-CN') || (a.communityName ?? '').localeCompare(b.communityName ?? '', 'zh-CN')
    || a.compoundName.localeCompare(b.compoundName, 'zh-CN'));
}

/** A place's orders of the roll-up's day (daily-figures ordersOfPlace over the day's counters); none by default. */
export type OrdersOf = (place: OrderPlace) => OrderFigures;
const noOrders: OrdersOf = () => emptyOrderFigures();

/** Counts and sums of some rows, as one level's line, with the place's orders of the day. */
export function totalOf(
  level: DailyReportTotal['level'], id: string, name: string, rows: readonly DailyReportRow[], date: string, ordersOf: OrdersOf = noOrders,
): DailyReportTotal {
  const count = (status: DailyReportRow['status']) => rows.filter((r) => r.status === status).length;
  const figures = rows.flatMap((r) => (r.figures ? [r.figures] : []));
  return {
    level, id, name,
    submitted: count('submitted'), zero: count('zero'), missing: count('missing'), late: rows.filter((r) => r.late).length,
    figures: figures.length > 0 ? sumFigures(figures, id, date) : emptyFigures(id, date),
    orders: ordersOf({ level, id }),
  };
}

/** Per community, per street, then the whole (`whole` names it: the city, a street, a community). */
export function rollupTotals(
  rows: readonly DailyReportRow[], date: string, whole: { level: DailyReportTotal['level']; id: string; name: string }, ordersOf: OrdersOf = noOrders,
): DailyReportTotal[] {
  const group = (key: (r: DailyReportRow) => string | null, name: (r: DailyReportRow) => string | undefined, level: 'community' | 'street') => {
    const groups = new Map<string, DailyReportRow[]>();
    for (const r of rows) {
      const k = key(r) ?? '';
      const list = groups.get(k);
      if (list) list.push(r);
      else groups.set(k, [r]);
    }
    return [...groups.entries()].map(([id, list]) => totalOf(level, id, name(list[0] as DailyReportRow) ?? id, list, date, ordersOf));
  };
  return [
    ...group((r) => r.communityId, (r) => r.communityName, 'community'),
    ...group((r) => r.streetId, (r) => r.streetName, 'street'),
    totalOf(whole.level, whole.id, whole.name, rows, date, ordersOf),
  ];
}
