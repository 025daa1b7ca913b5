/**
 * Which task is open, kept in the URL (`/tasks?task=<id>`), so the phone's back button returns
 * from a building to the list and a reload reopens the building. Opening pushes a history
 * entry; going back pops it when the list was where the worker came from.
 */
import { useCallback, useSyncExternalStore } from 'react';

const PARAM = 'task';
const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const current = (): string | undefined => new URLSearchParams(window.location.search).get(PARAM) ?? undefined;

interface FromList {
  readonly openedFromList: true;
}
const cameFromList = (state: unknown): state is FromList => typeof state === 'object' && state !== null && 'openedFromList' in state;

export function useOpenTask(): { taskId: string | undefined; open(id: string): void; close(): void } {
  const taskId = useSyncExternalStore(subscribe, current);
  const open = useCallback((id: string) => {
    const state: FromList = { openedFromList: true };
    window.history.pushState(state, '', `${window.location.pathname}?${PARAM}=${encodeURIComponent(id)}`);
    notify();
  }, []);
  const close = useCallback(() => {
    if (cameFromList(window.history.state)) {
      window.history.back(); // popstate tells the listeners
      return;
    }
    window.history.replaceState(null, '', window.location.pathname);
    notify();
  }, []);
  return { taskId, open, close };
}
