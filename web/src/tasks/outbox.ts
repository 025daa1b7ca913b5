/**
 * The phone's outbox of field actions: every claim, extend, release, visit and completion (and
 * the gate's clock-ins, clock-outs and entries) is queued here first (IndexedDB, so it survives a dead
 * network, a closed tab and a restart) under a client id, and leaves only once the API has
 * answered it. An entry's `kind` says how it is sent and shown (outbox-kinds.ts); the store and
 * the sync engine know nothing of kinds. Entries keep their queueing order, one entry per client
 * id (queueing it again is a no-op), the `subject` they act on (a task: its later entries wait
 * behind a failed one), and the user who recorded them — another user signing in on the same
 * phone must not send them with their token — and leave with their user when that user signs
 * out (forgetFieldDataOnSignOut).
 *
 * The store is deliberately dumb; when and how entries are sent is outbox-sync.ts.
 */
import type { SessionStore } from '../auth/session.ts';
import { ENTRIES, OUTBOX_DATABASE, SEQ_INDEX, committed, done, offlineDatabase } from './offline-db.ts';
import { createOfflineReads } from './offline-reads.ts';

export { OUTBOX_DATABASE };

export type OutboxState = 'pending' | 'failed';

/** Why the API refused an entry (a 409 conflict, or another 4xx). */
export interface OutboxFailure {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  /** The problem's type (`/problems/task-limit`, …), to say it in the worker's words. */
  readonly type?: string;
  /** The API's stable code for why (`task.taken`, `task.lease-lapsed`, …), when it gives one. */
  readonly code?: string;
  readonly errors?: readonly { readonly field: string; readonly message: string }[];
}

export interface OutboxEntry<B = unknown> {
  /** The client id: a visit's visitId, the Idempotency-Key of any other action. */
  readonly id: string;
  /** How it is sent and shown: `claim`, `extend`, `release`, `visit`, `complete`, … */
  readonly kind: string;
  /** What it acts on (a task id): later entries of a subject wait behind its failed one. */
  readonly subject: string;
  readonly username: string;
  readonly body: B;
  /** What the worker called it when it was queued (the task's name), to list it by. */
  readonly label?: string;
  /** Queueing order: strictly increasing on this phone. */
  readonly seq: number;
  readonly queuedAt: string;
  readonly state: OutboxState;
  readonly attempts: number;
  readonly failure?: OutboxFailure;
}

export type OutboxDraft = Pick<OutboxEntry, 'id' | 'kind' | 'subject' | 'username' | 'body' | 'label'>;
export type OutboxPatch = Partial<Pick<OutboxEntry, 'state' | 'attempts' | 'failure'>>;

export interface OutboxStore {
  /** Queues an entry; one with the same id already queued is kept and answered instead. */
  add(draft: OutboxDraft): Promise<OutboxEntry>;
  /** Every entry, oldest first. */
  list(): Promise<OutboxEntry[]>;
  update(id: string, patch: OutboxPatch): Promise<void>;
  remove(id: string): Promise<void>;
}

/** Orders entries across restarts (the clock) and within a millisecond (the counter). */
function sequencer(): () => number {
  let last = 0;
  return () => {
    last = Math.max(Date.now(), last + 1);
    return last;
  };
}

const newEntry = (draft: OutboxDraft, seq: number): OutboxEntry => ({
  ...draft,
  seq,
  queuedAt: new Date().toISOString(),
  state: 'pending',
  attempts: 0,
});

const bySeq = (a: OutboxEntry, b: OutboxEntry) => a.seq - b.seq;

/** The same contract in memory: for tests, and for a browser that refuses IndexedDB (private mode). */
export function createMemoryOutbox(): OutboxStore {
  const entries = new Map<string, OutboxEntry>();
  const next = sequencer();
  return {
    async add(draft) {
      const existing = entries.get(draft.id);
      if (existing) return existing;
      const entry = newEntry(draft, next());
      entries.set(entry.id, entry);
      return entry;
    },
    list: async () => [...entries.values()].sort(bySeq),
    async update(id, patch) {
      const entry = entries.get(id);
      if (entry) entries.set(id, { ...entry, ...patch });
    },
    async remove(id) {
      entries.delete(id);
    },
  };
}

/** The outbox in IndexedDB (raw API: four small operations need no library). */
export function createIndexedDbOutbox(name = OUTBOX_DATABASE): OutboxStore {
  const database = () => offlineDatabase(name);
  const next = sequencer();

  return {
    async add(draft) {
      const tx = (await database()).transaction(ENTRIES, 'readwrite');
      const store = tx.objectStore(ENTRIES);
      // Read and insert in one transaction, so two adds of one entry cannot both insert.
      const existing = (await done(store.get(draft.id))) as OutboxEntry | undefined;
      const entry = existing ?? newEntry(draft, next());
      if (!existing) store.add(entry);
      await committed(tx);
      return entry;
    },
    async list() {
      const tx = (await database()).transaction(ENTRIES, 'readonly');
      return (await done(tx.objectStore(ENTRIES).index(SEQ_INDEX).getAll())) as OutboxEntry[];
    },
    async update(id, patch) {
      const tx = (await database()).transaction(ENTRIES, 'readwrite');
      const store = tx.objectStore(ENTRIES);
      const entry = (await done(store.get(id))) as OutboxEntry | undefined;
      if (entry) store.put({ ...entry, ...patch });
      await committed(tx);
    },
    async remove(id) {
      const tx = (await database()).transaction(ENTRIES, 'readwrite');
      tx.objectStore(ENTRIES).delete(id);
      await committed(tx);
    },
  };
}

let shared: OutboxStore | undefined;

/** The page's outbox: IndexedDB where the browser has it, memory otherwise (the queue then lasts as long as the tab). */
export function createOutbox(): OutboxStore {
  return (shared ??= typeof indexedDB === 'undefined' ? createMemoryOutbox() : createIndexedDbOutbox());
}

/**
 * Drops a user's outbox entries and offline copies when they sign out: visits hold households'
 * health, and a shared phone keeps no one's after they leave. A session that only expired keeps
 * them, to be sent once the same user signs in again.
 */
export function forgetFieldDataOnSignOut(
  sessions: SessionStore,
  store: () => OutboxStore = createOutbox,
  reads = createOfflineReads,
): () => void {
  let username = sessions.getState().session?.user.username;
  return sessions.subscribe(() => {
    const { session, ended } = sessions.getState();
    const leaving = username;
    username = session?.user.username;
    if (session || ended !== 'signed-out' || leaving === undefined) return;
    const outbox = store();
    void outbox.list().then(async (entries) => {
      for (const entry of entries) if (entry.username === leaving) await outbox.remove(entry.id);
    });
    void reads().forget(leaving);
  });
}
