/**
 * Claim, extend, release and complete as the page runs them: one at a time, each ending in a
 * line for the worker (done, or what went wrong, kindly) and a refresh of what is shown.
 */
import { useCallback, useState } from 'react';
import type { ApiClient } from '../api/client.ts';
import type { RoundCompletion } from '#shared/schemas/disinfection.ts';
import { feedbackOf, type ActionFeedback } from './actions.ts';

export type TaskAction = 'claim' | 'extend' | 'release' | 'complete';

const OPERATION = { claim: 'claimTask', extend: 'extendTask', release: 'releaseTask' } as const;

export type Feedback = { readonly kind: 'done'; readonly action: TaskAction } | ActionFeedback;

export function useTaskAction(api: ApiClient, afterwards: (action: TaskAction, ok: boolean) => void) {
  const [busy, setBusy] = useState<string>();
  const [feedback, setFeedback] = useState<Feedback>();
  /** Answers the error when the action failed (the caller may say more, e.g. 409 on complete). */
  const run = useCallback(
    async (action: TaskAction, taskId: string, completion?: RoundCompletion): Promise<unknown> => {
      setBusy(taskId);
      setFeedback(undefined);
      try {
        // A sweep completes with no body; a disinfection round with the areas done.
        if (action === 'complete') await api.call('completeTask', { params: { id: taskId }, body: completion });
        else await api.call(OPERATION[action], { params: { id: taskId } });
        setFeedback({ kind: 'done', action });
        afterwards(action, true);
        return undefined;
      } catch (error) {
        setFeedback(feedbackOf(error, action === 'claim' ? 'claim' : 'other'));
        afterwards(action, false);
        return error;
      } finally {
        setBusy(undefined);
      }
    },
    [api, afterwards],
  );
  const clear = useCallback(() => setFeedback(undefined), []);
  return { busy, feedback, run, clear, setFeedback };
}
