/**
 * What the worker last read from the API, kept on the phone for when the network fails: the
 * task list and each task opened (with its households), per user, in the offline database's
 * `reads` store (memory where IndexedDB is refused). Each copy carries when it was read, so the
 * view can say "离线：显示 HH:mm 加载的数据". A user's copies leave when they sign out.
 */
import { OUTBOX_DATABASE, READS, USER_INDEX, committed, done, offlineDatabase } from './offline-db.ts';

/** The name under which the worker's task list is kept (a task opened offline falls back on it). */
export const LIST_READ = 'tasks:list';

/** The name under which one task, with its households, is kept. */
export const taskRead = (taskId: string): string => `task:${taskId}`;

export interface SavedRead<T> {
  readonly value: T;
  /** When the API answered it (epoch ms). */
  readonly at: number;
}

export interface OfflineReads {
  get<T>(username: string, name: string): Promise<SavedRead<T> | undefined>;
  put<T>(username: string, name: string, value: T, at: number): Promise<void>;
  /** Drops every copy of the user's. */
  forget(username: string): Promise<void>;
}

interface Row {
  readonly key: string;
  readonly username: string;
  readonly value: unknown;
  readonly at: number;
}

const keyOf = (username: string, name: string) => `${username}\u0000${name}`;

export function createMemoryReads(): OfflineReads {
  const rows = new Map<string, Row>();
  return {
    async get<T>(username: string, name: string) {
      const row = rows.get(keyOf(username, name));
      return row ? { value: row.value as T, at: row.at } : undefined;
    },
    async put(username, name, value, at) {
      rows.set(keyOf(username, name), { key: keyOf(username, name), username, value, at });
    },
    async forget(username) {
      for (const [key, row] of rows) if (row.username === username) rows.delete(key);
    },
  };
}

export function createIndexedDbReads(name = OUTBOX_DATABASE): OfflineReads {
  const database = () => offlineDatabase(name);
  return {
    async get<T>(username: string, readName: string) {
      const tx = (await database()).transaction(READS, 'readonly');
      const row = (await done(tx.objectStore(READS).get(keyOf(username, readName)))) as Row | undefined;
      return row ? { value: row.value as T, at: row.at } : undefined;
    },
    async put(username, readName, value, at) {
      const tx = (await database()).transaction(READS, 'readwrite');
      tx.objectStore(READS).put({ key: keyOf(username, readName), username, value, at } satisfies Row);
      await committed(tx);
    },
    async forget(username) {
      const tx = (await database()).transaction(READS, 'readwrite');
      const store = tx.objectStore(READS);
      const keys = await done(store.index(USER_INDEX).getAllKeys(username));
      for (const key of keys) store.delete(key);
      await committed(tx);
    },
  };
}

let shared: OfflineReads | undefined;

export function createOfflineReads(): OfflineReads {
  return (shared ??= typeof indexedDB === 'undefined' ? createMemoryReads() : createIndexedDbReads());
}
