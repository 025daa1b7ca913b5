/**
 * Missed disinfection rounds (消杀漏做): compounds under closure that completed fewer rounds
 * than their day required, beside the unresolved exits. A day in China is chosen (default: the
 * API's, yesterday there — the last day judged); pages load on request. The chosen day is also
 * written out in the app's language beside the field: the browser's date field follows the
 * browser's locale (mm/dd/yyyy in an American one), not the app's.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaDay } from '#shared/domain/china-time.ts';
import { dayBefore } from '#shared/domain/disinfection.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useMissedRounds } from './data.ts';
import { LoadMore } from './LoadMore.tsx';

export interface MissedRoundsProps {
  readonly communityId: string | undefined;
  readonly communityNames: ReadonlyMap<string, string>;
}

export function MissedRounds({ communityId, communityNames }: MissedRoundsProps) {
  const { t, i18n } = useTranslation();
  const [date, setDate] = useState<string>();
  const rounds = useMissedRounds(communityId, date);
  const count = rounds.items.length;
  return (
    <section className="board-section missed-rounds" aria-labelledby="missed-rounds-title" data-testid="missed-rounds">
      <h2 id="missed-rounds-title">
        {t('board.rounds.title')}{' '}
        <span className="board-count" data-count={count}>{rounds.hasMore ? `${count}+` : count}</span>
      </h2>
      <div className="board-action-row">
        <label htmlFor="missed-rounds-date">{t('board.rounds.date')}</label>
        <input
          id="missed-rounds-date"
          type="date"
          lang={i18n.language}
          aria-describedby="missed-rounds-day"
          value={date ?? lastJudged()}
          onChange={(e) => setDate(e.target.value || undefined)}
        />
        <span id="missed-rounds-day" className="board-note" data-testid="missed-rounds-day">
          {dayText(date ?? lastJudged(), i18n.language)}
          {date === undefined && ` ${t('board.rounds.yesterday')}`}
        </span>
      </div>
      {rounds.error !== undefined && <ErrorNotice title={t('board.rounds.failed')} error={rounds.error} onRetry={rounds.reload} />}
      {rounds.loading && <p className="board-note">{t('app.loading')}</p>}
      {!rounds.loading && count === 0 && rounds.error === undefined && <p className="board-empty">{t('board.rounds.none')}</p>}
      <ol className="board-rounds">
        {rounds.items.map((round) => (
          <li key={`${round.compoundId}|${round.date}`} className="board-round" data-compound-id={round.compoundId}>
            <strong>{round.compoundName}</strong>{' '}
            {round.communityId && <span className="board-exit-community">{communityNames.get(round.communityId)}</span>}{' '}
            <span className="board-round-figures">
              {t('board.rounds.figures', { completed: round.completed, required: round.required, date: round.date })}
            </span>
          </li>
        ))}
      </ol>
      <LoadMore list={rounds} label={t('board.rounds.loadMore')} />
    </section>
  );
}

/** The day the API lists when none is asked for: yesterday in China, the last day judged. */
const lastJudged = () => dayBefore(chinaDay(new Date().toISOString()));

/** A China day (YYYY-MM-DD) as the app's language writes it: 2026年11月22日, November 22, 2026. */
function dayText(day: string, language: string): string {
  // The day is a calendar day, not an instant: formatted at UTC midnight in UTC, it cannot shift.
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}
