/**
 * People under care (重点人员): returnees, close contacts, discharged patients and people under
 * home quarantine followed through a period of home health observation (two reports a day,
 * nucleic-acid tests), and vulnerable residents (孤寡老人、困难家庭、残疾人) paired with a cadre
 * who visits or calls daily. The vocabulary of observation lives in shared/domain/observation.ts.
 *
 * ID numbers go in once and come back only as their last four; names and phones come back masked
 * in lists and to officials, who see counts and statuses, not people.
 */
import * as z from '../zod.ts';
import { schemaMessage } from '../messages/message.ts';
import { CARE_CATEGORIES, PERSON_STATUSES, SLOT_STATUSES, SLOTS, TEST_RESULTS } from '../domain/observation.ts';
import { Day, DynamoNumber, Id, Limit, NextToken, Timestamp } from './common.ts';
import { IdNumber } from './entry.ts';
import { Username } from './staff.ts';
import { Symptom, SYMPTOMS } from './visit.ts';

export const CareCategory = z.enum(CARE_CATEGORIES).register(z.globalRegistry, {
  description: 'returnee, close_contact, discharged, home_quarantine: 14 days of home health observation (configurable per category); vulnerable: paired with a cadre',
});
export const PersonStatus = z.enum(PERSON_STATUSES).register(z.globalRegistry, {
  description: 'under_observation (observation categories), registered (vulnerable residents), released',
});
export const SlotName = z.enum(SLOTS).register(z.globalRegistry, { description: 'am: the morning report window, pm: the evening one (China time)' });
export const SlotStatus = z.enum(SLOT_STATUSES);
export const TestResult = z.enum(TEST_RESULTS);
export const ContactKind = z.enum(['visit', 'call']);
export const CONTACT_OUTCOMES = ['ok', 'needs_help', 'not_reached'] as const;
export const ContactOutcome = z.enum(CONTACT_OUTCOMES).register(z.globalRegistry, { description: 'ok: reached and well; needs_help: reached, something to follow up; not_reached' });

const Name = z.string().check(z.trim(), z.minLength(1), z.maxLength(50));
const Phone = z.string().check(z.trim(), z.regex(/^\+?[0-9][0-9 -]{4,19}$/, 'must be a phone number: digits, optionally +, spaces or "-"'));
export const Room = z.string().check(z.trim(), z.minLength(1), z.maxLength(30)).register(z.globalRegistry, { description: 'Unit and room as written, e.g. 2单元301' });
const Reason = z.string().check(z.trim(), z.minLength(1), z.maxLength(200)).register(z.globalRegistry, { description: 'Why the person is under care (e.g. returned from a risk area on 11-20)' });
const Source = z.string().check(z.trim(), z.minLength(1), z.maxLength(100)).register(z.globalRegistry, { description: 'Where the enrolment came from: by hand, a visit, a gate entry, a CDC or big-data list' });

/** What a report says: the temperature measured and the symptoms (none: an empty list). */
export const SlotReport = z.strictObject({
  temperatureC: DynamoNumber.check(z.gte(34), z.lte(43)).register(z.globalRegistry, { description: 'Temperature in °C; at or over the fever threshold (37.3) raises an alert' }),
  symptoms: z.array(Symptom).check(z.maxLength(SYMPTOMS.length), z.refine((s) => new Set(s).size === s.length, 'lists a symptom twice')),
}).register(z.globalRegistry, { id: 'SlotReport' });
export type SlotReport = z.infer<typeof SlotReport>;

/** A report by staff on the resident's behalf (a phone call, a door visit): may name a slot whose window has opened. */
export const StaffReport = z.strictObject({
  ...SlotReport.shape,
  slot: z.optional(SlotName).register(z.globalRegistry, { description: 'The slot to fill (default: the one whose window is open now)' }),
  date: z.optional(Day).register(z.globalRegistry, { description: 'The China day of that slot (default: today there)' }),
}).register(z.globalRegistry, { id: 'StaffReport' });
export type StaffReport = z.infer<typeof StaffReport>;

export const PersonCreate = z.strictObject({
  name: Name,
  phone: z.optional(Phone),
  idNumber: z.optional(IdNumber),
  compoundId: Id,
  buildingId: Id,
  room: z.optional(Room),
  householdId: z.optional(Id),
  category: CareCategory,
  reason: Reason,
  source: z.optional(Source),
  pairedWith: z.optional(Username).register(z.globalRegistry, { description: 'The cadre (a staff username of the directory) who visits or calls; required for vulnerable' }),
  startDate: z.optional(Day).register(z.globalRegistry, { description: 'First day of the observation in China (default: today there)' }),
  visitId: z.optional(Id).register(z.globalRegistry, { description: 'The sweep visit whose flags prompted the enrolment' }),
  entryId: z.optional(Id).register(z.globalRegistry, { description: 'The gate entry of a returnee that prompted the enrolment' }),
}).check(z.refine((p) => p.category !== 'vulnerable' || p.pairedWith !== undefined, { ...schemaMessage('schema.paired-with-needed'), path: ['pairedWith'] })).register(z.globalRegistry, { id: 'PersonCreate' });
export type PersonCreate = z.infer<typeof PersonCreate>;

export const PersonCreated = z.object({
  id: Id,
  status: PersonStatus,
  reportToken: z.optional(z.string()).register(z.globalRegistry, { description: 'The token of the report link /r/{reportToken} (observation categories); shown once, never stored' }),
}).register(z.globalRegistry, { id: 'PersonCreated' });

export const PersonPatch = z.strictObject({
  name: z.optional(Name),
  phone: z.optional(Phone),
  idNumber: z.optional(IdNumber),
  buildingId: z.optional(Id),
  room: z.optional(Room),
  householdId: z.optional(Id),
  reason: z.optional(Reason),
  source: z.optional(Source),
  pairedWith: z.optional(Username),
}).check(z.refine((p) => Object.keys(p).length > 0, schemaMessage('schema.change-something'))).register(z.globalRegistry, { id: 'PersonPatch' });
export type PersonPatch = z.infer<typeof PersonPatch>;

export const Slot = z.object({
  date: Day,
  slot: SlotName,
  status: SlotStatus,
  temperatureC: z.optional(DynamoNumber),
  symptoms: z.optional(z.array(z.string())),
  at: z.optional(Timestamp),
  by: z.optional(z.string()).register(z.globalRegistry, { description: 'Who reported: a staff username, or "self" for the resident\'s link' }),
}).register(z.globalRegistry, { id: 'Slot' });
export type Slot = z.infer<typeof Slot>;

export const Test = z.object({ due: Day, takenAt: z.optional(Timestamp), result: z.optional(TestResult) }).register(z.globalRegistry, { id: 'NucleicAcidTest', description: 'A nucleic-acid test due on a China day; taken, and its result when known' });

export const TestCreate = z.strictObject({
  due: z.optional(Day).register(z.globalRegistry, { description: 'The due day this test answers (default: the earliest due test not yet taken, else today)' }),
  takenAt: Timestamp,
  result: z.optional(TestResult),
}).register(z.globalRegistry, { id: 'TestCreate' });

export const ContactCreate = z.strictObject({ kind: ContactKind, outcome: ContactOutcome, note: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(300))) }).register(z.globalRegistry, { id: 'ContactCreate' });

export const Contact = z.object({ at: Timestamp, by: z.string(), byName: z.optional(z.string()), kind: ContactKind, outcome: ContactOutcome, note: z.optional(z.string()) }).register(z.globalRegistry, { id: 'Contact' });

export const ReleaseRequest = z.strictObject({
  force: z.optional(z.boolean()).register(z.globalRegistry, { description: 'Release although a condition does not hold (the note says why)' }),
  note: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(300))),
}).check(z.refine((r) => !r.force || r.note !== undefined, { ...schemaMessage('schema.force-needs-note'), path: ['note'] })).register(z.globalRegistry, { id: 'ReleaseRequest' });

export const LinkRequest = z.strictObject({ action: z.enum(['issue', 'revoke']).register(z.globalRegistry, { description: 'issue: a new link (the old one stops working); revoke: no link works' }) }).register(z.globalRegistry, { id: 'LinkRequest' });
export const LinkAnswer = z.object({
  reportToken: z.optional(z.string()).register(z.globalRegistry, { description: 'The new link\'s token (issue); shown once, never stored' }),
  validUntil: z.optional(Timestamp),
  revokedAt: z.optional(Timestamp),
}).register(z.globalRegistry, { id: 'LinkAnswer' });

const Period = z.object({ start: Day, end: Day }).register(z.globalRegistry, { description: 'China days, both included' });

export const Person = z.object({
  id: Id,
  name: z.optional(z.string()).register(z.globalRegistry, { description: 'Masked in lists (张**); whole on the person\'s page for city, community and grid staff; absent for officials' }),
  phone: z.optional(z.string()),
  idLast4: z.optional(z.string()),
  compoundId: Id,
  buildingId: Id,
  compoundName: z.optional(z.string()).register(z.globalRegistry, { description: 'As at enrolment' }),
  buildingName: z.optional(z.string()).register(z.globalRegistry, { description: 'As at enrolment (or the last change of building)' }),
  room: z.optional(z.string()),
  householdId: z.optional(Id),
  communityId: z.nullable(Id),
  streetId: z.nullable(Id),
  gridId: z.nullable(Id),
  category: CareCategory,
  reason: z.optional(z.string()),
  source: z.optional(z.string()),
  pairedWith: z.optional(z.string()),
  pairedWithName: z.optional(z.string()).register(z.globalRegistry, { description: 'The cadre\'s name from the staff directory' }),
  status: PersonStatus,
  period: z.optional(Period),
  slots: z.array(Slot).register(z.globalRegistry, { description: 'The period\'s slots, two a day; pending until the window closes, then missed if unreported' }),
  tests: z.array(Test),
  contacts: z.array(Contact),
  lastContactAt: z.optional(Timestamp),
  visitId: z.optional(Id),
  entryId: z.optional(Id),
  link: z.optional(z.object({ validUntil: Timestamp, issuedAt: Timestamp, revokedAt: z.optional(Timestamp) })),
  createdAt: Timestamp,
  createdBy: z.string(),
  releasedAt: z.optional(Timestamp),
  releasedBy: z.optional(z.string()),
  releaseNote: z.optional(z.string()),
  releaseForced: z.optional(z.boolean()),
}).register(z.globalRegistry, { id: 'Person' });
export type Person = z.infer<typeof Person>;

/** A person as lists show them: masked, without contacts, with the period's slots (the 14-day strip), today's and tests to do. */
export const PersonSummary = z.extend(z.omit(Person, { contacts: true, tests: true }), {
  today: z.array(Slot).register(z.globalRegistry, { description: 'Today\'s slots (China day)' }),
  missed: DynamoNumber.clone().register(z.globalRegistry, { description: 'Slots missed so far in the period' }),
  testsOutstanding: z.array(Day).register(z.globalRegistry, { description: 'Due days of tests not yet taken' }),
}).register(z.globalRegistry, { id: 'PersonSummary' });
export type PersonSummary = z.infer<typeof PersonSummary>;

export const PersonPage = z.object({
  items: z.array(PersonSummary),
  counts: z.record(z.string(), DynamoNumber).register(z.globalRegistry, { description: 'People of this page by status' }),
  nextToken: z.optional(z.string()),
}).register(z.globalRegistry, { id: 'PersonPage' });

export const PersonListQuery = z.object({
  compoundId: z.optional(Id),
  communityId: z.optional(Id),
  gridId: z.optional(Id),
  status: z.optional(PersonStatus),
  category: z.optional(CareCategory),
  pairedWith: z.optional(Username).register(z.globalRegistry, { description: 'A cadre\'s pairs' }),
  limit: Limit,
  nextToken: NextToken,
});
export type PersonListQuery = z.infer<typeof PersonListQuery>;

export const PersonIdParams = z.object({ id: Id });

export const ReportAnswer = z.object({ personId: Id, slot: Slot, alertId: z.optional(Id) }).register(z.globalRegistry, { id: 'ReportAnswer', description: 'The slot the report filled (a resend into the same slot updates it)' });
