/**
 * Alert rules. An alert is raised by whoever writes its source (a visit or an entry), in the
 * same transaction, so it exists exactly when the source does; its id comes from the source, so
 * a retried visit or entry cannot raise a second one.
 */
import { OVERSEERS, type Role } from '../roles.ts';
import type { Alert, AlertKind, AlertSource } from '../schemas/alert.ts';
import { stableHash } from './ids.ts';
import { SEALERS } from './sealing.ts';
import { spoken, type Spoken } from '../messages/message.ts';

export type NewAlert = Omit<Alert, 'id' | 'status' | 'closedAt' | 'closedBy' | 'closeNote'>;

export const alertIdFor = (source: AlertSource): string => `al_${stableHash(`${source.type}:${source.id}`)}`;

export function newAlert(input: NewAlert): Alert {
  return { ...input, id: alertIdFor(input.source), status: 'open' };
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
  return { ...alert, status: 'closed', closedAt: close.at, closedBy: close.by, closeNote: close.note };
}
