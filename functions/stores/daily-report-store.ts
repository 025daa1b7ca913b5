/**
 * Daily reports (日报告) in the table: one item per compound and China day, in the day's
 * partition (`DAILYREPORT#<day>`) sorted by street, community and compound, so a community's or a
 * street's reports of a day are one begins_with and the city's one query. Only submissions are
 * stored (a draft is the day's data, read live); a submission keeps the figures it was made with.
 */
import type { SubmittedReport } from '#shared/domain/daily-report.ts';
import { message } from '#shared/messages/message.ts';
import { keys, UNASSIGNED } from '#shared/table.ts';
import { withoutKeys } from '../platform/list-sources.ts';
import { getItem, putItem, queryAll, type Item } from '../platform/table.ts';

type Placed = Pick<SubmittedReport, 'date' | 'streetId' | 'communityId' | 'compoundId'>;

const keyOf = (r: Placed) => keys.dailyReport(r.date, r.streetId, r.communityId, r.compoundId);

/** The compound's submitted report of the day, if any (read consistently: a submission conditions on it). */
export async function getDailyReport(place: Placed): Promise<SubmittedReport | undefined> {
  const item = await getItem<Item>(keyOf(place), { consistent: true });
  return item ? withoutKeys<SubmittedReport>(item) : undefined;
}

/**
 * Stores a submission, only over the report that was read (`previous`: none, or the one
 * submitted at that time): two admins submitting at once do not overwrite each other unseen —
 * the second fails with a ConflictError.
 */
export async function saveDailyReport(report: SubmittedReport, previous: SubmittedReport | undefined): Promise<void> {
  await putItem(
    { ...keyOf(report), type: 'daily-report', ...report },
    previous
      ? { condition: 'submittedAt = :previous', values: { ':previous': previous.submittedAt }, conflict: message('daily-report.raced', { id: report.compoundId, date: report.date }) }
      : { condition: 'attribute_not_exists(pk)', conflict: message('daily-report.raced', { id: report.compoundId, date: report.date }) },
  );
}

/** Where in a day's reports: all, a street's, or a community's (named with its street, which the sort key starts with). */
export type ReportsWithin = { readonly streetId: string | null } | { readonly streetId: string | null; readonly communityId: string | null };

/** A day's submitted reports, all or those within a street or community: one query. */
export async function reportsOfDay(day: string, within?: ReportsWithin): Promise<SubmittedReport[]> {
  const beginsWith = !within
    ? undefined
    : 'communityId' in within
      ? `${within.streetId ?? UNASSIGNED}#${within.communityId ?? UNASSIGNED}#`
      : `${within.streetId ?? UNASSIGNED}#`;
  const items = await queryAll<Item>({ partition: keys.dailyReport(day, null, null, '').pk, beginsWith });
  return items.map((item) => withoutKeys<SubmittedReport>(item));
}

