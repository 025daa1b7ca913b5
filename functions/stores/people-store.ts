/**
 * People under care (重点人员) in their own partition (`PERSON#<id>`): the person (`META`), with
 * what their period gathers beside it — a slot's report or judgement (`SLOT#<day>#<am|pm>`), a
 * nucleic-acid test (`TEST#<due>`), a cadre's contact (`CONTACT#<at>#<unique>`) — so a person's
 * page is one query. The person item alone is indexed: by compound (byParent), community
 * (byStreet) and grid (byGeo), each sorted status first.
 *
 * A report keys its slot item by day and slot, so a resend into the same slot rewrites it and never
 * adds one; a fever or symptoms report raises the community's alert in the same transaction, once
 * per slot (the slot item remembers the alert, and the alert's id comes from the slot).
 */
import { randomUUID } from 'node:crypto';
import { newAlert } from '#shared/domain/alerts.ts';
import { chinaDay } from '#shared/domain/china-time.ts';
import { stableHash } from '#shared/domain/ids.ts';
import {
  periodEndsAt, periodOf, reportStatus, slotForReport, slotsOf, testsDue, testsOf, testsOutstanding,
  type JudgedSlot, type ObservationCategory, type ObservationSettings, type Period, type PersonStatus,
  type ReportRefusal, type SlotKey, type SlotRecord, type TestRecord,
} from '#shared/domain/observation.ts';
import { maskName, maskPhone } from '#shared/domain/privacy.ts';
import { message } from '#shared/messages/message.ts';
import { seesResidentDetails, type Caller } from '#shared/roles.ts';
import type { Alert } from '#shared/schemas/alert.ts';
import type { Person, PersonSummary, SlotReport } from '#shared/schemas/person.ts';
import { indexKeys, indexSortKeys, keys } from '#shared/table.ts';
import { alertOps, raiseAlertOnce } from './alert-store.ts';
import { auditItem } from './audit-store.ts';
import { currentLink, newLinkOps, revokeSubjectLink } from './link-store.ts';
import { releaseDueOp } from './release-due-store.ts';
import { writeSlotsDue } from './slot-due-store.ts';
import { ConflictError, NotFoundError } from '../platform/errors.ts';
import type { HashedId } from '../platform/id-hash.ts';
import { withoutKeys, type Source } from '../platform/list-sources.ts';
import { observationSettings } from '../platform/observation-settings.ts';
import { config } from '../platform/config.ts';
import { getItem, putItem, queryAll, transactWrite, updateItem, type Item, type TransactOp } from '../platform/table.ts';

type Actor = Pick<Caller, 'username' | 'role' | 'name'>;

/** As stored: name and phone in clear (the grid worker calls them), the ID number only hashed. */
export interface StoredPerson extends Partial<HashedId> {
  readonly id: string;
  readonly name: string;
  readonly phone?: string;
  readonly compoundId: string;
  readonly buildingId: string;
  readonly compoundName?: string;
  readonly buildingName?: string;
  readonly room?: string;
  readonly householdId?: string;
  readonly communityId: string | null;
  readonly streetId: string | null;
  readonly gridId: string | null;
  readonly category: Person['category'];
  readonly reason: string;
  readonly source?: string;
  readonly pairedWith?: string;
  readonly status: PersonStatus;
  readonly period?: Period;
  /** Due days of the period's tests, fixed at enrolment (a later change of settings does not move them). */
  readonly testsDue?: readonly string[];
  readonly visitId?: string;
  readonly entryId?: string;
  readonly lastContactAt?: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly releasedAt?: string;
  readonly releasedBy?: string;
  readonly releaseNote?: string;
  readonly releaseForced?: boolean;
}

interface StoredSlot extends SlotRecord {
  readonly alertId?: string;
}

interface StoredContact {
  readonly at: string;
  readonly by: string;
  readonly byName?: string;
  readonly kind: 'visit' | 'call';
  readonly outcome: 'ok' | 'needs_help' | 'not_reached';
  readonly note?: string;
}

/** Everything in a person's partition, read at once. */
export interface PersonRecord {
  readonly person: StoredPerson;
  readonly slots: readonly StoredSlot[];
  readonly tests: readonly TestRecord[];
  readonly contacts: readonly StoredContact[];
}

export function personItem(person: StoredPerson): Item {
  const sort = indexSortKeys.person(person.status, person.gridId, person.compoundId, person.id);
  return {
    ...keys.person(person.id),
    type: 'person',
    gsi1pk: indexKeys.peopleOfCompound(person.compoundId), gsi1sk: sort,
    gsi2pk: indexKeys.peopleOfGrid(person.gridId), gsi2sk: sort,
    gsi3pk: indexKeys.peopleOfCommunity(person.communityId), gsi3sk: sort,
    ...person,
  };
}

/**
 * The lookup item of a person under observation by their ID number in their compound (the pass
 * issue refuses a pass while it exists): written at enrolment, deleted at release.
 */
const observedIdOps = (person: StoredPerson, write: 'put' | 'delete'): TransactOp[] => {
  if (!person.idHash || person.status !== 'under_observation') return [];
  const key = keys.observedId(person.compoundId, person.idHash);
  return write === 'delete' ? [{ delete: key }] : [{ put: { ...key, type: 'observed-id', personId: person.id } }];
};

/** Whether someone with this ID number hash is under observation in the compound (one read). */
export async function observedInCompound(compoundId: string, idHash: string): Promise<string | undefined> {
  const item = await getItem<Item>(keys.observedId(compoundId, idHash), { consistent: true });
  return typeof item?.personId === 'string' ? item.personId : undefined;
}

export const storedPersonFromItem = (item: Item): StoredPerson => withoutKeys<StoredPerson>(item);

/** The person item alone (no slots): for access checks before a write. */
export async function getStoredPerson(id: string, options: { consistent?: boolean } = {}): Promise<StoredPerson | undefined> {
  const item = await getItem<Item>(keys.person(id), options);
  return item ? storedPersonFromItem(item) : undefined;
}

/** The person with the period's slots, tests and contacts (one query of their partition). */
export async function getPersonRecord(id: string): Promise<PersonRecord | undefined> {
  const items = await queryAll<Item>({ partition: keys.person(id).pk, consistent: true });
  const meta = items.find((i) => i.sk === 'META');
  if (!meta) return undefined;
  const of = (prefix: string) => items.filter((i) => String(i.sk).startsWith(prefix)).map((i) => withoutKeys<Item>(i));
  return {
    person: storedPersonFromItem(meta),
    slots: of('SLOT#') as unknown as StoredSlot[],
    tests: of('TEST#') as unknown as TestRecord[],
    contacts: (of('CONTACT#') as unknown as StoredContact[]).reverse(),
  };
}

/** The period's slots and tests as of `at` (none for a vulnerable resident). */
export function observationOf(record: Pick<PersonRecord, 'person' | 'slots' | 'tests'>, at: string, settings: ObservationSettings = observationSettings()) {
  const { period } = record.person;
  if (!period) return { slots: [] as JudgedSlot[], tests: [] as TestRecord[] };
  return { slots: slotsOf(period, record.slots, at, settings.windows), tests: testsOf(record.person.testsDue ?? [], record.tests) };
}

/** A slot as the API shows it: what was reported, not which alert it raised. */
const cleanSlot = ({ alertId: _alert, ...slot }: JudgedSlot & { alertId?: string }): JudgedSlot => slot;

/**
 * What of a person a caller may read. City, community and grid staff (seesResidentDetails) see
 * the person — in lists masked (`masked`), on the person's page whole; officials see the category,
 * status and slots, never who (no name, phone, ID, room, reason or notes).
 */
function personalFields(person: StoredPerson, caller: Caller, masked: boolean) {
  if (!seesResidentDetails(caller)) return {};
  return {
    name: masked ? maskName(person.name) : person.name,
    ...(person.phone ? { phone: masked ? maskPhone(person.phone) : person.phone } : {}),
    ...(person.idLast4 ? { idLast4: person.idLast4 } : {}),
    ...(person.room ? { room: person.room } : {}),
    reason: person.reason,
    ...(person.source ? { source: person.source } : {}),
  };
}

function commonView(person: StoredPerson, caller: Caller, masked: boolean) {
  const { idHash: _h, idLast4: _l, name: _n, phone: _p, room: _r, reason: _why, source: _s, testsDue: _t, ...rest } = person;
  return { ...rest, ...personalFields(person, caller, masked) };
}

/** A person's page: their period's slots judged as of `at`, tests, contacts, the link's state. */
export async function personView(record: PersonRecord, caller: Caller, at: string, pairedWithName?: string): Promise<Person> {
  const { slots, tests } = observationOf(record, at);
  const link = record.person.period ? await currentLink(record.person.id, 'report') : undefined;
  return {
    ...commonView(record.person, caller, false),
    ...(pairedWithName ? { pairedWithName } : {}),
    slots: slots.map(cleanSlot),
    tests: [...tests],
    // Officials read that a cadre called and how it went, never the note about the person.
    contacts: record.contacts.map(({ note, ...c }) => (note !== undefined && seesResidentDetails(caller) ? { ...c, note } : c)),
    ...(link ? { link: { validUntil: link.validUntil, issuedAt: link.issuedAt, ...(link.revokedAt ? { revokedAt: link.revokedAt } : {}) } } : {}),
  };
}

/**
 * A person as lists show them: masked, with today's slots, the slots missed so far and the tests
 * outstanding. Reads the person's slots (one query of their partition) when they are observed.
 */
export async function personSummary(person: StoredPerson, caller: Caller, at: string): Promise<PersonSummary> {
  const record = person.period && person.status === 'under_observation'
    ? await getPersonRecord(person.id) ?? { person, slots: [], tests: [], contacts: [] }
    : { person, slots: [], tests: [], contacts: [] };
  const { slots, tests } = observationOf(record, at);
  const today = chinaDay(at);
  return {
    ...commonView(person, caller, true),
    slots: slots.map(cleanSlot),
    today: slots.filter((s) => s.date === today).map(cleanSlot),
    missed: slots.filter((s) => s.status === 'missed').length,
    testsOutstanding: testsOutstanding(tests, at).map((t) => t.due),
  };
}

/** Where a list of people is read from: a compound's, a grid's or a community's index partition, narrowed by status. */
export function peopleSource(where: { compoundId: string } | { gridId: string | null } | { communityId: string | null }, status?: PersonStatus): Source {
  const beginsWith = status === undefined ? undefined : indexSortKeys.peopleWithStatus(status);
  if ('compoundId' in where) return { kind: 'query', query: { index: 'byParent', partition: indexKeys.peopleOfCompound(where.compoundId), beginsWith } };
  if ('gridId' in where) return { kind: 'query', query: { index: 'byGeo', partition: indexKeys.peopleOfGrid(where.gridId), beginsWith } };
  return { kind: 'query', query: { index: 'byStreet', partition: indexKeys.peopleOfCommunity(where.communityId), beginsWith } };
}

/** The period of an observation category starting on `startDate`, and its tests' due days. */
export function periodFor(category: ObservationCategory, startDate: string, settings: ObservationSettings = observationSettings()) {
  const period = periodOf(startDate, category, settings);
  return { period, testsDue: testsDue(period, category, settings) };
}

/**
 * Enrols a person with the audit record and, for an observation category, their report link
 * (valid until the period is over), all in one transaction. An id already taken (a retried
 * enrolment from the same visit or entry) is a ConflictError.
 */
export async function enrolPerson(person: StoredPerson, caller: Actor): Promise<{ person: StoredPerson; reportToken?: string }> {
  const link = person.period
    ? newLinkOps({ subjectId: person.id, purpose: 'report', validUntil: periodEndsAt(person.period), at: person.createdAt })
    : undefined;
  await transactWrite(
    [
      { put: personItem(person), condition: 'attribute_not_exists(pk)' },
      {
        put: auditItem({
          entity: 'PERSON', entityId: person.id, action: 'enrol', caller, at: person.createdAt,
          changes: { status: { from: null, to: person.status }, category: { from: null, to: person.category } },
          ...(person.visitId ? { source: `visit:${person.visitId}` } : person.entryId ? { source: `entry:${person.entryId}` } : {}),
        }),
      },
      ...(link?.ops ?? []),
      ...observedIdOps(person, 'put'),
      // The automatic release looks at the person once their period's last day is over.
      ...(person.period && person.status === 'under_observation' ? [releaseDueOp(person.id, person.period.end)] : []),
    ],
    message('person.exists', { id: person.id }),
  );
  // The judgement job's index of slots due (functions/stores/slot-due-store.ts), after the transaction: a long period has more slots than a transaction holds.
  if (person.period && person.status === 'under_observation') await writeSlotsDue(person, observationSettings().windows);
  return { person, ...(link ? { reportToken: link.token } : {}) };
}

/** Writes a changed person (fields only: status, period and place keep their own writes) with its audit record. */
export async function savePerson(before: StoredPerson, after: StoredPerson, caller: Actor, at: string): Promise<StoredPerson> {
  const changes = Object.fromEntries(
    (['name', 'phone', 'idLast4', 'buildingId', 'room', 'householdId', 'reason', 'source', 'pairedWith', 'gridId'] as const)
      .filter((f) => before[f] !== after[f])
      // The audit trail never holds a name, phone or ID: only that they changed.
      .map((f) => [f, f === 'name' || f === 'phone' || f === 'idLast4' ? { from: null, to: 'changed' } : { from: before[f] ?? null, to: after[f] ?? null }]),
  );
  await transactWrite(
    [
      { put: personItem(after), condition: 'attribute_exists(pk) AND #status = :status', names: { '#status': 'status' }, values: { ':status': before.status } },
      { put: auditItem({ entity: 'PERSON', entityId: after.id, action: 'update', caller, at, changes }) },
      // A corrected ID number moves the pass issue's lookup item with it.
      ...(before.idHash !== after.idHash ? [...observedIdOps(before, 'delete'), ...observedIdOps(after, 'put')] : []),
    ],
    message('person.changed-meanwhile', { id: after.id }),
  );
  return after;
}

/** Why a report was not recorded: the person was released, is not under observation, or the slot cannot take it. */
export type ReportOutcome =
  | { readonly slot: JudgedSlot; readonly alertId?: string; readonly person: StoredPerson; /** The slot held a report already: this one replaced it. */ readonly replaced?: boolean }
  | { readonly refusal: ReportRefusal | { readonly code: 'released'; readonly releasedAt?: string; readonly releasedBy?: string } | { readonly code: 'not-observed' } };

/**
 * Records a report into a slot of the person's period: the slot named (staff on the resident's
 * behalf) or the one whose window is open at `at`. A resend into the same slot rewrites it. A
 * fever (≥ FEVER_THRESHOLD_C) or symptoms raises one alert for the community in the same
 * transaction; resends and retries of that slot raise no second one. Both the staff route and the
 * resident's public route call this. `by` is who reported: a staff member, or the resident (`self`).
 */
export async function recordReport(personId: string, report: SlotReport & { named?: SlotKey }, by: Actor, at: string): Promise<ReportOutcome> {
  const person = await getStoredPerson(personId, { consistent: true });
  if (!person) throw new NotFoundError(message('person.no', { id: personId }));
  if (person.status === 'released') {
    return { refusal: { code: 'released', ...(person.releasedAt ? { releasedAt: person.releasedAt } : {}), ...(person.releasedBy ? { releasedBy: person.releasedBy } : {}) } };
  }
  if (!person.period) return { refusal: { code: 'not-observed' } };
  const chosen = slotForReport(at, person.period, observationSettings().windows, report.named);
  if ('refusal' in chosen) return chosen;
  const { date, slot } = chosen.slot;
  const status = reportStatus(report, config().exits.feverThresholdC) as StoredSlot['status'];
  const record: StoredSlot = { date, slot, status, temperatureC: report.temperatureC, symptoms: [...report.symptoms], at, by: by.username };
  // Twice: a racing resend of the same slot may raise the alert between our read and our write.
  for (let attempt = 0; ; attempt += 1) {
    const existing = await getItem<Item>(keys.personSlot(personId, date, slot), { consistent: true });
    const alertId = typeof existing?.alertId === 'string' ? existing.alertId : undefined;
    const alert = status === 'reported_symptoms' && !alertId ? reportAlert(person, record, by.username) : undefined;
    const stored: StoredSlot = { ...record, ...(alertId ?? alert ? { alertId: alertId ?? alert!.id } : {}) };
    const item = { ...keys.personSlot(personId, date, slot), type: 'person-slot', personId, ...stored };
    try {
      if (alert) await transactWrite([{ put: item }, ...alertOps(alert, by)], message('person.report-raced', { id: personId }));
      else await putItem(item);
      const replaced = existing?.status === 'reported_ok' || existing?.status === 'reported_symptoms';
      return { slot: stored, person, ...(stored.alertId ? { alertId: stored.alertId } : {}), ...(replaced ? { replaced } : {}) };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt > 0) throw error;
    }
  }
}

/** The community's alert for a positive test: the place and the test's due day, never who. */
function positiveAlert(person: StoredPerson, due: string, at: string, by: string): Alert {
  return newAlert({
    kind: 'positive_test',
    source: { type: 'person', id: `t_${stableHash(`${person.id}/${due}`)}` },
    compoundId: person.compoundId, communityId: person.communityId, streetId: person.streetId, buildingId: person.buildingId,
    raisedAt: at, raisedBy: by,
    details: { personId: person.id, category: person.category, due },
  });
}

/** The community's alert for a report with fever or symptoms: the place and what was reported, never who. */
function reportAlert(person: StoredPerson, slot: StoredSlot, by: string): Alert {
  const fever = slot.temperatureC !== undefined && slot.temperatureC >= config().exits.feverThresholdC;
  return newAlert({
    kind: fever ? 'fever' : 'symptoms',
    source: { type: 'person', id: `r_${stableHash(`${person.id}/${slot.date}/${slot.slot}`)}` },
    compoundId: person.compoundId, communityId: person.communityId, streetId: person.streetId, buildingId: person.buildingId,
    raisedAt: slot.at!, raisedBy: by,
    details: { personId: person.id, category: person.category, date: slot.date, slot: slot.slot, temperatureC: slot.temperatureC, symptoms: slot.symptoms },
  });
}

/**
 * Records a test (upsert by its due day): taken at `takenAt`, with its result when known; a
 * result recorded later keeps the time it was taken. A positive result raises one alert for the
 * community at once (`person` given): its id comes from the test, so a resend raises none twice.
 */
export async function recordTest(personId: string, test: TestRecord, caller: Actor, at: string, person?: StoredPerson): Promise<TestRecord> {
  const out = await updateItem({
    Key: keys.personTest(personId, test.due),
    UpdateExpression: `SET #type = :type, personId = :person, #due = :due, takenAt = :taken, recordedAt = :at, recordedBy = :by${test.result ? ', #result = :result' : ''}`,
    ExpressionAttributeNames: { '#type': 'type', '#due': 'due', ...(test.result ? { '#result': 'result' } : {}) },
    ExpressionAttributeValues: {
      ':type': 'person-test', ':person': personId, ':due': test.due, ':taken': test.takenAt, ':at': at, ':by': caller.username,
      ...(test.result ? { ':result': test.result } : {}),
    },
    ReturnValues: 'ALL_NEW',
  });
  const stored = out ?? {};
  // After the test's write, so a retry of a write that failed in between still raises it.
  if (stored.result === 'positive' && person) await raiseAlertOnce(positiveAlert(person, test.due, at, caller.username), caller);
  return { due: test.due, ...(typeof stored.takenAt === 'string' ? { takenAt: stored.takenAt } : {}), ...(typeof stored.result === 'string' ? { result: stored.result as TestRecord['result'] } : {}) };
}

/** Logs a cadre's contact (visit or call) and marks the person's last contact, for the day-end check of pairs. */
export async function recordContact(personId: string, contact: StoredContact, caller: Actor): Promise<StoredContact> {
  await transactWrite([
    { put: { ...keys.personContact(personId, contact.at, randomUUID().slice(0, 8)), type: 'person-contact', personId, ...contact } },
    {
      update: {
        Key: keys.person(personId),
        UpdateExpression: 'SET lastContactAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': contact.at },
      },
    },
    { put: auditItem({ entity: 'PERSON', entityId: personId, action: 'contact', caller, at: contact.at, changes: { outcome: { from: null, to: contact.outcome } } }) },
  ]);
  return contact;
}

/**
 * Releases a person once (a second release is a ConflictError naming who released them), with
 * its audit record, and revokes their report link; `extra` are more writes for the same
 * transaction. The release route and the automatic release (functions/jobs/release-people.ts) both call this.
 */
export async function releasePerson(
  person: StoredPerson, release: { at: string; note?: string; forced: boolean }, caller: Actor, extra: readonly TransactOp[] = [],
): Promise<StoredPerson> {
  const released: StoredPerson = {
    ...person, status: 'released', releasedAt: release.at, releasedBy: caller.username,
    ...(release.note ? { releaseNote: release.note } : {}), ...(release.forced ? { releaseForced: true } : {}),
  };
  await transactWrite(
    [
      { put: personItem(released), condition: '#status = :status', names: { '#status': 'status' }, values: { ':status': person.status } },
      {
        put: auditItem({
          entity: 'PERSON', entityId: person.id, action: 'release', caller, at: release.at,
          changes: { status: { from: person.status, to: 'released' }, ...(release.note ? { note: { from: null, to: release.note } } : {}) },
        }),
      },
      ...observedIdOps(person, 'delete'),
      ...extra,
    ],
    message('person.released', { id: person.id, by: caller.username, at: release.at }),
  );
  // The link stops working at once (the public route also answers 410 for a released person).
  if (person.period) await revokeSubjectLink(person.id, 'report', release.at);
  return released;
}

