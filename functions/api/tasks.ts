/**
 * Task routes: a grid worker's list in walking order, one task with households and visits, and
 * the holder's actions — claim, extend, release, visit, complete. Reads check the caller's
 * jurisdiction on the task (403); actions check that the task is theirs to work. A cancelled
 * campaign's open tasks are not listed: nobody can work them.
 */
import { isWorkable } from '#shared/domain/campaigns.ts';
import { roundStatus } from '#shared/domain/disinfection.ts';
import { canSeeTask, canWorkTask, parseTaskId } from '#shared/domain/tasks.ts';
import { withoutResidentDetails } from '#shared/domain/visits.ts';
import { seesResidentDetails, type Caller } from '#shared/roles.ts';
import { TASK_STATUSES, type TaskListQuery, type TaskStatus, type TaskSummary } from '#shared/schemas/task.ts';
import { indexKeys, indexSortKeys, keys } from '#shared/table.ts';
import { getCampaign } from '../stores/campaign-store.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { httpHandler } from '../edge/http.ts';
import { cursorOf, pageOf, readSources, type Source } from '../platform/list-sources.ts';
import { gridsOfCommunity } from '../stores/places-store.ts';
import { nowIso } from '../platform/clock.ts';
import { roundCompoundsOf } from '../stores/round-task-store.ts';
import {
  claimTask, completeRound, completeTask, extendTask, getTask, recordVisit, releaseTask, storedVisit, taskFromItem, taskSummary, taskView, withoutCancelledWork,
  type TaskRecord,
} from '../stores/task-store.ts';

/** Reads a list page may take when cancelled campaigns' tasks thinned it; it answers short after that. */
const LIST_READS = 4;

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

/** The stored statuses a list's status reads: overdue tasks are open or claimed ones past due. */
const storedStatuses = (query: TaskListQuery): readonly (TaskStatus | undefined)[] => {
  if (query.status === 'overdue') return ['open', 'claimed'];
  return query.status ? [query.status] : query.campaignId ? TASK_STATUSES : [undefined];
};

/** Whether a task passes the list's status: overdue is judged now (a round task past its due time). */
function matchesStatus(task: TaskRecord, status: TaskListQuery['status'], at: string): boolean {
  if (status === undefined) return true;
  if (status !== 'overdue') return task.status === status;
  return task.round !== undefined && task.status !== 'done' && roundStatus({ status: task.status, dueAt: task.round.dueAt }, at) === 'overdue';
}

/** A grid's tasks from the grid index (a compound's round tasks from its own): one status (and campaign) when given, else every status in order. */
function gridSources(gridId: string | null, query: TaskListQuery, partition = indexKeys.tasksOfGrid(gridId)): Source[] {
  return storedStatuses(query).map((status) => ({
    kind: 'query',
    query: { index: 'byParent', partition, beginsWith: status ? indexSortKeys.tasksWithStatus(status, query.campaignId) : undefined },
  }));
}

async function listSources(query: TaskListQuery, caller: Caller): Promise<Source[]> {
  if (caller.role === 'grid') return gridSources(caller.jurisdiction.gridId ?? '', query);
  if (caller.role === 'disinfection') {
    return (await roundCompoundsOf(caller)).flatMap((id) => gridSources(null, query, indexKeys.roundTasksOfCompound(id)));
  }
  // A round's tasks are under their compounds, not in grids: read the round's own partition.
  if (query.campaignId && (await getCampaign(query.campaignId))?.kind === 'disinfection') {
    return [{ kind: 'query', query: { partition: keys.campaign(query.campaignId).pk, beginsWith: keys.task(query.campaignId, '').sk } }];
  }
  // A community's grids even when a campaign is named: a city campaign's partition is mostly
  // other communities' tasks, which would come back as page after empty page.
  if (caller.role === 'community' && caller.jurisdiction.communityId) {
    const grids = await gridsOfCommunity(caller.jurisdiction.communityId);
    return [...grids.map((g) => g.id), null].flatMap((id) => gridSources(id, query));
  }
  if (query.campaignId) {
    return [{ kind: 'query', query: { partition: keys.campaign(query.campaignId).pk, beginsWith: keys.task(query.campaignId, '').sk } }];
  }
  throw new ValidationError([{ field: 'query.campaignId', message: 'is required: name the campaign whose tasks to list' }]);
}

export const handler = httpHandler('tasks', {
  // A cancelled campaign's open tasks are dropped after each read (task-store's header says why at
  // read time); a page they thinned is topped up from where the read stopped, a few reads at most.
  listTasks: async ({ query, caller }) => {
    const sources = await listSources(query, caller);
    const limit = query.limit ?? 200;
    const items: TaskSummary[] = [];
    let next = cursorOf(query.nextToken);
    const at = nowIso();
    for (let read = 0; read < LIST_READS && items.length < limit && (read === 0 || next); read++) {
      const result = await readSources(
        sources,
        (item) => {
          const task = taskFromItem(item);
          if (!canSeeTask(caller, task)) return undefined;
          if (!matchesStatus(task, query.status, at)) return undefined;
          if (query.campaignId && task.campaignId !== query.campaignId) return undefined;
          return taskSummary(task);
        },
        limit - items.length,
        next,
      );
      items.push(...(await withoutCancelledWork(result.items)));
      next = result.next;
    }
    return pageOf(items, next);
  },

  getTask: async ({ params, caller }) => {
    const view = await taskView(await taskForCaller(params.id, caller));
    return seesResidentDetails(caller) ? view : { ...view, visits: view.visits.map(withoutResidentDetails) };
  },

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
    return recordVisit(task, body, caller, () => getTask(task.id, task.campaignId, task.targetId));
  },

  // One route for both kinds; the body must fit the task's kind (400 naming the field otherwise).
  completeTask: async ({ params, body, caller }) => {
    const task = await ownTask(params.id, caller);
    if (task.kind === 'disinfection') {
      if (!body?.areas) throw new ValidationError([{ field: 'body.areas', message: 'is required: the areas disinfected' }]);
      // A resent completion gets its answer even after the round has moved on.
      if (task.status !== 'done') await ensureCampaignRuns(task);
      return taskSummary(await completeRound(task, { ...body, areas: body.areas }, caller, () => getTask(task.id, task.campaignId, task.targetId)));
    }
    const extra = Object.keys(body ?? {});
    if (extra.length > 0) throw new ValidationError(extra.map((name) => ({ field: `body.${name}`, message: 'a sweep task completes without a body: every household must be accounted for' })));
    await ensureCampaignRuns(task);
    return taskSummary(await completeTask(task, caller));
  },
});
