/**
 * The phone's outbox of household visits: every visit is queued here first (IndexedDB, so it
 * survives a dead network, a closed tab and a restart) under the client's visitId, and leaves
 * only once the API has answered it. Entries keep their queueing order, one entry per visitId
 * (queueing the same visit again is a no-op), and the user who recorded them — another user
 * signing in on the same phone must not send them with their token — and leave with their user
 * when that user signs out (forgetVisitsOnSignOut).
 *
 * The store is deliberately dumb; when and how entries are sent is outbox-sync.ts.
 */
import type { VisitCreate } from '#shared/schemas/visit.ts';
import type { SessionStore } from '../auth/session.ts';

export type OutboxState = 'pending' | 'failed';

/** Why the API refused an entry (a 409 for a reused visitId with another body, or another 4xx). */
export interface OutboxFailure {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
}

export interface OutboxEntry {
  readonly visitId: string;
  readonly taskId: string;
  readonly username: string;
  readonly body: VisitCreate;
  /** Queueing order: strictly increasing on this phone. */
  readonly seq: number;
  readonly queuedAt: string;
  readonly state: OutboxState;
  readonly attempts: number;
  readonly failure?: OutboxFailure;
}

export type OutboxDraft = Pick<OutboxEntry, 'taskId' | 'username' | 'body'>;
export type OutboxPatch = Partial<Pick<OutboxEntry, 'state' | 'attempts' | 'failure'>>;

export interface OutboxStore {
  /** Queues a visit; an entry with the same visitId already queued is kept and answered instead. */
  add(draft: OutboxDraft): Promise<OutboxEntry>;
  /** Every entry, oldest first. */
  list(): Promise<OutboxEntry[]>;
  update(visitId: string, patch: OutboxPatch): Promise<void>;
  remove(visitId: string): Promise<void>;
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
  visitId: draft.body.visitId,
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
      const existing = entries.get(draft.body.visitId);
      if (existing) return existing;
      const entry = newEntry(draft, next());
      entries.set(entry.visitId, entry);
      return entry;
    },
    list: async () => [...entries.values()].sort(bySeq),
    async update(visitId, patch) {
      const entry = entries.get(visitId);
      if (entry) entries.set(visitId, { ...entry, ...patch });
    },
    async remove(visitId) {
      entries.delete(visitId);
    },
  };
}

const DB_VERSION = 1;
const STORE = 'visits';
const SEQ_INDEX = 'seq';

/** One IndexedDB request as a promise. */
function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** A transaction's end: writes count only once it commits. */
function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

function openDatabase(name: string): Promise<IDBDatabase> {
  const request = indexedDB.open(name, DB_VERSION);
  request.onupgradeneeded = () => {
    const store = request.result.createObjectStore(STORE, { keyPath: 'visitId' });
    store.createIndex(SEQ_INDEX, 'seq', { unique: false });
  };
  return done(request);
}

export const OUTBOX_DATABASE = 'cordon-outbox';

/** The outbox in IndexedDB (raw API: three small operations need no library). */
export function createIndexedDbOutbox(name = OUTBOX_DATABASE): OutboxStore {
  let db: Promise<IDBDatabase> | undefined;
  const database = () => (db ??= openDatabase(name));
  const next = sequencer();

  async function write(work: (store: IDBObjectStore) => void): Promise<void> {
    const tx = (await database()).transaction(STORE, 'readwrite');
    work(tx.objectStore(STORE));
    await committed(tx);
  }

  return {
    async add(draft) {
      const tx = (await database()).transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      // Read and insert in one transaction, so two adds of one visit cannot both insert.
      const existing = (await done(store.get(draft.body.visitId))) as OutboxEntry | undefined;
      const entry = existing ?? newEntry(draft, next());
      if (!existing) store.add(entry);
      await committed(tx);
      return entry;
    },
    async list() {
      const tx = (await database()).transaction(STORE, 'readonly');
      return (await done(tx.objectStore(STORE).index(SEQ_INDEX).getAll())) as OutboxEntry[];
    },
    async update(visitId, patch) {
      const tx = (await database()).transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      const entry = (await done(store.get(visitId))) as OutboxEntry | undefined;
      if (entry) store.put({ ...entry, ...patch });
      await committed(tx);
    },
    remove: (visitId) => write((store) => store.delete(visitId)),
  };
}

/** IndexedDB where the browser has it, memory otherwise (the queue then lasts as long as the tab). */
export function createOutbox(): OutboxStore {
  return typeof indexedDB === 'undefined' ? createMemoryOutbox() : createIndexedDbOutbox();
}

/**
 * Drops a user's entries when they sign out: visits hold households' health, and a shared phone
 * keeps no one's after they leave. A session that only expired keeps them, to be sent once the
 * same user signs in again.
 */
export function forgetVisitsOnSignOut(sessions: SessionStore, store: () => OutboxStore = createOutbox): () => void {
  let username = sessions.getState().session?.user.username;
  return sessions.subscribe(() => {
    const { session, ended } = sessions.getState();
    const leaving = username;
    username = session?.user.username;
    if (session || ended !== 'signed-out' || leaving === undefined) return;
    const outbox = store();
    void outbox.list().then(async (entries) => {
      for (const entry of entries) if (entry.username === leaving) await outbox.remove(entry.visitId);
    });
  });
}
