/**
 * The one retry-with-backoff of Cordon: full jitter on an exponential base (AWS's "Exponential
 * Backoff and Jitter"), so racing writers, senders and outboxes spread out instead of retrying in
 * step. Used by the table's transactions and batches, the SQS port, visit races in the task store
 * and the web app's outbox. The random source, the sleep and the delay itself are injectable for
 * tests.
 */

export interface Backoff {
  /** The first retry waits up to this long; each next one up to twice the last. */
  readonly baseMs: number;
  /** No wait is longer than this. */
  readonly capMs: number;
  /** Tries in all, the first included; after the last the failure is the caller's. */
  readonly attempts: number;
}

/** How long to wait before retry number `retry` (1 for the first retry). */
export function backoffDelay(retry: number, backoff: Pick<Backoff, 'baseMs' | 'capMs'>, random: () => number = Math.random): number {
  return random() * Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, retry - 1));
}

/** How the waits are taken; every field is for tests. */
export interface Pacing {
  readonly sleep?: (ms: number) => Promise<void>;
  /** 0 ≤ random() < 1 spreads the waits. */
  readonly random?: () => number;
  /** The wait before retry number `retry` (1 for the first), instead of the jittered one. */
  readonly delay?: ((retry: number) => number) | undefined;
}

export interface RetryOptions extends Backoff, Pacing {
  /** Whether a failure is worth another try; others are thrown at once. */
  readonly retryable: (error: unknown) => boolean;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const wait = (retry: number, options: Backoff & Pacing): Promise<void> =>
  (options.sleep ?? sleep)(options.delay ? options.delay(retry) : backoffDelay(retry, options, options.random));

/** Runs `work` until it succeeds, a failure is not retryable, or the attempts run out. */
export async function retry<T>(work: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      if (attempt >= options.attempts || !options.retryable(error)) throw error;
      await wait(attempt, options);
    }
  }
}

export interface DrainOptions extends Backoff, Pacing {
  /** What the pending things are, for the error (`items`, `keys`, `messages`). */
  readonly what: string;
  /** What the leftovers still are, for the error; `unprocessed` unless told. */
  readonly left?: string;
}

/**
 * Sends `pending` through `step` until nothing is left over (a batch's UnprocessedItems, an SQS
 * batch's failed entries), waiting between rounds; throws with what remains when the attempts
 * run out, so a caller never thinks the leftovers landed.
 */
export async function drain<T>(
  pending: readonly T[],
  step: (pending: readonly T[]) => Promise<readonly T[]>,
  options: DrainOptions,
): Promise<void> {
  let left = pending;
  for (let attempt = 1; left.length > 0; attempt++) {
    if (attempt > options.attempts) {
      throw new Error(`${left.length} ${options.what} still ${options.left ?? 'unprocessed'} after ${options.attempts} attempts`);
    }
    if (attempt > 1) await wait(attempt - 1, options);
    left = await step(left);
  }
}
