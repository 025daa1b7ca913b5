/**
 * Disinfection rounds (环境消杀): area codes, the completion body of a round task, the public
 * day log of a compound, and the missed-rounds list officials read beside unresolved exits.
 * The log carries no staff name, id or note: it is posted to residents (每日消毒情况公示).
 */
import * as z from '../zod.ts';
import { compoundPlace, Day, DynamoNumber, Id, Limit, NextToken, Timestamp } from './common.ts';

/** What a round disinfects: corridors, elevators, guard rooms, garbage points, public service areas. */
export const AREA_CODES = ['corridor', 'elevator', 'guard_room', 'garbage_point', 'public_area'] as const;
export const AreaCode = z.enum(AREA_CODES);
export type AreaCode = z.infer<typeof AreaCode>;

/** A round task is for a compound's public areas, or for one building with a recent case. */
export const ROUND_TARGETS = ['public_areas', 'building'] as const;
export const RoundTarget = z.enum(ROUND_TARGETS);
export type RoundTarget = z.infer<typeof RoundTarget>;

/** A China-time slot, `HH:MM`. */
export const Slot = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM')).register(z.globalRegistry, { example: '08:00' });

/** A day in China (UTC+8), `YYYY-MM-DD`. */
export const ChinaDay = Day.clone().register(z.globalRegistry, { description: 'Day in China (UTC+8)', example: '2026-11-23' });

export const ROUND_STATUSES = ['open', 'claimed', 'done', 'partial', 'overdue'] as const;
export const RoundStatus = z.enum(ROUND_STATUSES).register(z.globalRegistry, {
  description: 'done: every area of the set; partial: done with some areas left (a reason was given); overdue: open or claimed past its due time',
});
export type RoundStatus = z.infer<typeof RoundStatus>;

export const DisinfectionLogEntry = z.strictObject({
  campaignId: Id,
  slot: Slot,
  target: RoundTarget,
  buildingId: z.optional(Id),
  buildingName: z.optional(z.string()),
  status: RoundStatus,
  planned: z.array(AreaCode).register(z.globalRegistry, { description: 'The area set of the task' }),
  areas: z.array(AreaCode).register(z.globalRegistry, { description: 'Areas disinfected (empty until completed)' }),
  completedAt: z.optional(Timestamp),
  dueAt: Timestamp,
}).register(z.globalRegistry, { id: 'DisinfectionLogEntry', description: 'One round task of a compound\'s day; no personal data' });
export type DisinfectionLogEntry = z.infer<typeof DisinfectionLogEntry>;

export const DisinfectionLog = z.strictObject({
  compoundId: Id,
  date: ChinaDay,
  requiredRounds: DynamoNumber.check(z.int(), z.nonnegative()).register(z.globalRegistry, { description: 'Public-area rounds the day requires (每日至少2次) of a compound under closed management or lockdown; 0 under normal management' }),
  completedRounds: DynamoNumber.check(z.int(), z.nonnegative()).register(z.globalRegistry, { description: 'Public-area rounds done or partial' }),
  items: z.array(DisinfectionLogEntry),
}).register(z.globalRegistry, { id: 'DisinfectionLog' });
export type DisinfectionLog = z.infer<typeof DisinfectionLog>;

/** Completing a round task: the areas done; fewer than the set needs a reason. */
export const RoundCompletion = z.strictObject({
  areas: z.array(AreaCode).check(z.minLength(1), z.maxLength(AREA_CODES.length)),
  note: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))),
  reason: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))).register(z.globalRegistry, { description: 'Why some areas of the set were not done (required for a partial round)' }),
}).register(z.globalRegistry, { id: 'RoundCompletion' });
export type RoundCompletion = z.infer<typeof RoundCompletion>;

export const MissedRound = z.object({
  ...compoundPlace,
  date: ChinaDay,
  required: DynamoNumber.check(z.int(), z.nonnegative()),
  completed: DynamoNumber.check(z.int(), z.nonnegative()),
}).register(z.globalRegistry, { id: 'MissedRound' });
export type MissedRound = z.infer<typeof MissedRound>;

export const MissedRoundsQuery = z.object({
  date: z.optional(ChinaDay).register(z.globalRegistry, { description: 'Day in China (default: yesterday there, the last day judged)' }),
  communityId: z.optional(Id),
  streetId: z.optional(Id),
  limit: Limit,
  nextToken: NextToken,
});
export type MissedRoundsQuery = z.infer<typeof MissedRoundsQuery>;

/** What a disinfection task stores about its round (task attribute `round`). */
export interface RoundOfTask {
  readonly day: string;
  readonly slot: string;
  readonly target: RoundTarget;
  readonly dueAt: string;
  readonly planned: readonly AreaCode[];
}
