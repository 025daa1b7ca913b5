/**
 * The task store's own refusals that carry more than a sentence: what keeps a task from
 * completing, and the per-worker limit of held tasks. Plain conflicts (taken, not yours, changed
 * meanwhile) are ConflictErrors. Each has a code of its own, which the HTTP edge answers with
 * a problem type of its own (functions/edge/problems.ts).
 */
import { message } from '#shared/messages/message.ts';
import { CordonError, fieldError, type FailureOptions } from '../platform/errors.ts';

/** A task cannot be completed: one field error per household not accounted for, with why. */
export class UnaccountedHouseholdsError extends CordonError {
  constructor(missing: readonly { householdId: string; reason: 'not_visited' | 'no_answer' }[], options: FailureOptions = {}) {
    super('unaccounted-households', message('task.unaccounted', { count: missing.length }), {
      ...options,
      // The code (task.household.no_answer | not_visited) says why to a client; the message says it to a person.
      errors: missing.map((m) => fieldError(`households.${m.householdId}`, message(`task.household.${m.reason}`))),
    });
    this.name = 'UnaccountedHouseholdsError';
  }
}

/** A claim would take the worker past their limit of held tasks. */
export class TaskLimitError extends CordonError {
  readonly limit: number;

  constructor(limit: number, options: FailureOptions = {}) {
    super('task-limit', message('task.limit', { limit }), options);
    this.name = 'TaskLimitError';
    this.limit = limit;
  }
}
