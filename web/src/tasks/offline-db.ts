/**
 * The phone's one IndexedDB database for field work (`cordon-outbox`): the outbox of actions
 * waiting to be sent (store `entries`) and what was last read from the API for offline use
 * (store `reads`). Version 1 held only visits (store `visits`, keyed by visitId); opening it at
 * version 2 moves each queued visit into `entries` as a `visit` entry, so nothing a worker
 * recorded before the update is lost.
 */

export const OUTBOX_DATABASE = 'cordon-outbox';
export const DB_VERSION = 2;
export const ENTRIES = 'entries';
export const READS = 'reads';
export const SEQ_INDEX = 'seq';
export const USER_INDEX = 'username';
const V1_VISITS = 'visits';

/** One IndexedDB request as a promise. */
export function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** A transaction's end: writes count only once it commits. */
export function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** A version-1 visit as it was stored. */
interface V1Visit {
  readonly visitId: string;
  readonly taskId: string;
  readonly username: string;
  readonly body: unknown;
  readonly seq: number;
  readonly queuedAt: string;
  readonly state: string;
  readonly attempts: number;
  readonly failure?: unknown;
}

/** Moves version 1's visits into the entries store, inside the upgrade's own transaction. */
function migrateVisits(db: IDBDatabase, tx: IDBTransaction): void {
  if (!db.objectStoreNames.contains(V1_VISITS)) return;
  const entries = tx.objectStore(ENTRIES);
  const read = tx.objectStore(V1_VISITS).getAll();
  read.onsuccess = () => {
    for (const old of read.result as V1Visit[]) {
      const { visitId, taskId, ...rest } = old;
      entries.put({ ...rest, id: visitId, kind: 'visit', subject: taskId });
    }
    db.deleteObjectStore(V1_VISITS);
  };
}

export function openOfflineDatabase(name: string): Promise<IDBDatabase> {
  const request = indexedDB.open(name, DB_VERSION);
  request.onupgradeneeded = () => {
    const db = request.result;
    const tx = request.transaction;
    if (!db.objectStoreNames.contains(ENTRIES)) {
      const store = db.createObjectStore(ENTRIES, { keyPath: 'id' });
      store.createIndex(SEQ_INDEX, 'seq', { unique: false });
    }
    if (!db.objectStoreNames.contains(READS)) {
      const store = db.createObjectStore(READS, { keyPath: 'key' });
      store.createIndex(USER_INDEX, 'username', { unique: false });
    }
    if (tx) migrateVisits(db, tx);
  };
  return done(request);
}

const opened = new Map<string, Promise<IDBDatabase>>();

/** One connection per database name and page (a second would block the next upgrade). */
export function offlineDatabase(name = OUTBOX_DATABASE): Promise<IDBDatabase> {
  let db = opened.get(name);
  if (!db) {
    db = openOfflineDatabase(name);
    opened.set(name, db);
    db.catch(() => opened.delete(name));
  }
  return db;
}
