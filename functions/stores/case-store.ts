/**
 * Case reports in the table. One item per report (`CASE#id / META`, keyed by the client's id so
 * a resent report finds itself), indexed twice:
 * - byParent `COMPOUND#c#CASES`, sorted by China day: a compound's counts over days are one query
 *   ({@link casesOfCompound}, read by the public page).
 * - byStreet, sparse, `CASEDAY#day` for confirmed and suspected reports only: a round's planner
 *   reads the 14 days' partitions once to learn every case building of the city
 *   ({@link caseBuildings}), instead of a read per compound.
 * A confirmed case raises a `lockdown_suggested` alert in the report's own transaction, guarded by
 * the compound's LOCKDOWN_SUGGESTION item so a second one waits until the first is closed.
 */
import { newAlert } from '#shared/domain/alerts.ts';
import { caseFingerprint, intensifies, suggestsLockdown, sumByDay } from '#shared/domain/cases.ts';
import { caseWindow, dayBefore } from '#shared/domain/disinfection.ts';
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import type { Caller } from '#shared/roles.ts';
import type { CaseCreate, CaseDay, CaseReport } from '#shared/schemas/case.ts';
import { indexKeys, indexSortKeys, keys } from '#shared/table.ts';
import { alertOps } from './alert-store.ts';
import { auditItem } from './audit-store.ts';
import { ConflictError } from '../platform/errors.ts';
import { withoutKeys } from '../platform/list-sources.ts';
import { inParallel } from '#shared/parallel.ts';
import { failedConditions, getItem, queryAll, transactWithRetry, type Item, type TransactOp } from '../platform/table.ts';
import { message } from '#shared/messages/message.ts';

const reportFromItem = (item: Item): CaseReport => {
  const { fingerprint: _f, ...report } = withoutKeys<CaseReport & { fingerprint?: string }>(item);
  return report;
};

/** A compound's reports of the days from..to (China days, inclusive): one query. */
export async function caseReportsOfCompound(compoundId: string, fromDay: string, toDay: string): Promise<CaseReport[]> {
  const items = await queryAll<Item>({
    index: 'byParent',
    partition: indexKeys.casesOfCompound(compoundId),
    between: [indexSortKeys.caseOfDay(fromDay, ''), indexSortKeys.caseOfDay(toDay, '~')],
  });
  return items.map(reportFromItem);
}

/**
 * Per China day from..to, the compound's summed counts (every day of the range, zeros included):
 * one query. Counts only; a report holds no personal data.
 */
export async function casesOfCompound(compoundId: string, fromDay: string, toDay: string): Promise<CaseDay[]> {
  const byDay = new Map(sumByDay(await caseReportsOfCompound(compoundId, fromDay, toDay)).map((d) => [d.day, d]));
  const days: CaseDay[] = [];
  for (let day = toDay; day >= fromDay; day = dayBefore(day)) days.unshift(byDay.get(day) ?? { day, confirmed: 0, suspected: 0, asymptomatic: 0 });
  return days;
}

/** Buildings with a confirmed or suspected report in the 14 days ending on `day`, by compound. */
export async function caseBuildings(day: string): Promise<Record<string, string[]>> {
  const lists = await inParallel(caseWindow(day), 7, (d) => queryAll<Item>({ index: 'byStreet', partition: indexKeys.caseBuildingsOfDay(d) }));
  const out: Record<string, string[]> = {};
  for (const item of lists.flat()) {
    const compoundId = item.compoundId as string;
    const list = (out[compoundId] ??= []);
    if (!list.includes(item.buildingId as string)) list.push(item.buildingId as string);
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

/** A report as stored, with its index entries (the sparse case-buildings one for confirmed and suspected). */
export function caseItem(report: CaseReport, fingerprint: string): Item {
  return {
    ...keys.caseReport(report.id),
    type: 'case',
    gsi1pk: indexKeys.casesOfCompound(report.compoundId),
    gsi1sk: indexSortKeys.caseOfDay(report.date, report.id),
    ...(intensifies(report.kind)
      ? { gsi3pk: indexKeys.caseBuildingsOfDay(report.date), gsi3sk: indexSortKeys.caseBuilding(report.compoundId, report.buildingId, report.id) }
      : {}),
    ...report,
    fingerprint,
  };
}

/** The report stored under this id: the same one again, or a conflict when the body differs. */
export async function storedCase(caseId: string, body: CaseCreate): Promise<CaseReport | undefined> {
  const item = await getItem<Item>(keys.caseReport(caseId), { consistent: true });
  if (!item) return undefined;
  if (item.fingerprint !== caseFingerprint(body)) throw new ConflictError(message('case.differs', { id: caseId }));
  return reportFromItem(item);
}

/** Whether the compound's last lockdown suggestion is still open. */
async function openSuggestion(compoundId: string): Promise<{ open: boolean; lastAlertId: string | undefined }> {
  const guard = await getItem<Item>(keys.lockdownSuggestion(compoundId), { consistent: true });
  const lastAlertId = guard?.alertId as string | undefined;
  if (!lastAlertId) return { open: false, lastAlertId };
  const alert = await getItem<Item>(keys.alert(lastAlertId), { consistent: true });
  // Acknowledged is still undecided: only closing the suggestion settles it.
  return { open: alert !== undefined && alert.status !== 'closed', lastAlertId };
}

/**
 * Records a report once, with its audit record and, for a confirmed case, the lockdown
 * suggestion — one transaction. A racing report of the same id answers the stored one; a racing
 * confirmed report of the same compound that loses the guard is retried and finds it open.
 */
export async function recordCase(
  body: CaseCreate & { caseId: string },
  compound: CompoundRecord,
  caller: Pick<Caller, 'username' | 'role'>,
  atIso: string,
): Promise<CaseReport> {
  const fingerprint = caseFingerprint(body);
  for (let attempt = 1; ; attempt++) {
    const suggestion = body.kind === 'confirmed' ? await openSuggestion(compound.id) : { open: true, lastAlertId: undefined };
    const alert = suggestsLockdown(body.kind, compound.status, suggestion.open)
      ? newAlert({
        kind: 'lockdown_suggested',
        source: { type: 'case', id: body.caseId },
        compoundId: compound.id,
        communityId: compound.communityId,
        streetId: compound.streetId,
        buildingId: body.buildingId,
        raisedAt: atIso,
        raisedBy: caller.username,
        details: { caseId: body.caseId, date: body.date, count: body.count, compoundName: compound.name },
        action: { operationId: 'sealCompound', method: 'POST', path: `/v1/compounds/${compound.id}/seal`, body: { level: 'lockdown', reason: `confirmed case reported ${body.date}` } },
      })
      : undefined;
    const report: CaseReport = {
      id: body.caseId, compoundId: compound.id, buildingId: body.buildingId, date: body.date, kind: body.kind, count: body.count,
      reportedAt: atIso, reportedBy: caller.username, ...(alert ? { alertId: alert.id } : {}),
    };
    const ops: TransactOp[] = [
      { put: caseItem(report, fingerprint), condition: 'attribute_not_exists(pk)' },
      {
        put: auditItem({
          entity: 'CASE', entityId: report.id, action: 'report', caller, at: atIso,
          changes: { kind: { from: null, to: report.kind }, count: { from: null, to: report.count }, buildingId: { from: null, to: report.buildingId }, date: { from: null, to: report.date } },
        }),
      },
    ];
    if (alert) {
      ops.push({
        put: { ...keys.lockdownSuggestion(compound.id), type: 'lockdown-suggestion', alertId: alert.id, compoundId: compound.id },
        condition: suggestion.lastAlertId ? 'alertId = :last' : 'attribute_not_exists(pk)',
        ...(suggestion.lastAlertId ? { values: { ':last': suggestion.lastAlertId } } : {}),
      });
      ops.push(...alertOps(alert, caller));
    }
    try {
      await transactWithRetry(ops);
      return report;
    } catch (error) {
      const failed = failedConditions(error);
      if (!failed) throw error;
      if (failed.includes(0)) {
        const stored = await storedCase(body.caseId, body);
        if (stored) return stored;
      }
      if (attempt >= 3) throw new ConflictError(message('case.raced', { id: body.caseId }), { cause: error });
    }
  }
}
