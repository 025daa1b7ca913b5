/**
 * Missed disinfection rounds (消杀漏做): compounds under closure that completed fewer rounds
 * than their day required, beside the unresolved exits. A day in China is chosen (default: the
 * API's, yesterday there — the last day judged); pages load on request.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useMissedRounds } from './data.ts';
import { LoadMore } from './LoadMore.tsx';

export interface MissedRoundsProps {
  readonly communityId: string | undefined;
  readonly communityNames: ReadonlyMap<string, string>;
}

export function MissedRounds({ communityId, communityNames }: MissedRoundsProps) {
  const { t } = useTranslation();
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
        <input id="missed-rounds-date" type="date" value={date ?? ''} onChange={(e) => setDate(e.target.value || undefined)} />
        {date === undefined && <span className="board-note">{t('board.rounds.yesterday')}</span>}
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
