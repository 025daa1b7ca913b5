/**
 * Today's confirmed, suspected and asymptomatic counts in large type, then the recent days as a
 * table, on the household's page (the resident page draws the same markup without React,
 * web/src/resident/cases.ts). Before the counts arrive it draws the same boxes and rows, blank, so
 * the page below does not move when they come.
 */
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../api/client.ts';
// The zod-free lists: the schema modules would bring zod into the resident page.
import { CASE_KINDS, PUBLIC_CASE_DAYS } from '#shared/schemas/constants.ts';
import { shortDay } from './format.ts';

export function CaseCounts({ cases }: { cases: ResponseOf<'getPublicCases'> | undefined }) {
  const { t } = useTranslation();
  // Newest first: a resident looks for yesterday before last week.
  const days = cases ? [...cases.days].reverse() : undefined;
  return (
    <section className="resident-section" aria-labelledby="cases-heading" aria-busy={!cases}>
      <h2 id="cases-heading">{t('public.cases.heading')}</h2>
      <p className="resident-subtle">{t('public.cases.today', { day: cases?.today ?? '…' })}</p>
      <dl className="case-today" data-testid={cases ? 'case-today' : undefined}>
        {CASE_KINDS.map((kind) => (
          <div key={kind} className="case-today-item" data-kind={kind}>
            <dt>{t(`public.cases.${kind}`)}</dt>
            {cases ? (
              <dd data-testid={`today-${kind}`}>{t('public.cases.people', { count: cases.todayCounts[kind] })}</dd>
            ) : (
              <dd className="skeleton-line" aria-hidden="true">&nbsp;</dd>
            )}
          </div>
        ))}
      </dl>
      <table className="case-days">
        <caption>{t('public.cases.caption', { count: days?.length ?? PUBLIC_CASE_DAYS })}</caption>
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
          {days
            ? days.map((day) => (
                <tr key={day.day} data-day={day.day}>
                  <th scope="row">
                    <time dateTime={day.day}>{day.day === cases?.today ? t('public.cases.todayShort') : shortDay(day.day)}</time>
                  </th>
                  {CASE_KINDS.map((kind) => (
                    <td key={kind} data-kind={kind}>{day[kind]}</td>
                  ))}
                </tr>
              ))
            : Array.from({ length: PUBLIC_CASE_DAYS }, (_, i) => (
                <tr key={i} className="skeleton-row" aria-hidden="true">
                  <td>&nbsp;</td>
                  {CASE_KINDS.map((kind) => (
                    <td key={kind}>&nbsp;</td>
                  ))}
                </tr>
              ))}
        </tbody>
      </table>
    </section>
  );
}
