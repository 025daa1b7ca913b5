/**
 * Task routes: a grid worker's list in walking order, one task with households and visits, and
 * the holder's actions — claim, extend, release, visit, complete. Reads check the caller's
 * jurisdiction on the task (403); actions check that the task is theirs to work. A cancelled
 * campaign's open tasks are not listed: nobody can work them (task-lists.ts).
 */
import { isWorkable } from '#shared/domain/campaigns.ts';
import { canSeeTask, canWorkTask } from '#shared/domain/tasks.ts';
import type { Caller } from '#shared/roles.ts';
import type { TaskSummary } from '#shared/schemas/task.ts';
import { getCampaign, type CampaignRecord } from '../stores/campaign-store.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, fieldError } from '../platform/errors.ts';
import { message } from '#shared/messages/message.ts';
import { httpHandler } from '../edge/http.ts';
import type { Once } from '../edge/idempotency.ts';
import type { Remember } from '../stores/idempotency-store.ts';
import { tasksRoutes } from '#shared/catalogue/routes/tasks.ts';
import { claimTask, completeRound, completeTask, extendTask, releaseTask } from '../stores/task-actions.ts';
import { listTasks } from '../stores/task-lists.ts';
import { getTaskAndCampaign, getTaskById, type TaskRecord } from '../stores/task-records.ts';
import { storedVisit, taskSummary, taskView } from '../stores/task-views.ts';
import { recordVisit } from '../stores/task-visits.ts';

/** The task as read, if the caller may see it: 404 when there is none, 403 outside their jurisdiction. */
function seenTask(id: string, task: TaskRecord | undefined, caller: Caller): TaskRecord {
  if (!task) throw new NotFoundError(message('access.no-task', { id }));
  if (!canSeeTask(caller, task)) throw new ForbiddenError(message('access.task-outside', { id }));
  return task;
}

/** The task as read, if the caller may work it. */
function workedTask(id: string, task: TaskRecord | undefined, caller: Caller): TaskRecord {
  const seen = seenTask(id, task, caller);
  if (!canWorkTask(caller, seen)) {
    throw new ForbiddenError(seen.kind === 'disinfection'
      ? message('task.not-your-compound', { id, compound: seen.compoundId })
      : message('task.not-your-grid', { id, grid: seen.gridId ?? '-' }));
  }
  return seen;
}

const taskForCaller = async (id: string, caller: Caller): Promise<TaskRecord> => seenTask(id, await getTaskById(id), caller);

/** The task, if the caller may work it. */
const ownTask = async (id: string, caller: Caller): Promise<TaskRecord> => workedTask(id, await getTaskById(id), caller);

/** A conflict unless the campaign (as read) still runs. */
function campaignRuns(id: string, campaign: CampaignRecord | undefined): void {
  if (!campaign || !isWorkable(campaign.status)) throw new ConflictError(message('task.campaign-not-workable', { id, status: message(`campaign.status.${campaign?.status ?? 'gone'}`) }));
}

async function ensureCampaignRuns(task: TaskRecord): Promise<void> {
  campaignRuns(task.campaignId, await getCampaign(task.campaignId));
}

/**
 * The task, if the caller may work it and its campaign still runs: both read in one request, the
 * only read a claim makes before its one transaction. (The campaign's status stays a read, not a
 * condition of that transaction: every claim in a city would then hold the one campaign item, and
 * DynamoDB cancels transactions that meet on an item.)
 */
async function workableTask(id: string, caller: Caller): Promise<TaskRecord> {
  const { task, campaign } = await getTaskAndCampaign(id);
  const own = workedTask(id, task, caller);
  campaignRuns(own.campaignId, campaign);
  return own;
}

/**
 * The task's summary after an action. With an Idempotency-Key, the action's transaction also keeps
 * it, and the caller gets the very summary kept (its lease seconds counted once), unless the
 * action answered without writing (a round's completion sent again).
 */
async function summaryAfter(once: Once<TaskSummary> | undefined, action: (remember?: Remember<TaskRecord>) => Promise<TaskRecord>): Promise<TaskSummary> {
  let kept: { readonly of: TaskRecord; readonly summary: TaskSummary } | undefined;
  const after = await action(once && ((outcome) => {
    kept = { of: outcome, summary: taskSummary(outcome) };
    return once.record(kept.summary);
  }));
  return kept?.of === after ? kept.summary : taskSummary(after);
}

export const handler = httpHandler(tasksRoutes, {
  listTasks: ({ query, caller }) => listTasks(query, caller),

  getTask: async ({ params, caller }) => taskView(await taskForCaller(params.id, caller), caller),

  claimTask: async ({ params, caller, once }) => {
    const task = await workableTask(params.id, caller);
    return summaryAfter(once, (remember) => claimTask(task, caller, remember));
  },

  extendTask: async ({ params, caller, once }) => {
    const task = await workableTask(params.id, caller);
    return summaryAfter(once, (remember) => extendTask(task, caller, remember));
  },

  // Giving a task back is allowed after a cancel too, so the worker's count of held tasks comes down.
  releaseTask: async ({ params, caller, once }) => {
    const task = await ownTask(params.id, caller);
    return summaryAfter(once, (remember) => releaseTask(task, caller, remember));
  },

  recordVisit: async ({ params, body, caller }) => {
    const task = await ownTask(params.id, caller);
    // An offline phone's resend gets its answer even after the task or campaign has moved on.
    const replayed = await storedVisit(task.id, body);
    if (replayed) return replayed;
    await ensureCampaignRuns(task);
    return recordVisit(task, body, caller);
  },

  // One route for both kinds; the body must fit the task's kind (400 naming the field otherwise).
  completeTask: async ({ params, body, caller, once }) => {
    const task = await ownTask(params.id, caller);
    if (task.kind === 'disinfection') {
      if (!body?.areas) throw new ValidationError([fieldError('body.areas', message('task.areas-required'))]);
      // A resent completion gets its answer even after the round has moved on.
      if (task.status !== 'done') await ensureCampaignRuns(task);
      const completion = { ...body, areas: body.areas };
      return summaryAfter(once, (remember) => completeRound(task, completion, caller, remember));
    }
    const extra = Object.keys(body ?? {});
    if (extra.length > 0) throw new ValidationError(extra.map((name) => fieldError(`body.${name}`, message('task.sweep-no-body'))));
    await ensureCampaignRuns(task);
    return summaryAfter(once, (remember) => completeTask(task, caller, remember));
  },
});
