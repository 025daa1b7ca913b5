/**
 * One part of the resident page loading (the cases, the day's log, the drop-off points, the
 * notice), without React: what web/src/hooks/useAsync.ts is to the React views. A new load cancels
 * the one before it, so a slow answer for an earlier day never overwrites a later one; `data` and
 * `error` belong to the latest load, `latest` is the last value of any, so the date picker keeps
 * its bounds while another day loads.
 */
import { isAbort } from '../api/errors.ts';

export interface LoadState<T> {
  /** Until the first load starts too: the page draws its placeholders from the first paint. */
  readonly loading: boolean;
  readonly data: T | undefined;
  readonly error: unknown;
  readonly latest: T | undefined;
}

export interface Load<T> {
  /** A new object on every change, so the page can tell what changed by identity. */
  readonly state: LoadState<T>;
  /** Loads with `load`, cancelling what was loading. */
  start(load: (signal: AbortSignal) => Promise<T>): void;
  /** Loads the last `load` again (the retry after an error). */
  reload(): void;
  /** Cancels what is loading, for good. */
  stop(): void;
}

/** A part that tells `onChange` after each change of its state. */
export function createLoad<T>(onChange: () => void): Load<T> {
  let state: LoadState<T> = { loading: true, data: undefined, error: undefined, latest: undefined };
  let controller: AbortController | undefined;
  let last: ((signal: AbortSignal) => Promise<T>) | undefined;
  const set = (next: LoadState<T>) => {
    state = next;
    onChange();
  };
  const start = (load: (signal: AbortSignal) => Promise<T>) => {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    last = load;
    set({ loading: true, data: undefined, error: undefined, latest: state.latest });
    load(mine.signal).then(
      (value) => {
        if (!mine.signal.aborted) set({ loading: false, data: value, error: undefined, latest: value });
      },
      (error: unknown) => {
        if (!mine.signal.aborted && !isAbort(error)) set({ loading: false, data: undefined, error, latest: state.latest });
      },
    );
  };
  return {
    get state() {
      return state;
    },
    start,
    reload: () => {
      if (last) start(last);
    },
    stop: () => controller?.abort(),
  };
}
