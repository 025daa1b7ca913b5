/**
 * The outbox's kinds: for each field action, how it is sent (which operation, with which client
 * id) and how it is named to the worker. This is the one place a new kind is added (the gate's
 * clock-ins and entries are here too); the store and the sync engine stay as they are.
 */
import type { TFunction } from 'i18next';
import type { ApiClient } from '../api/client.ts';
import { ApiError, ProblemError } from '../api/errors.ts';
import type { RoundCompletion } from '#shared/schemas/disinfection.ts';
import type { VisitCreate } from '#shared/schemas/visit.ts';
import type { EntryCreate } from '#shared/schemas/entry.ts';
import type { OutboxEntry } from './outbox.ts';

export interface OutboxKind {
  /** Sends the entry; the API's answer, or a failure as api.call throws it. */
  send(api: ApiClient, entry: OutboxEntry): Promise<unknown>;
  /** What the entry is, in the worker's words (the failed list, the queue). */
  describe(t: TFunction, entry: OutboxEntry): string;
  /** False for an action that wins back the right to act (a claim): it does not wait behind a failed one. */
  readonly waitsBehindFailure?: boolean;
}

/** The task actions sent with the entry's id as their Idempotency-Key. */
const TASK_OPERATIONS = { claim: 'claimTask', extend: 'extendTask', release: 'releaseTask' } as const;
export type TaskActionKind = keyof typeof TASK_OPERATIONS | 'complete';

/** The API's code for a claim refused because the caller holds the task already (another of their devices claimed it). */
const HELD_BY_YOU = 'task.held-by-you';

/** The API's code for a clock-in refused because this shift has one already (an earlier send whose answer was lost). */
const CLOCKED_IN_ALREADY = 'duty.clocked-in-already';

/**
 * The gate's clock-in and clock-out at an exit (the entry's subject), with its Idempotency-Key.
 * A clock-in the shift already has is what the duty staff wanted: it is taken as answered, so
 * the entries queued behind it are sent.
 */
const clockAction = (kind: 'in' | 'out'): OutboxKind => ({
  send: async (api, entry) => {
    const body = entry.body as { position: [number, number] };
    try {
      return await api.call('createClockIn', { params: { id: entry.subject }, body: { kind, position: body.position } }, { idempotencyKey: entry.id });
    } catch (error) {
      if (kind === 'in' && error instanceof ProblemError && error.problem.code === CLOCKED_IN_ALREADY) return undefined;
      throw error;
    }
  },
  describe: (t) => t(`gate.outbox.clock-${kind}`),
});

const taskAction = (kind: keyof typeof TASK_OPERATIONS): OutboxKind => ({
  send: async (api, entry) => {
    try {
      return await api.call(TASK_OPERATIONS[kind], { params: { id: entry.subject } }, { idempotencyKey: entry.id });
    } catch (error) {
      // What the claim was for is so: the worker holds the task.
      if (kind === 'claim' && error instanceof ProblemError && error.problem.code === HELD_BY_YOU) return undefined;
      throw error;
    }
  },
  describe: (t) => t(`tasks.outbox.kind.${kind}`),
  ...(kind === 'claim' ? { waitsBehindFailure: false } : {}),
});

export const OUTBOX_KINDS: Readonly<Record<string, OutboxKind>> = {
  claim: taskAction('claim'),
  extend: taskAction('extend'),
  release: taskAction('release'),
  // A sweep completes with no body; a disinfection round with the areas done.
  complete: {
    send: (api, entry) =>
      api.call('completeTask', { params: { id: entry.subject }, body: entry.body as RoundCompletion | undefined }, { idempotencyKey: entry.id }),
    describe: (t) => t('tasks.outbox.kind.complete'),
  },
  // The API is idempotent on the visit's own visitId (the entry's id).
  visit: {
    send: (api, entry) => api.call('recordVisit', { params: { id: entry.subject }, body: entry.body as VisitCreate }),
    describe: (t, entry) => {
      const body = entry.body as VisitCreate;
      return `${t('tasks.sync.household', { household: body.householdId })} ${t(`tasks.outcome.${body.outcome}`)}`;
    },
  },
  'clock-in': clockAction('in'),
  'clock-out': clockAction('out'),
  // An entry at the gate (the subject is its exit): the API is idempotent on its entryId (the entry's id).
  'gate-entry': {
    send: (api, entry) => api.call('createEntry', { params: { id: entry.subject }, body: entry.body as EntryCreate }),
    // Each person's registration stands alone: one refused does not hold back the next person's.
    waitsBehindFailure: false,
    describe: (t, entry) => {
      const body = entry.body as EntryCreate;
      return `${t('gate.outbox.entry')} · ${t(`gate.category.${body.category}`)}`;
    },
  },
};

/** Sends an entry by its kind; an unknown kind (from a newer app version) is refused, not guessed. */
export function sendByKind(api: ApiClient, entry: OutboxEntry): Promise<unknown> {
  const kind = OUTBOX_KINDS[entry.kind];
  if (!kind) return Promise.reject(new ApiError(entry.kind, 400, `unknown outbox kind ${entry.kind}`));
  return kind.send(api, entry);
}

export const waitsBehindFailure = (entry: OutboxEntry): boolean => OUTBOX_KINDS[entry.kind]?.waitsBehindFailure ?? true;

export const describeEntry = (t: TFunction, entry: OutboxEntry): string => OUTBOX_KINDS[entry.kind]?.describe(t, entry) ?? entry.kind;
