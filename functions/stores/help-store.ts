/**
 * Help requests (紧急救助) in the table: `HELP#<id>`, listed by community (byParent) and street
 * (byStreet), open before closed and newest first, like alerts. A request is written with the
 * alert it raises in one transaction, so the community sees it exactly when it exists; its id is
 * the client's, so a resent request finds itself instead of raising a second alert. Closing writes
 * the request and its alert (when still open) together.
 */
import { canonicalJson } from '#shared/domain/ids.ts';
import { message } from '#shared/messages/message.ts';
import { listScope, type Caller } from '#shared/roles.ts';
import type { Alert } from '#shared/schemas/alert.ts';
import type { HelpRequest } from '#shared/schemas/help.ts';
import { indexKeys, indexSortKeys, keys } from '#shared/table.ts';
import { alertOps, closeAlertOps } from './alert-store.ts';
import { auditItem } from './audit-store.ts';
import type { Places } from './places-store.ts';
import { ConflictError } from '../platform/errors.ts';
import { withoutKeys, type Source } from '../platform/list-sources.ts';
import { getItem, transactWrite, type Item } from '../platform/table.ts';

/** As stored: the compound's grids at the time, so a grid worker's list is a filter of their community's. */
export type StoredHelpRequest = HelpRequest & { readonly gridIds: readonly string[] };

function helpItem(request: StoredHelpRequest): Item {
  const sort = indexSortKeys.alert(request.status, request.raisedAt, request.id);
  return {
    ...keys.helpRequest(request.id),
    type: 'help-request',
    gsi1pk: indexKeys.helpOfCommunity(request.communityId),
    gsi1sk: sort,
    gsi3pk: indexKeys.helpOfStreet(request.streetId),
    gsi3sk: sort,
    ...request,
  };
}

export const helpFromItem = (item: Item): StoredHelpRequest => withoutKeys<StoredHelpRequest>(item);

export async function getHelpRequest(id: string, options: { consistent?: boolean } = {}): Promise<StoredHelpRequest | undefined> {
  const item = await getItem<Item>(keys.helpRequest(id), options);
  return item ? helpFromItem(item) : undefined;
}

/** What a request says; a resend must say the same (its time and sender aside). */
const ASKED = ['compoundId', 'buildingId', 'kind', 'urgency', 'note', 'via', 'personId'] as const satisfies readonly (keyof HelpRequest)[];

/**
 * Records a request once with the alert it raises and both audit records. A resend of one that
 * landed answers the stored request; the same id saying something else is a ConflictError.
 */
export async function recordHelpRequest(request: StoredHelpRequest, alert: Alert, by: Pick<Caller, 'username' | 'role'>): Promise<StoredHelpRequest> {
  try {
    await transactWrite(
      [
        { put: helpItem(request), condition: 'attribute_not_exists(pk)' },
        {
          put: auditItem({
            entity: 'HELP', entityId: request.id, action: 'create', caller: by, at: request.raisedAt,
            changes: { status: { from: null, to: 'open' }, kind: { from: null, to: request.kind }, urgency: { from: null, to: request.urgency } },
          }),
        },
        ...alertOps(alert, by),
      ],
      `help request ${request.id} already recorded`,
    );
    return request;
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const landed = await getHelpRequest(request.id, { consistent: true });
    if (!landed) throw error;
    if (!ASKED.every((field) => canonicalJson(landed[field]) === canonicalJson(request[field]))) {
      throw new ConflictError(message('help.differs', { id: request.id }), { cause: error });
    }
    return landed;
  }
}

/**
 * Writes a request's closing with its audit record, and its alert's closing when the alert is
 * still open, only while the request is open: one closed meanwhile fails with a ConflictError.
 */
export async function saveClosedHelpRequest(
  closed: StoredHelpRequest,
  alert: Alert | undefined,
  caller: Pick<Caller, 'username' | 'role'>,
  at: string,
  note: string,
): Promise<void> {
  await transactWrite(
    [
      { put: helpItem(closed), condition: '#status = :open', names: { '#status': 'status' }, values: { ':open': 'open' } },
      {
        put: auditItem({
          entity: 'HELP', entityId: closed.id, action: 'close', caller, at,
          changes: { status: { from: 'open', to: 'closed' }, closeNote: { from: null, to: note } },
        }),
      },
      ...(alert ? closeAlertOps(alert, caller, at, note) : []),
    ],
    message('help.closed-meanwhile', { id: closed.id }),
  );
}

/** Where a caller's help requests are read from: their community's or street's, or the city's streets. */
export function helpSources(caller: Caller, places: Places, communityId: string | null | undefined, status: string | undefined): Source[] {
  const beginsWith = status === undefined ? undefined : indexSortKeys.alertsWithStatus(status);
  const byCommunity = (id: string | null): Source => ({
    kind: 'query', query: { index: 'byParent', partition: indexKeys.helpOfCommunity(id), beginsWith, newestFirst: true },
  });
  const byStreet = (id: string | null): Source => ({
    kind: 'query', query: { index: 'byStreet', partition: indexKeys.helpOfStreet(id), beginsWith, newestFirst: true },
  });
  if (communityId !== undefined) return [byCommunity(communityId)];
  const scope = listScope(caller);
  switch (scope.level) {
    case 'city':
      return [...places.streets.map((s) => byStreet(s.id)), byStreet(null)];
    case 'street':
      return [byStreet(scope.streetId)];
    case 'community':
      return [byCommunity(scope.communityId)];
    case 'grid':
      // A grid lies in one community: its list is that community's, filtered by the grid.
      return [byCommunity(caller.jurisdiction.communityId ?? null)];
    case 'compounds':
      return [];
  }
}
