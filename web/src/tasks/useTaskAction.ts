/**
 * Claim, extend, release and complete as the page runs them: each goes through the outbox (so it
 * is kept, and sent with its Idempotency-Key, when the network is gone), one at a time, each
 * ending in a line for the worker — done, kept to send later (待确认), or what went wrong, kindly
 * — and a refresh of what is shown.
 */
import { useCallback, useState } from 'react';
import type { RoundCompletion } from '#shared/schemas/disinfection.ts';
import { feedbackOf, type ActionFeedback } from './actions.ts';
import type { TaskActionKind } from './outbox-kinds.ts';
import { dropWatchedRefusal, type OutboxSync } from './outbox-sync.ts';

export type TaskAction = TaskActionKind;

export type Feedback =
  | { readonly kind: 'done'; readonly action: TaskAction }
  /** Kept in the outbox: the network is gone, or it waits behind a refused entry of the task. */
  | { readonly kind: 'queued'; readonly action: TaskAction }
  | ActionFeedback;

export interface ActionOutcome {
  /** Sent and answered, or kept to send later. */
  readonly ok: boolean;
  readonly queued: boolean;
  readonly error?: unknown;
}

export function useTaskAction(sync: OutboxSync, afterwards: (action: TaskAction, outcome: ActionOutcome) => void) {
  const [busy, setBusy] = useState<string>();
  const [feedback, setFeedback] = useState<Feedback>();
  /** Answers how the action came out (the caller may say more, e.g. 409 on complete). */
  const run = useCallback(
    async (action: TaskAction, taskId: string, label?: string, completion?: RoundCompletion): Promise<ActionOutcome> => {
      setBusy(taskId);
      setFeedback(undefined);
      let outcome: ActionOutcome;
      try {
        const { entry, settlement } = await sync.submit({ kind: action, subject: taskId, body: completion, ...(label ? { label } : {}) });
        if (settlement.kind === 'sent') {
          setFeedback({ kind: 'done', action });
          outcome = { ok: true, queued: false };
        } else if (settlement.kind === 'queued') {
          setFeedback({ kind: 'queued', action });
          outcome = { ok: true, queued: true };
        } else {
          // Refused while the worker watched: said here (the feedback line).
          await dropWatchedRefusal(sync, entry);
          setFeedback(feedbackOf(settlement.error, action === 'claim' ? 'claim' : 'other'));
          outcome = { ok: false, queued: false, error: settlement.error };
        }
      } catch (error) {
        // The outbox itself failed (storage refused): nothing was kept.
        setFeedback({ kind: 'error', error });
        outcome = { ok: false, queued: false, error };
      } finally {
        setBusy(undefined);
      }
      afterwards(action, outcome);
      return outcome;
    },
    [sync, afterwards],
  );
  const clear = useCallback(() => setFeedback(undefined), []);
  return { busy, feedback, run, clear, setFeedback };
}
