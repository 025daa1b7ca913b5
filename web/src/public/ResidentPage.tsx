/**
 * A compound's public notice board for residents (信息公开), opened from the gate's QR code: no
 * sign-in, no personal data, Chinese by default and made for a phone. The compound's status,
 * today's and recent case counts, the day's disinfection rounds (earlier days by date), where
 * goods are dropped off, the responsibility list and hotlines as posted at the gate (names and
 * phones, tap to call), the public hotlines and when the page last loaded.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useApi } from '../services.tsx';
import { CaseCounts } from './CaseCounts.tsx';
import { DisinfectionLogView } from './DisinfectionLogView.tsx';
import { DropOffSection, useDropOffPoints } from './DropOffList.tsx';
import { chinaTime } from './format.ts';
import { Hotlines } from './Hotlines.tsx';
import { ResidentResponsibility } from '../notices/ResidentResponsibility.tsx';
import { PageTop } from './PageTop.tsx';
import '../styles/public.css';

const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

export function ResidentPage({ compoundId }: { compoundId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  /** undefined: today, as the API's China clock says. */
  const [date, setDate] = useState<string>();
  const cases = useAsync(compoundId, async (signal) => ({
    ...(await api.call('getPublicCases', { params: { id: compoundId } }, { signal })),
    loadedAt: new Date().toISOString(),
  }));
  const log = useAsync(`${compoundId}:${date ?? 'today'}`, (signal) =>
    api.call('getPublicDisinfectionLog', { params: { id: compoundId }, query: { date } }, { signal }),
  );
  const dropOff = useDropOffPoints(compoundId);
  // The responsibility list and the compound's hotlines, as posted at the gate; the page stands without them.
  const notice = useAsync(`notice:${compoundId}`, (signal) => api.call('getPublicNotice', { params: { id: compoundId } }, { signal }));

  if (isNotFound(cases.error) || isNotFound(log.error)) {
    return (
      <main id="main" className="resident-page" data-state="not-found">
        <PageTop kicker={t('public.title')} title={t('public.notFound.title')} />
        <p className="resident-lead">{t('public.notFound.body')}</p>
        <Hotlines />
      </main>
    );
  }

  const compound = cases.data?.compound ?? log.latest?.compound;
  const loading = cases.loading || log.loading;
  return (
    <main id="main" className="resident-page" data-compound-id={compoundId} aria-busy={loading}>
      <PageTop kicker={t('public.title')} title={compound?.name ?? t('public.title')} />
      {/* The status line is there from the first paint (blank until known), so nothing below moves. */}
      <p className="resident-status">
        {t('public.statusLabel')}
        {compound ? (
          <span className="resident-status-pill" data-status={compound.status}>
            {t(`status.${compound.status}`)}
          </span>
        ) : (
          <span className="resident-status-pill skeleton-line" aria-hidden="true">&nbsp;&nbsp;&nbsp;&nbsp;</span>
        )}
      </p>
      <p className="visually-hidden" role="status">{loading ? t('public.loading') : ''}</p>
      {cases.error !== undefined ? <ErrorNotice title={t('public.loadFailed')} error={cases.error} onRetry={cases.reload} /> : <CaseCounts cases={cases.data} />}
      <DisinfectionLogView log={log} date={date} onDate={setDate} />
      <DropOffSection points={dropOff.data?.items} error={dropOff.error} onRetry={dropOff.reload} />
      <ResidentResponsibility people={notice.error !== undefined ? [] : notice.data?.responsibility} />
      <Hotlines lines={notice.data?.hotlines} />
      <p className="resident-updated" data-testid={cases.data ? 'updated' : undefined}>
        {cases.data ? t('public.updated', { time: chinaTime(cases.data.loadedAt) }) : '\u00a0'}
      </p>
    </main>
  );
}
