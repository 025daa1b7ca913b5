/**
 * Idempotency-Key at the HTTP edge, for the routes the catalogue marks `idempotent` (the field
 * actions a phone's outbox resends): scoped to (caller, operation, key), with the request's
 * fingerprint (path parameters and body, shared/domain/idempotency.ts).
 *
 * - A key with a live answer: the same request gets that answer again (status and body as first
 *   sent, `Idempotent-Replayed: true`) and acts no second time; another request is a 422 naming
 *   `headers.idempotency-key`.
 * - A new key: the handler runs with a {@link Once} and writes the record in its action's own
 *   transaction (the store, functions/stores/idempotency-store.ts, says why that way). A refused
 *   action (4xx) stores nothing, so a resend decides anew.
 * - A refusal that came because a racing duplicate won (the task moved, the record's condition
 *   failed): the record is read again and, when it is there, its answer is the answer.
 * - No key: the route acts as it always did.
 */
import { requestFingerprint, type RequestParts } from '#shared/domain/idempotency.ts';
import { CordonError } from '../platform/errors.ts';
import type { TransactOp } from '../platform/table.ts';
import {
  answerRecord, IdempotencyKeyReusedError, storedAnswer, type IdempotencyScope, type StoredAnswer,
} from '../stores/idempotency-store.ts';

/** What a handler of an idempotent route is given when the request carries a key. */
export interface Once<T> {
  /** This request's record holding `answer`, the body it answers with: an op for the action's own transaction. */
  readonly record: (answer: T) => TransactOp;
}

export interface OnceRequest extends RequestParts {
  readonly operationId: string;
  /** The route's success status, stored with the body. */
  readonly status: number;
  readonly username: string | undefined;
  readonly key: string | undefined;
}

/** The stored answer, if it answers this very request; a 422 if the key was used for another (`cause`: the refusal it replaces). */
function sameRequest(stored: StoredAnswer, fingerprint: string, cause?: unknown): StoredAnswer {
  if (stored.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError({ cause });
  return stored;
}

/**
 * Runs the route once per key: `run` with a {@link Once} (or without, for a request with no key),
 * or `replay` with the answer stored under the key.
 */
export async function answerOnce<R>(
  request: OnceRequest,
  run: (once: Once<unknown> | undefined) => Promise<R>,
  replay: (stored: StoredAnswer) => R,
): Promise<R> {
  if (request.key === undefined || request.username === undefined) return run(undefined);
  const scope: IdempotencyScope = { username: request.username, operationId: request.operationId, key: request.key };
  const fingerprint = requestFingerprint(request);
  const earlier = await storedAnswer(scope);
  if (earlier) return replay(sameRequest(earlier, fingerprint));
  try {
    return await run({ record: (answer) => answerRecord(scope, { fingerprint, status: request.status, body: JSON.stringify(answer) }) });
  } catch (error) {
    if (!(error instanceof CordonError)) throw error;
    const meanwhile = await storedAnswer(scope);
    if (meanwhile) return replay(sameRequest(meanwhile, fingerprint, error));
    throw error;
  }
}
