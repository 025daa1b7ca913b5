/**
 * A task's life: claim, extend, release, complete (a sweep's, a round's) and lease expiry, each
 * one transaction with its counters and audit record, conditional on the task version that was
 * read (visits are in task-visits.ts). A refusal by the task rules (taken, not yours, lapsed) is
 * a conflict with the rule's message. Each action takes the `remember` of a request with an
 * Idempotency-Key and writes its record in the action's own transaction (idempotency-store.ts).
 *
 * A claim stands on one read of the task (with its campaign, in the same request) and one
 * transaction whose conditions decide every race: the task's version, the worker's limit, the
 * request's key. Only a refused claim reads the task again, to say why. The first read cannot go:
 * a transaction answers with nothing, and the task's list sort key, the answer and the audit's
 * `from` values are built from the task.
 *
 * The per-worker limit is race-free because the worker's counter item (`WORKER#u / TASKS`) is
 * updated in the claim's own transaction with the condition `held < limit`: two claims racing
 * for a last slot cannot both pass it.
 */
import { addOp, settleCampaign } from './campaign-store.ts';
import { gridSort, householdsOfTask, rereadTask, type TaskRecord } from './task-records.ts';
import { TaskLimitError, UnaccountedHouseholdsError } from './task-errors.ts';
import { transactOnce, type Remember } from './idempotency-store.ts';
import { asHolder, heldOp, onLatestTask, OPEN_AGAIN, taskAudit, taskUpdate, transactOnTask, type Actor } from './task-writes.ts';
import { chinaDay } from '#shared/domain/china-time.ts';
import { judgeCompletion } from '#shared/domain/disinfection.ts';
import { claimRefusal, leaseEnd, leaseLapsed } from '#shared/domain/tasks.ts';
import { unaccounted } from '#shared/domain/visits.ts';
import { message } from '#shared/messages/message.ts';
import { SYSTEM_ACTOR, type Caller } from '#shared/roles.ts';
import type { AreaCode, RoundCompletion, RoundOfTask } from '#shared/schemas/disinfection.ts';
import { indexKeys, indexSortKeys, keys } from '#shared/table.ts';
import { now } from '../platform/clock.ts';
import { ConflictError, NotFoundError, ValidationError, fieldError } from '../platform/errors.ts';
import { sweepSettings } from '../platform/sweep-settings.ts';
import { failedConditions, getItem, transactionCancelled, transactWithRetry, type Item, type TransactOp } from '../platform/table.ts';

export async function claimTask(t: TaskRecord, caller: Caller, remember?: Remember<TaskRecord>): Promise<TaskRecord> {
  const at = now();
  const atIso = at.toISOString();
  const refusal = claimRefusal(t, caller.username, atIso);
  if (refusal) throw new ConflictError(refusal.said, { cause: refusal });
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
    ops.push(taskAudit(t, 'expire', SYSTEM_ACTOR, atIso, { holder: { from: previous, to: null }, leaseExpiresAt: { from: t.leaseExpiresAt, to: null } }));
  }
  ops.push(taskAudit(t, 'claim', caller, atIso, { status: { from: t.status, to: 'claimed' }, holder: { from: previous, to: caller.username }, leaseExpiresAt: { from: t.leaseExpiresAt, to: lease } }));
  const claimed: TaskRecord = { ...t, status: 'claimed', holder: caller.username, leaseExpiresAt: lease, version: t.version + 1 };
  try {
    await transactOnce(ops, remember?.(claimed));
  } catch (error) {
    const failed = failedConditions(error);
    if (failed?.includes(1) && previous !== caller.username && !failed.includes(0)) throw new TaskLimitError(taskLimit, { cause: error });
    if (transactionCancelled(error)) throw await lostClaim(t, caller, error);
    throw error;
  }
  return claimed;
}

/**
 * Why a claim's transaction was refused, from the task read again (the only read a lost race
 * costs): the refusal a claim arriving now would get — held by another until when, already yours,
 * done — or, when it is claimable again, that it was claimed meanwhile; gone when it is gone.
 */
async function lostClaim(t: TaskRecord, caller: Caller, cause: unknown): Promise<Error> {
  const again = await rereadTask(t);
  if (!again) return new NotFoundError(message('task.gone'), { cause });
  const refusal = claimRefusal(again, caller.username, now().toISOString());
  // The refusal's words are the answer's; the cause stays the cancelled transaction, for the logs.
  return new ConflictError(refusal ? refusal.said : message('task.claimed-meanwhile', { id: t.id }), { cause });
}

export async function extendTask(t: TaskRecord, caller: Caller, remember?: Remember<TaskRecord>): Promise<TaskRecord> {
  const atIso = asHolder(t, caller);
  const lease = leaseEnd(now(), sweepSettings().leaseMinutes);
  const extended: TaskRecord = { ...t, leaseExpiresAt: lease, version: t.version + 1 };
  await transactOnTask(t, [
    taskUpdate(t, { leaseExpiresAt: lease, gsi3sk: indexSortKeys.lease(lease, t.id) }),
    taskAudit(t, 'extend', caller, atIso, { leaseExpiresAt: { from: t.leaseExpiresAt, to: lease } }),
  ], remember?.(extended));
  return extended;
}

export async function releaseTask(t: TaskRecord, caller: Caller, remember?: Remember<TaskRecord>): Promise<TaskRecord> {
  const atIso = asHolder(t, caller);
  const released: TaskRecord = { ...t, status: 'open', holder: null, leaseExpiresAt: null, version: t.version + 1 };
  await transactOnTask(t, [
    taskUpdate(t, { status: 'open', gsi1sk: gridSort(t, 'open') }, OPEN_AGAIN),
    heldOp(caller.username, -1),
    taskAudit(t, 'release', caller, atIso, { status: { from: 'claimed', to: 'open' }, holder: { from: caller.username, to: null } }),
  ], remember?.(released));
  return released;
}

export async function completeTask(t: TaskRecord, caller: Caller, remember?: Remember<TaskRecord>): Promise<TaskRecord> {
  const atIso = asHolder(t, caller);
  const missing = unaccounted(householdsOfTask(t).map((h) => h.id), t.hh);
  if (missing.length > 0) throw new UnaccountedHouseholdsError(missing);
  const done: TaskRecord = { ...t, status: 'done', holder: null, leaseExpiresAt: null, completedAt: atIso, completedBy: caller.username, version: t.version + 1 };
  await transactOnTask(t, [
    taskUpdate(t, { status: 'done', completedAt: atIso, completedBy: caller.username, gsi1sk: gridSort(t, 'done') }, OPEN_AGAIN),
    heldOp(caller.username, -1),
    addOp(keys.campaign(t.campaignId), { add: { tasksDone: 1 } }),
    taskAudit(t, 'complete', caller, atIso, { status: { from: 'claimed', to: 'done' } }),
  ], remember?.(done));
  await settleCampaign(t.campaignId);
  return done;
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

/** A round task has one crew, so a lost race is rare: read again at once, three tries in all. */
const ROUND_RACE = { baseMs: 0, capMs: 0, attempts: 3 } as const;

/**
 * Completes a disinfection task with the areas done (partial: a reason is required). Idempotent:
 * the same completion sent again — a retry, or a racing duplicate that lost the version
 * condition — answers the done task; another completion of a done task is a conflict. Public-area tasks
 * count towards the compound's rounds of the day (the missed-rounds job's input), in the same
 * transaction.
 */
export async function completeRound(first: TaskRecord, body: RoundCompletion, caller: Caller, remember?: Remember<TaskRecord>): Promise<TaskRecord> {
  const round = first.round as RoundOfTask;
  const judged = judgeCompletion(round.planned, body);
  if ('code' in judged) throw new ValidationError([fieldError(judged.field, judged.said)], undefined, { cause: judged });
  return onLatestTask(first, ROUND_RACE, async (t) => {
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
    const done: TaskRecord = { ...t, status: 'done', holder: null, leaseExpiresAt: null, completedAt: atIso, completedBy: caller.username, areasDone: judged.areas, partial, version: t.version + 1 };
    // A duplicate under the same key that won meanwhile is not retried: the edge answers with its answer.
    await transactOnce(ops, remember?.(done));
    await settleCampaign(t.campaignId);
    return done;
  });
}

/**
 * Returns a task the lease index listed as lapsed to open (the expiry schedule), decided on the
 * task as it stands: the index is eventually consistent. False when it is gone, no longer lapsed,
 * or changed meanwhile.
 */
export async function expireLease(listed: TaskRecord, atIso: string): Promise<boolean> {
  const t = await rereadTask(listed);
  if (!t || !leaseLapsed(t, atIso) || !t.holder) return false;
  try {
    await transactWithRetry([
      taskUpdate(t, { status: 'open', gsi1sk: gridSort(t, 'open') }, OPEN_AGAIN),
      heldOp(t.holder, -1),
      taskAudit(t, 'expire', SYSTEM_ACTOR, atIso, {
        status: { from: 'claimed', to: 'open' }, holder: { from: t.holder, to: null }, leaseExpiresAt: { from: t.leaseExpiresAt, to: null },
      }),
    ]);
    return true;
  } catch (error) {
    if (failedConditions(error)) return false;
    throw error;
  }
}
