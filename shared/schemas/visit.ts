/**
 * Household visits (入户走访) on a sweep task: what the door-to-door check found. The client makes
 * the visit id, so an offline phone that resends gets the same answer and nothing is counted twice.
 */
import * as z from 'zod';
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

const DateOnly = Day.meta({ description: 'YYYY-MM-DD' });

export const VisitFlag = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('returnee'),
      origin: z.string().trim().min(1, 'must not be empty').max(100),
      date: DateOnly.meta({ description: 'Day of return' }),
    }).strict(),
    z.object({ type: z.literal('home_observation') }).strict().meta({ description: '居家健康观察' }),
    z.object({ type: z.literal('four_categories'), category: z.enum(FOUR_CATEGORIES) }).strict().meta({ description: '四类人员' }),
    z.object({ type: z.literal('vulnerable') }).strict().meta({ description: '孤寡老人、困难家庭、残疾人' }),
    z.object({ type: z.literal('tenant') }).strict().meta({ description: 'Tenants the landlord reports' }),
  ])
  .meta({ id: 'VisitFlag' });
export type VisitFlag = z.infer<typeof VisitFlag>;

export const VisitCreate = z
  .object({
    visitId: Id.meta({ description: 'Made by the client (e.g. a UUID); resending the same visit is safe' }),
    householdId: z.string().regex(/^\d{1,2}-\d{1,3}-\d{1,5}$/, 'must be a household id of the task, unit-floor-room'),
    outcome: VisitOutcome,
    peopleSeen: DynamoNumber.int().min(0).max(50),
    symptoms: z.array(Symptom).max(SYMPTOMS.length).default([]),
    flags: z.array(VisitFlag).max(20).default([]),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .meta({ id: 'VisitCreate' });
export type VisitCreate = z.infer<typeof VisitCreate>;

export const Visit = VisitCreate.extend({
  taskId: z.string(),
  recordedAt: Timestamp,
  recordedBy: z.string(),
}).meta({ id: 'Visit' });
export type Visit = z.infer<typeof Visit>;
