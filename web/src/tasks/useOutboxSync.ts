/**
 * The page's outbox sync for the signed-in worker: one store per tab (IndexedDB), one sync per
 * user, started while the tasks view is open — which also sends what an earlier visit to the
 * app left behind. Each entry is sent as its kind says (outbox-kinds.ts).
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ApiClient } from '../api/client.ts';
import { createOutbox, type OutboxEntry } from './outbox.ts';
import { holdsBackOnFailure, sendByKind, waitsBehindFailure } from './outbox-kinds.ts';
import { createOutboxSync, type OutboxSync, type SyncState } from './outbox-sync.ts';

/** `onSent` hears of each entry the API answered or refused (what is shown is read again). */
export function useOutboxSync(api: ApiClient, username: string, onSent: (entry: OutboxEntry) => void): { sync: OutboxSync; state: SyncState } {
  const [sync] = useState(() =>
    createOutboxSync({
      store: createOutbox(),
      username,
      send: (entry) => sendByKind(api, entry),
      waitsBehindFailure,
      holdsBackOnFailure,
      events: window,
    }),
  );
  useEffect(() => sync.onSent(onSent), [sync, onSent]);
  // A refusal nobody watched means the server's state differs from what is shown: read it again too.
  useEffect(() => sync.onRefused(onSent), [sync, onSent]);
  useEffect(() => {
    sync.start();
    return () => sync.stop();
  }, [sync]);
  const state = useSyncExternalStore(sync.subscribe, sync.getState);
  return { sync, state };
}
