/**
 * Lockdown suggestions still waiting (open, or acknowledged — then saying by whom, by name): a confirmed case in a compound suggests its lockdown (封控), never
 * takes it. Roles that may seal get the one action (seal with level lockdown, then the
 * suggestion is closed saying so); officials see what waits on the community or the city.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '#shared/roles.ts';
import type { Alert } from '#shared/schemas/alert.ts';
import { ApiError } from '../api/errors.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useApi } from '../services.tsx';
import { maySeal } from './grouping.ts';
import { relativeTime } from './relative-time.ts';

export interface LockdownSuggestionsProps {
  readonly alerts: readonly Alert[];
  readonly role: Role;
  readonly now: number;
  onDone(): void;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export function LockdownSuggestions({ alerts, role, now, onDone }: LockdownSuggestionsProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [pending, setPending] = useState<string>();
  const [failure, setFailure] = useState<unknown>();

  const lockdown = async (alert: Alert) => {
    setPending(alert.id);
    setFailure(undefined);
    try {
      const reason = text(alert.action?.body.reason) ?? t('board.lockdown.reason');
      await api.call('sealCompound', { params: { id: alert.compoundId }, body: { level: 'lockdown', reason } });
      // Someone may have closed it meanwhile: the compound is sealed either way.
      await api.call('closeAlert', { params: { id: alert.id }, body: { note: t('board.lockdown.closeNote') } })
        .catch((error: unknown) => { if (!(error instanceof ApiError && error.status === 409)) throw error; });
      onDone();
    } catch (error) {
      setFailure(error);
    } finally {
      setPending(undefined);
    }
  };

  return (
    <section className="board-section lockdown-suggestions" aria-labelledby="lockdown-title" data-testid="lockdown-suggestions">
      <h2 id="lockdown-title">
        {t('board.lockdown.title')} <span className="board-count" data-count={alerts.length}>{alerts.length}</span>
      </h2>
      {failure !== undefined && <ErrorNotice title={t('board.actions.failed')} error={failure} />}
      {alerts.length === 0 ? (
        <p className="board-empty">{t('board.lockdown.none')}</p>
      ) : (
        <ul className="board-suggestions">
          {alerts.map((alert) => (
            <li key={alert.id} className="board-suggestion" data-alert-id={alert.id} data-compound-id={alert.compoundId}>
              <p>
                <strong>{text(alert.details.compoundName) ?? alert.compoundId}</strong>{' '}
                {t('board.lockdown.case', { count: Number(alert.details.count ?? 1), date: text(alert.details.date) ?? '' })}{' '}
                <time dateTime={alert.raisedAt}>{relativeTime(alert.raisedAt, now, i18n.language)}</time>
              </p>
              {alert.status === 'acknowledged' && (
                <p className="board-note" data-testid="lockdown-acknowledged">
                  {alert.acknowledgedByName
                    ? t('board.lockdown.acknowledgedBy', { name: alert.acknowledgedByName })
                    : t('board.lockdown.acknowledged')}
                </p>
              )}
              {maySeal(role) ? (
                <button type="button" className="button board-danger" disabled={pending !== undefined} onClick={() => void lockdown(alert)}>
                  {t('board.lockdown.action')}
                </button>
              ) : (
                <p className="board-note">{t('board.lockdown.notYours')}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
