/**
 * Loads something for a key and cancels the load when the key changes or the component goes.
 * `data` and `error` belong to the current key; `latest` is the last value loaded for any key,
 * so a view can keep showing it while the next one loads (no flicker while panning).
 *
 * The app's language is part of every key: the API's texts (exit reasons, say) come in the
 * language the client sends (web/src/api/client.ts), so a switch loads everything shown again,
 * in one place rather than in every view.
 */
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isAbort } from '../api/errors.ts';

export interface AsyncState<T> {
  readonly loading: boolean;
  readonly data: T | undefined;
  readonly error: unknown;
  readonly latest: T | undefined;
  /** Loads the current key again (after an error, say). */
  reload(): void;
}

type Settled<T> = { readonly key: string; readonly ok: true; readonly value: T } | { readonly key: string; readonly ok: false; readonly error: unknown };

/** `key` names the inputs of `load`; null means "nothing to load yet". */
export function useAsync<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): AsyncState<T> {
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<Settled<T>>();
  const [latest, setLatest] = useState<T>();
  const run = useEffectEvent(load);
  const { i18n } = useTranslation();
  const fullKey = key === null ? null : `${attempt}:${i18n.language}:${key}`;

  useEffect(() => {
    if (fullKey === null) return;
    const controller = new AbortController();
    run(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setSettled({ key: fullKey, ok: true, value });
        setLatest(value);
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbort(error)) setSettled({ key: fullKey, ok: false, error });
      },
    );
    return () => controller.abort();
  }, [fullKey]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const current = settled?.key === fullKey ? settled : undefined;
  return {
    loading: fullKey !== null && current === undefined,
    data: current?.ok ? current.value : undefined,
    error: current && !current.ok ? current.error : undefined,
    latest,
    reload,
  };
}
