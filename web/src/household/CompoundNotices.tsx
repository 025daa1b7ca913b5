/**
 * The compound's notices on the household's page, as the gate's notice board (/c/{id}) shows
 * them and from the same public routes and pieces: today's cases, the day's disinfection, the
 * drop-off points and the hotlines (the compound's own, then the public numbers). Each stands
 * alone: one that fails to load says so and the others still show.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsync } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { CaseCounts } from '../public/CaseCounts.tsx';
import { DisinfectionLogView } from '../public/DisinfectionLogView.tsx';
import { DropOffSection } from '../public/DropOffList.tsx';
import { Hotlines } from '../public/Hotlines.tsx';
import { useApi } from '../services.tsx';

export function CompoundNotices({ compoundId }: { compoundId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  /** undefined: today, as the API's China clock says. */
  const [date, setDate] = useState<string>();
  const cases = useAsync(compoundId, (signal) => api.call('getPublicCases', { params: { id: compoundId } }, { signal }));
  const log = useAsync(`${compoundId}:${date ?? 'today'}`, (signal) =>
    api.call('getPublicDisinfectionLog', { params: { id: compoundId }, query: { date } }, { signal }),
  );
  // The gate notice: the drop-off points and the compound's own hotlines, as posted.
  const notice = useAsync(`notice:${compoundId}`, (signal) => api.call('getPublicNotice', { params: { id: compoundId } }, { signal }));
  return (
    <div className="household-notices" data-testid="compound-notices">
      <h2 className="household-notices-heading">{t('household.notices')}</h2>
      {cases.error !== undefined ? <ErrorNotice title={t('public.loadFailed')} error={cases.error} onRetry={cases.reload} /> : <CaseCounts cases={cases.data} />}
      <DisinfectionLogView log={log} date={date} onDate={setDate} />
      <DropOffSection points={notice.data?.dropOffPoints} error={notice.error} onRetry={notice.reload} />
      <Hotlines lines={notice.data?.hotlines} />
    </div>
  );
}
