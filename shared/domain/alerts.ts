/**
 * Alert rules. An alert is raised by whoever writes its source (a visit or an entry), in the
 * same transaction, so it exists exactly when the source does; its id comes from the source, so
 * a retried visit or entry cannot raise a second one.
 */
import type { Alert, AlertSource } from '../schemas/alert.ts';
import { stableHash } from './ids.ts';

export type NewAlert = Omit<Alert, 'id' | 'status' | 'closedAt' | 'closedBy' | 'closeNote'>;

export const alertIdFor = (source: AlertSource): string => `al_${stableHash(`${source.type}:${source.id}`)}`;

export function newAlert(input: NewAlert): Alert {
  return { ...input, id: alertIdFor(input.source), status: 'open' };
}

/** Why an alert may not be closed: it is closed already. The sentence says by whom and when. */
export type CloseRefusal = { readonly code: 'already-closed'; readonly message: string };

/** Closing records what was done; a closed alert stays closed (the note is the record). */
export function closedAlert(alert: Alert, close: { at: string; by: string; note: string }): Alert | CloseRefusal {
  if (alert.status === 'closed') {
    return { code: 'already-closed', message: `alert ${alert.id} was closed by ${alert.closedBy} at ${alert.closedAt}` };
  }
  return { ...alert, status: 'closed', closedAt: close.at, closedBy: close.by, closeNote: close.note };
}
