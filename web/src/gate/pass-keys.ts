/**
 * The exit's pass key and its compound's revocations, kept on the phone so passes can be checked
 * with no network (pass-verify.ts). Fetched while online — when the gate opens, when the browser
 * says it is back online, and every few minutes (not after each entry: a busy gate would fetch the
 * compound's revocations once a person) — and
 * saved with the field views' other reads (offline-reads.ts, per user, gone at sign-out), so
 * "last synced" is the time the API last answered.
 */
import { useEffect, useState } from 'react';
import type { ResponseOf } from '../api/client.ts';
import { useApi } from '../services.tsx';
import { createOfflineReads, type SavedRead } from '../tasks/offline-reads.ts';
import { useSavedRead, type Read } from '../tasks/useSavedRead.ts';

export type PassKey = ResponseOf<'getPassKey'>;

/** How often the key and revocations are fetched again while the gate is open. */
export const PASS_KEY_REFRESH_MS = 5 * 60_000;

/** The name the exit's pass key is kept under on the phone. */
export const passKeyRead = (exitId: string): string => `gate:pass-key:${exitId}`;

/** The kept copy, read straight from the phone (for a check the moment the network fails). */
export const keptPassKey = (username: string, exitId: string): Promise<SavedRead<PassKey> | undefined> =>
  createOfflineReads().get<PassKey>(username, passKeyRead(exitId)).catch(() => undefined);

/** The exit's pass key as last fetched (or kept), fetched again on each of the occasions above. */
export function usePassKey(exitId: string, username: string): Read<PassKey> | undefined {
  const api = useApi();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const again = () => setTick((n) => n + 1);
    const timer = setInterval(again, PASS_KEY_REFRESH_MS);
    window.addEventListener('online', again);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', again);
    };
  }, []);
  const read = useSavedRead(`${passKeyRead(exitId)}:${tick}`, username, passKeyRead(exitId), (signal) =>
    api.call('getPassKey', { params: { id: exitId } }, { signal }));
  return read.data ?? read.latest;
}
