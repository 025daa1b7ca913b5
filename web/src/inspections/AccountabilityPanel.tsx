/**
 * The accountability list (追责问责) of the caller's jurisdiction: per responsible person, by name,
 * the open and overdue findings of inspections and the missed duties, with the compounds concerned.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsync } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useApi } from '../services.tsx';

export function AccountabilityPanel() {
  const { t } = useTranslation();
  const id = useId();
  const api = useApi();
  const list = useAsync('accountability', (signal) => api.call('getAccountability', {}, { signal }));
  const items = list.data?.items ?? [];
  return (
    <section className="accountability" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('inspections.accountability.title')}</h2>
      {list.error !== undefined && <ErrorNotice title={t('inspections.accountability.failed')} error={list.error} onRetry={list.reload} />}
      {list.data && items.length === 0 && <p className="list-note">{t('inspections.accountability.none')}</p>}
      {items.length > 0 && (
        <table className="accountability-table">
          <thead>
            <tr>
              <th scope="col">{t('inspections.accountability.name')}</th>
              <th scope="col">{t('inspections.accountability.compounds')}</th>
              <th scope="col">{t('inspections.accountability.open')}</th>
              <th scope="col">{t('inspections.accountability.overdue')}</th>
              <th scope="col">{t('inspections.accountability.missed')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((person) => (
              <tr key={person.name} data-person={person.name}>
                <th scope="row">
                  {person.name}
                  {person.roles.length > 0 && <span className="list-note">（{person.roles.map((r) => t(`inspections.roles.${r}`)).join('、')}）</span>}
                </th>
                <td>{person.compounds.map((c) => c.name).join('、')}</td>
                <td>{person.openFindings}</td>
                <td>{person.overdueFindings}</td>
                <td>{person.missedDuties}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
