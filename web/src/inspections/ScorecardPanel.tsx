/**
 * A compound's six in place today (GET /v1/compounds/{id}/scorecard): each item in place or not,
 * with the evidence the API says in the app's language.
 */
import { useTranslation } from 'react-i18next';
import { useAsync } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useApi } from '../services.tsx';

export function ScorecardPanel({ compoundId, compoundName }: { compoundId: string; compoundName: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const card = useAsync(`scorecard|${compoundId}|${i18n.language}`, (signal) =>
    api.call('getCompoundScorecard', { params: { id: compoundId } }, { signal }));
  return (
    <section className="scorecard" aria-labelledby="scorecard-title" data-compound={compoundId}>
      <h2 id="scorecard-title">{t('inspections.scorecard.title', { compound: compoundName })}</h2>
      {card.error !== undefined && <ErrorNotice title={t('inspections.scorecard.failed')} error={card.error} onRetry={card.reload} />}
      {card.data && (
        <>
          <p className="list-note">{t('inspections.scorecard.summary', { inPlace: card.data.inPlace, of: card.data.items.length, date: card.data.date })}</p>
          <ul className="scorecard-items">
            {card.data.items.map((item) => (
              <li key={item.key} className={item.inPlace ? 'scorecard-item in-place' : 'scorecard-item not-in-place'} data-key={item.key} data-in-place={item.inPlace}>
                <strong>{t(`inspections.items.${item.key}`)}</strong>{' '}
                <span className="scorecard-verdict">{item.inPlace ? t('inspections.scorecard.inPlace') : t('inspections.scorecard.notInPlace')}</span>
                <p className="list-note">{item.evidence}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
