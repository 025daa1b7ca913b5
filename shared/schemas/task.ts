/**
 * Tasks: one per building of a sweep campaign (one per compound for disinfection, later), picked
 * up by the grid's workers with a lease. Field names are DESIGN.md's contract.
 */
import * as z from '../zod.ts';
import { Household } from './building.ts';
import { BboxParam, Day, DynamoNumber, Id, Limit, NextToken, PointGeometry, Position, Timestamp, featureCollection } from './common.ts';
import { CampaignKind, Count } from './campaign.ts';
import { AreaCode, RoundCompletion, RoundTarget, Slot } from './disinfection.ts';
import { Visit } from './visit.ts';

export const TASK_STATUSES = ['open', 'claimed', 'done'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

/** `<campaignId>.<targetId>`: the campaign and the building (or compound) the task is for. */
export const TaskId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_-]{1,64}$/, 'must be a task id, <campaignId>.<targetId>')).register(z.globalRegistry, { description: 'Task id: <campaignId>.<targetId>', example: 'cp_k3j9x0a1b2c3.b_0a1b2c3d4e5f6' });

export const TaskSummary = z.object({
  id: TaskId,
  campaignId: Id,
  kind: CampaignKind,
  targetId: Id,
  buildingId: z.nullable(Id),
  buildingName: z.nullable(z.string()),
  compoundId: Id,
  compoundName: z.string(),
  communityId: z.nullable(Id),
  streetId: z.nullable(Id),
  gridId: z.nullable(Id),
  order: Count.clone().register(z.globalRegistry, { description: 'Walking order within the compound (0 first)' }),
  location: Position,
  status: TaskStatus,
  holder: z.nullable(z.string()),
  leaseExpiresAt: z.nullable(Timestamp),
  leaseSecondsLeft: z.nullable(DynamoNumber.check(z.int())).register(z.globalRegistry, { description: 'Lease time left when answered; negative once lapsed' }),
  householdsTotal: Count,
  householdsVisited: Count.clone().register(z.globalRegistry, { description: 'Accounted for: seen, refused or vacant' }),
  peopleSeen: Count,
  coverage: DynamoNumber.check(z.gte(0), z.lte(1)),
  covered: z.boolean().register(z.globalRegistry, { description: 'Every household accounted for' }),
  round: z.optional(z.object({ day: Day, slot: Slot, target: RoundTarget, dueAt: Timestamp, planned: z.array(AreaCode) })).register(z.globalRegistry, { description: 'Disinfection: the round (China day and slot), the target, when it is due, the area set' }),
  overdue: z.optional(z.boolean()).register(z.globalRegistry, { description: 'Disinfection: open or claimed past its due time' }),
  areasDone: z.optional(z.array(AreaCode)).register(z.globalRegistry, { description: 'Disinfection: the areas done, once completed' }),
  partial: z.optional(z.boolean()).register(z.globalRegistry, { description: 'Disinfection: completed with areas of the set left out (a reason was given)' }),
}).register(z.globalRegistry, { id: 'TaskSummary' });
export type TaskSummary = z.infer<typeof TaskSummary>;

export const Task = z.extend(TaskSummary, {
  households: z.array(z.extend(Household, {
    outcome: z.nullable(z.string()).register(z.globalRegistry, { description: 'The outcome that accounts for it, or no_answer, or null when not yet visited' }),
  })),
  visits: z.array(Visit),
  completedAt: z.optional(Timestamp),
  completedBy: z.optional(z.string()),
  note: z.optional(z.string()).register(z.globalRegistry, { description: 'Disinfection: the completer\'s note' }),
  reason: z.optional(z.string()).register(z.globalRegistry, { description: 'Disinfection: why areas were left out' }),
}).register(z.globalRegistry, { id: 'Task' });
export type Task = z.infer<typeof Task>;

export const TaskIdParams = z.object({ id: TaskId });
/** What a list may ask for: a stored status, or overdue (disinfection: open or claimed past due). */
export const TaskListStatus = z.enum([...TASK_STATUSES, 'overdue']);
export const TaskListQuery = z.object({
  status: z.optional(TaskListStatus),
  campaignId: z.optional(Id),
  limit: Limit,
  nextToken: NextToken,
});
export type TaskListQuery = z.infer<typeof TaskListQuery>;

export const UnvisitedQuery = z.object({ bbox: BboxParam, limit: Limit, nextToken: NextToken });
export const UnvisitedProperties = z.object({
  taskId: TaskId,
  buildingId: z.nullable(Id),
  name: z.nullable(z.string()),
  compoundId: Id,
  gridId: z.nullable(Id),
  status: TaskStatus,
  householdsTotal: Count,
  householdsVisited: Count,
});
export const UnvisitedCollection = featureCollection(PointGeometry, UnvisitedProperties).register(z.globalRegistry, { id: 'UnvisitedBuildings' });

/**
 * Completing a task: sweeps send no body (every household must be accounted for); disinfection
 * tasks send the areas done. The handler checks the body against the task's kind (400 naming the field).
 */
export const TaskCompletion = z.optional(z.partial(RoundCompletion, { areas: true })).register(z.globalRegistry, { id: 'TaskCompletion' });
