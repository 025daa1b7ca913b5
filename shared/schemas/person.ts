/**
 * People under care (重点人员): returnees, close contacts, discharged patients and people under
 * home quarantine followed through a period of home health observation (two reports a day,
 * nucleic-acid tests), and vulnerable residents (孤寡老人、困难家庭、残疾人) paired with a cadre
 * who visits or calls daily. The vocabulary of observation lives in shared/domain/observation.ts.
 *
 * ID numbers go in once and come back only as their last four; names and phones come back masked
 * in lists and to officials, who see counts and statuses, not people.
 */
import * as z from 'zod';
import { schemaMessage } from '../messages/message.ts';
import { CARE_CATEGORIES, PERSON_STATUSES, SLOT_STATUSES, SLOTS, TEST_RESULTS } from '../domain/observation.ts';
import { Day, DynamoNumber, Id, Limit, NextToken, Timestamp } from './common.ts';
import { IdNumber } from './entry.ts';
import { Username } from './staff.ts';
import { Symptom, SYMPTOMS } from './visit.ts';

export const CareCategory = z.enum(CARE_CATEGORIES).meta({
  description: 'returnee, close_contact, discharged, home_quarantine: 14 days of home health observation (configurable per category); vulnerable: paired with a cadre',
});
export const PersonStatus = z.enum(PERSON_STATUSES).meta({
  description: 'under_observation (observation categories), registered (vulnerable residents), released',
});
export const SlotName = z.enum(SLOTS).meta({ description: 'am: the morning report window, pm: the evening one (China time)' });
export const SlotStatus = z.enum(SLOT_STATUSES);
export const TestResult = z.enum(TEST_RESULTS);
export const ContactKind = z.enum(['visit', 'call']);
export const CONTACT_OUTCOMES = ['ok', 'needs_help', 'not_reached'] as const;
export const ContactOutcome = z.enum(CONTACT_OUTCOMES).meta({ description: 'ok: reached and well; needs_help: reached, something to follow up; not_reached' });

const Name = z.string().trim().min(1).max(50);
const Phone = z.string().trim().regex(/^\+?[0-9][0-9 -]{4,19}$/, 'must be a phone number: digits, optionally +, spaces or "-"');
export const Room = z.string().trim().min(1).max(30).meta({ description: 'Unit and room as written, e.g. 2单元301' });
const Reason = z.string().trim().min(1).max(200).meta({ description: 'Why the person is under care (e.g. returned from a risk area on 11-20)' });
const Source = z.string().trim().min(1).max(100).meta({ description: 'Where the enrolment came from: by hand, a visit, a gate entry, a CDC or big-data list' });

/** What a report says: the temperature measured and the symptoms (none: an empty list). */
export const SlotReport = z
  .object({
    temperatureC: DynamoNumber.min(34).max(43).meta({ description: 'Temperature in °C; at or over the fever threshold (37.3) raises an alert' }),
    symptoms: z.array(Symptom).max(SYMPTOMS.length).refine((s) => new Set(s).size === s.length, 'lists a symptom twice'),
  })
  .strict()
  .meta({ id: 'SlotReport' });
export type SlotReport = z.infer<typeof SlotReport>;

/** A report by staff on the resident's behalf (a phone call, a door visit): may name a slot whose window has opened. */
export const StaffReport = SlotReport.extend({
  slot: SlotName.optional().meta({ description: 'The slot to fill (default: the one whose window is open now)' }),
  date: Day.optional().meta({ description: 'The China day of that slot (default: today there)' }),
})
  .strict()
  .meta({ id: 'StaffReport' });
export type StaffReport = z.infer<typeof StaffReport>;

export const PersonCreate = z
  .object({
    name: Name,
    phone: Phone.optional(),
    idNumber: IdNumber.optional(),
    compoundId: Id,
    buildingId: Id,
    room: Room.optional(),
    householdId: Id.optional(),
    category: CareCategory,
    reason: Reason,
    source: Source.optional(),
    pairedWith: Username.optional().meta({ description: 'The cadre (a staff username of the directory) who visits or calls; required for vulnerable' }),
    startDate: Day.optional().meta({ description: 'First day of the observation in China (default: today there)' }),
    visitId: Id.optional().meta({ description: 'The sweep visit whose flags prompted the enrolment' }),
    entryId: Id.optional().meta({ description: 'The gate entry of a returnee that prompted the enrolment' }),
  })
  .strict()
  .refine((p) => p.category !== 'vulnerable' || p.pairedWith !== undefined, { ...schemaMessage('schema.paired-with-needed'), path: ['pairedWith'] })
  .meta({ id: 'PersonCreate' });
export type PersonCreate = z.infer<typeof PersonCreate>;

export const PersonCreated = z
  .object({
    id: Id,
    status: PersonStatus,
    reportToken: z.string().optional().meta({ description: 'The token of the report link /r/{reportToken} (observation categories); shown once, never stored' }),
  })
  .meta({ id: 'PersonCreated' });

export const PersonPatch = z
  .object({
    name: Name.optional(),
    phone: Phone.optional(),
    idNumber: IdNumber.optional(),
    buildingId: Id.optional(),
    room: Room.optional(),
    householdId: Id.optional(),
    reason: Reason.optional(),
    source: Source.optional(),
    pairedWith: Username.optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, schemaMessage('schema.change-something'))
  .meta({ id: 'PersonPatch' });
export type PersonPatch = z.infer<typeof PersonPatch>;

export const Slot = z
  .object({
    date: Day,
    slot: SlotName,
    status: SlotStatus,
    temperatureC: DynamoNumber.optional(),
    symptoms: z.array(z.string()).optional(),
    at: Timestamp.optional(),
    by: z.string().optional().meta({ description: 'Who reported: a staff username, or "self" for the resident\'s link' }),
  })
  .meta({ id: 'Slot' });
export type Slot = z.infer<typeof Slot>;

export const Test = z
  .object({ due: Day, takenAt: Timestamp.optional(), result: TestResult.optional() })
  .meta({ id: 'NucleicAcidTest', description: 'A nucleic-acid test due on a China day; taken, and its result when known' });

export const TestCreate = z
  .object({
    due: Day.optional().meta({ description: 'The due day this test answers (default: the earliest due test not yet taken, else today)' }),
    takenAt: Timestamp,
    result: TestResult.optional(),
  })
  .strict()
  .meta({ id: 'TestCreate' });

export const ContactCreate = z
  .object({ kind: ContactKind, outcome: ContactOutcome, note: z.string().trim().min(1).max(300).optional() })
  .strict()
  .meta({ id: 'ContactCreate' });

export const Contact = z
  .object({ at: Timestamp, by: z.string(), byName: z.string().optional(), kind: ContactKind, outcome: ContactOutcome, note: z.string().optional() })
  .meta({ id: 'Contact' });

export const ReleaseRequest = z
  .object({
    force: z.boolean().optional().meta({ description: 'Release although a condition does not hold (the note says why)' }),
    note: z.string().trim().min(1).max(300).optional(),
  })
  .strict()
  .refine((r) => !r.force || r.note !== undefined, { ...schemaMessage('schema.force-needs-note'), path: ['note'] })
  .meta({ id: 'ReleaseRequest' });

export const LinkRequest = z
  .object({ action: z.enum(['issue', 'revoke']).meta({ description: 'issue: a new link (the old one stops working); revoke: no link works' }) })
  .strict()
  .meta({ id: 'LinkRequest' });
export const LinkAnswer = z
  .object({
    reportToken: z.string().optional().meta({ description: 'The new link\'s token (issue); shown once, never stored' }),
    validUntil: Timestamp.optional(),
    revokedAt: Timestamp.optional(),
  })
  .meta({ id: 'LinkAnswer' });

const Period = z.object({ start: Day, end: Day }).meta({ description: 'China days, both included' });

export const Person = z
  .object({
    id: Id,
    name: z.string().optional().meta({ description: 'Masked in lists (张**); whole on the person\'s page for city, community and grid staff; absent for officials' }),
    phone: z.string().optional(),
    idLast4: z.string().optional(),
    compoundId: Id,
    buildingId: Id,
    compoundName: z.string().optional().meta({ description: 'As at enrolment' }),
    buildingName: z.string().optional().meta({ description: 'As at enrolment (or the last change of building)' }),
    room: z.string().optional(),
    householdId: Id.optional(),
    communityId: Id.nullable(),
    streetId: Id.nullable(),
    gridId: Id.nullable(),
    category: CareCategory,
    reason: z.string().optional(),
    source: z.string().optional(),
    pairedWith: z.string().optional(),
    pairedWithName: z.string().optional().meta({ description: 'The cadre\'s name from the staff directory' }),
    status: PersonStatus,
    period: Period.optional(),
    slots: z.array(Slot).meta({ description: 'The period\'s slots, two a day; pending until the window closes, then missed if unreported' }),
    tests: z.array(Test),
    contacts: z.array(Contact),
    lastContactAt: Timestamp.optional(),
    visitId: Id.optional(),
    entryId: Id.optional(),
    link: z.object({ validUntil: Timestamp, issuedAt: Timestamp, revokedAt: Timestamp.optional() }).optional(),
    createdAt: Timestamp,
    createdBy: z.string(),
    releasedAt: Timestamp.optional(),
    releasedBy: z.string().optional(),
    releaseNote: z.string().optional(),
    releaseForced: z.boolean().optional(),
  })
  .meta({ id: 'Person' });
export type Person = z.infer<typeof Person>;

/** A person as lists show them: masked, without contacts, with the period's slots (the 14-day strip), today's and tests to do. */
export const PersonSummary = Person.omit({ contacts: true, tests: true }).extend({
  today: z.array(Slot).meta({ description: 'Today\'s slots (China day)' }),
  missed: DynamoNumber.meta({ description: 'Slots missed so far in the period' }),
  testsOutstanding: z.array(Day).meta({ description: 'Due days of tests not yet taken' }),
}).meta({ id: 'PersonSummary' });
export type PersonSummary = z.infer<typeof PersonSummary>;

export const PersonPage = z
  .object({
    items: z.array(PersonSummary),
    counts: z.record(z.string(), DynamoNumber).meta({ description: 'People of this page by status' }),
    nextToken: z.string().optional(),
  })
  .meta({ id: 'PersonPage' });

export const PersonListQuery = z.object({
  compoundId: Id.optional(),
  communityId: Id.optional(),
  gridId: Id.optional(),
  status: PersonStatus.optional(),
  category: CareCategory.optional(),
  pairedWith: Username.optional().meta({ description: 'A cadre\'s pairs' }),
  limit: Limit,
  nextToken: NextToken,
});
export type PersonListQuery = z.infer<typeof PersonListQuery>;

export const PersonIdParams = z.object({ id: Id });

export const ReportAnswer = z
  .object({ personId: Id, slot: Slot, alertId: Id.optional() })
  .meta({ id: 'ReportAnswer', description: 'The slot the report filled (a resend into the same slot updates it)' });
