/**
 * The page's outbox sync for the signed-in worker: one store per tab (IndexedDB), one sync per
 * user, started while the tasks view is open — which also sends what an earlier visit to the
 * app left behind.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ApiClient } from '../api/client.ts';
import { createOutbox, type OutboxEntry, type OutboxStore } from './outbox.ts';
import { createOutboxSync, type OutboxSync, type SyncState } from './outbox-sync.ts';

let store: OutboxStore | undefined;
const sharedStore = (): OutboxStore => (store ??= createOutbox());

export function useOutboxSync(api: ApiClient, username: string, onSent: (entry: OutboxEntry) => void): { sync: OutboxSync; state: SyncState } {
  const [sync] = useState(() =>
    createOutboxSync({
      store: sharedStore(),
      username,
      send: (entry) => api.call('recordVisit', { params: { id: entry.taskId }, body: entry.body }),
      events: window,
    }),
  );
  useEffect(() => sync.onSent(onSent), [sync, onSent]);
  useEffect(() => {
    sync.start();
    return () => sync.stop();
  }, [sync]);
  const state = useSyncExternalStore(sync.subscribe, sync.getState);
  return { sync, state };
}
