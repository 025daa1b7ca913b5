/**
 * Alert rules. An alert is raised by whoever writes its source (a visit or an entry), in the
 * same transaction, so it exists exactly when the source does; its id comes from the source, so
 * a retried visit or entry cannot raise a second one. Then it is acknowledged (taken on),
 * assigned, escalated when nobody takes it on in time (escalation.ts), and closed.
 */
import { OVERSEERS, type Role } from '../roles.ts';
import type { Alert, AlertKind, AlertSource } from '../schemas/alert.ts';
import { stableHash } from './ids.ts';
import { SEALERS } from './sealing.ts';
import { spoken, type Spoken } from '../messages/message.ts';
import { escalationDueAt } from './escalation.ts';

/** What a raiser says: the alert's place, time and details; the lifecycle fields start empty. */
export type NewAlert = Omit<
  Alert,
  | 'id' | 'status' | 'level' | 'closedAt' | 'closedBy' | 'closeNote' | 'acknowledgedBy' | 'acknowledgedByName' | 'acknowledgedAt'
  | 'assignedTo' | 'assignedToName' | 'assignedAt' | 'escalatedTo' | 'escalatedAt' | 'escalationDueAt'
>;

export const alertIdFor = (source: AlertSource): string => `al_${stableHash(`${source.type}:${source.id}`)}`;

/** A new alert: open, with the community, due to go up a level after its kind's time. */
export function newAlert(input: NewAlert): Alert {
  const alert: Alert = { ...input, id: alertIdFor(input.source), status: 'open', level: 'community' };
  const due = escalationDueAt(alert);
  return due === undefined ? alert : { ...alert, escalationDueAt: due };
}

/** The grid an alert concerns (its grid worker reads it): its own gridId, or details.gridId (missed_reports). */
export function gridOfAlert(alert: Pick<Alert, 'gridId' | 'details'>): string | undefined {
  if (alert.gridId) return alert.gridId;
  return typeof alert.details.gridId === 'string' && alert.details.gridId !== '' ? alert.details.gridId : undefined;
}

/** Why an alert may not be acknowledged: closed, or someone else took it on already. */
export type AcknowledgeRefusal = ({ readonly code: 'alert-closed' } | { readonly code: 'alert-acknowledged' }) & Spoken;

/**
 * Acknowledging takes an open alert on and stops its escalation. The same person acknowledging
 * again (a retried tap) gets the alert unchanged; `unchanged` says there is nothing to write.
 */
export function acknowledgedAlert(alert: Alert, by: string, at: string): { alert: Alert; unchanged: boolean } | AcknowledgeRefusal {
  if (alert.status === 'closed') {
    return { code: 'alert-closed', ...spoken('alert.already-closed', { id: alert.id, by: alert.closedBy ?? '', at: alert.closedAt ?? '' }) };
  }
  if (alert.status === 'acknowledged') {
    if (alert.acknowledgedBy === by) return { alert, unchanged: true };
    return { code: 'alert-acknowledged', ...spoken('alert.acknowledged-by-other', { id: alert.id, by: alert.acknowledgedBy ?? '', at: alert.acknowledgedAt ?? '' }) };
  }
  const { escalationDueAt: _due, ...rest } = alert;
  return { alert: { ...rest, status: 'acknowledged', acknowledgedBy: by, acknowledgedAt: at }, unchanged: false };
}

/**
 * Assigning hands the alert to someone to follow up; an open alert is acknowledged by the one
 * who assigns it at the same time (someone has taken it on). A closed alert stays as it was.
 */
export function assignedAlert(alert: Alert, assign: { to: string; by: string; at: string }): Alert | CloseRefusal {
  if (alert.status === 'closed') {
    return { code: 'already-closed', ...spoken('alert.already-closed', { id: alert.id, by: alert.closedBy ?? '', at: alert.closedAt ?? '' }) };
  }
  const { escalationDueAt: _due, assignedToName: _name, ...rest } = alert;
  const taken = alert.status === 'open' ? { status: 'acknowledged' as const, acknowledgedBy: assign.by, acknowledgedAt: assign.at } : {};
  return { ...rest, ...taken, assignedTo: assign.to, assignedAt: assign.at };
}

/** The alert one level up (the job's work), due again after its kind's time at the new level. */
export function escalatedAlert(alert: Alert, to: Alert['level'], at: string): Alert {
  const up: Alert = { ...alert, level: to, escalatedTo: to, escalatedAt: at };
  const { escalationDueAt: _due, ...rest } = up;
  const due = escalationDueAt(up);
  return due === undefined ? rest : { ...rest, escalationDueAt: due };
}

/**
 * Who may close an alert, by its kind. A lockdown suggestion has one action, sealing the
 * compound, and closing it says that was decided: it is for those who may seal (city staff and
 * the community, DOMAIN.md Sealing); officials inspect and see it wait on them, as the board
 * shows. A fever or symptoms alert is closed by whichever overseer followed it up.
 */
export const ALERT_CLOSERS: Readonly<Record<AlertKind, readonly Role[]>> = {
  symptoms: OVERSEERS,
  fever: OVERSEERS,
  lockdown_suggested: SEALERS,
  // A help request is closed with what was done, by whoever followed it up (or through its own close route).
  help: OVERSEERS,
  // Two missed reports in a row: the grid worker calls or visits; whoever oversees closes it with what was found.
  missed_reports: OVERSEERS,
  // A positive test: the community arranges transfer; whoever oversees closes it with what was done.
  positive_test: OVERSEERS,
  // Missed duties and overdue findings: whoever oversees the place closes them with what was done.
  missed_clock_in: OVERSEERS,
  missed_round: OVERSEERS,
  daily_report_missing: OVERSEERS,
  inspection_overdue: OVERSEERS,
  // Closed by itself when someone accepts the order; else whoever oversees closes it with what was done.
  order_overdue: OVERSEERS,
};

/**
 * Why an alert may not be closed: it is closed already (the sentence says by whom and when), or
 * the caller's role may not close its kind.
 */
export type CloseRefusal = ({ readonly code: 'already-closed' } | { readonly code: 'not-for-role' }) & Spoken;

/** The refusal when `role` may not close alerts of this kind, else undefined. */
export function closeRefusalFor(alert: Pick<Alert, 'id' | 'kind'>, role: Role): CloseRefusal | undefined {
  const closers: readonly Role[] = ALERT_CLOSERS[alert.kind];
  if (closers.includes(role)) return undefined;
  return { code: 'not-for-role', ...spoken('alert.not-for-role', { kind: alert.kind, closers: closers.join(' | '), role, id: alert.id }) };
}

/** Closing records what was done; a closed alert stays closed (the note is the record). */
export function closedAlert(alert: Alert, close: { at: string; by: string; note: string }): Alert | CloseRefusal {
  if (alert.status === 'closed') {
    return { code: 'already-closed', ...spoken('alert.already-closed', { id: alert.id, by: alert.closedBy ?? '', at: alert.closedAt ?? '' }) };
  }
  const { escalationDueAt: _due, ...rest } = alert;
  return { ...rest, status: 'closed', closedAt: close.at, closedBy: close.by, closeNote: close.note };
}
