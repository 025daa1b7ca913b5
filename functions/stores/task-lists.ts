/**
 * Task lists: which index partitions and sort prefixes a list reads for the caller's role, the
 * status and the campaign asked for, and the page read from them — tasks the caller may see, in
 * walking order.
 *
 * A cancelled campaign's open tasks leave the task lists, filtered at read time by the campaign's
 * status ({@link cancelledCampaigns}): the cancel itself stays one conditional write, however many
 * tasks the campaign has (100,000 for a city sweep), and the lists are right at once in every
 * function instance. The price is a BatchGet of the listed open tasks' campaigns per list page
 * (usually one or two campaigns); a campaign once seen cancelled is remembered, since the status
 * is final. Re-keying the tasks out of the grid index instead would need a queued clean-up that
 * rewrites every task, and lists would show them until it finished. Claimed and done tasks stay
 * listed: a holder must still see the task to give it back (release works after a cancel, so
 * their count of held tasks comes down); claims, visits, extend and complete are refused as conflicts.
 */
import { roundStatus } from '#shared/domain/disinfection.ts';
import { canSeeTask } from '#shared/domain/tasks.ts';
import type { Caller } from '#shared/roles.ts';
import { TASK_STATUSES, type TaskListQuery, type TaskStatus, type TaskSummary } from '#shared/schemas/task.ts';
import { indexKeys, indexSortKeys, keys } from '#shared/table.ts';
import { getCampaign } from './campaign-store.ts';
import { gridsOfCommunity } from './places-store.ts';
import { taskFromItem, type TaskRecord } from './task-records.ts';
import { taskSummary } from './task-views.ts';
import { nowIso } from '../platform/clock.ts';
import { ValidationError, fieldError } from '../platform/errors.ts';
import { cursorOf, pageOf, readSources, type Source } from '../platform/list-sources.ts';
import { batchGet, queryAll, type Item } from '../platform/table.ts';
import { message } from '#shared/messages/message.ts';

/** Reads a list page may take when cancelled campaigns' tasks thinned it; it answers short after that. */
const LIST_READS = 4;

/**
 * Whose round tasks a disinfection worker lists: property staff their compounds (jurisdiction
 * compoundIds); a community's team (jurisdiction communityId) the community's compounds without
 * property management, read from the community's compound index. Both may be set on one user.
 */
async function roundCompoundsOf(caller: Caller): Promise<string[]> {
  const j = caller.jurisdiction;
  const own = [...(j.compoundIds ?? [])];
  if (!j.communityId) return own;
  const compounds = await queryAll<Item>({ index: 'byParent', partition: indexKeys.compoundsOfCommunity(j.communityId) });
  const team = compounds.filter((c) => c.propertyManaged === false).map((c) => c.id as string);
  return [...new Set([...own, ...team])];
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

/** A campaign's own partition: every task of the campaign, by target. */
const campaignSource = (campaignId: string): Source => ({
  kind: 'query', query: { partition: keys.campaign(campaignId).pk, beginsWith: keys.task(campaignId, '').sk },
});

async function listSources(query: TaskListQuery, caller: Caller): Promise<Source[]> {
  if (caller.role === 'grid') return gridSources(caller.jurisdiction.gridId ?? '', query);
  if (caller.role === 'disinfection') {
    return (await roundCompoundsOf(caller)).flatMap((id) => gridSources(null, query, indexKeys.roundTasksOfCompound(id)));
  }
  // A round's tasks are under their compounds, not in grids: read the round's own partition.
  if (query.campaignId && (await getCampaign(query.campaignId))?.kind === 'disinfection') return [campaignSource(query.campaignId)];
  // A community's grids even when a campaign is named: a city campaign's partition is mostly
  // other communities' tasks, which would come back as page after empty page.
  if (caller.role === 'community' && caller.jurisdiction.communityId) {
    const grids = await gridsOfCommunity(caller.jurisdiction.communityId);
    return [...grids.map((g) => g.id), null].flatMap((id) => gridSources(id, query));
  }
  if (query.campaignId) return [campaignSource(query.campaignId)];
  throw new ValidationError([fieldError('query.campaignId', message('task.campaign-list-needs-id'))]);
}

/** Campaigns seen cancelled by this instance: the status is final, so they are never read again. */
const knownCancelled = new Set<string>();

/** Which of these campaigns are cancelled: one BatchGet of those not already known to be. */
async function cancelledCampaigns(ids: Iterable<string>): Promise<ReadonlySet<string>> {
  const asked = new Set(ids);
  const unknown = [...asked].filter((id) => !knownCancelled.has(id));
  if (unknown.length > 0) {
    for (const item of await batchGet<Item>(unknown.map((id) => keys.campaign(id)))) {
      if (item.status === 'cancelled') knownCancelled.add(item.id as string);
    }
  }
  return new Set([...asked].filter((id) => knownCancelled.has(id)));
}

/** The listed tasks less the open tasks of cancelled campaigns: work nobody can do any more. */
async function withoutCancelledWork<T extends Pick<TaskRecord, 'campaignId' | 'status'>>(tasks: readonly T[]): Promise<T[]> {
  const cancelled = await cancelledCampaigns(tasks.filter((t) => t.status === 'open').map((t) => t.campaignId));
  return tasks.filter((t) => t.status !== 'open' || !cancelled.has(t.campaignId));
}

/**
 * One page of the tasks the caller may see. A cancelled campaign's open tasks are dropped after
 * each read; a page they thinned is topped up from where the read stopped, a few reads at most.
 */
export async function listTasks(query: TaskListQuery, caller: Caller): Promise<{ items: TaskSummary[]; nextToken?: string }> {
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
}
