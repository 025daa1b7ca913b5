/**
 * The outbox's state in the view's header, in words (not colour alone): 已同步, N 条待同步 (and
 * whether it is sending or waiting for the network), 同步失败 N 条 — and the failed visits, each
 * with why the API refused it, to retry or discard.
 */
import { useTranslation } from 'react-i18next';
import type { SyncState } from './outbox-sync.ts';
import type { OutboxSync } from './outbox-sync.ts';

export type SyncLabel = 'synced' | 'pending' | 'failed';

const syncLabelOf = (state: SyncState): SyncLabel =>
  state.failed.length > 0 ? 'failed' : state.pending.length > 0 ? 'pending' : 'synced';

export function SyncStatus({ state }: { state: SyncState }) {
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

export function FailedVisits({ state, sync }: { state: SyncState; sync: OutboxSync }) {
  const { t } = useTranslation();
  if (state.failed.length === 0) return null;
  return (
    <section className="notice notice-error failed-visits" aria-labelledby="failed-visits-title">
      <h2 id="failed-visits-title">{t('tasks.sync.failedTitle')}</h2>
      <p>{t('tasks.sync.failedHelp')}</p>
      <ul>
        {state.failed.map((entry) => (
          <li key={entry.visitId} data-visit-id={entry.visitId}>
            <strong>{t('tasks.sync.household', { household: entry.body.householdId })}</strong>{' '}
            {t(`tasks.outcome.${entry.body.outcome}`)} — {entry.failure?.detail ?? entry.failure?.title}
            <span className="failed-actions">
              <button type="button" className="button" onClick={() => void sync.retry(entry.visitId)}>{t('tasks.sync.retry')}</button>
              <button type="button" className="button" onClick={() => void sync.discard(entry.visitId)}>{t('tasks.sync.discard')}</button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
