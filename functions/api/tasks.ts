/**
 * Task routes: a grid worker's list in walking order, one task with households and visits, and
 * the holder's actions — claim, extend, release, visit, complete. Reads check the caller's
 * jurisdiction on the task (403); actions check that the task is theirs to work. A cancelled
 * campaign's open tasks are not listed: nobody can work them (task-lists.ts).
 */
import { isWorkable } from '#shared/domain/campaigns.ts';
import { canSeeTask, canWorkTask, parseTaskId } from '#shared/domain/tasks.ts';
import type { Caller } from '#shared/roles.ts';
import { getCampaign } from '../stores/campaign-store.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { httpHandler } from '../edge/http.ts';
import { tasksRoutes } from '#shared/catalogue/routes/tasks.ts';
import { claimTask, completeRound, completeTask, extendTask, releaseTask } from '../stores/task-actions.ts';
import { listTasks } from '../stores/task-lists.ts';
import { getTask, type TaskRecord } from '../stores/task-records.ts';
import { storedVisit, taskSummary, taskView } from '../stores/task-views.ts';
import { recordVisit } from '../stores/task-visits.ts';

async function taskForCaller(id: string, caller: Caller): Promise<TaskRecord> {
  const { campaignId, targetId } = parseTaskId(id);
  const task = await getTask(id, campaignId, targetId);
  if (!task) throw new NotFoundError(`no task ${id}`);
  if (!canSeeTask(caller, task)) throw new ForbiddenError(`task ${id} is outside your jurisdiction`);
  return task;
}

/** The task, if the caller may work it. */
async function ownTask(id: string, caller: Caller): Promise<TaskRecord> {
  const task = await taskForCaller(id, caller);
  if (!canWorkTask(caller, task)) {
    throw new ForbiddenError(task.kind === 'disinfection' ? `task ${id} belongs to compound ${task.compoundId}'s disinfection staff, not yours` : `task ${id} belongs to grid ${task.gridId ?? 'none'}, not yours`);
  }
  return task;
}

async function ensureCampaignRuns(task: TaskRecord): Promise<void> {
  const campaign = await getCampaign(task.campaignId);
  if (!campaign || !isWorkable(campaign.status)) throw new ConflictError(`campaign ${task.campaignId} is ${campaign?.status ?? 'gone'}`);
}

/** The task, if the caller may work it and its campaign still runs. */
async function workableTask(id: string, caller: Caller): Promise<TaskRecord> {
  const task = await ownTask(id, caller);
  await ensureCampaignRuns(task);
  return task;
}

export const handler = httpHandler(tasksRoutes, {
  listTasks: ({ query, caller }) => listTasks(query, caller),

  getTask: async ({ params, caller }) => taskView(await taskForCaller(params.id, caller), caller),

  claimTask: async ({ params, caller }) => taskSummary(await claimTask(await workableTask(params.id, caller), caller)),

  extendTask: async ({ params, caller }) => taskSummary(await extendTask(await workableTask(params.id, caller), caller)),

  // Giving a task back is allowed after a cancel too, so the worker's count of held tasks comes down.
  releaseTask: async ({ params, caller }) => taskSummary(await releaseTask(await ownTask(params.id, caller), caller)),

  recordVisit: async ({ params, body, caller }) => {
    const task = await ownTask(params.id, caller);
    // An offline phone's resend gets its answer even after the task or campaign has moved on.
    const replayed = await storedVisit(task.id, body);
    if (replayed) return replayed;
    await ensureCampaignRuns(task);
    return recordVisit(task, body, caller);
  },

  // One route for both kinds; the body must fit the task's kind (400 naming the field otherwise).
  completeTask: async ({ params, body, caller }) => {
    const task = await ownTask(params.id, caller);
    if (task.kind === 'disinfection') {
      if (!body?.areas) throw new ValidationError([{ field: 'body.areas', message: 'is required: the areas disinfected' }]);
      // A resent completion gets its answer even after the round has moved on.
      if (task.status !== 'done') await ensureCampaignRuns(task);
      return taskSummary(await completeRound(task, { ...body, areas: body.areas }, caller));
    }
    const extra = Object.keys(body ?? {});
    if (extra.length > 0) throw new ValidationError(extra.map((name) => ({ field: `body.${name}`, message: 'a sweep task completes without a body: every household must be accounted for' })));
    await ensureCampaignRuns(task);
    return taskSummary(await completeTask(task, caller));
  },
});
