/**
 * What the worker sees is what the API last said with the phone's own unsent actions laid over
 * it: a claim made offline puts the task under 我的任务 as "待确认" until the server confirms it
 * (and lets the worker record visits behind it), a release puts it back among the open ones, a
 * completion shows it done. Refused (failed) entries are not laid over: the API's word stands.
 */
import type { TaskSummary } from '#shared/schemas/task.ts';
import type { OutboxEntry } from './outbox.ts';
import type { SyncState } from './outbox-sync.ts';

/** The task action still waiting for the server's word, if any. */
export type Unconfirmed = 'claim' | 'extend' | 'release' | 'complete';

export interface Overlaid<T> {
  readonly task: T;
  readonly unconfirmed?: Unconfirmed;
}

const ACTIONS = new Set<string>(['claim', 'extend', 'release', 'complete']);

/** The task with the user's pending actions on it applied, oldest first. */
export function overlay<T extends TaskSummary>(task: T, entries: readonly OutboxEntry[], username: string): Overlaid<T> {
  let shown: T = task;
  let unconfirmed: Unconfirmed | undefined;
  for (const entry of entries) {
    if (entry.subject !== task.id || entry.state !== 'pending' || entry.username !== username || !ACTIONS.has(entry.kind)) continue;
    const kind = entry.kind as Unconfirmed;
    if (kind === 'claim') shown = { ...shown, status: 'claimed', holder: username, leaseSecondsLeft: null, leaseExpiresAt: null };
    else if (kind === 'release') shown = { ...shown, status: 'open', holder: null, leaseSecondsLeft: null, leaseExpiresAt: null };
    else if (kind === 'complete') shown = { ...shown, status: 'done' };
    // An unconfirmed claim stays the thing to confirm until a later action replaces it.
    unconfirmed = kind === 'extend' && unconfirmed === 'claim' ? 'claim' : kind;
  }
  return unconfirmed ? { task: shown, unconfirmed } : { task: shown };
}

/** Each task of a list overlaid. */
export const overlayAll = <T extends TaskSummary>(tasks: readonly T[], entries: readonly OutboxEntry[], username: string): Overlaid<T>[] =>
  tasks.map((task) => overlay(task, entries, username));

/**
 * The entries to lay over a read: the pending and refused ones, and — until a read made after
 * their answers has settled — those the API just answered. An answered entry leaves the outbox
 * before the view has read the task again; without it the view would show the old state for a
 * moment (a claimed task back among the open ones, a visited household unvisited).
 */
export function entriesOver(state: SyncState, answered: readonly OutboxEntry[], readSettled: boolean): OutboxEntry[] {
  const refused = new Set(state.failed.map((e) => e.id));
  // An answered entry is handed over as it was sent: still pending, as far as the overlay goes.
  const recent = readSettled ? [] : answered.filter((e) => !refused.has(e.id) && e.state === 'pending');
  return [...recent, ...state.pending, ...state.failed];
}
