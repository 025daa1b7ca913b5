/**
 * What every task transaction is built of: the task's update conditional on the version read,
 * the holder's count of held tasks, the audit record, the holder check before an action, and
 * the answers to a lost race.
 */
import { addOp } from './campaign-store.ts';
import { auditItem } from './audit-store.ts';
import { transactOnce } from './idempotency-store.ts';
import { rereadTask, type TaskRecord } from './task-records.ts';
import { holderRefusal } from '#shared/domain/tasks.ts';
import { message } from '#shared/messages/message.ts';
import { retry, type Backoff } from '#shared/retry.ts';
import type { Caller } from '#shared/roles.ts';
import { keys } from '#shared/table.ts';
import { now } from '../platform/clock.ts';
import { ConflictError, NotFoundError } from '../platform/errors.ts';
import { transactionCancelled, type TransactOp } from '../platform/table.ts';

export type Actor = Pick<Caller, 'username' | 'role'>;

export const taskAudit = (t: TaskRecord, action: string, caller: Actor, at: string, changes: Record<string, { from: unknown; to: unknown }>) =>
  ({ put: auditItem({ entity: 'TASK', entityId: t.id, action, caller, at, changes }) });

/** The task's update, conditional on the version read; `set`/`remove` name plain attributes. */
export function taskUpdate(t: TaskRecord, set: Record<string, unknown>, remove: readonly string[] = [], extra: { condition?: string; values?: Record<string, unknown>; names?: Record<string, string>; expression?: string } = {}): TransactOp {
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

export const heldOp = (username: string, delta: 1 | -1, limit?: number): TransactOp =>
  addOp(keys.workerTasks(username), {
    add: { held: delta },
    init: { type: 'worker-tasks', username },
    ...(limit !== undefined ? { condition: { expression: 'attribute_not_exists(held) OR held < :limit', values: { ':limit': limit } } } : {}),
  });

export const changedMeanwhile = (t: TaskRecord, cause?: unknown) => new ConflictError(message('task.changed-meanwhile', { id: t.id }), { cause });

/**
 * Runs `work` on the task and, while its transaction loses a race (another write moved the
 * version), again on the task read anew, waiting as `race` says between tries; after the last
 * try, a conflict asking to read it again; not found when the task is gone meanwhile.
 */
export async function onLatestTask<T>(first: TaskRecord, race: Backoff, work: (t: TaskRecord, attempt: number) => Promise<T>): Promise<T> {
  let t = first;
  try {
    return await retry(async (attempt) => {
      if (attempt > 1) {
        const again = await rereadTask(t);
        if (!again) throw new NotFoundError(message('task.gone'));
        t = again;
      }
      return await work(t, attempt);
    }, { ...race, retryable: transactionCancelled });
  } catch (error) {
    throw transactionCancelled(error) ? changedMeanwhile(t, error) : error;
  }
}

/** The time of the action, when the caller holds the task with a live lease; a conflict otherwise. */
export function asHolder(t: TaskRecord, caller: Caller): string {
  const atIso = now().toISOString();
  const refusal = holderRefusal(t, caller.username, atIso);
  if (refusal) throw new ConflictError(refusal.said, { cause: refusal });
  return atIso;
}

/** The action's transaction, with the request's Idempotency-Key record when it has one (idempotency-store.ts). */
export async function transactOnTask(t: TaskRecord, ops: readonly TransactOp[], record?: TransactOp): Promise<void> {
  try {
    await transactOnce(ops, record);
  } catch (error) {
    if (transactionCancelled(error)) throw changedMeanwhile(t, error);
    throw error;
  }
}

/** What a task gives up when it is open again: its holder and its lease entry. */
export const OPEN_AGAIN = ['holder', 'leaseExpiresAt', 'gsi3pk', 'gsi3sk'] as const;
