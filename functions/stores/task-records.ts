/**
 * The task item: its record, its keys and where it is listed, written by the fan-out and read
 * back by the task views, lists and actions.
 *
 * Index entries a task carries:
 * - byParent: `GRID#g#TASKS`, sorted status → campaign → compound → walking order: a grid
 *   worker's list is one query, in the order they walk. A round's tasks sit under their
 *   compound instead (its staff's list).
 * - byGeo (sparse): `CAMPAIGN#c#UNVISITED#<geohash5>` until its building is covered, so the map
 *   of unvisited buildings reads only what it shows; a round's tasks use it for the compound's
 *   day log (disinfection-log-store.ts).
 * - byStreet (sparse): `LEASES`, by lease end, while claimed: the expiry job reads only lapsed leases.
 */
import { campaignFromItem, type CampaignRecord } from './campaign-store.ts';
import type { TaskDraft } from '#shared/domain/fan-out.ts';
import { householdsOf, parseTaskId, taskIdOf } from '#shared/domain/tasks.ts';
import type { HouseholdState } from '#shared/domain/visits.ts';
import type { AreaCode } from '#shared/schemas/disinfection.ts';
import { encodeGeohash } from '#shared/geo/geohash.ts';
import type { CampaignKind } from '#shared/schemas/campaign.ts';
import type { TaskStatus } from '#shared/schemas/task.ts';
import { GEO_PARTITION_PRECISION, GEO_SORT_PRECISION, indexKeys, indexSortKeys, keys } from '#shared/table.ts';
import { withoutKeys } from '../platform/list-sources.ts';
import { batchGet, getItem, queryAll, type Item } from '../platform/table.ts';

/** The task as stored: its plan, then its state. */
export interface TaskRecord extends TaskDraft {
  readonly id: string;
  readonly campaignId: string;
  readonly kind: CampaignKind;
  readonly status: TaskStatus;
  readonly holder: string | null;
  readonly leaseExpiresAt: string | null;
  readonly householdsVisited: number;
  readonly peopleSeen: number;
  readonly covered: boolean;
  readonly hh: Record<string, HouseholdState>;
  readonly version: number;
  readonly completedAt?: string;
  readonly completedBy?: string;
  /** Disinfection: what the completion recorded. */
  readonly areasDone?: readonly AreaCode[];
  readonly partial?: boolean;
  readonly note?: string;
  readonly reason?: string;
}

/** The task's sort key in its grid's (or compound's) list: it moves as the status changes. */
export const gridSort = (t: Pick<TaskRecord, 'campaignId' | 'compoundId' | 'order' | 'targetId'>, status: TaskStatus): string =>
  indexSortKeys.taskOfGrid(status, t.campaignId, t.compoundId, t.order, t.targetId);

/**
 * Where a task is listed: a sweep's in its grid and, until covered, in the unvisited cells; a
 * round's under its compound (its staff's list) and in the compound's day log.
 */
function taskIndexes(campaignId: string, draft: TaskDraft) {
  const sort = gridSort({ ...draft, campaignId }, 'open');
  if (draft.round) {
    return {
      gsi1pk: indexKeys.roundTasksOfCompound(draft.compoundId), gsi1sk: sort,
      gsi2pk: indexKeys.roundLog(draft.compoundId, draft.round.day), gsi2sk: indexSortKeys.roundLogEntry(draft.round.slot, campaignId, draft.targetId),
    };
  }
  const hash = encodeGeohash(draft.location[0], draft.location[1], GEO_SORT_PRECISION);
  return {
    gsi1pk: indexKeys.tasksOfGrid(draft.gridId), gsi1sk: sort,
    gsi2pk: indexKeys.unvisitedCell(campaignId, hash.slice(0, GEO_PARTITION_PRECISION)), gsi2sk: indexSortKeys.unvisited(hash, draft.targetId),
  };
}

export function taskItem(campaign: Pick<CampaignRecord, 'id' | 'kind'>, draft: TaskDraft, createdAt: string): Item {
  const id = taskIdOf(campaign.id, draft.targetId);
  return {
    ...keys.task(campaign.id, draft.targetId),
    type: 'task',
    ...taskIndexes(campaign.id, draft),
    id,
    campaignId: campaign.id,
    kind: campaign.kind,
    ...draft,
    status: 'open',
    holder: null,
    leaseExpiresAt: null,
    householdsVisited: 0,
    peopleSeen: 0,
    covered: false,
    hh: {},
    version: 1,
    createdAt,
  };
}

export const taskFromItem = (item: Item): TaskRecord => withoutKeys<TaskRecord>(item);

/** The task as it stands (a consistent read), or undefined when there is none by that id. */
export async function getTask(id: string, campaignId: string, targetId: string): Promise<TaskRecord | undefined> {
  return asTask(await getItem<Item>(keys.task(campaignId, targetId), { consistent: true }), id);
}

/** The task by its id alone (its campaign and target, so its key, parsed from it). */
export function getTaskById(id: string): Promise<TaskRecord | undefined> {
  const { campaignId, targetId } = parseTaskId(id);
  return getTask(id, campaignId, targetId);
}

/** The item read under a task's key, as that task: none unless it carries the id asked for. */
const asTask = (item: Item | undefined, id: string): TaskRecord | undefined => (item && item.id === id ? taskFromItem(item) : undefined);

/**
 * The task and its campaign as they stand, in one consistent BatchGetItem (they share a
 * partition): all a claim or an extend reads before its transaction.
 */
export async function getTaskAndCampaign(id: string): Promise<{ task: TaskRecord | undefined; campaign: CampaignRecord | undefined }> {
  const { campaignId, targetId } = parseTaskId(id);
  const taskKey = keys.task(campaignId, targetId);
  const campaignKey = keys.campaign(campaignId);
  const items = await batchGet<Item>([taskKey, campaignKey], { consistent: true });
  const campaign = items.find((item) => item.sk === campaignKey.sk);
  return { task: asTask(items.find((item) => item.sk === taskKey.sk), id), campaign: campaign && campaignFromItem(campaign) };
}

/** The same task read again, after a write lost a race or an index showed it. */
export const rereadTask = (t: Pick<TaskRecord, 'id' | 'campaignId' | 'targetId'>): Promise<TaskRecord | undefined> =>
  getTask(t.id, t.campaignId, t.targetId);

/** The households of the task's building; none for a task without a building layout. */
export const householdsOfTask = (t: Pick<TaskRecord, 'layout'>) => (t.layout ? householdsOf(t.layout) : []);

/**
 * Claimed tasks whose lease ended by `at`, from the sparse lease index: eventually consistent,
 * so each is read again before it is expired.
 */
export async function lapsedLeases(atIso: string): Promise<TaskRecord[]> {
  return (await queryAll<Item>({ index: 'byStreet', partition: indexKeys.leases(), between: ['0', `${atIso}#~`] })).map(taskFromItem);
}
