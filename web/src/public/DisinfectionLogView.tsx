/**
 * The day's disinfection rounds (每日消毒情况公示): a date picker for earlier days, the day's
 * required against completed public-area rounds, and each round with its slot, what it covered,
 * the areas done, its time and status (said in words, never by colour alone).
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../api/client.ts';
import type { AsyncState } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { dayBefore } from '#shared/domain/disinfection.ts';
import { PUBLIC_LOG_DAYS, type PublicRound } from '#shared/schemas/public.ts';
import { chinaTime } from './format.ts';

type Log = ResponseOf<'getPublicDisinfectionLog'>;

export function DisinfectionLogView({ log, date, onDate }: { log: AsyncState<Log>; date: string | undefined; onDate: (date: string | undefined) => void }) {
  const { t } = useTranslation();
  const pickerId = useId();
  const today = log.latest?.today;
  const shown = log.data;
  return (
    <section className="resident-section" aria-labelledby="log-heading">
      <h2 id="log-heading">{t('public.log.heading')}</h2>
      <div className="log-date">
        <label htmlFor={pickerId}>{t('public.log.date')}</label>
        <input
          id={pickerId}
          type="date"
          value={date ?? today ?? ''}
          min={today ? dayBefore(today, PUBLIC_LOG_DAYS) : undefined}
          max={today}
          disabled={!today}
          onChange={(event) => onDate(event.target.value === '' || event.target.value === today ? undefined : event.target.value)}
        />
      </div>
      {log.loading && <p className="resident-loading" role="status">{t('public.loading')}</p>}
      {log.error !== undefined && <ErrorNotice title={t('public.loadFailed')} error={log.error} onRetry={log.reload} />}
      {shown && (
        <>
          <p className="log-summary" data-testid="log-summary">
            {t('public.log.summary', { date: shown.date, required: shown.requiredRounds, completed: shown.completedRounds })}
          </p>
          {shown.rounds.length === 0 ? (
            <p className="resident-subtle">{t('public.log.empty')}</p>
          ) : (
            <ol className="log-rounds">
              {shown.rounds.map((round, i) => (
                <RoundItem key={`${round.slot}-${round.target}-${round.buildingName ?? ''}-${i}`} round={round} />
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

const STATUS_MARK: Record<PublicRound['status'], string> = { done: '✓', partial: '◐', claimed: '…', open: '○', overdue: '!' };

function RoundItem({ round }: { round: PublicRound }) {
  const { t } = useTranslation();
  const what = round.target === 'public_areas'
    ? t('public.log.publicAreas')
    : round.buildingName ? t('public.log.building', { name: round.buildingName }) : t('public.log.buildingUnnamed');
  const areas = round.areas.length > 0 ? round.areas : round.planned;
  return (
    <li className="log-round" data-status={round.status} data-slot={round.slot}>
      <div className="log-round-head">
        <span className="log-round-slot">{t('public.log.slot', { slot: round.slot })}</span>
        <span className="log-round-status" data-status={round.status}>
          <span aria-hidden="true">{STATUS_MARK[round.status]} </span>
          {t(`public.roundStatus.${round.status}`)}
        </span>
      </div>
      <p className="log-round-what">{what}</p>
      <p className="log-round-areas">
        {round.areas.length > 0 ? t('public.log.areasDone') : t('public.log.areasPlanned')}
        {areas.map((area) => t(`public.areas.${area}`)).join(t('app.listSeparator'))}
      </p>
      <p className="log-round-time">
        {round.completedAt ? (
          <time dateTime={round.completedAt}>{t('public.log.completedAt', { time: chinaTime(round.completedAt) })}</time>
        ) : (
          <time dateTime={round.dueAt}>{t('public.log.dueAt', { time: chinaTime(round.dueAt) })}</time>
        )}
      </p>
    </li>
  );
}
