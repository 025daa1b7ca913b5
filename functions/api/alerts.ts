/**
 * Alert routes: the inbox a community (or a grid worker, a street, the city) acts on — open first,
 * most urgent, newest — and acknowledging, assigning and closing an alert. Answers name people
 * (acknowledgedByName, assignedToName) from the staff directory, read for a page at once.
 */
import { acknowledgedAlert, assignedAlert, closedAlert, closeRefusalFor, gridOfAlert } from '#shared/domain/alerts.ts';
import { compareAlerts } from '#shared/domain/escalation.ts';
import { noteFor } from '#shared/domain/privacy.ts';
import { canSeeCompound, listScope, type Caller } from '#shared/roles.ts';
import type { Alert } from '#shared/schemas/alert.ts';
import { communityForCaller } from '../edge/access.ts';
import { alertFromItem, alertSources, getAlert, saveAlertChange, saveClosedAlert } from '../stores/alert-store.ts';
import { getCompound } from '../stores/compound-store.ts';
import { getStaffMembers, type StoredStaff } from '../stores/staff-store.ts';
import { nowIso } from '../platform/clock.ts';
import { ConflictError, fieldError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { httpHandler } from '../edge/http.ts';
import { alertsRoutes } from '#shared/catalogue/routes/alerts.ts';
import { cursorOf, pageOf, readSources } from '../platform/list-sources.ts';
import { getGrid, loadPlaces } from '../stores/places-store.ts';
import { message } from '#shared/messages/message.ts';

/** The alert as the caller may read it: its closing note per noteFor, its people named from the directory. */
function shown(caller: Caller, alert: Alert, staff: ReadonlyMap<string, StoredStaff>): Alert {
  const ackName = alert.acknowledgedBy === undefined ? undefined : staff.get(alert.acknowledgedBy)?.name;
  const assigneeName = alert.assignedTo === undefined ? undefined : staff.get(alert.assignedTo)?.name;
  return {
    ...alert,
    ...(alert.closeNote === undefined ? {} : { closeNote: noteFor(caller, alert.closeNote) }),
    ...(ackName === undefined ? {} : { acknowledgedByName: ackName }),
    ...(assigneeName === undefined ? {} : { assignedToName: assigneeName }),
  };
}

const peopleOf = (alerts: readonly Alert[]): string[] =>
  alerts.flatMap((a) => [a.acknowledgedBy, a.assignedTo]).filter((u): u is string => u !== undefined);

async function shownAll(caller: Caller, alerts: Alert[]): Promise<Alert[]> {
  const staff = await getStaffMembers(peopleOf(alerts));
  return alerts.map((a) => shown(caller, a, staff));
}

/** The compound an alert lies in, as far as jurisdiction is concerned: its grid when it concerns one. */
const placeOf = (alert: Alert) => {
  const grid = gridOfAlert(alert);
  return { id: alert.compoundId, streetId: alert.streetId, communityId: alert.communityId, gridIds: grid ? [grid] : [] };
};

/** The alert, when it exists (404) and lies within the caller's jurisdiction (403). */
async function alertForCaller(id: string, caller: Caller): Promise<Alert> {
  const alert = await getAlert(id, { consistent: true });
  if (!alert) throw new NotFoundError(message('access.no-alert', { id }));
  if (!canSeeCompound(caller, placeOf(alert))) throw new ForbiddenError(message('access.alert-outside', { id }));
  return alert;
}

/** Checks a grid named in the list's query: a grid worker's own, or one of a community in jurisdiction. */
async function checkGrid(gridId: string, caller: Caller): Promise<void> {
  const scope = listScope(caller);
  if (scope.level === 'grid') {
    if (scope.gridId !== gridId) throw new ForbiddenError(message('access.outside', { what: message('thing.grid', { id: gridId }) }));
    return;
  }
  const grid = await getGrid(gridId);
  if (!grid) throw new ValidationError([fieldError('query.gridId', message('staff.no-grid', { id: gridId }))]);
  communityForCaller(await loadPlaces(), grid.communityId, caller, 'query.gridId');
}

/**
 * The assignee's directory entry, refused (400 naming body.to) when they are not in the directory
 * or their jurisdiction does not cover the alert's compound (its grids read from the compound).
 */
async function assignee(to: string, alert: Alert): Promise<StoredStaff> {
  const person = (await getStaffMembers([to])).get(to);
  if (!person) throw new ValidationError([fieldError('body.to', message('alert.assignee-not-staff'))]);
  const compound = await getCompound(alert.compoundId);
  const place = { ...placeOf(alert), gridIds: [...new Set([...(compound?.gridIds ?? []), ...placeOf(alert).gridIds])] };
  if (!canSeeCompound({ userId: person.username, username: person.username, role: person.role, jurisdiction: person.jurisdiction }, place)) {
    throw new ValidationError([
      fieldError('body.to', message('alert.assignee-outside', { to, role: person.role, compound: alert.compoundId, id: alert.id })),
    ]);
  }
  return person;
}

export const handler = httpHandler(alertsRoutes, {
  listAlerts: async ({ query, caller }) => {
    const places = await loadPlaces();
    if (query.communityId) communityForCaller(places, query.communityId, caller, 'query.communityId');
    if (query.gridId) await checkGrid(query.gridId, caller);
    const page = await readSources(
      alertSources(caller, places, { communityId: query.communityId, gridId: query.gridId }, query.status),
      (item) => {
        const alert = alertFromItem(item);
        return query.kind === undefined || alert.kind === query.kind ? alert : undefined;
      },
      query.limit ?? 100,
      cursorOf(query.nextToken),
    );
    // Each page in the inbox's order: the index gives status and time; the most urgent kinds go first within it.
    return pageOf(await shownAll(caller, [...page.items].sort(compareAlerts)), page.next);
  },

  acknowledgeAlert: async ({ params, caller }) => {
    const alert = await alertForCaller(params.id, caller);
    const at = nowIso();
    const acked = acknowledgedAlert(alert, caller.username, at);
    if ('code' in acked) throw new ConflictError(acked.said, { cause: acked });
    if (!acked.unchanged) await saveAlertChange(alert, acked.alert, 'acknowledge', caller, at);
    return (await shownAll(caller, [acked.alert]))[0] as Alert;
  },

  assignAlert: async ({ params, body, caller }) => {
    const alert = await alertForCaller(params.id, caller);
    const person = await assignee(body.to, alert);
    const at = nowIso();
    const assigned = assignedAlert(alert, { to: person.username, by: caller.username, at });
    if ('code' in assigned) throw new ConflictError(assigned.said, { cause: assigned });
    await saveAlertChange(alert, assigned, 'assign', caller, at);
    return (await shownAll(caller, [assigned]))[0] as Alert;
  },

  closeAlert: async ({ params, body, caller }) => {
    const alert = await alertForCaller(params.id, caller);
    const refusal = closeRefusalFor(alert, caller.role);
    if (refusal) throw new ForbiddenError(refusal.said, { cause: refusal });
    const at = nowIso();
    const closed = closedAlert(alert, { at, by: caller.username, note: body.note });
    if ('code' in closed) throw new ConflictError(closed.said, { cause: closed });
    await saveClosedAlert(closed, caller, at, body.note, alert);
    return (await shownAll(caller, [closed]))[0] as Alert;
  },
});
