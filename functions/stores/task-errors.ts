/**
 * The task store's own refusals that carry more than a sentence: what keeps a task from
 * completing, and the per-worker limit of held tasks. Plain conflicts (taken, not yours, changed
 * meanwhile) are ConflictErrors. Each has a code of its own, which the HTTP edge answers with
 * a problem type of its own (functions/edge/problems.ts).
 */
import { CordonError, type FailureOptions } from '../platform/errors.ts';

/** A task cannot be completed: one field error per household not accounted for, with why. */
export class UnaccountedHouseholdsError extends CordonError {
  constructor(missing: readonly { householdId: string; reason: string }[], options: FailureOptions = {}) {
    super('unaccounted-households',
      `${missing.length} households are not accounted for: visit them (no answer needs a revisit) before completing`,
      { ...options, errors: missing.map((m) => ({ field: `households.${m.householdId}`, message: m.reason })) });
    this.name = 'UnaccountedHouseholdsError';
  }
}

/** A claim would take the worker past their limit of held tasks. */
export class TaskLimitError extends CordonError {
  readonly limit: number;

  constructor(limit: number, options: FailureOptions = {}) {
    super('task-limit', `you hold ${limit} tasks, the most one worker may hold; complete or release one first`, options);
    this.name = 'TaskLimitError';
    this.limit = limit;
  }
}
