/**
 * One change sent from a people form: busy while it is on its way, the failure kept to be shown
 * beside the form (ErrorNotice), and what the API answered handed back — the same few lines
 * every form of this view would otherwise repeat.
 */
import { useCallback, useState } from 'react';

export function useSend() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  /** Sends; resolves with the answer, or with undefined after a failure (then in `error`). */
  const send = useCallback(async <T,>(change: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await change();
    } catch (failure) {
      setError(failure);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  /** Forgets the failure (the form it belonged to was closed). */
  const clear = useCallback(() => setError(undefined), []);
  return { busy, error, send, clear };
}
