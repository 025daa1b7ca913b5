/**
 * Sends the outbox's visits to the API, oldest first, one at a time (a household's later visit
 * must not overtake its earlier one). A visit leaves the outbox only when the API has answered
 * it: the API's idempotency by visitId makes a resend after a lost answer safe — it is answered
 * again, not counted twice. What cannot be fixed by waiting — a 409 (the visitId was used with
 * another body, or the task is no longer the worker's) or another 4xx — is marked failed and
 * shown, never retried on its own; no network, a 5xx or a 429 is retried with jittered,
 * doubling backoff, and at once when the browser says it is back online or the app starts.
 * A 401 stops the pass: the visits wait for their user to sign in again.
 */
import { ApiError, ProblemError, UnauthorizedError } from '../api/errors.ts';
import type { OutboxEntry, OutboxFailure, OutboxStore } from './outbox.ts';
import { backoffDelay, type Backoff as SharedBackoff } from '#shared/retry.ts';
import type { VisitCreate } from '#shared/schemas/visit.ts';

export type SyncPhase = 'idle' | 'syncing' | 'waiting';

export interface SyncState {
  readonly phase: SyncPhase;
  /** The signed-in user's entries not yet answered, oldest first. */
  readonly pending: readonly OutboxEntry[];
  /** The signed-in user's entries the API refused. */
  readonly failed: readonly OutboxEntry[];
  /** When the next retry is due (epoch ms), while waiting. */
  readonly retryAt?: number;
}

/** The first retry waits up to `baseMs`, each next one up to twice the last, none over `capMs`. */
export type Backoff = Pick<SharedBackoff, 'baseMs' | 'capMs'>;

export interface OutboxSyncOptions {
  readonly store: OutboxStore;
  readonly username: string;
  readonly send: (entry: OutboxEntry) => Promise<unknown>;
  readonly backoff?: Backoff;
  /** For tests: 0 ≤ random() < 1 spreads the retries. */
  readonly random?: () => number;
  /** The window whose `online` event triggers a send; none in tests. */
  readonly events?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
}

export interface OutboxSync {
  getState(): SyncState;
  subscribe(listener: () => void): () => void;
  /** Told of each visit the API answered (to refresh what the page shows). */
  onSent(listener: (entry: OutboxEntry) => void): () => void;
  /** Queues a visit and starts sending; resolves once it is safely queued. */
  enqueue(taskId: string, body: VisitCreate): Promise<OutboxEntry>;
  /** Sends what is pending now (a retry waiting is brought forward). */
  flush(): Promise<void>;
  /** A failed visit back to pending (after the worker looked at it). */
  retry(visitId: string): Promise<void>;
  /** Drops a failed visit from the outbox. */
  discard(visitId: string): Promise<void>;
  start(): void;
  stop(): void;
}

const DEFAULT_BACKOFF: Backoff = { baseMs: 2_000, capMs: 60_000 };

/** Worth sending again later: no answer, the server's fault, or told to slow down. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

function failureOf(error: unknown): OutboxFailure {
  if (error instanceof ProblemError) {
    return { status: error.status, title: error.problem.title, ...(error.problem.detail ? { detail: error.problem.detail } : {}) };
  }
  if (error instanceof ApiError) return { status: error.status, title: error.message };
  return { status: 0, title: error instanceof Error ? error.message : String(error) };
}

/** The wait before an entry's retry number `attempt`, in whole milliseconds (shared/retry.ts's full jitter). */
export const retryDelay = (attempt: number, backoff: Backoff, random: () => number): number =>
  Math.round(backoffDelay(attempt, backoff, random));

export function createOutboxSync(options: OutboxSyncOptions): OutboxSync {
  const { store, username, send } = options;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;
  const listeners = new Set<() => void>();
  const sentListeners = new Set<(entry: OutboxEntry) => void>();
  let state: SyncState = { phase: 'idle', pending: [], failed: [] };
  let running: Promise<void> | undefined;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const set = (next: SyncState) => {
    state = next;
    for (const listener of listeners) listener();
  };

  async function refresh(phase: SyncPhase, retryAt?: number): Promise<void> {
    const mine = (await store.list()).filter((e) => e.username === username);
    set({
      phase,
      pending: mine.filter((e) => e.state === 'pending'),
      failed: mine.filter((e) => e.state === 'failed'),
      ...(retryAt !== undefined ? { retryAt } : {}),
    });
  }

  function clearTimer() {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }

  /** One pass over the pending entries, oldest first; stops at the first that must wait. */
  async function pass(): Promise<void> {
    clearTimer();
    await refresh('syncing');
    for (const entry of state.pending) {
      if (stopped) return;
      try {
        await send(entry);
      } catch (error) {
        if (error instanceof UnauthorizedError) {
          await refresh('idle');
          return;
        }
        const attempts = entry.attempts + 1;
        if (isRetryable(error)) {
          await store.update(entry.visitId, { attempts });
          const delay = retryDelay(attempts, backoff, random);
          if (!stopped) timer = setTimeout(() => void flush(), delay);
          await refresh('waiting', Date.now() + delay);
          return;
        }
        await store.update(entry.visitId, { attempts, state: 'failed', failure: failureOf(error) });
        await refresh('syncing');
        continue;
      }
      await store.remove(entry.visitId);
      for (const listener of sentListeners) listener(entry);
      await refresh('syncing');
    }
    await refresh('idle');
  }

  /** Passes never overlap: a flush during one asks for one more pass after it. */
  function flush(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await pass();
        } while (again && !stopped && state.phase !== 'waiting');
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  const onOnline = () => void flush();

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async enqueue(taskId, body) {
      const entry = await store.add({ taskId, username, body });
      await refresh(state.phase, state.retryAt);
      void flush();
      return entry;
    },
    onSent(listener) {
      sentListeners.add(listener);
      return () => sentListeners.delete(listener);
    },
    flush,
    async retry(visitId) {
      await store.update(visitId, { state: 'pending', attempts: 0, failure: undefined });
      await flush();
    },
    async discard(visitId) {
      await store.remove(visitId);
      await refresh(state.phase, state.retryAt);
    },
    start() {
      stopped = false;
      options.events?.addEventListener('online', onOnline);
      void flush();
    },
    stop() {
      stopped = true;
      clearTimer();
      options.events?.removeEventListener('online', onOnline);
    },
  };
}
