/**
 * Alerts (预警): what a community must act on at once — symptoms met on a sweep visit, a fever
 * at an exit. They name the place, never the person: no names, phones or ID numbers.
 */
import * as z from 'zod';
import { Id, Limit, NextToken, Timestamp } from './common.ts';

export const ALERT_KINDS = ['symptoms', 'fever', 'lockdown_suggested', 'help', 'missed_reports', 'positive_test'] as const;
export const AlertKind = z.enum(ALERT_KINDS).meta({
  description: 'symptoms: found on a sweep visit; fever: at an exit check; lockdown_suggested: a confirmed case (a suggestion with one action, never automatic); help: a request for emergency help (紧急救助), details.urgency high or normal; missed_reports: a person under observation missed two report slots in a row, for the grid worker of details.gridId; positive_test: a nucleic-acid test of a person under observation came back positive (details.due)',
});
export type AlertKind = z.infer<typeof AlertKind>;
export const ALERT_STATUSES = ['open', 'closed'] as const;
export const AlertStatus = z.enum(ALERT_STATUSES);
export const ALERT_SOURCES = ['visit', 'entry', 'case', 'help', 'person'] as const;

export const AlertSource = z.object({ type: z.enum(ALERT_SOURCES), id: Id });
export type AlertSource = z.infer<typeof AlertSource>;

export const Alert = z
  .object({
    id: Id,
    kind: AlertKind,
    status: AlertStatus,
    source: AlertSource,
    compoundId: Id,
    communityId: Id.nullable(),
    streetId: Id.nullable(),
    buildingId: Id.optional(),
    exitId: Id.optional(),
    raisedAt: Timestamp,
    raisedBy: z.string(),
    details: z.record(z.string(), z.unknown()).meta({
      description: 'What was found (symptoms, temperature, household, escort to hospital); never personal data',
    }),
    action: z
      .object({ operationId: z.string(), method: z.literal('POST'), path: z.string(), body: z.record(z.string(), z.unknown()) })
      .optional()
      .meta({ description: 'The one action the alert suggests (lockdown_suggested: seal the compound with level lockdown); never taken by itself' }),
    closedAt: Timestamp.optional(),
    closedBy: z.string().optional(),
    closeNote: z.string().optional(),
  })
  .meta({ id: 'Alert' });
export type Alert = z.infer<typeof Alert>;

export const AlertIdParams = z.object({ id: Id });
export const AlertListQuery = z.object({
  communityId: Id.optional(),
  status: AlertStatus.optional(),
  kind: AlertKind.optional(),
  limit: Limit,
  nextToken: NextToken,
});
export type AlertListQuery = z.infer<typeof AlertListQuery>;
export const AlertClose = z.object({ note: z.string().trim().min(1).max(500) }).meta({
  description: 'What was done (e.g. escorted to the designated hospital, retested, false alarm)',
});
