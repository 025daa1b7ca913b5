/**
 * Case reports (病例): per building and China day, how many confirmed, suspected or asymptomatic
 * cases — counts only, no personal data. Confirmed and suspected cases make the building a case
 * building for 14 days (extra disinfection rounds); a confirmed case suggests lockdown.
 */
import * as z from 'zod';
import { DynamoNumber, Id, Timestamp } from './common.ts';
import { ChinaDay } from './disinfection.ts';

import { CASE_KINDS } from './constants.ts';

export { CASE_KINDS };
export const CaseKind = z.enum(CASE_KINDS);
export type CaseKind = z.infer<typeof CaseKind>;

export const CaseCreate = z
  .object({
    caseId: Id.optional().meta({ description: 'Client id: the same body sent again answers the stored case; another body under it is 409' }),
    compoundId: Id.meta({ description: 'The building\'s compound (buildings are kept under their compound)' }),
    buildingId: Id,
    date: ChinaDay.meta({ description: 'Day in China the cases were reported; not in the future' }),
    kind: CaseKind,
    count: DynamoNumber.int().min(1).max(10_000),
  })
  .strict()
  .meta({ id: 'CaseCreate' });
export type CaseCreate = z.infer<typeof CaseCreate>;

export const CaseReport = z
  .object({
    id: Id,
    compoundId: Id,
    buildingId: Id,
    date: ChinaDay,
    kind: CaseKind,
    count: DynamoNumber.int().min(1),
    reportedAt: Timestamp,
    reportedBy: z.string(),
    alertId: Id.optional().meta({ description: 'The lockdown suggestion this report raised, if any' }),
  })
  .meta({ id: 'CaseReport' });
export type CaseReport = z.infer<typeof CaseReport>;

/** A compound's cases of one China day, summed over its buildings. */
export const CaseDay = z
  .object({
    day: ChinaDay,
    confirmed: DynamoNumber.int().nonnegative(),
    suspected: DynamoNumber.int().nonnegative(),
    asymptomatic: DynamoNumber.int().nonnegative(),
  })
  .strict()
  .meta({ id: 'CaseDay' });
export type CaseDay = z.infer<typeof CaseDay>;

export const CompoundCasesQuery = z.object({
  from: ChinaDay.optional().meta({ description: 'First day (default: 13 days before to)' }),
  to: ChinaDay.optional().meta({ description: 'Last day (default: today in China)' }),
});

export const CompoundCases = z
  .object({ compoundId: Id, from: ChinaDay, to: ChinaDay, days: z.array(CaseDay), reports: z.array(CaseReport) })
  .meta({ id: 'CompoundCases' });
