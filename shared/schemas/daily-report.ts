/**
 * The daily report and zero report (日报告、零报告) of a compound under closed management: a draft
 * of the day's figures drafted from Cordon's own data, confirmed by the community (with a note)
 * or submitted as a zero report when nothing happened; and the roll-ups the reporting chain reads
 * (community, street, city) with the compounds that did not report. Counts only, no residents.
 */
import * as z from '../zod.ts';
import { compoundPlace, DynamoNumber, Id, Timestamp } from './common.ts';
import { ChinaDay } from './disinfection.ts';

const Count = DynamoNumber.check(z.int(), z.gte(0));

export const DailyFiguresSchema = z.object({
  compoundId: Id.clone().register(z.globalRegistry, { description: 'The compound (in a roll-up: the community or street id, or "city")' }),
  date: ChinaDay,
  entries: z.object({ in: Count, out: Count, refused: Count, fevers: Count }).register(z.globalRegistry, { description: 'Registrations at the compound\'s exits that day: in, out, refused (劝返), with a fever' }),
  cases: z.object({ confirmed: Count, suspected: Count, asymptomatic: Count }).register(z.globalRegistry, { description: 'Case reports of the day' }),
  sweep: z.nullable(z.object({ campaigns: Count, households: Count, householdsVisited: Count, coverage: DynamoNumber.check(z.gte(0), z.lte(1)) })).register(z.globalRegistry, { description: 'Sweeps (排查) launched that day over the compound; null when none' }),
  rounds: z.object({ required: Count, done: Count }).register(z.globalRegistry, { description: 'Public-area disinfection rounds required and done (or partial)' }),
  observation: z.object({ people: Count, missedSlots: Count }).register(z.globalRegistry, { description: 'People under home observation, and report slots of the day they missed' }),
  alerts: z.object({ symptoms: Count, open: Count }).register(z.globalRegistry, { description: 'Symptoms found that day; event alerts (fever, symptoms, cases, help …) not yet closed' }),
  helpOpen: Count.clone().register(z.globalRegistry, { description: 'Emergency help requests still open' }),
  ordersOpen: Count.clone().register(z.globalRegistry, { description: 'Service orders of the compound still open (requested to delivered, not collected or cancelled)' }),
  exitsUnresolved: Count.clone().register(z.globalRegistry, { description: 'Exits breaking an exit rule now' }),
}).register(z.globalRegistry, { id: 'DailyFigures' });

/** A community's (or a sum of communities') orders of a day: shared/domain/daily-figures.ts OrderFigures. */
export const OrderFiguresSchema = z.object({
  requested: z.object({ groceries: Count, medicine: Count, other: Count }).register(z.globalRegistry, { description: 'Orders placed that day, by kind' }),
  accepted: Count.clone().register(z.globalRegistry, { description: 'Orders accepted that day' }),
  purchased: Count,
  delivered: Count.clone().register(z.globalRegistry, { description: 'Orders delivered to a drop-off point that day' }),
  collected: Count,
  cancelled: Count,
  overdue: Count.clone().register(z.globalRegistry, { description: 'Orders that passed their accept deadline unaccepted that day (medicine: 2 h)' }),
  deliveryMinutes: Count.clone().register(z.globalRegistry, { description: 'Minutes from request to delivery, summed over the day\'s deliveries' }),
  avgDeliveryMinutes: z.nullable(DynamoNumber.check(z.gte(0))).register(z.globalRegistry, { description: 'Average minutes from request to delivery; null with no delivery' }),
}).register(z.globalRegistry, { id: 'OrderFigures', description: 'Proxy purchase and delivery (代购配送), counted per community and China day' });

export const DAILY_REPORT_STATUSES = ['draft', 'submitted', 'zero'] as const;
export const DailyReportStatus = z.enum(DAILY_REPORT_STATUSES).register(z.globalRegistry, {
  description: 'draft: not submitted (the figures are the day\'s data now); submitted: confirmed by the community; zero: a zero report (零报告), nothing abnormal',
});
export type DailyReportStatus = z.infer<typeof DailyReportStatus>;

export const ABNORMAL_KINDS = ['case', 'fever', 'symptoms', 'open_alert'] as const;

export const DailyReport = z.object({
  ...compoundPlace,
  date: ChinaDay,
  status: DailyReportStatus,
  figures: DailyFiguresSchema.clone().register(z.globalRegistry, { description: 'As submitted; for a draft, the day\'s data now' }),
  abnormal: z.array(z.enum(ABNORMAL_KINDS)).register(z.globalRegistry, { description: 'Why the day is not a zero day (a zero report is refused while any is present); from the figures shown' }),
  note: z.optional(z.string()),
  submittedBy: z.optional(z.string()).register(z.globalRegistry, { description: 'Username of who submitted it' }),
  submittedByName: z.optional(z.string()).register(z.globalRegistry, { description: 'Their name (screens show people by name)' }),
  submittedAt: z.optional(Timestamp),
  deadline: Timestamp.clone().register(z.globalRegistry, { description: 'When the day\'s reports are due (DAILY_REPORT_DEADLINE China time, default 18:00)' }),
  late: z.optional(z.boolean()).register(z.globalRegistry, { description: 'Submitted after the deadline; or, for a draft, the deadline has passed' }),
  final: z.boolean().register(z.globalRegistry, { description: 'Whether it may no longer be submitted again (submitted, and the deadline has passed)' }),
}).register(z.globalRegistry, { id: 'DailyReport' });
export type DailyReport = z.infer<typeof DailyReport>;

export const DailyReportParams = z.object({ compoundId: Id, date: ChinaDay });
export const DailyReportSubmit = z.strictObject({
  zero: z.optional(z.boolean()).register(z.globalRegistry, { description: 'A zero report (零报告): refused with 409 when the day had a new case, fever, symptoms or an open alert' }),
  note: z.optional(z.string().check(z.trim(), z.maxLength(500))),
}).register(z.globalRegistry, { id: 'DailyReportSubmit' });

export const DailyReportListQuery = z.object({
  date: ChinaDay,
  communityId: z.optional(Id),
  streetId: z.optional(Id),
});
export type DailyReportListQuery = z.infer<typeof DailyReportListQuery>;

export const ROLLUP_STATUSES = ['submitted', 'zero', 'missing'] as const;

export const DailyReportRow = z.object({
  compoundId: Id,
  compoundName: z.string(),
  communityId: z.nullable(Id),
  communityName: z.optional(z.string()),
  streetId: z.nullable(Id),
  streetName: z.optional(z.string()),
  status: z.enum(ROLLUP_STATUSES).register(z.globalRegistry, { description: 'missing: a compound under closed management or lockdown that has not reported' }),
  late: z.optional(z.boolean()),
  submittedAt: z.optional(Timestamp),
  submittedByName: z.optional(z.string()),
  note: z.optional(z.string()),
  figures: z.optional(DailyFiguresSchema).register(z.globalRegistry, { description: 'As reported (absent while missing)' }),
}).register(z.globalRegistry, { id: 'DailyReportRow' });
export type DailyReportRow = z.infer<typeof DailyReportRow>;

/** One level's line of a roll-up: a community's, a street's or the city's counts and sums. */
export const DailyReportTotal = z.object({
  level: z.enum(['community', 'street', 'city']),
  id: z.string(),
  name: z.string(),
  submitted: Count,
  zero: Count,
  missing: Count,
  late: Count,
  figures: DailyFiguresSchema.clone().register(z.globalRegistry, { description: 'Sums of the reported figures' }),
  orders: OrderFiguresSchema.clone().register(z.globalRegistry, { description: 'The day\'s orders of the place\'s communities (counted live, not as reported)' }),
}).register(z.globalRegistry, { id: 'DailyReportTotal' });
export type DailyReportTotal = z.infer<typeof DailyReportTotal>;

export const DailyReportRollup = z.object({
  date: ChinaDay,
  deadline: Timestamp,
  submitted: Count.clone().register(z.globalRegistry, { description: 'Compounds that confirmed a report (zero reports not included)' }),
  zero: Count,
  missing: Count,
  late: Count,
  items: z.array(DailyReportRow).register(z.globalRegistry, { description: 'Every compound that must report (under closed management or lockdown) or did, missing first' }),
  totals: z.array(DailyReportTotal).register(z.globalRegistry, { description: 'Per community, per street, and the whole of what was asked' }),
}).register(z.globalRegistry, { id: 'DailyReportRollup' });
export type DailyReportRollup = z.infer<typeof DailyReportRollup>;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DailyReportExport = z.string().register(z.globalRegistry, { description: 'The roll-up as an .xlsx workbook (sheets 小区, 社区, 街道), base64 on the wire from Lambda', format: 'binary' });
