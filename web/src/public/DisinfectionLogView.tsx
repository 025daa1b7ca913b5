/**
 * The day's disinfection rounds (每日消毒情况公示) on the household's page: a date picker for
 * earlier days, the day's required against completed public-area rounds, and each round with its
 * slot, what it covered, the areas done, its time and status (said in words, never by colour
 * alone; the words are log-words.ts's, which the resident page says too). While loading it holds
 * the place of its final layout, so nothing below it jumps.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../api/client.ts';
import type { AsyncState } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import type { PublicRound } from '#shared/schemas/public.ts';
import { daySummary, emptyDay, pickedDay, pickerRange, PLACEHOLDER_ROUNDS, PLACEHOLDER_SLOT, roundWords } from './log-words.ts';

type Log = ResponseOf<'getPublicDisinfectionLog'>;

export function DisinfectionLogView({ log, date, onDate }: { log: AsyncState<Log>; date: string | undefined; onDate: (date: string | undefined) => void }) {
  const { t } = useTranslation();
  const pickerId = useId();
  const today = log.latest?.today;
  const range = pickerRange(today);
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
          min={range?.min}
          max={range?.max}
          disabled={!range}
          onChange={(event) => onDate(pickedDay(event.target.value, today))}
        />
      </div>
      {log.error !== undefined && <ErrorNotice title={t('public.loadFailed')} error={log.error} onRetry={log.reload} />}
      {shown ? <DayLog log={shown} /> : log.error === undefined && <DayLogPlaceholder />}
    </section>
  );
}

function DayLog({ log }: { log: Log }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="log-summary" data-testid="log-summary">{daySummary(t, log)}</p>
      {log.rounds.length === 0 ? (
        <p className="resident-subtle" data-testid="log-empty">{emptyDay(t, log)}</p>
      ) : (
        <ol className="log-rounds">
          {log.rounds.map((round, i) => (
            <RoundItem key={`${round.slot}-${round.target}-${round.buildingName ?? ''}-${i}`} round={round} log={log} />
          ))}
        </ol>
      )}
    </>
  );
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
              <span className="skeleton-line">{t('public.log.slot', { slot: PLACEHOLDER_SLOT })}</span>
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

function RoundItem({ round, log }: { round: PublicRound; log: Log }) {
  const { t } = useTranslation();
  const words = roundWords(t, round, log);
  return (
    <li className="log-round" data-status={words.status} data-slot={round.slot}>
      <div className="log-round-head">
        <span className="log-round-slot">{words.slot}</span>
        <span className="log-round-status" data-status={words.status}>
          <span aria-hidden="true">{words.mark} </span>
          {words.statusText}
        </span>
      </div>
      <p className="log-round-what">{words.what}</p>
      <p className="log-round-areas">
        {words.areasLabel}
        {words.areas}
      </p>
      <p className="log-round-time">
        <time dateTime={words.time.dateTime}>{words.time.text}</time>
      </p>
    </li>
  );
}
