/**
 * People under care: enrolment (functions/flows/enrol-person.ts), the register, the person's page,
 * reports on the resident's behalf (the same recordReport the resident's public route calls),
 * tests, contacts, the report link, release. Jurisdiction: the person's compound must be the
 * caller's, and a grid worker's only their grid's people (the cadre paired with a person may log
 * contacts with them wherever they work).
 */
import { periodEndsAt, releaseBlocks, type ReleaseBlock } from '#shared/domain/observation.ts';
import { chinaDay } from '#shared/domain/china-time.ts';
import { message } from '#shared/messages/message.ts';
import { listScope, type Caller } from '#shared/roles.ts';
import { peopleRoutes } from '#shared/catalogue/routes/people.ts';
import type { PersonListQuery, PersonSummary } from '#shared/schemas/person.ts';
import { communityForCaller, compoundForCaller } from '../edge/access.ts';
import { httpHandler } from '../edge/http.ts';
import { enrol } from '../flows/enrol-person.ts';
import { nowIso } from '../platform/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, fieldError } from '../platform/errors.ts';
import { hashIdNumber } from '../platform/id-hash.ts';
import { cursorOf, pageOf, readSources, type Source } from '../platform/list-sources.ts';
import { getBuilding } from '../stores/compound-store.ts';
import { issueSubjectLink, revokeSubjectLink } from '../stores/link-store.ts';
import {
  getPersonRecord, getStoredPerson, observationOf, peopleSource, personSummary, personView, recordContact, recordReport, recordTest,
  releasePerson, savePerson, storedPersonFromItem, type ReportOutcome, type StoredPerson,
} from '../stores/people-store.ts';
import { getGrid, loadPlaces } from '../stores/places-store.ts';
import { getStaff } from '../stores/staff-store.ts';

/** Whether a grid worker's grid holds the person (other roles: their compound was checked). */
const inCallersGrid = (person: StoredPerson, caller: Caller): boolean =>
  caller.role !== 'grid' || (person.gridId !== null && person.gridId === caller.jurisdiction.gridId);

/**
 * The person, if the caller's jurisdiction covers them: their compound, and for a grid worker
 * their grid — unless `pairedCadre` and the caller is the cadre paired with them.
 */
async function personForCaller(id: string, caller: Caller, options: { pairedCadre?: boolean } = {}): Promise<StoredPerson> {
  const person = await getStoredPerson(id, { consistent: true });
  if (!person) throw new NotFoundError(message('person.no', { id }));
  if (options.pairedCadre && person.pairedWith === caller.username) return person;
  await compoundForCaller(person.compoundId, caller, { asked: message('thing.person', { id }) });
  if (!inCallersGrid(person, caller)) throw new ForbiddenError(message('person.outside-grid', { id }));
  return person;
}

/** A released person takes no more reports, tests, contacts, links or release (409 naming who released them and when). */
function refuseReleased(person: StoredPerson): void {
  if (person.status === 'released') throw new ConflictError(message('person.released', { id: person.id, by: person.releasedBy ?? '', at: person.releasedAt ?? '' }));
}

/** Where the caller's list reads from: the compound, grid or community asked for (within jurisdiction), else their whole scope. */
async function listSources(query: PersonListQuery, caller: Caller): Promise<Source[]> {
  const { status } = query;
  if (query.compoundId !== undefined) {
    await compoundForCaller(query.compoundId, caller);
    return [peopleSource({ compoundId: query.compoundId }, status)];
  }
  const scope = listScope(caller);
  const places = await loadPlaces();
  if (query.gridId !== undefined) {
    if (scope.level === 'grid') {
      if (scope.gridId !== query.gridId) throw new ForbiddenError(message('access.outside', { what: message('thing.grid', { id: query.gridId }) }));
    } else {
      // Another community's grid is outside a community admin's jurisdiction, as its community is.
      const grid = await getGrid(query.gridId);
      if (!grid) throw new ValidationError([fieldError('query.gridId', message('staff.no-grid', { id: query.gridId }))]);
      communityForCaller(places, grid.communityId, caller, 'query.gridId');
    }
    return [peopleSource({ gridId: query.gridId }, status)];
  }
  if (query.communityId !== undefined) {
    // A grid worker's community is read as their grid's part of it.
    if (scope.level === 'grid' && query.communityId === caller.jurisdiction.communityId) return [peopleSource({ gridId: scope.gridId }, status)];
    communityForCaller(places, query.communityId, caller, 'query.communityId');
    return [peopleSource({ communityId: query.communityId }, status)];
  }
  switch (scope.level) {
    case 'grid':
      return [peopleSource({ gridId: scope.gridId }, status)];
    case 'community':
      return [peopleSource({ communityId: scope.communityId }, status)];
    case 'street':
      return places.communities.filter((c) => c.streetId === scope.streetId).map((c) => peopleSource({ communityId: c.id }, status));
    case 'city':
      return [...places.communities.map((c) => peopleSource({ communityId: c.id }, status)), peopleSource({ communityId: null }, status)];
    case 'compounds':
      return [];
  }
}

/** The field a report refusal speaks of, and what it says. */
function reportRefused(outcome: Exclude<ReportOutcome, { slot: unknown }>, id: string): never {
  const { refusal } = outcome;
  switch (refusal.code) {
    case 'released':
      throw new ConflictError(message('person.released', { id, by: refusal.releasedBy ?? '', at: refusal.releasedAt ?? '' }));
    case 'not-observed':
      throw new ConflictError(message('person.not-observed', { id }));
    case 'outside-period':
      throw new ValidationError([fieldError('body.date', message('person.outside-period', { start: refusal.period.start, end: refusal.period.end }))]);
    case 'not-yet-open':
      throw new ValidationError([fieldError('body.slot', message('person.slot-not-open', { opens: refusal.opens }))]);
    case 'no-window-open':
      throw new ValidationError([fieldError('body.slot', message('person.no-slot-open', { ...refusal.next }))]);
  }
}

const BLOCK_TEXT: Record<ReleaseBlock['code'], (b: ReleaseBlock) => string> = {
  'period-not-over': (b) => `period-not-over (${'endsAt' in b ? b.endsAt : ''})`,
  'slots-pending': (b) => `slots-pending (${'slots' in b ? b.slots.map((s) => `${s.date} ${s.slot}`).join(', ') : ''})`,
  'tests-missing': (b) => `tests-missing (${'due' in b ? b.due.join(', ') : ''})`,
  'test-positive': (b) => `test-positive (${'due' in b ? b.due.join(', ') : ''})`,
};

export const handler = httpHandler(peopleRoutes, {
  createPerson: async ({ body, caller }) => {
    const compound = await compoundForCaller(body.compoundId, caller);
    const { person, reportToken } = await enrol(body, compound, caller, nowIso());
    return { id: person.id, status: person.status, ...(reportToken ? { reportToken } : {}) };
  },

  listPeople: async ({ query, caller }) => {
    const sources = await listSources(query, caller);
    const at = nowIso();
    const page = await readSources(
      sources,
      (item) => {
        const person = storedPersonFromItem(item);
        const wanted = inCallersGrid(person, caller)
          && (query.category === undefined || person.category === query.category)
          && (query.pairedWith === undefined || person.pairedWith === query.pairedWith);
        return wanted ? person : undefined;
      },
      query.limit ?? 100,
      cursorOf(query.nextToken),
    );
    const items: PersonSummary[] = await Promise.all(page.items.map((p) => personSummary(p, caller, at)));
    const counts: Record<string, number> = {};
    for (const p of items) counts[p.status] = (counts[p.status] ?? 0) + 1;
    return { ...pageOf(items, page.next), counts };
  },

  getPerson: async ({ params, caller }) => {
    await personForCaller(params.id, caller);
    const record = await getPersonRecord(params.id);
    if (!record) throw new NotFoundError(message('person.no', { id: params.id }));
    const cadre = record.person.pairedWith ? await getStaff(record.person.pairedWith) : undefined;
    return personView(record, caller, nowIso(), cadre?.name);
  },

  updatePerson: async ({ params, body, caller }) => {
    const before = await personForCaller(params.id, caller);
    const at = nowIso();
    const [building, cadre] = await Promise.all([
      body.buildingId === undefined ? undefined : getBuilding(before.compoundId, body.buildingId),
      body.pairedWith === undefined ? undefined : getStaff(body.pairedWith),
    ]);
    const errors = [
      ...(body.buildingId !== undefined && !building
        ? [fieldError('body.buildingId', message('access.no-building', { building: body.buildingId, compound: before.compoundId }))] : []),
      ...(body.pairedWith !== undefined && !cadre ? [fieldError('body.pairedWith', message('person.no-staff'))] : []),
    ];
    if (errors.length > 0) throw new ValidationError(errors);
    const gridId = building ? building.gridId ?? before.gridId : before.gridId;
    if (caller.role === 'grid' && gridId !== caller.jurisdiction.gridId) throw new ForbiddenError(message('person.building-other-grid', { id: body.buildingId ?? '' }));
    const { idNumber, ...fields } = body;
    const after: StoredPerson = { ...before, ...fields, ...(idNumber ? hashIdNumber(idNumber) : {}), ...(building ? { buildingName: building.name } : {}), gridId };
    await savePerson(before, after, caller, at);
    const record = await getPersonRecord(params.id);
    return personView(record!, caller, at, cadre?.name ?? (after.pairedWith ? (await getStaff(after.pairedWith))?.name : undefined));
  },

  createPersonReport: async ({ params, body, caller }) => {
    await personForCaller(params.id, caller);
    const at = nowIso();
    if (body.date !== undefined && body.slot === undefined) throw new ValidationError([fieldError('body.slot', message('person.date-needs-slot'))]);
    const named = body.slot === undefined ? undefined : { date: body.date ?? chinaDay(at), slot: body.slot };
    const outcome = await recordReport(params.id, { temperatureC: body.temperatureC, symptoms: body.symptoms, ...(named ? { named } : {}) }, caller, at);
    if ('refusal' in outcome) reportRefused(outcome, params.id);
    const { alertId: _a, ...slot } = outcome.slot as typeof outcome.slot & { alertId?: string };
    return { personId: params.id, slot, ...(outcome.alertId ? { alertId: outcome.alertId } : {}) };
  },

  createPersonTest: async ({ params, body, caller }) => {
    const person = await personForCaller(params.id, caller);
    refuseReleased(person);
    if (!person.period) throw new ConflictError(message('person.not-observed', { id: person.id }));
    const at = nowIso();
    const takenDay = chinaDay(body.takenAt);
    if (takenDay < person.period.start) throw new ValidationError([fieldError('body.takenAt', message('person.test-before-start', { start: person.period.start }))]);
    if (body.takenAt > at) throw new ValidationError([fieldError('body.takenAt', message('field.future'))]);
    // The test answers the due day named, else the earliest due one not yet taken, else stands as its own (its day).
    const record = await getPersonRecord(person.id);
    const { tests } = observationOf(record!, at);
    const due = body.due ?? tests.find((t) => t.takenAt === undefined && t.due <= takenDay)?.due ?? takenDay;
    return recordTest(person.id, { due, takenAt: body.takenAt, ...(body.result ? { result: body.result } : {}) }, caller, at, person);
  },

  createPersonContact: async ({ params, body, caller }) => {
    const person = await personForCaller(params.id, caller, { pairedCadre: true });
    refuseReleased(person);
    const contact = { at: nowIso(), by: caller.username, ...(caller.name ? { byName: caller.name } : {}), ...body };
    return recordContact(person.id, contact, caller);
  },

  personLink: async ({ params, body, caller }) => {
    const person = await personForCaller(params.id, caller);
    if (!person.period) throw new ConflictError(message('person.no-link'));
    refuseReleased(person);
    const at = nowIso();
    if (body.action === 'revoke') {
      const revoked = await revokeSubjectLink(person.id, 'report', at);
      return revoked ? { validUntil: revoked.validUntil, revokedAt: revoked.revokedAt } : {};
    }
    const { token, record } = await issueSubjectLink({ subjectId: person.id, purpose: 'report', validUntil: periodEndsAt(person.period), at });
    return { reportToken: token, validUntil: record.validUntil };
  },

  releasePerson: async ({ params, body, caller }) => {
    const person = await personForCaller(params.id, caller);
    refuseReleased(person);
    const at = nowIso();
    const record = await getPersonRecord(person.id);
    if (person.period && !body.force) {
      const blocks = releaseBlocks({ period: person.period, ...observationOf(record!, at) }, at);
      if (blocks.length > 0) throw new ConflictError(message('person.not-releasable', { id: person.id, reasons: blocks.map((b) => BLOCK_TEXT[b.code](b)).join('; ') }));
    }
    const released = await releasePerson(person, { at, forced: body.force === true, ...(body.note ? { note: body.note } : {}) }, caller);
    return personView({ ...record!, person: released }, caller, at);
  },
});
