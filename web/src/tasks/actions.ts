/**
 * A task action's failure, said kindly: a claim that lost the race ("taken"), the worker's task
 * limit, no network, or what the API's 409 says changed. Anything else is the app's usual error.
 */
import { NetworkError, ProblemError } from '../api/errors.ts';

export type ActionFeedback =
  | { readonly kind: 'taken' | 'limit' | 'offline' }
  | { readonly kind: 'conflict'; readonly detail: string }
  | { readonly kind: 'error'; readonly error: unknown };

export function feedbackOf(error: unknown, action: 'claim' | 'other'): ActionFeedback {
  if (error instanceof NetworkError) return { kind: 'offline' };
  if (error instanceof ProblemError && error.status === 409) {
    if (error.problem.type.endsWith('/task-limit')) return { kind: 'limit' };
    if (action === 'claim') return { kind: 'taken' };
    return { kind: 'conflict', detail: error.problem.detail ?? error.problem.title };
  }
  return { kind: 'error', error };
}
