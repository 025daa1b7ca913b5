/**
 * Alerts (预警): what a community must act on at once — symptoms met on a sweep visit, a fever
 * at an exit. They name the place, never the person: no names, phones or ID numbers.
 */
import * as z from '../zod.ts';
import { Id, Limit, NextToken, Timestamp } from './common.ts';

export const ALERT_KINDS = [
  'symptoms', 'fever', 'lockdown_suggested', 'help', 'missed_reports', 'positive_test',
  'missed_clock_in', 'missed_round', 'daily_report_missing', 'inspection_overdue', 'order_overdue',
] as const;
export const AlertKind = z.enum(ALERT_KINDS).register(z.globalRegistry, {
  description: 'symptoms: found on a sweep visit; fever: at an exit check; lockdown_suggested: a confirmed case (a suggestion with one action, never automatic); help: a request for emergency help (紧急救助), details.urgency high or normal; missed_reports: a person under observation missed two report slots in a row, for the grid worker of details.gridId; positive_test: a nucleic-acid test of a person under observation came back positive (details.due); missed_clock_in: a duty shift began and nobody clocked in (details.exitId, shiftId); missed_round: a compound under closure did fewer disinfection rounds than required (details.day); daily_report_missing: a compound\'s daily report (日报告) was not submitted by the deadline (details.date); inspection_overdue: an inspection finding was not rectified by its deadline (details.inspectionId); order_overdue: a household\'s order (代购配送) was not accepted by its deadline (details.orderId, kind, acceptBy)',
});
export type AlertKind = z.infer<typeof AlertKind>;
/** open → acknowledged (someone took it on) → closed (with what was done); closing works from either. */
export const ALERT_STATUSES = ['open', 'acknowledged', 'closed'] as const;
export const AlertStatus = z.enum(ALERT_STATUSES);
export type AlertStatus = z.infer<typeof AlertStatus>;
/** Who an alert is with: it starts at the community and goes up when nobody acknowledges it in time. */
export const ALERT_LEVELS = ['community', 'street', 'city'] as const;
export const AlertLevel = z.enum(ALERT_LEVELS).register(z.globalRegistry, {
  description: 'Who the alert is with: community admins first; street officials, then city staff when not acknowledged within the kind\'s time',
});
export type AlertLevel = z.infer<typeof AlertLevel>;
export const ALERT_SOURCES = ['visit', 'entry', 'case', 'help', 'person', 'shift', 'round', 'daily_report', 'inspection', 'order'] as const;

export const AlertSource = z.object({ type: z.enum(ALERT_SOURCES), id: Id });
export type AlertSource = z.infer<typeof AlertSource>;

export const Alert = z.object({
  id: Id,
  kind: AlertKind,
  status: AlertStatus,
  source: AlertSource,
  compoundId: Id,
  communityId: z.nullable(Id),
  streetId: z.nullable(Id),
  buildingId: z.optional(Id),
  exitId: z.optional(Id),
  gridId: z.optional(Id).register(z.globalRegistry, { description: 'The grid it is for (its grid worker sees it), when it concerns one grid; missed_reports also say so in details.gridId' }),
  raisedAt: Timestamp,
  raisedBy: z.string(),
  details: z.record(z.string(), z.unknown()).register(z.globalRegistry, {
    description: 'What was found (symptoms, temperature, household, escort to hospital); never personal data',
  }),
  action: z.optional(z.object({ operationId: z.string(), method: z.literal('POST'), path: z.string(), body: z.record(z.string(), z.unknown()) })).register(z.globalRegistry, { description: 'The one action the alert suggests (lockdown_suggested: seal the compound with level lockdown); never taken by itself' }),
  level: AlertLevel,
  acknowledgedBy: z.optional(z.string()).register(z.globalRegistry, { description: 'Username of who acknowledged it' }),
  acknowledgedByName: z.optional(z.string()).register(z.globalRegistry, { description: 'Their name in the staff directory (screens name people, not accounts)' }),
  acknowledgedAt: z.optional(Timestamp),
  assignedTo: z.optional(z.string()).register(z.globalRegistry, { description: 'Username (staff directory) of who follows it up' }),
  assignedToName: z.optional(z.string()).register(z.globalRegistry, { description: 'Their name in the staff directory' }),
  assignedAt: z.optional(Timestamp),
  escalatedTo: z.optional(AlertLevel).register(z.globalRegistry, { description: 'The level it went up to last, not acknowledged in time' }),
  escalatedAt: z.optional(Timestamp),
  escalationDueAt: z.optional(Timestamp).register(z.globalRegistry, { description: 'When it goes up a level unless acknowledged (open alerts below city level only)' }),
  closedAt: z.optional(Timestamp),
  closedBy: z.optional(z.string()),
  closeNote: z.optional(z.string()),
}).register(z.globalRegistry, { id: 'Alert' });
export type Alert = z.infer<typeof Alert>;

export const AlertIdParams = z.object({ id: Id });
export const AlertListQuery = z.object({
  communityId: z.optional(Id),
  gridId: z.optional(Id).register(z.globalRegistry, { description: 'Alerts of a grid (missed_reports of its people): grid workers see their own grid\'s' }),
  status: z.optional(AlertStatus),
  kind: z.optional(AlertKind),
  limit: Limit,
  nextToken: NextToken,
});
export type AlertListQuery = z.infer<typeof AlertListQuery>;
export const AlertClose = z.object({ note: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)) }).register(z.globalRegistry, {
  description: 'What was done (e.g. escorted to the designated hospital, retested, false alarm)',
});

export const AlertAssign = z.object({
  to: z.string().check(z.minLength(1), z.maxLength(63)).register(z.globalRegistry, { description: 'Username of a staff member whose jurisdiction covers the alert\'s compound', example: 'cm-wangfu' }),
}).register(z.globalRegistry, { id: 'AlertAssign' });
export type AlertAssign = z.infer<typeof AlertAssign>;
