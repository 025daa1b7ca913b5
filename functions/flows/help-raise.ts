/**
 * Raising a help request (紧急救助): the request and the `help` alert it raises for the community,
 * written together. Shared by the staff route (functions/api/help-requests.ts) and the resident's
 * report link (functions/api/public-reports.ts), which differ only in who asks and how the place
 * is found.
 */
import { randomUUID } from 'node:crypto';
import { newAlert } from '#shared/domain/alerts.ts';
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import type { Caller } from '#shared/roles.ts';
import type { HelpKind, HelpUrgency } from '#shared/schemas/help.ts';
import { recordHelpRequest, type StoredHelpRequest } from '../stores/help-store.ts';

export interface HelpAsked {
  readonly requestId?: string;
  readonly buildingId?: string;
  readonly kind: HelpKind;
  readonly urgency: HelpUrgency;
  readonly note?: string;
  /** The person under care whose report link asked. */
  readonly personId?: string;
}

/**
 * Records the request in `compound` with its alert, as `by` at `at`. Without a client id the
 * request gets a new one (such a request cannot be resent safely; phones send one).
 */
export async function raiseHelp(asked: HelpAsked, compound: CompoundRecord, by: Pick<Caller, 'username' | 'role'>, at: string): Promise<StoredHelpRequest> {
  const id = asked.requestId ?? `hr_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const via = asked.personId === undefined ? 'staff' : 'resident_link';
  const alert = newAlert({
    kind: 'help',
    source: { type: 'help', id },
    compoundId: compound.id, communityId: compound.communityId, streetId: compound.streetId,
    ...(asked.buildingId ? { buildingId: asked.buildingId } : {}),
    raisedAt: at, raisedBy: by.username,
    // The place and what is needed, never the note: it may name the person.
    details: { help: asked.kind, urgency: asked.urgency, via, helpRequestId: id },
  });
  const request: StoredHelpRequest = {
    id, compoundId: compound.id, communityId: compound.communityId, streetId: compound.streetId,
    ...(asked.buildingId ? { buildingId: asked.buildingId } : {}),
    kind: asked.kind, urgency: asked.urgency,
    ...(asked.note ? { note: asked.note } : {}),
    status: 'open', via,
    ...(asked.personId ? { personId: asked.personId } : {}),
    raisedAt: at, raisedBy: by.username, alertId: alert.id,
    gridIds: compound.gridIds,
  };
  return recordHelpRequest(request, alert, by);
}
