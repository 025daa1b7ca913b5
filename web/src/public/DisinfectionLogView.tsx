/**
 * The day's disinfection rounds (每日消毒情况公示): a date picker for earlier days, the day's
 * required against completed public-area rounds, and each round with its slot, what it covered,
 * the areas done, its time and status (said in words, never by colour alone).
 *
 * What it says never contradicts itself: a day that requires rounds but lists none says whether
 * they have not started yet (today) or were not recorded (an earlier day), never "no rounds
 * planned"; an earlier day's unfinished round is "not done" and was due by 24:00, not 00:00.
 * While loading it holds the place of its final layout, so nothing below it jumps.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../api/client.ts';
import type { AsyncState } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
// China-time's, not the rounds' module (which brings every server message); the zod-free constants.
import { dayBefore } from '#shared/domain/china-time.ts';
import { PUBLIC_LOG_DAYS } from '#shared/schemas/constants.ts';
import type { PublicRound } from '#shared/schemas/public.ts';
import { chinaTime, dueTime } from './format.ts';

type Log = ResponseOf<'getPublicDisinfectionLog'>;

/** Rounds a day usually has (the default two public-area slots): the space held while loading. */
const PLACEHOLDER_ROUNDS = 2;

export function DisinfectionLogView({ log, date, onDate }: { log: AsyncState<Log>; date: string | undefined; onDate: (date: string | undefined) => void }) {
  const { t } = useTranslation();
  const pickerId = useId();
  const today = log.latest?.today;
  const shown = log.data;
  return (
    <section className="resident-section" aria-labelledby="log-heading" aria-busy={log.loading}>
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
      {log.error !== undefined && <ErrorNotice title={t('public.loadFailed')} error={log.error} onRetry={log.reload} />}
      {shown ? <DayLog log={shown} /> : log.error === undefined && <DayLogPlaceholder />}
    </section>
  );
}

function DayLog({ log }: { log: Log }) {
  const { t } = useTranslation();
  const past = log.date < log.today;
  return (
    <>
      <p className="log-summary" data-testid="log-summary">
        {log.requiredRounds > 0
          ? t('public.log.summary', { date: log.date, required: log.requiredRounds, completed: log.completedRounds })
          : t('public.log.summaryNone', { date: log.date, completed: log.completedRounds })}
      </p>
      {log.rounds.length === 0 ? (
        <p className="resident-subtle" data-testid="log-empty">{t(emptyKey(log, past))}</p>
      ) : (
        <ol className="log-rounds">
          {log.rounds.map((round, i) => (
            <RoundItem key={`${round.slot}-${round.target}-${round.buildingName ?? ''}-${i}`} round={round} day={log.date} past={past} />
          ))}
        </ol>
      )}
    </>
  );
}

/** Why a day lists no round: none required, not started yet (today), or none recorded (an earlier day). */
function emptyKey(log: Log, past: boolean): 'public.log.empty' | 'public.log.notStarted' | 'public.log.noRecord' {
  if (log.requiredRounds === 0) return 'public.log.empty';
  return past ? 'public.log.noRecord' : 'public.log.notStarted';
}

/** The summary line and rounds in their final shape, blank, while the day loads. */
function DayLogPlaceholder() {
  const { t } = useTranslation();
  return (
    <div className="log-placeholder" aria-hidden="true">
      <p className="log-summary skeleton-line">&nbsp;</p>
      <ol className="log-rounds">
        {Array.from({ length: PLACEHOLDER_ROUNDS }, (_, i) => (
          <li key={i} className="log-round">
            <div className="log-round-head">
              <span className="skeleton-line">{t('public.log.slot', { slot: '08:00' })}</span>
            </div>
            <p className="skeleton-line">&nbsp;</p>
            <p className="skeleton-line">&nbsp;</p>
            <p className="skeleton-line">&nbsp;</p>
          </li>
        ))}
      </ol>
    </div>
  );
}

const STATUS_MARK: Record<PublicRound['status'] | 'missed', string> = { done: '✓', partial: '◐', claimed: '…', open: '○', overdue: '!', missed: '✗' };

function RoundItem({ round, day, past }: { round: PublicRound; day: string; past: boolean }) {
  const { t } = useTranslation();
  const what = round.target === 'public_areas'
    ? t('public.log.publicAreas')
    : round.buildingName ? t('public.log.building', { name: round.buildingName }) : t('public.log.buildingUnnamed');
  const areas = round.areas.length > 0 ? round.areas : round.planned;
  // An earlier day's round still open is over: it was not done, which "overdue" understates.
  const status = past && (round.status === 'overdue' || round.status === 'open' || round.status === 'claimed') ? 'missed' : round.status;
  return (
    <li className="log-round" data-status={status} data-slot={round.slot}>
      <div className="log-round-head">
        <span className="log-round-slot">{t('public.log.slot', { slot: round.slot })}</span>
        <span className="log-round-status" data-status={status}>
          <span aria-hidden="true">{STATUS_MARK[status]} </span>
          {t(`public.roundStatus.${status}`)}
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
          <time dateTime={round.dueAt}>{t(past ? 'public.log.wasDueAt' : 'public.log.dueAt', { time: dueTime(round.dueAt, day) })}</time>
        )}
      </p>
    </li>
  );
}
