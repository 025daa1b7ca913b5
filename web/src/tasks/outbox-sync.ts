/**
 * Sends the outbox's entries to the API, oldest first, one at a time (a household's later visit
 * must not overtake its earlier one, a visit not overtake the claim before it). An entry leaves
 * the outbox only when the API has answered it: each carries a client id the API is idempotent
 * on (a visit's visitId, an Idempotency-Key for the others), so a resend after a lost answer is
 * answered again, not applied twice. What cannot be fixed by waiting — a 409 (taken, the lease
 * lapsed, not the holder, a visitId reused) or another 4xx — is marked failed and shown, never
 * retried on its own, and the later entries of the same subject (task) wait behind it
 * ("blocked") until the worker retries or discards it; no network, a 5xx or a 429 is retried
 * with jittered, doubling backoff, and at once when the browser says it is back online or the app
 * starts. A 401 stops the pass: the entries wait for their user to sign in again.
 *
 * The engine knows no kinds: how an entry is sent is the `send` it is given (outbox-kinds.ts),
 * so a new kind (the gate's clock-ins) needs no change here.
 */
import { ApiError, ProblemError, UnauthorizedError } from '../api/errors.ts';
import type { OutboxDraft, OutboxEntry, OutboxFailure, OutboxStore } from './outbox.ts';
import { backoffDelay, type Backoff as SharedBackoff } from '#shared/retry.ts';

export type SyncPhase = 'idle' | 'syncing' | 'waiting';

export interface SyncState {
  readonly phase: SyncPhase;
  /** The signed-in user's entries not yet answered, oldest first (blocked ones included). */
  readonly pending: readonly OutboxEntry[];
  /** Pending entries waiting behind a failed entry of their subject. */
  readonly blocked: readonly OutboxEntry[];
  /** The signed-in user's entries the API refused. */
  readonly failed: readonly OutboxEntry[];
  /** When the next retry is due (epoch ms), while waiting. */
  readonly retryAt?: number;
}

/** How an entry the page waits for came out: answered, refused, or left queued (offline, blocked, signed out). */
export type Settlement =
  | { readonly kind: 'sent'; readonly answer: unknown }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'queued' };

/** The first retry waits up to `baseMs`, each next one up to twice the last, none over `capMs`. */
export type Backoff = Pick<SharedBackoff, 'baseMs' | 'capMs'>;

export interface OutboxSyncOptions {
  readonly store: OutboxStore;
  readonly username: string;
  readonly send: (entry: OutboxEntry) => Promise<unknown>;
  /**
   * Whether an entry waits behind a failed entry of its subject (default: every entry). An
   * action that gives the worker back the right to act (a new claim) need not.
   */
  readonly waitsBehindFailure?: (entry: OutboxEntry) => boolean;
  /**
   * Whether a failed entry holds back the later entries of its subject (default: every entry). A
   * refused registration at the gate does not: the duty worker's clock-out must still go.
   */
  readonly holdsBackOnFailure?: (failed: OutboxEntry) => boolean;
  readonly backoff?: Backoff;
  /** For tests: 0 ≤ random() < 1 spreads the retries. */
  readonly random?: () => number;
  /** The window whose `online` event triggers a send; none in tests. */
  readonly events?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  /** Makes client ids; crypto.randomUUID by default. */
  readonly newId?: () => string;
}

export type EnqueueDraft = Omit<OutboxDraft, 'username' | 'id'> & { readonly id?: string };

export interface OutboxSync {
  getState(): SyncState;
  subscribe(listener: () => void): () => void;
  /** Told of each entry the API answered (to refresh what the page shows). */
  onSent(listener: (entry: OutboxEntry, answer: unknown) => void): () => void;
  /** Told of each entry the API refused that no one was waiting on (the server's state differs: read it again). */
  onRefused(listener: (entry: OutboxEntry) => void): () => void;
  /** Queues an entry and starts sending; resolves once it is safely queued. */
  enqueue(draft: EnqueueDraft): Promise<OutboxEntry>;
  /**
   * Queues an entry and resolves with how it came out: answered, refused, or left queued by the
   * pass that could not send it (no network, blocked, signed out) — for actions the worker waits on.
   */
  submit(draft: EnqueueDraft): Promise<{ readonly entry: OutboxEntry; readonly settlement: Settlement }>;
  /** Sends what is pending now (a retry waiting is brought forward). */
  flush(): Promise<void>;
  /** A failed entry back to pending (after the worker looked at it). */
  retry(id: string): Promise<void>;
  /** Drops a failed entry from the outbox — with the entries blocked behind it when asked. */
  discard(id: string, options?: { readonly withBlocked?: boolean }): Promise<void>;
  start(): void;
  stop(): void;
}

const DEFAULT_BACKOFF: Backoff = { baseMs: 2_000, capMs: 60_000 };

/** Worth sending again later: no answer, the server's fault, or told to slow down. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

export function failureOf(error: unknown): OutboxFailure {
  if (error instanceof ProblemError) {
    const { title, detail, type, errors, code } = error.problem;
    return { status: error.status, title, type, ...(code ? { code } : {}), ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) };
  }
  if (error instanceof ApiError) return { status: error.status, title: error.message };
  return { status: 0, title: error instanceof Error ? error.message : String(error) };
}

/**
 * An entry the API refused while its user watched (submit): said by the view, so it leaves the
 * outbox — unless later entries of its subject already wait behind it (the user decides on those).
 */
export async function dropWatchedRefusal(sync: OutboxSync, entry: OutboxEntry): Promise<void> {
  if (!sync.getState().blocked.some((e) => e.subject === entry.subject)) await sync.discard(entry.id);
}

/** The wait before an entry's retry number `attempt`, in whole milliseconds (shared/retry.ts's full jitter). */
export const retryDelay = (attempt: number, backoff: Backoff, random: () => number): number =>
  Math.round(backoffDelay(attempt, backoff, random));

/** Pending entries that wait behind an earlier failed entry of their subject (one that holds others back). */
export function blockedOf(
  entries: readonly OutboxEntry[],
  waits: (entry: OutboxEntry) => boolean = () => true,
  holdsBack: (failed: OutboxEntry) => boolean = () => true,
): OutboxEntry[] {
  const failedSince = new Map<string, number>();
  for (const e of entries) if (e.state === 'failed' && holdsBack(e) && !failedSince.has(e.subject)) failedSince.set(e.subject, e.seq);
  return entries.filter((e) => {
    const since = failedSince.get(e.subject);
    return e.state === 'pending' && since !== undefined && since < e.seq && waits(e);
  });
}

export function createOutboxSync(options: OutboxSyncOptions): OutboxSync {
  const { store, username, send } = options;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;
  const waits = options.waitsBehindFailure ?? (() => true);
  const holdsBack = options.holdsBackOnFailure ?? (() => true);
  const newId = options.newId ?? (() => crypto.randomUUID());
  const listeners = new Set<() => void>();
  const sentListeners = new Set<(entry: OutboxEntry, answer: unknown) => void>();
  const refusedListeners = new Set<(entry: OutboxEntry) => void>();
  const waiting = new Map<string, ((s: Settlement) => void)[]>();
  let state: SyncState = { phase: 'idle', pending: [], blocked: [], failed: [] };
  let running: Promise<void> | undefined;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const set = (next: SyncState) => {
    state = next;
    for (const listener of listeners) listener();
  };

  function settle(id: string, settlement: Settlement) {
    const resolvers = waiting.get(id);
    waiting.delete(id);
    for (const resolve of resolvers ?? []) resolve(settlement);
  }

  /** Whoever waits on an entry still queued hears so when a pass ends. */
  function settleQueued() {
    for (const id of [...waiting.keys()]) settle(id, { kind: 'queued' });
  }

  async function refresh(phase: SyncPhase, retryAt?: number): Promise<void> {
    const mine = (await store.list()).filter((e) => e.username === username);
    set({
      phase,
      pending: mine.filter((e) => e.state === 'pending'),
      blocked: blockedOf(mine, waits, holdsBack),
      failed: mine.filter((e) => e.state === 'failed'),
      ...(retryAt !== undefined ? { retryAt } : {}),
    });
  }

  function clearTimer() {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }

  /** The next entry to send: the oldest pending one not blocked. */
  const nextOf = (): OutboxEntry | undefined => {
    const blocked = new Set(state.blocked.map((e) => e.id));
    return state.pending.find((e) => !blocked.has(e.id));
  };

  /** One pass over the pending entries, oldest first; stops at the first that must wait. */
  async function pass(): Promise<void> {
    clearTimer();
    await refresh('syncing');
    const tried = new Set<string>();
    for (let entry = nextOf(); entry && !tried.has(entry.id); entry = nextOf()) {
      if (stopped) return;
      tried.add(entry.id);
      let answer: unknown;
      try {
        answer = await send(entry);
      } catch (error) {
        if (error instanceof UnauthorizedError) {
          await refresh('idle');
          return;
        }
        const attempts = entry.attempts + 1;
        if (isRetryable(error)) {
          await store.update(entry.id, { attempts });
          const delay = retryDelay(attempts, backoff, random);
          if (!stopped) timer = setTimeout(() => void flush(), delay);
          await refresh('waiting', Date.now() + delay);
          return;
        }
        await store.update(entry.id, { attempts, state: 'failed', failure: failureOf(error) });
        await refresh('syncing');
        if (waiting.has(entry.id)) settle(entry.id, { kind: 'failed', error });
        else for (const listener of refusedListeners) listener(entry);
        continue;
      }
      await store.remove(entry.id);
      for (const listener of sentListeners) listener(entry, answer);
      await refresh('syncing');
      settle(entry.id, { kind: 'sent', answer });
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
        // A flush asked for during a pass (the browser back online, a new entry) is news the pass
        // did not have: it gets its pass even when this one ended waiting for a retry, as it would
        // have had it a moment later, outside a pass.
        do {
          again = false;
          await pass();
        } while (again && !stopped);
      } finally {
        running = undefined;
        settleQueued();
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
    async enqueue(draft) {
      const entry = await store.add({ ...draft, id: draft.id ?? newId(), username });
      await refresh(state.phase, state.retryAt);
      void flush();
      return entry;
    },
    async submit(draft) {
      const entry = await store.add({ ...draft, id: draft.id ?? newId(), username });
      await refresh(state.phase, state.retryAt);
      // Listen, then send in the same turn: the answer cannot come before anyone hears it, and
      // the pass that hears it is one that will try the entry.
      const settlement = new Promise<Settlement>((resolve) => waiting.set(entry.id, [...(waiting.get(entry.id) ?? []), resolve]));
      if (stopped) settle(entry.id, { kind: 'queued' });
      else void flush();
      return { entry, settlement: await settlement };
    },
    onSent(listener) {
      sentListeners.add(listener);
      return () => sentListeners.delete(listener);
    },
    onRefused(listener) {
      refusedListeners.add(listener);
      return () => refusedListeners.delete(listener);
    },
    flush,
    async retry(id) {
      await store.update(id, { state: 'pending', attempts: 0, failure: undefined });
      await flush();
    },
    async discard(id, discardOptions) {
      const behind = discardOptions?.withBlocked ? (() => {
        const failed = state.failed.find((e) => e.id === id);
        return failed ? state.blocked.filter((e) => e.subject === failed.subject && e.seq > failed.seq) : [];
      })() : [];
      await store.remove(id);
      for (const e of behind) await store.remove(e.id);
      await refresh(state.phase, state.retryAt);
      // What waited behind it may go now.
      void flush();
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
      settleQueued();
    },
  };
}
