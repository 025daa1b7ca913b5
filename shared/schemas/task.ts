/**
 * Tasks: one per building of a sweep campaign (one per compound for disinfection, later), picked
 * up by the grid's workers with a lease. Field names are DESIGN.md's contract.
 */
import * as z from 'zod';
import { Household } from './building.ts';
import { BboxParam, Day, DynamoNumber, Id, Limit, NextToken, PointGeometry, Position, Timestamp, featureCollection } from './common.ts';
import { CampaignKind, Count } from './campaign.ts';
import { AreaCode, RoundCompletion, RoundTarget, Slot } from './disinfection.ts';
import { Visit } from './visit.ts';

export const TASK_STATUSES = ['open', 'claimed', 'done'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

/** `<campaignId>.<targetId>`: the campaign and the building (or compound) the task is for. */
export const TaskId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_-]{1,64}$/, 'must be a task id, <campaignId>.<targetId>')
  .meta({ description: 'Task id: <campaignId>.<targetId>', example: 'cp_k3j9x0a1b2c3.b_0a1b2c3d4e5f6' });

export const TaskSummary = z
  .object({
    id: TaskId,
    campaignId: Id,
    kind: CampaignKind,
    targetId: Id,
    buildingId: Id.nullable(),
    buildingName: z.string().nullable(),
    compoundId: Id,
    compoundName: z.string(),
    communityId: Id.nullable(),
    streetId: Id.nullable(),
    gridId: Id.nullable(),
    order: Count.meta({ description: 'Walking order within the compound (0 first)' }),
    location: Position,
    status: TaskStatus,
    holder: z.string().nullable(),
    leaseExpiresAt: Timestamp.nullable(),
    leaseSecondsLeft: DynamoNumber.int().nullable().meta({ description: 'Lease time left when answered; negative once lapsed' }),
    householdsTotal: Count,
    householdsVisited: Count.meta({ description: 'Accounted for: seen, refused or vacant' }),
    peopleSeen: Count,
    coverage: DynamoNumber.min(0).max(1),
    covered: z.boolean().meta({ description: 'Every household accounted for' }),
    round: z
      .object({ day: Day, slot: Slot, target: RoundTarget, dueAt: Timestamp, planned: z.array(AreaCode) })
      .optional()
      .meta({ description: 'Disinfection: the round (China day and slot), the target, when it is due, the area set' }),
    overdue: z.boolean().optional().meta({ description: 'Disinfection: open or claimed past its due time' }),
    areasDone: z.array(AreaCode).optional().meta({ description: 'Disinfection: the areas done, once completed' }),
    partial: z.boolean().optional().meta({ description: 'Disinfection: completed with areas of the set left out (a reason was given)' }),
  })
  .meta({ id: 'TaskSummary' });
export type TaskSummary = z.infer<typeof TaskSummary>;

export const Task = TaskSummary.extend({
  households: z.array(Household.extend({
    outcome: z.string().nullable().meta({ description: 'The outcome that accounts for it, or no_answer, or null when not yet visited' }),
  })),
  visits: z.array(Visit),
  completedAt: Timestamp.optional(),
  completedBy: z.string().optional(),
  note: z.string().optional().meta({ description: 'Disinfection: the completer\'s note' }),
  reason: z.string().optional().meta({ description: 'Disinfection: why areas were left out' }),
}).meta({ id: 'Task' });
export type Task = z.infer<typeof Task>;

export const TaskIdParams = z.object({ id: TaskId });
/** What a list may ask for: a stored status, or overdue (disinfection: open or claimed past due). */
export const TaskListStatus = z.enum([...TASK_STATUSES, 'overdue']);
export const TaskListQuery = z.object({
  status: TaskListStatus.optional(),
  campaignId: Id.optional(),
  limit: Limit,
  nextToken: NextToken,
});
export type TaskListQuery = z.infer<typeof TaskListQuery>;

export const UnvisitedQuery = z.object({ bbox: BboxParam, limit: Limit, nextToken: NextToken });
export const UnvisitedProperties = z.object({
  taskId: TaskId,
  buildingId: Id.nullable(),
  name: z.string().nullable(),
  compoundId: Id,
  gridId: Id.nullable(),
  status: TaskStatus,
  householdsTotal: Count,
  householdsVisited: Count,
});
export const UnvisitedCollection = featureCollection(PointGeometry, UnvisitedProperties).meta({ id: 'UnvisitedBuildings' });

/**
 * Completing a task: sweeps send no body (every household must be accounted for); disinfection
 * tasks send the areas done. The handler checks the body against the task's kind (400 naming the field).
 */
export const TaskCompletion = RoundCompletion.partial({ areas: true }).optional().meta({ id: 'TaskCompletion' });
