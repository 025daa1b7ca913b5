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
import type { MessageKey } from '#shared/messages/message.ts';
import type { OutboxEntry } from './outbox.ts';

export interface OutboxKind {
  /** Sends the entry; the API's answer, or a failure as api.call throws it. */
  send(api: ApiClient, entry: OutboxEntry): Promise<unknown>;
  /** What the entry is, in the worker's words (the failed list, the queue). */
  describe(t: TFunction, entry: OutboxEntry): string;
  /** False for an action that wins back the right to act (a claim): it does not wait behind a failed one. */
  readonly waitsBehindFailure?: boolean;
  /** False for an action whose refusal concerns itself alone (a person's registration): it holds back nothing after it. */
  readonly holdsBackOnFailure?: boolean;
  /**
   * The API's codes for a refusal that says what the action asked for is so already (the worker's
   * other device claimed the task, an earlier send whose answer was lost clocked in): taken as
   * answered, so the entries queued behind it are sent.
   */
  readonly alreadyDone?: readonly MessageKey[];
}

/** The task actions sent with the entry's id as their Idempotency-Key. */
const TASK_OPERATIONS = { claim: 'claimTask', extend: 'extendTask', release: 'releaseTask' } as const;
export type TaskActionKind = keyof typeof TASK_OPERATIONS | 'complete';

/** The gate's clock-in and clock-out at an exit (the entry's subject), with its Idempotency-Key. */
const clockAction = (kind: 'in' | 'out'): OutboxKind => ({
  send: (api, entry) => {
    const body = entry.body as { position: [number, number] };
    return api.call('createClockIn', { params: { id: entry.subject }, body: { kind, position: body.position } }, { idempotencyKey: entry.id });
  },
  describe: (t) => t(`gate.outbox.clock-${kind}`),
  // The shift has its clock-in: what the duty staff wanted.
  ...(kind === 'in' ? { alreadyDone: ['duty.clocked-in-already'] } : {}),
});

const taskAction = (kind: keyof typeof TASK_OPERATIONS): OutboxKind => ({
  send: (api, entry) => api.call(TASK_OPERATIONS[kind], { params: { id: entry.subject } }, { idempotencyKey: entry.id }),
  describe: (t) => t(`tasks.outbox.kind.${kind}`),
  // What the claim was for is so: the worker holds the task.
  ...(kind === 'claim' ? { waitsBehindFailure: false, alreadyDone: ['task.held-by-you'] } : {}),
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
    // Each person's registration stands alone: one refused does not hold back the next person's,
    // nor the worker's clock-out at the same exit.
    waitsBehindFailure: false,
    holdsBackOnFailure: false,
    describe: (t, entry) => {
      const body = entry.body as EntryCreate;
      return `${t('gate.outbox.entry')} · ${t(`gate.category.${body.category}`)}${body.passQr ? ` · ${t('gate.outbox.withPass')}` : ''}`;
    },
  },
};

/**
 * Sends an entry by its kind; an unknown kind (from a newer app version) is refused, not guessed.
 * A refusal the kind names as already done answers undefined.
 */
export async function sendByKind(api: ApiClient, entry: OutboxEntry): Promise<unknown> {
  const kind = OUTBOX_KINDS[entry.kind];
  if (!kind) throw new ApiError(entry.kind, 400, `unknown outbox kind ${entry.kind}`);
  try {
    return await kind.send(api, entry);
  } catch (error) {
    const code = error instanceof ProblemError ? error.problem.code : undefined;
    if (code !== undefined && kind.alreadyDone?.some((done) => done === code)) return undefined;
    throw error;
  }
}

export const waitsBehindFailure = (entry: OutboxEntry): boolean => OUTBOX_KINDS[entry.kind]?.waitsBehindFailure ?? true;
export const holdsBackOnFailure = (failed: OutboxEntry): boolean => OUTBOX_KINDS[failed.kind]?.holdsBackOnFailure ?? true;

export const describeEntry = (t: TFunction, entry: OutboxEntry): string => OUTBOX_KINDS[entry.kind]?.describe(t, entry) ?? entry.kind;
