/**
 * The gate notice view (小区公示) of community admins and city staff, opened from a compound's
 * panel on the map (or by choosing a compound here): report the compound's cases per building,
 * edit its responsibility list and hotlines, print the A4 gate notice and confirm it posted. The
 * same route opens the print view (/notices/print, GateNotice.tsx).
 */
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { navigate, useRoute } from '../layout/navigation.ts';
import { useResponsibility } from '../map/panel-data.ts';
import { CompoundPicker } from '../passes/CompoundPicker.tsx';
import { useBuildings } from '../passes/data.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useApi, useSession } from '../services.tsx';
import { CaseReportForm } from './CaseReportForm.tsx';
import { GateNotice } from './GateNotice.tsx';
import { HotlinesForm } from './HotlinesForm.tsx';
import { noticeRequestOf, noticesPath, NOTICES_PATH } from './notice-path.ts';
import { NoticePosted } from './NoticePosted.tsx';
import { ResponsibilityForm } from './ResponsibilityForm.tsx';
import '../styles/passes.css';
import './notices.css';

export function NoticesPage() {
  // The route re-renders this view on every change of the URL; the print view is read from it.
  useRoute();
  const request = noticeRequestOf(window.location.pathname, window.location.search);
  return request.print && request.compound ? <GateNotice compoundId={request.compound} /> : <NoticesAdmin compoundId={request.compound} />;
}

function NoticesAdmin({ compoundId }: { compoundId: string | undefined }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const api = useApi();
  const compound = useAsync(compoundId ? `notice-compound|${compoundId}` : null, (signal) => api.call('getCompound', { params: { id: compoundId ?? '' } }, { signal }));
  const choose = (chosen: { id: string } | undefined) => navigate(chosen ? noticesPath(chosen.id) : NOTICES_PATH, { replace: true });

  return (
    <main id="main" className="notices-page">
      <header className="notices-header">
        <h1>{t('notices.title')}</h1>
        <p className="hint">{t('notices.intro')}</p>
      </header>
      <CompoundPicker role={session?.user.role ?? 'community'} compoundId={compoundId} onChoose={choose} />
      {compound.error !== undefined && <ErrorNotice title={t('notices.print.failed')} error={compound.error} onRetry={compound.reload} />}
      {compoundId ? (
        <div className="notices-work" data-compound-id={compoundId}>
          {compound.data && <h2 className="notices-compound">{compound.data.properties.name}</h2>}
          <NoticeForms key={compoundId} compoundId={compoundId} />
        </div>
      ) : (
        <p className="notice">{t('notices.chooseFirst')}</p>
      )}
    </main>
  );
}

function NoticeForms({ compoundId }: { compoundId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const buildings = useBuildings(compoundId);
  const responsibility = useResponsibility(compoundId);
  const hotlines = useAsync(`notice-hotlines|${compoundId}`, (signal) => api.call('getHotlines', { params: { id: compoundId } }, { signal }));
  return (
    <div className="notices-forms">
      <CaseReportForm compoundId={compoundId} buildings={buildings} />
      {responsibility.error !== undefined ? (
        <ErrorNotice title={t('notices.responsibility.loadFailed')} error={responsibility.error} onRetry={responsibility.reload} />
      ) : responsibility.data !== undefined ? (
        <ResponsibilityForm compoundId={compoundId} current={responsibility.data} />
      ) : (
        <p className="list-note">{t('app.loading')}</p>
      )}
      {hotlines.error !== undefined ? (
        <ErrorNotice title={t('notices.hotlines.loadFailed')} error={hotlines.error} onRetry={hotlines.reload} />
      ) : hotlines.data ? (
        <HotlinesForm compoundId={compoundId} current={hotlines.data} />
      ) : (
        <p className="list-note">{t('app.loading')}</p>
      )}
      <NoticePosted compoundId={compoundId} />
    </div>
  );
}
