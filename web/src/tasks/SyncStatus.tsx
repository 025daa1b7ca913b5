/**
 * The outbox's state in the view's header, in words (not colour alone): 已同步, N 条待同步 (and
 * whether it is sending or waiting for the network), 同步失败 N 条 — and the refused entries of
 * every kind, each with why the API refused it, to retry or discard.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { OutboxEntry } from './outbox.ts';
import { describeEntry } from './outbox-kinds.ts';
import type { OutboxSync, SyncState } from './outbox-sync.ts';

export type SyncLabel = 'synced' | 'pending' | 'failed';

const syncLabelOf = (state: SyncState): SyncLabel =>
  state.failed.length > 0 ? 'failed' : state.pending.length > 0 ? 'pending' : 'synced';

/** A field view's header (the tasks view, the gate): its title and the outbox's state, then the refused entries. */
export function OutboxBar({ title, state, sync }: { title: string; state: SyncState; sync: OutboxSync }) {
  return (
    <>
      <div className="tasks-bar">
        <p className="tasks-bar-title">{title}</p>
        <SyncStatus state={state} />
      </div>
      <FailedEntries state={state} sync={sync} />
    </>
  );
}

function SyncStatus({ state }: { state: SyncState }) {
  const { t } = useTranslation();
  const label = syncLabelOf(state);
  const count = label === 'failed' ? state.failed.length : state.pending.length;
  return (
    <p className="sync-status" data-sync-state={label} data-phase={state.phase} role="status" aria-live="polite">
      <span className="visually-hidden">{t('tasks.sync.label')}</span>
      <span className="sync-mark" aria-hidden="true" />
      <span className="sync-text">{t(`tasks.sync.${label}`, { count })}</span>
      {label === 'pending' && state.phase !== 'idle' && (
        <span className="sync-phase">{state.phase === 'waiting' ? t('tasks.sync.waiting') : t('tasks.sync.syncing')}</span>
      )}
    </p>
  );
}

/** The API's codes for the conflicts a field worker meets, said in the view's own words. */
const CONFLICT_WORDS: Readonly<Record<string, string>> = {
  'task.taken': 'taken',
  'task.claimed-meanwhile': 'taken',
  'task.lease-lapsed': 'lapsed',
  'task.not-holder': 'notHolder',
  'task.limit': 'limit',
};

/** Why the API refused an entry, in the worker's words where the kind of refusal is known. */
function reasonOf(t: TFunction, entry: OutboxEntry): string {
  const failure = entry.failure;
  if (!failure) return '';
  if (failure.code !== undefined && failure.code in CONFLICT_WORDS) return t(`tasks.outbox.conflict.${CONFLICT_WORDS[failure.code]}`);
  if (failure.status === 409 && failure.type?.endsWith('/task-limit')) return t('tasks.feedback.limit');
  // An API that gives no code: a refused claim is one someone else won.
  if (failure.status === 409 && entry.kind === 'claim' && failure.code === undefined) return t('tasks.outbox.conflict.taken');
  // Anything else in the API's own words (in the app's language).
  return failure.detail ?? failure.title;
}

/**
 * The entries the API refused, each with why, what waits behind it (later entries of the same
 * task are not sent until the worker decides), and the worker's choice: retry, discard it, or
 * discard it with what waits behind it.
 */
function FailedEntries({ state, sync }: { state: SyncState; sync: OutboxSync }) {
  const { t } = useTranslation();
  if (state.failed.length === 0) return null;
  return (
    <section className="notice notice-error failed-visits" aria-labelledby="failed-visits-title">
      <h2 id="failed-visits-title">{t('tasks.sync.failedTitle')}</h2>
      <p>{t('tasks.sync.failedHelp')}</p>
      <ul>
        {state.failed.map((entry) => {
          const behind = state.blocked.filter((e) => e.subject === entry.subject && e.seq > entry.seq).length;
          return (
            <li key={entry.id} data-entry-id={entry.id} data-kind={entry.kind} data-visit-id={entry.kind === 'visit' ? entry.id : undefined}>
              <strong>{entry.label ? `${entry.label} · ` : ''}{describeEntry(t, entry)}</strong>{' '}
              — <span className="failed-reason">{reasonOf(t, entry)}</span>
              {behind > 0 && <span className="failed-blocked" data-blocked={behind}>{t('tasks.outbox.blocked', { count: behind })}</span>}
              <span className="failed-actions">
                <button type="button" className="button" onClick={() => void sync.retry(entry.id)}>{t('tasks.sync.retry')}</button>
                <button type="button" className="button" onClick={() => void sync.discard(entry.id)}>{t('tasks.sync.discard')}</button>
                {behind > 0 && (
                  <button type="button" className="button" onClick={() => void sync.discard(entry.id, { withBlocked: true })}>
                    {t('tasks.outbox.discardAll', { count: behind + 1 })}
                  </button>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
