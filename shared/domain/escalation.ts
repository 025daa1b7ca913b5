/**
 * Escalation (逐级上报): how long an alert of each kind may wait unacknowledged before it goes up
 * a level (community → street → city), and how urgent each kind is (the inbox's order). One
 * table, so the job, the inbox and the tests read the same times.
 */
import { message } from '../messages/message.ts';
import { say } from '../messages/say.ts';
import type { Language } from '../messages/language.ts';
import type { Role } from '../roles.ts';
import { chinaMinute } from './china-time.ts';
import type { Alert, AlertKind, AlertLevel } from '../schemas/alert.ts';
import type { StaffJurisdiction } from '../schemas/staff.ts';

const MINUTE = 60_000;

/**
 * Per kind: minutes to acknowledge at each level before it goes up, and urgency (9 most urgent).
 * A fever at a gate or symptoms on a visit may be infection walking about: 15 minutes (the
 * notices' rule for fever). A positive test and a high-urgency help request are as pressing. A
 * lockdown suggestion is a decision for the day: an hour. Missed duties are for the day's
 * supervision: four hours.
 */
export const ESCALATION: Readonly<Record<AlertKind, { readonly minutes: number; readonly urgency: number }>> = {
  fever: { minutes: 15, urgency: 9 },
  positive_test: { minutes: 15, urgency: 9 },
  symptoms: { minutes: 15, urgency: 8 },
  help: { minutes: 60, urgency: 7 },
  lockdown_suggested: { minutes: 60, urgency: 6 },
  missed_reports: { minutes: 60, urgency: 5 },
  missed_clock_in: { minutes: 60, urgency: 5 },
  missed_round: { minutes: 240, urgency: 3 },
  inspection_overdue: { minutes: 240, urgency: 3 },
  // A household waits for medicine or food: the street hears of it within the hour.
  order_overdue: { minutes: 60, urgency: 6 },
  daily_report_missing: { minutes: 240, urgency: 2 },
};

/** A help request marked high urgency waits no longer than a fever. */
const HIGH_HELP_MINUTES = 15;

/** Minutes an alert may wait unacknowledged at one level. */
export function acknowledgeMinutes(alert: Pick<Alert, 'kind' | 'details'>): number {
  if (alert.kind === 'help' && alert.details.urgency === 'high') return HIGH_HELP_MINUTES;
  return ESCALATION[alert.kind].minutes;
}

/** How urgent an alert is, 0–9 (9 first in the inbox). */
export function urgencyOf(alert: Pick<Alert, 'kind' | 'details'>): number {
  if (alert.kind === 'help' && alert.details.urgency === 'high') return 9;
  return ESCALATION[alert.kind].urgency;
}

/** The level above, or undefined at the top (city). */
export function nextLevel(level: AlertLevel): AlertLevel | undefined {
  if (level === 'community') return 'street';
  if (level === 'street') return 'city';
  return undefined;
}

/**
 * When an alert goes up a level unless acknowledged: its kind's time after it reached its
 * current level (raised, or escalated last). Undefined when it never will: acknowledged, closed,
 * or at city level already.
 */
export function escalationDueAt(alert: Pick<Alert, 'kind' | 'details' | 'status' | 'level' | 'raisedAt' | 'escalatedAt'>): string | undefined {
  if (alert.status !== 'open' || nextLevel(alert.level) === undefined) return undefined;
  const since = Date.parse(alert.escalatedAt ?? alert.raisedAt);
  return new Date(since + acknowledgeMinutes(alert) * MINUTE).toISOString();
}

/** Whether the alert is due to go up now; its next level when so. */
export function escalationDue(
  alert: Pick<Alert, 'kind' | 'details' | 'status' | 'level' | 'raisedAt' | 'escalatedAt'>,
  now: string,
): AlertLevel | undefined {
  const due = escalationDueAt(alert);
  if (due === undefined || Date.parse(now) < Date.parse(due)) return undefined;
  return nextLevel(alert.level);
}

/**
 * The inbox's order: open, then acknowledged, then closed; within each the most urgent kind
 * first, then newest.
 */
export function compareAlerts(a: Alert, b: Alert): number {
  const rank = (s: Alert['status']) => (s === 'open' ? 0 : s === 'acknowledged' ? 1 : 2);
  return rank(a.status) - rank(b.status) || urgencyOf(b) - urgencyOf(a) || b.raisedAt.localeCompare(a.raisedAt) || a.id.localeCompare(b.id);
}

/** What of a directory entry says who receives an alert's notices. */
export interface Recipient {
  readonly username: string;
  readonly role: Role;
  readonly jurisdiction: StaffJurisdiction;
}

/**
 * Who is told of an alert at a level: at the community, its community admins and, for an alert
 * of one grid (missed reports), that grid's workers; at the street, the officials bound to its
 * street; at the city, city staff and the officials bound to no place (city-wide inspectors).
 */
export function recipientsAt<T extends Recipient>(
  alert: Pick<Alert, 'communityId' | 'streetId'>, grid: string | undefined, level: AlertLevel, staff: readonly T[],
): T[] {
  return staff.filter(({ role, jurisdiction: j }) => {
    switch (level) {
      case 'community':
        return (role === 'community' && alert.communityId !== null && j.communityId === alert.communityId)
          || (role === 'grid' && grid !== undefined && j.gridId === grid);
      case 'street':
        return role === 'official' && alert.streetId !== null && j.streetId === alert.streetId && j.communityId === undefined;
      case 'city':
        return role === 'city' || (role === 'official' && j.streetId === undefined && j.communityId === undefined);
    }
  });
}

/**
 * The short Chinese text a notice sends: the kind, the compound's name and the China time it was
 * raised — never a resident's name, phone, room or ID (an SMS leaves the system).
 */
export function noticeText(
  alert: Pick<Alert, 'kind' | 'raisedAt'>, compoundName: string, reason: 'raised' | 'escalated', level: AlertLevel, language: Language = 'zh-CN',
): string {
  const params = { kind: message(`alert.kind.${alert.kind}`), compound: compoundName, time: chinaMinute(alert.raisedAt).slice(5) };
  return say(reason === 'raised' ? message('alert.notice-raised', params) : message('alert.notice-escalated', { ...params, level: message(`alert.level.${level}`) }), language);
}
