/**
 * The answers kept under Idempotency-Keys (`IDEMPOTENCY#<user>#<operation>#<key> / META`): what a
 * field action answered, with the fingerprint of the request that made it, for 24 hours (the
 * table's TTL attribute; DynamoDB deletes expired items only eventually, so an expired one is
 * treated as absent on read and may be written over).
 *
 * Exactly once: the record is written in the action's own transaction, conditional on no live
 * record under the key. A crash cannot leave an action without its record, and of two racing
 * duplicates only one transaction can land; the other fails on the record (and on the action's own
 * version condition) and its edge answers with the record the winner wrote.
 *
 * Why not Powertools' idempotency utility: it writes an in-progress record before the handler runs
 * and the result after it, in separate writes, not in the action's transaction. A crash between
 * the action and the result's write leaves the key "in progress" (every resend refused until it
 * expires) with the action done; and a key it holds says nothing about which request made it.
 */
import { IDEMPOTENCY_TTL_HOURS } from '#shared/schemas/constants.ts';
import { keys, TABLE } from '#shared/table.ts';
import { now } from '../platform/clock.ts';
import { CordonError, fieldError, type FailureOptions } from '../platform/errors.ts';
import { failedConditions, getItem, transactWithRetry, type Item, type TransactOp } from '../platform/table.ts';
import { message } from '#shared/messages/message.ts';

/** Whose key, for which route: the same key of another user or route is another key. */
export interface IdempotencyScope {
  readonly username: string;
  readonly operationId: string;
  readonly key: string;
}

/** What was answered under a key. */
export interface StoredAnswer {
  readonly fingerprint: string;
  readonly status: number;
  /** The answer's body exactly as it was sent (JSON text), so a replay is the same bytes. */
  readonly body: string;
}

const epochSeconds = (at: Date): number => Math.floor(at.getTime() / 1000);

/** The answer stored under the key, unless there is none or it has expired. */
export async function storedAnswer(scope: IdempotencyScope, at: Date = now()): Promise<StoredAnswer | undefined> {
  const item = await getItem<Item>(keys.idempotency(scope.username, scope.operationId, scope.key), { consistent: true });
  if (!item || Number(item[TABLE.ttlAttribute]) <= epochSeconds(at)) return undefined;
  return { fingerprint: String(item.fingerprint), status: Number(item.status), body: String(item.body) };
}

/** The put of a request's record, for the action's own transaction: lands only while no live record holds the key. */
export function answerRecord(scope: IdempotencyScope, answer: StoredAnswer, at: Date = now()): TransactOp {
  return {
    put: {
      ...keys.idempotency(scope.username, scope.operationId, scope.key),
      type: 'idempotency',
      username: scope.username,
      operationId: scope.operationId,
      fingerprint: answer.fingerprint,
      status: answer.status,
      body: answer.body,
      createdAt: at.toISOString(),
      [TABLE.ttlAttribute]: epochSeconds(at) + IDEMPOTENCY_TTL_HOURS * 3600,
    },
    condition: 'attribute_not_exists(pk) OR #expires <= :now',
    names: { '#expires': TABLE.ttlAttribute },
    values: { ':now': epochSeconds(at) },
  };
}

/** Builds a request's record from the action's outcome (the store knows the outcome, the edge the answer). */
export type Remember<T> = (outcome: T) => TransactOp;

/** The request under this key was answered meanwhile by a racing duplicate: the edge replays that answer. */
export class AnsweredMeanwhileError extends CordonError {
  constructor(options: FailureOptions = {}) {
    super('conflict', message('idempotency.answered-meanwhile'), options);
    this.name = 'AnsweredMeanwhileError';
  }
}

/** The key was used for another request (another body, another target): nothing is done. */
export class IdempotencyKeyReusedError extends CordonError {
  constructor(options: FailureOptions = {}) {
    super('idempotency-key-reused', message('idempotency.key-reused'), {
      ...options,
      errors: [fieldError('headers.idempotency-key', message('field.used-for-other-request'))],
    });
    this.name = 'IdempotencyKeyReusedError';
  }
}

/**
 * The action's transaction (retried on hot-item conflicts, like every transaction) with the
 * request's record as its last op when it carries a key. When that record's condition failed, a
 * duplicate won the race: {@link AnsweredMeanwhileError}, never retried, whatever else failed.
 */
export async function transactOnce(ops: readonly TransactOp[], record: TransactOp | undefined): Promise<void> {
  if (!record) return transactWithRetry(ops);
  try {
    await transactWithRetry([...ops, record]);
  } catch (error) {
    if (failedConditions(error)?.includes(ops.length)) throw new AnsweredMeanwhileError({ cause: error });
    throw error;
  }
}
