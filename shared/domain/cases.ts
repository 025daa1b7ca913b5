/**
 * Case rules: which reports make a building a case building, how a compound's reports sum per
 * day, when a report is the same one resent, and whether a confirmed case suggests lockdown.
 * Pure; the case store applies them.
 */
import type { CaseCreate, CaseDay, CaseKind } from '../schemas/case.ts';
import type { CompoundStatus } from '../schemas/compound.ts';
import { caseWindow } from './disinfection.ts';
import { stableHash } from './ids.ts';

/** Kinds that put a building on the extra disinfection rounds for 14 days. */
export const INTENSIFYING_KINDS: readonly CaseKind[] = ['confirmed', 'suspected'];
export const intensifies = (kind: CaseKind): boolean => INTENSIFYING_KINDS.includes(kind);

/** Whether a report of `kind` on `reportDay` still counts for a round on `roundDay`. */
export const inCaseWindow = (reportDay: string, roundDay: string): boolean => caseWindow(roundDay).includes(reportDay);

/** A report's content, for telling a resent report from another under the same id. */
export const caseFingerprint = (body: Pick<CaseCreate, 'buildingId' | 'date' | 'kind' | 'count'>): string =>
  stableHash(`${body.buildingId}|${body.date}|${body.kind}|${body.count}`);

/** Reports summed per day, one entry per day that has any, in day order. */
export function sumByDay(reports: readonly { date: string; kind: CaseKind; count: number }[]): CaseDay[] {
  const days = new Map<string, CaseDay>();
  for (const r of reports) {
    const day = days.get(r.date) ?? { day: r.date, confirmed: 0, suspected: 0, asymptomatic: 0 };
    days.set(r.date, { ...day, [r.kind]: day[r.kind] + r.count });
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** A confirmed case suggests lockdown unless the compound is in lockdown already or a suggestion is open. */
export const suggestsLockdown = (kind: CaseKind, status: CompoundStatus, openSuggestion: boolean): boolean =>
  kind === 'confirmed' && status !== 'lockdown' && !openSuggestion;
