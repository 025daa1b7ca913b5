/**
 * The daily report view (日报告、零报告). A community admin sees the day's compounds that must
 * report with their state, opens one and confirms its report or submits a zero report; street
 * officials and city staff see the roll-up with the compounds that did not report, narrow it to a
 * street or community, and export it to Excel. Any day up to today may be chosen.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../services.tsx';
import { chinaToday } from './data.ts';
import { DailyReportCard } from './DailyReportCard.tsx';
import { RollupView } from './RollupView.tsx';
import './reports.css';

export function ReportsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const today = chinaToday();
  const [date, setDate] = useState(today);
  const [compoundId, setCompoundId] = useState<string>();
  const [version, setVersion] = useState(0);
  const community = session?.user.role === 'community';

  return (
    <main id="main" className="reports-page">
      <header className="reports-header">
        <h1>{t('reports.title')}</h1>
        <p className="hint">{t(community ? 'reports.introCommunity' : 'reports.introOverseer')}</p>
        <label className="reports-date">
          {t('reports.date')}{' '}
          <input type="date" value={date} max={today} onChange={(e) => e.target.value && setDate(e.target.value)} />
        </label>
      </header>
      {compoundId && (
        <DailyReportCard key={`${compoundId}|${date}`} compoundId={compoundId} date={date} onSubmitted={() => setVersion((n) => n + 1)} />
      )}
      <RollupView date={date} version={version} onOpen={setCompoundId} />
    </main>
  );
}
