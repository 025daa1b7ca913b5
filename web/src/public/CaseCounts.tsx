/** Today's confirmed, suspected and asymptomatic counts in large type, then the recent days as a table. */
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../api/client.ts';
import { CASE_KINDS } from '#shared/schemas/case.ts';
import { shortDay } from './format.ts';

export function CaseCounts({ cases }: { cases: ResponseOf<'getPublicCases'> }) {
  const { t } = useTranslation();
  // Newest first: a resident looks for yesterday before last week.
  const days = [...cases.days].reverse();
  return (
    <section className="resident-section" aria-labelledby="cases-heading">
      <h2 id="cases-heading">{t('public.cases.heading')}</h2>
      <p className="resident-subtle">{t('public.cases.today', { day: cases.today })}</p>
      <dl className="case-today" data-testid="case-today">
        {CASE_KINDS.map((kind) => (
          <div key={kind} className="case-today-item" data-kind={kind}>
            <dt>{t(`public.cases.${kind}`)}</dt>
            <dd data-testid={`today-${kind}`}>{t('public.cases.people', { count: cases.todayCounts[kind] })}</dd>
          </div>
        ))}
      </dl>
      <table className="case-days">
        <caption>{t('public.cases.caption', { count: days.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('public.cases.date')}</th>
            {CASE_KINDS.map((kind) => (
              <th key={kind} scope="col">
                {t(`public.cases.${kind}Short`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.day} data-day={day.day}>
              <th scope="row">
                <time dateTime={day.day}>{day.day === cases.today ? t('public.cases.todayShort') : shortDay(day.day)}</time>
              </th>
              {CASE_KINDS.map((kind) => (
                <td key={kind} data-kind={kind}>{day[kind]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
