/**
 * Household visits (入户走访) on a sweep task: what the door-to-door check found. The client makes
 * the visit id, so an offline phone that resends gets the same answer and nothing is counted twice.
 */
import * as z from '../zod.ts';
import { Day, DynamoNumber, Id, Timestamp } from './common.ts';

/** seen_all / seen_some: people met face to face; no_answer needs a revisit; refused and vacant close the household. */
export const VISIT_OUTCOMES = ['seen_all', 'seen_some', 'no_answer', 'refused', 'vacant'] as const;
export const VisitOutcome = z.enum(VISIT_OUTCOMES);
export type VisitOutcome = z.infer<typeof VisitOutcome>;

import { SYMPTOMS } from './constants.ts';

export { SYMPTOMS };
export const Symptom = z.enum(SYMPTOMS);
export type Symptom = z.infer<typeof Symptom>;

/** 四类人员: confirmed, suspected, fever patients not ruled out, close contacts. */
export const FOUR_CATEGORIES = ['confirmed', 'suspected', 'fever', 'close_contact'] as const;

const DateOnly = Day.clone().register(z.globalRegistry, { description: 'YYYY-MM-DD' });

export const VisitFlag = z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('returnee'),
      origin: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(100)),
      date: DateOnly.clone().register(z.globalRegistry, { description: 'Day of return' }),
    }),
    z.strictObject({ type: z.literal('home_observation') }).register(z.globalRegistry, { description: '居家健康观察' }),
    z.strictObject({ type: z.literal('four_categories'), category: z.enum(FOUR_CATEGORIES) }).register(z.globalRegistry, { description: '四类人员' }),
    z.strictObject({ type: z.literal('vulnerable') }).register(z.globalRegistry, { description: '孤寡老人、困难家庭、残疾人' }),
    z.strictObject({ type: z.literal('tenant') }).register(z.globalRegistry, { description: 'Tenants the landlord reports' }),
  ]).register(z.globalRegistry, { id: 'VisitFlag' });
export type VisitFlag = z.infer<typeof VisitFlag>;

export const VisitCreate = z.strictObject({
  visitId: Id.clone().register(z.globalRegistry, { description: 'Made by the client (e.g. a UUID); resending the same visit is safe' }),
  householdId: z.string().check(z.regex(/^\d{1,2}-\d{1,3}-\d{1,5}$/, 'must be a household id of the task, unit-floor-room')),
  outcome: VisitOutcome,
  peopleSeen: DynamoNumber.check(z.int(), z.gte(0), z.lte(50)),
  symptoms: z._default(z.array(Symptom).check(z.maxLength(SYMPTOMS.length)), []),
  flags: z._default(z.array(VisitFlag).check(z.maxLength(20)), []),
  note: z.optional(z.string().check(z.trim(), z.maxLength(500))),
}).register(z.globalRegistry, { id: 'VisitCreate' });
export type VisitCreate = z.infer<typeof VisitCreate>;

export const Visit = z.extend(VisitCreate, {
  taskId: z.string(),
  recordedAt: Timestamp,
  recordedBy: z.string(),
}).register(z.globalRegistry, { id: 'Visit' });
export type Visit = z.infer<typeof Visit>;
