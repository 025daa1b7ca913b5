/**
 * Inspection routes (督导检查): officials and city staff record an inspection of a compound within
 * their jurisdiction (its responsible person checked against the compound's responsibility list),
 * ask where to upload its photos, overseers list them, the community records the rectification,
 * and the accountability list (追责问责) gathers, per responsible person, the open findings and the
 * missed duties of a community, a street or the caller's jurisdiction.
 */
import { randomUUID } from 'node:crypto';
import { alertIdFor, closedAlert } from '#shared/domain/alerts.ts';
import { chinaDay } from '#shared/domain/china-time.ts';
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import { dayBefore } from '#shared/domain/disinfection.ts';
import { accountabilityList, initialStatus, inspectionRefusals, type MissedDuty } from '#shared/domain/inspections.ts';
import { inspectionsRoutes } from '#shared/catalogue/routes/inspections.ts';
import { message } from '#shared/messages/message.ts';
import { say } from '#shared/messages/say.ts';
import { listScope, type Caller } from '#shared/roles.ts';
import type { Inspection } from '#shared/schemas/inspection.ts';
import { communityForCaller, compoundForCaller, streetForCaller } from '../edge/access.ts';
import { httpHandler } from '../edge/http.ts';
import { nowIso } from '../platform/clock.ts';
import { EXTENSION_OF, filesPort } from '../platform/files.ts';
import { ConflictError, NotFoundError, ValidationError, fieldError } from '../platform/errors.ts';
import { cursorOf, pageOf, readSources } from '../platform/list-sources.ts';
import { closeAlertOps, getAlert } from '../stores/alert-store.ts';
import { cityCompounds, compoundsOfCommunity, compoundsOfStreet } from '../stores/compound-store.ts';
import {
  getInspection, inspectionFromItem, inspectionSources, inspectionsOf, missedClockInsOn, missedRoundsOn, recordInspection, saveInspectionChange,
} from '../stores/inspection-store.ts';
import { loadPlaces, type Places } from '../stores/places-store.ts';
import { getResponsibility, responsibilitiesOf } from '../stores/responsibility-store.ts';
import { getStaffMembers } from '../stores/staff-store.ts';

/** How far back the accountability list counts missed disinfection rounds and missed clock-ins. */
const MISSED_DAYS = 7;

const hex = (length: number) => randomUUID().replace(/-/g, '').slice(0, length);

/** The place a list or the accountability list is narrowed to: a compound, a community, a street, or the caller's whole jurisdiction. */
async function narrowing(
  query: { compoundId?: string; communityId?: string; streetId?: string },
  caller: Caller,
  places: Places,
): Promise<{ streetId?: string | null; communityId?: string | null; compoundId?: string }> {
  if (query.compoundId !== undefined) {
    const compound = await compoundForCaller(query.compoundId, caller);
    return { streetId: compound.streetId, communityId: compound.communityId, compoundId: compound.id };
  }
  if (query.communityId !== undefined) {
    const community = communityForCaller(places, query.communityId, caller, 'query.communityId');
    return { streetId: community.streetId ?? null, communityId: community.id };
  }
  if (query.streetId !== undefined) return { streetId: streetForCaller(places, query.streetId, caller, 'query.streetId').id };
  const scope = listScope(caller);
  if (scope.level === 'community') return { streetId: places.communityById.get(scope.communityId)?.streetId ?? null, communityId: scope.communityId };
  if (scope.level === 'street') return { streetId: scope.streetId };
  return {};
}

/** The compounds of the narrowed place (the city's for city-wide callers). */
function compoundsIn(place: { streetId?: string | null; communityId?: string | null }): Promise<CompoundRecord[]> {
  if (place.communityId !== undefined) return compoundsOfCommunity(place.communityId);
  if (place.streetId !== undefined) return compoundsOfStreet(place.streetId);
  return cityCompounds();
}

export const handler = httpHandler(inspectionsRoutes, {
  createInspection: async ({ body, caller }) => {
    const compound = await compoundForCaller(body.compoundId, caller);
    const at = nowIso();
    const responsibility = body.responsible !== undefined ? await getResponsibility(compound.id, caller) : undefined;
    const refusals = inspectionRefusals(body, responsibility, at);
    if (refusals.length > 0) throw new ValidationError(refusals.map((r) => fieldError(r.field, r.said)));
    const inspection: Inspection = {
      id: `in_${hex(16)}`,
      compoundId: compound.id,
      compoundName: compound.name,
      communityId: compound.communityId,
      streetId: compound.streetId,
      items: body.items,
      ...(body.responsible !== undefined ? { responsible: body.responsible } : {}),
      ...(body.deadline !== undefined ? { deadline: new Date(body.deadline).toISOString() } : {}),
      photos: body.photos ?? [],
      status: initialStatus(body.items),
      inspectedAt: at,
      inspectedBy: caller.username,
      ...(caller.name !== undefined ? { inspectorName: caller.name } : {}),
    };
    await recordInspection(inspection, caller);
    return { id: inspection.id };
  },

  listInspections: async ({ query, caller }) => {
    const places = await loadPlaces();
    const place = await narrowing(query, caller, places);
    const page = await readSources(
      inspectionSources(caller, places, place),
      (item) => {
        const inspection = inspectionFromItem(item);
        return query.status === undefined || inspection.status === query.status ? inspection : undefined;
      },
      query.limit ?? 100,
      cursorOf(query.nextToken),
    );
    return pageOf(page.items, page.next);
  },

  rectifyInspection: async ({ params, body, caller }) => {
    const asked = message('thing.inspection', { id: params.id });
    const inspection = await getInspection(params.id, { consistent: true });
    if (!inspection) throw new NotFoundError(message('access.no', { what: asked }));
    await compoundForCaller(inspection.compoundId, caller, { asked });
    if (inspection.status === 'passed') throw new ConflictError(message('inspection.nothing-to-rectify', { id: inspection.id }));
    if (inspection.status === 'rectified') {
      throw new ConflictError(message('inspection.rectified', { id: inspection.id, by: inspection.rectifiedByName ?? inspection.rectifiedBy ?? '', at: inspection.rectifiedAt ?? '' }));
    }
    const at = nowIso();
    const rectified: Inspection = {
      ...inspection,
      status: 'rectified',
      rectifiedAt: at,
      rectifiedBy: caller.username,
      ...(caller.name !== undefined ? { rectifiedByName: caller.name } : {}),
      rectifyNote: body.note,
    };
    // An overdue one has its inspection_overdue alert: rectifying is what was done about it, so it
    // closes with the rectification, in the same transaction (one closed meanwhile is left alone).
    const overdueAlert = inspection.status === 'overdue'
      ? await getAlert(alertIdFor({ type: 'inspection', id: inspection.id }), { consistent: true })
      : undefined;
    const note = say(message('inspection.rectified-close-note', { by: caller.name ?? caller.username, note: body.note }), 'zh-CN');
    const closing = overdueAlert ? closedAlert(overdueAlert, { at, by: caller.username, note }) : undefined;
    const alertWrites = closing && !('code' in closing) ? closeAlertOps(closing, caller, at, note, overdueAlert?.status) : [];
    await saveInspectionChange(rectified, inspection.status, caller, at, alertWrites);
    return rectified;
  },

  createInspectionUpload: async ({ body }) => {
    const key = `inspections/${hex(32)}.${EXTENSION_OF[body.contentType] ?? 'bin'}`;
    const target = await filesPort().uploadTarget({ key, contentType: body.contentType, size: body.size });
    return { ...target, key };
  },

  getAccountability: async ({ query, caller }) => {
    const places = await loadPlaces();
    const place = await narrowing(query, caller, places);
    const compounds = await compoundsIn(place);
    const [lists, inspections] = await Promise.all([
      responsibilitiesOf(compounds.map((c) => c.id), caller),
      inspectionsOf(inspectionSources(caller, places, place)),
    ]);
    const at = nowIso();
    const today = chinaDay(at);
    const ids = new Set(compounds.map((c) => c.id));
    const within = place.communityId !== undefined
      ? { streetId: place.streetId ?? null, communityId: place.communityId ?? '' }
      : place.streetId ? { streetId: place.streetId } : undefined;
    const days = Array.from({ length: MISSED_DAYS }, (_, i) => dayBefore(today, i + 1));
    const [missedRounds, missedClockIns] = await Promise.all([missedRoundsOn(days, within), missedClockInsOn([...ids], days, at)]);
    // A missed clock-in is its duty person's, named from the staff directory (screens name people, not accounts).
    const staff = await getStaffMembers([...new Set(missedClockIns.map((m) => m.person))]);
    const missed: MissedDuty[] = [
      ...missedRounds
        .filter((m) => ids.has(m.compoundId))
        .map((m): MissedDuty => ({ kind: 'missed_round', compoundId: m.compoundId, date: m.date })),
      ...missedClockIns.map((m): MissedDuty => {
        const name = staff.get(m.person)?.name;
        return { kind: 'missed_clock_in', compoundId: m.compoundId, date: m.date, ...(name ? { name } : {}) };
      }),
    ];
    const accountable = compounds.map((c) => ({ id: c.id, name: c.name, responsibility: lists.get(c.id) }));
    return { items: accountabilityList(accountable, inspections.filter((i) => ids.has(i.compoundId)), missed) };
  },
});
