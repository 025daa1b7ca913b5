/**
 * The daily report and zero report (日报告、零报告) of a compound under closed management: a draft
 * of the day's figures drafted from Cordon's own data, confirmed by the community (with a note)
 * or submitted as a zero report when nothing happened; and the roll-ups the reporting chain reads
 * (community, street, city) with the compounds that did not report. Counts only, no residents.
 */
import * as z from 'zod';
import { compoundPlace, DynamoNumber, Id, Timestamp } from './common.ts';
import { ChinaDay } from './disinfection.ts';

const Count = DynamoNumber.int().min(0);

export const DailyFiguresSchema = z
  .object({
    compoundId: Id.meta({ description: 'The compound (in a roll-up: the community or street id, or "city")' }),
    date: ChinaDay,
    entries: z.object({ in: Count, out: Count, refused: Count, fevers: Count })
      .meta({ description: 'Registrations at the compound\'s exits that day: in, out, refused (劝返), with a fever' }),
    cases: z.object({ confirmed: Count, suspected: Count, asymptomatic: Count }).meta({ description: 'Case reports of the day' }),
    sweep: z.object({ campaigns: Count, households: Count, householdsVisited: Count, coverage: DynamoNumber.min(0).max(1) }).nullable()
      .meta({ description: 'Sweeps (排查) launched that day over the compound; null when none' }),
    rounds: z.object({ required: Count, done: Count }).meta({ description: 'Public-area disinfection rounds required and done (or partial)' }),
    observation: z.object({ people: Count, missedSlots: Count }).meta({ description: 'People under home observation, and report slots of the day they missed' }),
    alerts: z.object({ symptoms: Count, open: Count }).meta({ description: 'Symptoms found that day; event alerts (fever, symptoms, cases, help …) not yet closed' }),
    helpOpen: Count.meta({ description: 'Emergency help requests still open' }),
    ordersOpen: Count.meta({ description: 'Service orders of the compound still open (requested to delivered, not collected or cancelled)' }),
    exitsUnresolved: Count.meta({ description: 'Exits breaking an exit rule now' }),
  })
  .meta({ id: 'DailyFigures' });

/** A community's (or a sum of communities') orders of a day: shared/domain/daily-figures.ts OrderFigures. */
export const OrderFiguresSchema = z
  .object({
    requested: z.object({ groceries: Count, medicine: Count, other: Count }).meta({ description: 'Orders placed that day, by kind' }),
    accepted: Count.meta({ description: 'Orders accepted that day' }),
    purchased: Count,
    delivered: Count.meta({ description: 'Orders delivered to a drop-off point that day' }),
    collected: Count,
    cancelled: Count,
    overdue: Count.meta({ description: 'Orders that passed their accept deadline unaccepted that day (medicine: 2 h)' }),
    deliveryMinutes: Count.meta({ description: 'Minutes from request to delivery, summed over the day\'s deliveries' }),
    avgDeliveryMinutes: DynamoNumber.min(0).nullable().meta({ description: 'Average minutes from request to delivery; null with no delivery' }),
  })
  .meta({ id: 'OrderFigures', description: 'Proxy purchase and delivery (代购配送), counted per community and China day' });

export const DAILY_REPORT_STATUSES = ['draft', 'submitted', 'zero'] as const;
export const DailyReportStatus = z.enum(DAILY_REPORT_STATUSES).meta({
  description: 'draft: not submitted (the figures are the day\'s data now); submitted: confirmed by the community; zero: a zero report (零报告), nothing abnormal',
});
export type DailyReportStatus = z.infer<typeof DailyReportStatus>;

export const ABNORMAL_KINDS = ['case', 'fever', 'symptoms', 'open_alert'] as const;

export const DailyReport = z
  .object({
    ...compoundPlace,
    date: ChinaDay,
    status: DailyReportStatus,
    figures: DailyFiguresSchema.meta({ description: 'As submitted; for a draft, the day\'s data now' }),
    abnormal: z.array(z.enum(ABNORMAL_KINDS)).meta({ description: 'Why the day is not a zero day (a zero report is refused while any is present); from the figures shown' }),
    note: z.string().optional(),
    submittedBy: z.string().optional().meta({ description: 'Username of who submitted it' }),
    submittedByName: z.string().optional().meta({ description: 'Their name (screens show people by name)' }),
    submittedAt: Timestamp.optional(),
    deadline: Timestamp.meta({ description: 'When the day\'s reports are due (DAILY_REPORT_DEADLINE China time, default 18:00)' }),
    late: z.boolean().optional().meta({ description: 'Submitted after the deadline; or, for a draft, the deadline has passed' }),
    final: z.boolean().meta({ description: 'Whether it may no longer be submitted again (submitted, and the deadline has passed)' }),
  })
  .meta({ id: 'DailyReport' });
export type DailyReport = z.infer<typeof DailyReport>;

export const DailyReportParams = z.object({ compoundId: Id, date: ChinaDay });
export const DailyReportSubmit = z
  .object({
    zero: z.boolean().optional().meta({ description: 'A zero report (零报告): refused with 409 when the day had a new case, fever, symptoms or an open alert' }),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .meta({ id: 'DailyReportSubmit' });

export const DailyReportListQuery = z.object({
  date: ChinaDay,
  communityId: Id.optional(),
  streetId: Id.optional(),
});
export type DailyReportListQuery = z.infer<typeof DailyReportListQuery>;

export const ROLLUP_STATUSES = ['submitted', 'zero', 'missing'] as const;

export const DailyReportRow = z
  .object({
    compoundId: Id,
    compoundName: z.string(),
    communityId: Id.nullable(),
    communityName: z.string().optional(),
    streetId: Id.nullable(),
    streetName: z.string().optional(),
    status: z.enum(ROLLUP_STATUSES).meta({ description: 'missing: a compound under closed management or lockdown that has not reported' }),
    late: z.boolean().optional(),
    submittedAt: Timestamp.optional(),
    submittedByName: z.string().optional(),
    note: z.string().optional(),
    figures: DailyFiguresSchema.optional().meta({ description: 'As reported (absent while missing)' }),
  })
  .meta({ id: 'DailyReportRow' });
export type DailyReportRow = z.infer<typeof DailyReportRow>;

/** One level's line of a roll-up: a community's, a street's or the city's counts and sums. */
export const DailyReportTotal = z
  .object({
    level: z.enum(['community', 'street', 'city']),
    id: z.string(),
    name: z.string(),
    submitted: Count,
    zero: Count,
    missing: Count,
    late: Count,
    figures: DailyFiguresSchema.meta({ description: 'Sums of the reported figures' }),
    orders: OrderFiguresSchema.meta({ description: 'The day\'s orders of the place\'s communities (counted live, not as reported)' }),
  })
  .meta({ id: 'DailyReportTotal' });
export type DailyReportTotal = z.infer<typeof DailyReportTotal>;

export const DailyReportRollup = z
  .object({
    date: ChinaDay,
    deadline: Timestamp,
    submitted: Count.meta({ description: 'Compounds that confirmed a report (zero reports not included)' }),
    zero: Count,
    missing: Count,
    late: Count,
    items: z.array(DailyReportRow).meta({ description: 'Every compound that must report (under closed management or lockdown) or did, missing first' }),
    totals: z.array(DailyReportTotal).meta({ description: 'Per community, per street, and the whole of what was asked' }),
  })
  .meta({ id: 'DailyReportRollup' });
export type DailyReportRollup = z.infer<typeof DailyReportRollup>;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DailyReportExport = z.string().meta({ description: 'The roll-up as an .xlsx workbook (sheets 小区, 社区, 街道), base64 on the wire from Lambda', format: 'binary' });
