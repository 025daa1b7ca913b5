/**
 * Case reports (病例): per building and China day, how many confirmed, suspected or asymptomatic
 * cases — counts only, no personal data. Confirmed and suspected cases make the building a case
 * building for 14 days (extra disinfection rounds); a confirmed case suggests lockdown.
 */
import * as z from '../zod.ts';
import { DynamoNumber, Id, Timestamp } from './common.ts';
import { ChinaDay } from './disinfection.ts';

import { CASE_KINDS } from './constants.ts';

export { CASE_KINDS };
export const CaseKind = z.enum(CASE_KINDS);
export type CaseKind = z.infer<typeof CaseKind>;

export const CaseCreate = z.strictObject({
  caseId: z.optional(Id).register(z.globalRegistry, { description: 'Client id: the same body sent again answers the stored case; another body under it is 409' }),
  compoundId: Id.clone().register(z.globalRegistry, { description: 'The building\'s compound (buildings are kept under their compound)' }),
  buildingId: Id,
  date: ChinaDay.clone().register(z.globalRegistry, { description: 'Day in China the cases were reported; not in the future' }),
  kind: CaseKind,
  count: DynamoNumber.check(z.int(), z.gte(1), z.lte(10_000)),
}).register(z.globalRegistry, { id: 'CaseCreate' });
export type CaseCreate = z.infer<typeof CaseCreate>;

export const CaseReport = z.object({
  id: Id,
  compoundId: Id,
  buildingId: Id,
  date: ChinaDay,
  kind: CaseKind,
  count: DynamoNumber.check(z.int(), z.gte(1)),
  reportedAt: Timestamp,
  reportedBy: z.string(),
  alertId: z.optional(Id).register(z.globalRegistry, { description: 'The lockdown suggestion this report raised, if any' }),
}).register(z.globalRegistry, { id: 'CaseReport' });
export type CaseReport = z.infer<typeof CaseReport>;

/** A compound's cases of one China day, summed over its buildings. */
export const CaseDay = z.strictObject({
  day: ChinaDay,
  confirmed: DynamoNumber.check(z.int(), z.nonnegative()),
  suspected: DynamoNumber.check(z.int(), z.nonnegative()),
  asymptomatic: DynamoNumber.check(z.int(), z.nonnegative()),
}).register(z.globalRegistry, { id: 'CaseDay' });
export type CaseDay = z.infer<typeof CaseDay>;

export const CompoundCasesQuery = z.object({
  from: z.optional(ChinaDay).register(z.globalRegistry, { description: 'First day (default: 13 days before to)' }),
  to: z.optional(ChinaDay).register(z.globalRegistry, { description: 'Last day (default: today in China)' }),
});

export const CompoundCases = z.object({ compoundId: Id, from: ChinaDay, to: ChinaDay, days: z.array(CaseDay), reports: z.array(CaseReport) }).register(z.globalRegistry, { id: 'CompoundCases' });
