/**
 * After the day's daily-report deadline (DAILY_REPORT_DEADLINE, default 18:00 China time): for
 * each community with compounds under closure that have not reported, one `daily_report_missing`
 * alert (the roll-ups flag the same compounds missing, and late once they report). Reads the
 * compounds under closure (street index by status) and the day's reports (one partition): never
 * a read per compound. The alert's id comes from the day and the community, so a rerun — the
 * schedule fires every 15 minutes until the day ends — finds it raised and raises nothing again.
 */
import { newAlert } from '#shared/domain/alerts.ts';
import { chinaDay } from '#shared/domain/china-time.ts';
import { mustReport } from '#shared/domain/daily-report.ts';
import { CLOSURE_STATUSES } from '#shared/domain/disinfection.ts';
import { SYSTEM_ACTOR } from '#shared/roles.ts';
import { nowIso } from '../platform/clock.ts';
import { dailyReportDeadline } from '../platform/daily-report-settings.ts';
import { logger } from '../platform/logger.ts';
import { cityCompounds } from '../stores/compound-store.ts';
import { reportsOfDay } from '../stores/daily-report-store.ts';
import { raiseAlertOnce } from '../stores/alert-store.ts';
import { scheduledHandler } from '../edge/scheduled.ts';

/**
 * Raises the missing-report alerts of a China day (default: today), once its deadline has passed
 * at `at`. Answers how many communities had missing compounds and how many alerts were new.
 */
export async function raiseMissingReports(day: string = chinaDay(nowIso()), at: string = nowIso()): Promise<{ day: string; due: boolean; communities: number; raised: number }> {
  if (at <= dailyReportDeadline(day)) return { day, due: false, communities: 0, raised: 0 };
  const [compounds, reports] = await Promise.all([cityCompounds(CLOSURE_STATUSES), reportsOfDay(day)]);
  const reported = new Set(reports.map((r) => r.compoundId));
  const missingByCommunity = new Map<string, typeof compounds>();
  for (const c of compounds) {
    if (!mustReport(c.status) || reported.has(c.id)) continue;
    const key = c.communityId ?? 'none';
    missingByCommunity.set(key, [...(missingByCommunity.get(key) ?? []), c]);
  }
  let raised = 0;
  for (const [community, missing] of missingByCommunity) {
    const sorted = [...missing].sort((a, b) => a.id.localeCompare(b.id));
    const first = sorted[0]!;
    const alert = newAlert({
      kind: 'daily_report_missing',
      source: { type: 'daily_report', id: `${day.replaceAll('-', '')}_${community}` },
      compoundId: first.id,
      communityId: first.communityId,
      streetId: first.streetId,
      raisedAt: at,
      raisedBy: SYSTEM_ACTOR.username,
      details: { date: day, missing: sorted.length, compoundIds: sorted.map((c) => c.id), compoundNames: sorted.map((c) => c.name) },
    });
    if (await raiseAlertOnce(alert, SYSTEM_ACTOR)) raised += 1;
  }
  return { day, due: true, communities: missingByCommunity.size, raised };
}

export const handler = scheduledHandler('dailyReportDeadline', async () => {
  logger.info('daily reports judged', await raiseMissingReports());
});
