/**
 * A read for the field views (tasks, gate) that survives a dead network: each answer is saved on the phone
 * (offline-reads.ts, per user) and, when the API cannot be reached, the last saved answer — or
 * what a fallback can make from other saved reads — is shown instead, marked offline with the
 * time it was loaded. Other failures (401, 404, …) are shown as they are.
 */
import { NetworkError } from '../api/errors.ts';
import { useAsync, type AsyncState } from '../hooks/useAsync.ts';
import { createOfflineReads, type OfflineReads, type SavedRead } from './offline-reads.ts';

export interface Read<T> {
  readonly value: T;
  /** When the API answered it (epoch ms). */
  readonly at: number;
  /** Shown from the phone's copy, the network being gone. */
  readonly offline: boolean;
}

export async function readSaving<T>(
  reads: OfflineReads,
  username: string,
  name: string,
  load: () => Promise<T>,
  fallback: () => Promise<SavedRead<T> | undefined> = () => reads.get<T>(username, name),
): Promise<Read<T>> {
  try {
    const value = await load();
    const at = Date.now();
    // A phone that cannot store (quota, private mode) still shows the answer.
    await reads.put(username, name, value, at).catch(() => undefined);
    return { value, at, offline: false };
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    const saved = await fallback().catch(() => undefined);
    if (!saved) throw error;
    return { ...saved, offline: true };
  }
}

/** useAsync over readSaving, with the page's shared store of reads. */
export function useSavedRead<T>(
  key: string,
  username: string,
  name: string,
  load: (signal: AbortSignal) => Promise<T>,
  fallback?: (reads: OfflineReads) => Promise<SavedRead<T> | undefined>,
): AsyncState<Read<T>> {
  return useAsync(`${username}:${key}`, (signal) => {
    const reads = createOfflineReads();
    return readSaving(reads, username, name, () => load(signal), fallback ? () => fallback(reads) : undefined);
  });
}
