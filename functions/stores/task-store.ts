/**
 * Tasks in the table: the task item and its index entries, the API views, and every state
 * change — claim, extend, release, visit, complete, lease expiry — each one transaction with its
 * counters and audit record, conditional on the task version that was read.
 *
 * Index entries a task carries:
 * - byParent: `GRID#g#TASKS`, sorted status → campaign → compound → walking order: a grid
 *   worker's list is one query, in the order they walk.
 * - byGeo (sparse): `CAMPAIGN#c#UNVISITED#<geohash5>` until its building is covered, so the map
 *   of unvisited buildings reads only what it shows.
 * - byStreet (sparse): `LEASES`, by lease end, while claimed: the expiry job reads only lapsed leases.
 *
 * A cancelled campaign's open tasks leave the task lists, filtered at read time by the campaign's
 * status ({@link cancelledCampaigns}): the cancel itself stays one conditional write, however many
 * tasks the campaign has (100,000 for a city sweep), and the lists are right at once in every
 * function instance. The price is a BatchGet of the listed open tasks' campaigns per list page
 * (usually one or two campaigns); a campaign once seen cancelled is remembered, since the status
 * is final. Re-keying the tasks out of the grid index instead would need a queued clean-up that
 * rewrites every task, and lists would show them until it finished. Claimed and done tasks stay
 * listed: a holder must still see the task to give it back (release works after a cancel, so
 * their count of held tasks comes down); claims, visits, extend and complete answer 409.
 *
 * The per-worker limit is race-free because the worker's counter item (`WORKER#u / TASKS`) is
 * updated in the claim's own transaction with the condition `held < limit`: two claims racing
 * for a last slot cannot both pass it.
 */
import type { CampaignRecord } from './campaign-store.ts';
import { addOp, campaignAdds, coverOp, settleCampaign } from './campaign-store.ts';
import type { TaskDraft } from '#shared/domain/fan-out.ts';
import {
  claimRefusal, holderRefusal, householdsOf, leaseEnd, leaseLapsed, secondsLeft, taskIdOf,
} from '#shared/domain/tasks.ts';
import { applyVisit, checkVisit, coverageRatio, flagCounts, unaccounted, visitFingerprint, type HouseholdState } from '#shared/domain/visits.ts';
import { newAlert } from '#shared/domain/alerts.ts';
import { chinaDay } from '#shared/domain/china-time.ts';
import { judgeCompletion, roundStatus } from '#shared/domain/disinfection.ts';
import type { AreaCode, RoundCompletion, RoundOfTask } from '#shared/schemas/disinfection.ts';
import { encodeGeohash } from '#shared/geo/geohash.ts';
import type { Caller } from '#shared/roles.ts';
import type { CampaignKind } from '#shared/schemas/campaign.ts';
import type { Task, TaskStatus, TaskSummary } from '#shared/schemas/task.ts';
import type { Visit, VisitCreate } from '#shared/schemas/visit.ts';
import { GEO_PARTITION_PRECISION, GEO_SORT_PRECISION, indexKeys, indexSortKeys, keys } from '#shared/table.ts';
import { alertOps } from './alert-store.ts';
import { auditItem } from './audit-store.ts';
import { now } from '../platform/clock.ts';
import { ConflictError, CordonError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { withoutKeys } from '../platform/list-sources.ts';
import { sweepSettings } from '../platform/sweep-settings.ts';
import {
  batchGet, failedConditions, getItem, queryAll, transactionCancelled, transactWithRetry, type Item, type TransactOp,
} from '../platform/table.ts';

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

/** 409 listing what keeps a task from completing: one entry per household not accounted for. */
export class UnaccountedHouseholdsError extends CordonError {
  constructor(missing: readonly { householdId: string; reason: string }[]) {
    super(409, 'unaccounted-households', 'Households not accounted for',
      `${missing.length} households are not accounted for: visit them (no answer needs a revisit) before completing`,
      { errors: missing.map((m) => ({ field: `households.${m.householdId}`, message: m.reason })) });
    this.name = 'UnaccountedHouseholdsError';
  }
}

/** 409 when a claim would take the worker past their limit of held tasks. */
export class TaskLimitError extends CordonError {
  constructor(limit: number) {
    super(409, 'task-limit', 'Task limit reached', `you hold ${limit} tasks, the most one worker may hold; complete or release one first`);
    this.name = 'TaskLimitError';
  }
}

const gridSort = (t: Pick<TaskRecord, 'campaignId' | 'compoundId' | 'order' | 'targetId'>, status: TaskStatus) =>
  indexSortKeys.taskOfGrid(status, t.campaignId, t.compoundId, t.order, t.targetId);

/**
 * Where a task is listed: a sweep's in its grid and, until covered, in the unvisited cells; a
 * round's under its compound (its staff's list) and in the compound's day log (disinfection-log.ts).
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
export async function withoutCancelledWork<T extends Pick<TaskRecord, 'campaignId' | 'status'>>(tasks: readonly T[]): Promise<T[]> {
  const cancelled = await cancelledCampaigns(tasks.filter((t) => t.status === 'open').map((t) => t.campaignId));
  return tasks.filter((t) => t.status !== 'open' || !cancelled.has(t.campaignId));
}

export async function getTask(id: string, campaignId: string, targetId: string): Promise<TaskRecord | undefined> {
  const item = await getItem<Item>(keys.task(campaignId, targetId), { consistent: true });
  return item && item.id === id ? taskFromItem(item) : undefined;
}

export function taskSummary(t: TaskRecord, at: Date = now()): TaskSummary {
  return {
    id: t.id, campaignId: t.campaignId, kind: t.kind, targetId: t.targetId, buildingId: t.buildingId, buildingName: t.buildingName,
    compoundId: t.compoundId, compoundName: t.compoundName, communityId: t.communityId, streetId: t.streetId, gridId: t.gridId,
    order: t.order, location: [t.location[0], t.location[1]], status: t.status, holder: t.holder ?? null, leaseExpiresAt: t.leaseExpiresAt ?? null,
    leaseSecondsLeft: t.status === 'claimed' ? secondsLeft(t.leaseExpiresAt ?? null, at) : null,
    householdsTotal: t.householdsTotal, householdsVisited: t.householdsVisited, peopleSeen: t.peopleSeen,
    coverage: coverageRatio(t.householdsVisited, t.householdsTotal), covered: t.covered,
    ...(t.round ? roundSummary(t, at) : {}),
  };
}

/** A round task's own fields in a summary. */
function roundSummary(t: TaskRecord, at: Date) {
  const round = t.round as RoundOfTask;
  return {
    round: { day: round.day, slot: round.slot, target: round.target, dueAt: round.dueAt, planned: [...round.planned] },
    overdue: roundStatus({ status: t.status, dueAt: round.dueAt }, at.toISOString()) === 'overdue',
    ...(t.status === 'done' ? { areasDone: [...(t.areasDone ?? [])], partial: t.partial === true } : {}),
  };
}

const visitFromItem = (item: Item): Visit => {
  const { fingerprint: _f, ...visit } = withoutKeys<Visit & { fingerprint?: string }>(item);
  return visit;
};

/** The households of the task's building; none for a task without a building layout. */
const householdsOfTask = (t: Pick<TaskRecord, 'layout'>) => (t.layout ? householdsOf(t.layout) : []);

export async function taskView(t: TaskRecord): Promise<Task> {
  const visits = (await queryAll<Item>({ partition: keys.visit(t.id, '').pk, beginsWith: 'VISIT#', consistent: true }))
    .map(visitFromItem)
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.visitId.localeCompare(b.visitId));
  return {
    ...taskSummary(t),
    households: householdsOfTask(t).map((h) => ({ ...h, outcome: t.hh[h.id]?.o ?? null })),
    visits,
    ...(t.completedAt ? { completedAt: t.completedAt, completedBy: t.completedBy } : {}),
    ...(t.note ? { note: t.note } : {}),
    ...(t.reason ? { reason: t.reason } : {}),
  };
}

type Actor = Pick<Caller, 'username' | 'role'>;

/** Who a lapsed lease's return is audited to. */
const SYSTEM: Actor = { username: 'system', role: 'city' };

const taskAudit = (t: TaskRecord, action: string, caller: Actor, at: string, changes: Record<string, { from: unknown; to: unknown }>) =>
  ({ put: auditItem({ entity: 'TASK', entityId: t.id, action, caller, at, changes }) });

/** The task's update, conditional on the version read; `set`/`remove` name plain attributes. */
function taskUpdate(t: TaskRecord, set: Record<string, unknown>, remove: readonly string[] = [], extra: { condition?: string; values?: Record<string, unknown>; names?: Record<string, string>; expression?: string } = {}): TransactOp {
  const names: Record<string, string> = { ...extra.names };
  const values: Record<string, unknown> = { ':v': t.version, ':one': 1, ...extra.values };
  const sets = Object.entries(set).map(([name, value], i) => {
    names[`#t${i}`] = name;
    values[`:t${i}`] = value;
    return `#t${i} = :t${i}`;
  });
  if (extra.expression) sets.push(extra.expression);
  const removes = remove.map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  return {
    update: {
      Key: keys.task(t.campaignId, t.targetId),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''} ADD version :one`,
      ConditionExpression: `version = :v${extra.condition ? ` AND ${extra.condition}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

const heldOp = (username: string, delta: 1 | -1, limit?: number): TransactOp =>
  addOp(keys.workerTasks(username), {
    add: { held: delta },
    init: { type: 'worker-tasks', username },
    ...(limit !== undefined ? { condition: { expression: 'attribute_not_exists(held) OR held < :limit', values: { ':limit': limit } } } : {}),
  });

const changedMeanwhile = (t: TaskRecord) => new ConflictError(`task ${t.id} changed meanwhile; read it again`);

export async function claimTask(t: TaskRecord, caller: Caller): Promise<TaskRecord> {
  const at = now();
  const atIso = at.toISOString();
  const refusal = claimRefusal(t, caller.username, atIso);
  if (refusal) throw new ConflictError(refusal);
  const { leaseMinutes, taskLimit } = sweepSettings();
  const lease = leaseEnd(at, leaseMinutes);
  const previous = t.status === 'claimed' ? t.holder : null;
  const ops: TransactOp[] = [
    taskUpdate(t, {
      status: 'claimed', holder: caller.username, leaseExpiresAt: lease, claimedAt: atIso,
      gsi1sk: gridSort(t, 'claimed'), gsi3pk: indexKeys.leases(), gsi3sk: indexSortKeys.lease(lease, t.id),
    }),
  ];
  // Re-claiming one's own lapsed lease holds no more tasks than before.
  if (previous !== caller.username) ops.push(heldOp(caller.username, 1, taskLimit));
  if (previous && previous !== caller.username) {
    ops.push(heldOp(previous, -1));
    ops.push(taskAudit(t, 'expire', SYSTEM, atIso, { holder: { from: previous, to: null }, leaseExpiresAt: { from: t.leaseExpiresAt, to: null } }));
  }
  ops.push(taskAudit(t, 'claim', caller, atIso, { status: { from: t.status, to: 'claimed' }, holder: { from: previous, to: caller.username }, leaseExpiresAt: { from: t.leaseExpiresAt, to: lease } }));
  try {
    await transactWithRetry(ops);
  } catch (error) {
    const failed = failedConditions(error);
    if (failed?.includes(1) && previous !== caller.username && !failed.includes(0)) throw new TaskLimitError(taskLimit);
    if (transactionCancelled(error)) throw new ConflictError(`task ${t.id} was claimed by someone else meanwhile`, { cause: error });
    throw error;
  }
  return { ...t, status: 'claimed', holder: caller.username, leaseExpiresAt: lease, version: t.version + 1 };
}

function asHolder(t: TaskRecord, caller: Caller): string {
  const atIso = now().toISOString();
  const refusal = holderRefusal(t, caller.username, atIso);
  if (refusal) throw new ConflictError(refusal);
  return atIso;
}

async function transactOnTask(t: TaskRecord, ops: readonly TransactOp[]): Promise<void> {
  try {
    await transactWithRetry(ops);
  } catch (error) {
    if (transactionCancelled(error)) throw changedMeanwhile(t);
    throw error;
  }
}

export async function extendTask(t: TaskRecord, caller: Caller): Promise<TaskRecord> {
  const atIso = asHolder(t, caller);
  const lease = leaseEnd(now(), sweepSettings().leaseMinutes);
  await transactOnTask(t, [
    taskUpdate(t, { leaseExpiresAt: lease, gsi3sk: indexSortKeys.lease(lease, t.id) }),
    taskAudit(t, 'extend', caller, atIso, { leaseExpiresAt: { from: t.leaseExpiresAt, to: lease } }),
  ]);
  return { ...t, leaseExpiresAt: lease, version: t.version + 1 };
}

const OPEN_AGAIN = ['holder', 'leaseExpiresAt', 'gsi3pk', 'gsi3sk'] as const;

export async function releaseTask(t: TaskRecord, caller: Caller): Promise<TaskRecord> {
  const atIso = asHolder(t, caller);
  await transactOnTask(t, [
    taskUpdate(t, { status: 'open', gsi1sk: gridSort(t, 'open') }, OPEN_AGAIN),
    heldOp(caller.username, -1),
    taskAudit(t, 'release', caller, atIso, { status: { from: 'claimed', to: 'open' }, holder: { from: caller.username, to: null } }),
  ]);
  return { ...t, status: 'open', holder: null, leaseExpiresAt: null, version: t.version + 1 };
}

export async function completeTask(t: TaskRecord, caller: Caller): Promise<TaskRecord> {
  const atIso = asHolder(t, caller);
  const missing = unaccounted(householdsOfTask(t).map((h) => h.id), t.hh);
  if (missing.length > 0) throw new UnaccountedHouseholdsError(missing);
  await transactOnTask(t, [
    taskUpdate(t, { status: 'done', completedAt: atIso, completedBy: caller.username, gsi1sk: gridSort(t, 'done') }, OPEN_AGAIN),
    heldOp(caller.username, -1),
    addOp(keys.campaign(t.campaignId), { add: { tasksDone: 1 } }),
    taskAudit(t, 'complete', caller, atIso, { status: { from: 'claimed', to: 'done' } }),
  ]);
  await settleCampaign(t.campaignId);
  return { ...t, status: 'done', holder: null, leaseExpiresAt: null, completedAt: atIso, completedBy: caller.username, version: t.version + 1 };
}

/**
 * A public-area round completed after its day ended may find the day judged (00:10 China time):
 * the compound's missed entry then counts one more, or leaves the list once the required count is
 * reached. Conditioned on the count read, so a racing completion fails the transaction and retries.
 */
async function missedEntryOps(day: string, t: TaskRecord): Promise<TransactOp[]> {
  const key = keys.missedRound(day, t.streetId, t.communityId, t.compoundId);
  const entry = await getItem<Item>(key, { consistent: true });
  if (!entry) return [];
  const completed = Number(entry.completed ?? 0);
  if (completed + 1 >= Number(entry.required ?? 0)) return [{ delete: key, condition: 'completed = :c', values: { ':c': completed } }];
  return [{
    update: { Key: key, UpdateExpression: 'SET completed = :n', ConditionExpression: 'completed = :c', ExpressionAttributeValues: { ':c': completed, ':n': completed + 1 } },
  }];
}

/** Whether a done round task is this very completion again (a retry or a racing duplicate). */
const sameCompletion = (t: TaskRecord, caller: Actor, areas: readonly AreaCode[]) =>
  t.status === 'done' && t.completedBy === caller.username && (t.areasDone ?? []).join(',') === areas.join(',');

/**
 * Completes a disinfection task with the areas done (partial: a reason is required). Idempotent:
 * the same completion sent again — a retry, or a racing duplicate that lost the version
 * condition — answers the done task; another completion of a done task is 409. Public-area tasks
 * count towards the compound's rounds of the day (the missed-rounds job's input), in the same
 * transaction.
 */
export async function completeRound(first: TaskRecord, body: RoundCompletion, caller: Caller, reread: () => Promise<TaskRecord | undefined>): Promise<TaskRecord> {
  const round = first.round as RoundOfTask;
  const judged = judgeCompletion(round.planned, body);
  if ('field' in judged) throw new ValidationError([judged]);
  let t: TaskRecord | undefined = first;
  for (let attempt = 1; t; attempt++) {
    if (sameCompletion(t, caller, judged.areas)) return t;
    const atIso = asHolder(t, caller);
    const partial = judged.outcome === 'partial';
    const ops: TransactOp[] = [
      taskUpdate(t, {
        status: 'done', completedAt: atIso, completedBy: caller.username, areasDone: judged.areas, partial, gsi1sk: gridSort(t, 'done'),
        ...(body.note ? { note: body.note } : {}), ...(partial && body.reason ? { reason: body.reason } : {}),
      }, OPEN_AGAIN),
      heldOp(caller.username, -1),
      addOp(keys.campaign(t.campaignId), { add: { tasksDone: 1 } }),
      taskAudit(t, 'complete', caller, atIso, { status: { from: 'claimed', to: 'done' }, areas: { from: null, to: judged.areas } }),
    ];
    if (round.target === 'public_areas') {
      ops.push(addOp(keys.roundsDone(round.day, t.compoundId), {
        add: { completed: 1 },
        init: { type: 'rounds-done', day: round.day, compoundId: t.compoundId, compoundName: t.compoundName, communityId: t.communityId, streetId: t.streetId },
      }));
      if (round.day < chinaDay(atIso)) ops.push(...(await missedEntryOps(round.day, t)));
    }
    try {
      await transactWithRetry(ops);
      await settleCampaign(t.campaignId);
      return { ...t, status: 'done', holder: null, leaseExpiresAt: null, completedAt: atIso, completedBy: caller.username, areasDone: judged.areas, partial, version: t.version + 1 };
    } catch (error) {
      if (!transactionCancelled(error) || attempt >= 3) throw transactionCancelled(error) ? changedMeanwhile(t) : error;
      t = await reread();
    }
  }
  throw new NotFoundError('the task is gone');
}

/** 409 for a resent visit id whose body differs; the stored visit when it is the same. */
function sameVisit(existing: Item, body: VisitCreate): Visit {
  if (existing.fingerprint !== visitFingerprint(body)) {
    throw new ConflictError(`visit ${body.visitId} was recorded with different content; a new visit needs a new visitId`);
  }
  return visitFromItem(existing);
}

/** The visit already stored under this id: the same one answered again, or 409 when the body differs. */
export async function storedVisit(taskId: string, body: VisitCreate): Promise<Visit | undefined> {
  const existing = await getItem<Item>(keys.visit(taskId, body.visitId), { consistent: true });
  return existing ? sameVisit(existing, body) : undefined;
}

/**
 * Visits to one task are serialised by its version, so a phone sending its offline backlog at
 * once (a building's households in parallel) needs about one round per visit: retry with
 * jittered backoff so the racers spread out instead of all losing again together.
 */
const VISIT_ATTEMPTS = 16;
const visitBackoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(400, 10 * 2 ** attempt)));

/**
 * Records a visit once. A resent visit (same id, same body) answers the stored visit and changes
 * nothing: the caller looks it up first ({@link storedVisit}), before any check a replay must
 * pass even after the task moved on; here a visit stored meanwhile is caught. The visit, the task's household state and counters, the campaign's and places'
 * coverage, the audit record and, when symptoms were met, the alert land in one transaction.
 * A visit racing another on the same task (the version moved) is recomputed on the new state.
 */
export async function recordVisit(first: TaskRecord, body: VisitCreate, caller: Caller, reread: () => Promise<TaskRecord | undefined>): Promise<Visit> {
  let t: TaskRecord | undefined = first;
  for (let attempt = 1; t; attempt++) {
    // A racing request may have stored this visit since the caller looked.
    if (attempt > 1) {
      const replayed = await storedVisit(t.id, body);
      if (replayed) return replayed;
    }
    const atIso = asHolder(t, caller);
    const households = householdsOfTask(t);
    const problems = checkVisit(body, new Set(households.map((h) => h.id)));
    if (problems.length > 0) throw new ValidationError(problems);
    const ops = visitOps(t, body, caller, atIso);
    try {
      await transactWithRetry(ops.ops);
      return ops.visit;
    } catch (error) {
      if (!transactionCancelled(error)) throw error;
      const failed = failedConditions(error);
      if (failed?.includes(0)) {
        const stored = await storedVisit(t.id, body);
        if (stored) return stored;
      }
      if (failed?.includes(ops.alertIndex)) throw new ConflictError(`visit id ${body.visitId} is already in use; a new visit needs a new visitId`);
      if (attempt >= VISIT_ATTEMPTS) throw changedMeanwhile(t);
      await visitBackoff(attempt);
      t = await reread();
    }
  }
  throw new NotFoundError('the task is gone');
}

function visitOps(t: TaskRecord, body: VisitCreate, caller: Caller, atIso: string) {
  const visit: Visit = { ...body, taskId: t.id, recordedAt: atIso, recordedBy: caller.username };
  const before = t.hh[body.householdId];
  const effect = applyVisit(before, body);
  const coveredNow = !t.covered && t.householdsVisited + effect.householdsVisited >= t.householdsTotal;
  const counts = { householdsVisited: effect.householdsVisited, peopleSeen: effect.peopleSeen, buildingsVisited: coveredNow ? 1 : 0 };
  const place = { streetId: t.streetId, communityId: t.communityId };
  const campaignCounts = campaignAdds(counts, flagCounts(body));
  const ops: TransactOp[] = [
    { put: { ...keys.visit(t.id, body.visitId), type: 'visit', ...visit, fingerprint: visitFingerprint(body) }, condition: 'attribute_not_exists(pk)' },
    taskUpdate(
      t,
      coveredNow ? { covered: true } : {},
      coveredNow ? ['gsi2pk', 'gsi2sk'] : [],
      {
        condition: '#status = :claimed AND holder = :me',
        names: { '#status': 'status', '#hh': 'hh', '#household': body.householdId },
        values: { ':claimed': 'claimed', ':me': caller.username, ':state': effect.next, ':hv': effect.householdsVisited, ':ps': effect.peopleSeen },
        expression: '#hh.#household = :state, householdsVisited = householdsVisited + :hv, peopleSeen = peopleSeen + :ps',
      },
    ),
    taskAudit(t, 'visit', caller, atIso, {
      [`household.${body.householdId}`]: { from: before?.o ?? null, to: effect.next.o },
      visitId: { from: null, to: body.visitId },
    }),
  ];
  if (Object.values(campaignCounts).some((n) => n !== 0)) ops.push(addOp(keys.campaign(t.campaignId), { add: campaignCounts }));
  if (Object.values(counts).some((n) => n !== 0)) {
    ops.push(coverOp(t.campaignId, 'compound', t.compoundId, counts, place));
    ops.push(coverOp(t.campaignId, 'grid', t.gridId, counts, place));
    ops.push(coverOp(t.campaignId, 'community', t.communityId, counts, place));
  }
  let alertIndex = -1;
  if (body.symptoms.length > 0) {
    alertIndex = ops.length;
    ops.push(...alertOps(newAlert({
      kind: 'symptoms',
      source: { type: 'visit', id: body.visitId },
      compoundId: t.compoundId,
      communityId: t.communityId,
      streetId: t.streetId,
      ...(t.buildingId ? { buildingId: t.buildingId } : {}),
      raisedAt: atIso,
      raisedBy: caller.username,
      details: { symptoms: body.symptoms, householdId: body.householdId, taskId: t.id, campaignId: t.campaignId, peopleSeen: body.peopleSeen },
    }), caller));
  }
  return { ops, visit, alertIndex };
}

/** Claimed tasks whose lease ended by `at`, from the sparse lease index. */
export async function lapsedLeases(atIso: string): Promise<Item[]> {
  return queryAll<Item>({ index: 'byStreet', partition: indexKeys.leases(), between: ['0', `${atIso}#~`] });
}

/** Returns a lapsed task to open (the expiry schedule); false when it changed meanwhile. */
export async function expireLease(t: TaskRecord, atIso: string): Promise<boolean> {
  if (!leaseLapsed(t, atIso) || !t.holder) return false;
  try {
    await transactWithRetry([
      taskUpdate(t, { status: 'open', gsi1sk: gridSort(t, 'open') }, OPEN_AGAIN),
      heldOp(t.holder, -1),
      taskAudit(t, 'expire', SYSTEM, atIso, {
        status: { from: 'claimed', to: 'open' }, holder: { from: t.holder, to: null }, leaseExpiresAt: { from: t.leaseExpiresAt, to: null },
      }),
    ]);
    return true;
  } catch (error) {
    if (failedConditions(error)) return false;
    throw error;
  }
}
