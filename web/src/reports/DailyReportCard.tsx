/**
 * A compound's daily report of a day (日报告): the figures drafted from the day's data, why it is
 * not a zero day when it is not, a note, and the community admin's two buttons — 确认上报 (confirm
 * the figures with the note) and 零报告 (nothing happened, one tap). What the API refuses (a zero
 * report on a day with a case or a fever, a report past its deadline) is said in its own words.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useSession } from '../services.tsx';
import { useDailyReport, useSubmitReport, type DailyReport } from './data.ts';
import { FiguresTable } from './FiguresTable.tsx';

const time = (at: string) => new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

export function DailyReportCard({ compoundId, date, onSubmitted }: { compoundId: string; date: string; onSubmitted?(report: DailyReport): void }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const noteId = useId();
  const [version, setVersion] = useState(0);
  const report = useDailyReport(compoundId, date, version);
  const submit = useSubmitReport();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'submit' | 'zero' | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState<DailyReport>();
  const mayAct = session?.user.role === 'community';

  const send = async (zero: boolean) => {
    setBusy(zero ? 'zero' : 'submit');
    setFailure(undefined);
    try {
      const answer = await submit(compoundId, date, { ...(zero ? { zero: true } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
      setDone(answer);
      setVersion((n) => n + 1);
      onSubmitted?.(answer);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(undefined);
    }
  };

  if (report.error !== undefined) return <ErrorNotice title={t('reports.loadFailed')} error={report.error} onRetry={report.reload} />;
  const shown = report.data ?? done;
  if (!shown) return <p className="list-note">{t('app.loading')}</p>;
  return (
    <section className="report-card" aria-labelledby={`${noteId}-title`} data-status={shown.status}>
      <header className="report-card-header">
        <h2 id={`${noteId}-title`}>{t('reports.cardTitle', { name: shown.compoundName, date })}</h2>
        <span className={`report-status report-status-${shown.status}`}>{t(`reports.status.${shown.status}`)}</span>
        {shown.late && <span className="report-late">{t('reports.late')}</span>}
      </header>
      <p className="hint">
        {shown.status === 'draft'
          ? t('reports.draftHint', { deadline: time(shown.deadline) })
          : t('reports.submittedBy', { name: shown.submittedByName ?? t('reports.someone'), at: time(shown.submittedAt ?? shown.deadline) })}
      </p>
      <FiguresTable figures={shown.figures} />
      {shown.abnormal.length > 0 ? (
        <p className="report-abnormal">{t('reports.abnormal', { reasons: shown.abnormal.map((a) => t(`reports.abnormalKinds.${a}`)).join(t('reports.listSeparator')) })}</p>
      ) : (
        <p className="report-quiet">{t('reports.quiet')}</p>
      )}
      {shown.note && <p className="report-note">{t('reports.noteShown', { note: shown.note })}</p>}
      {mayAct && !shown.final && (
        <div className="report-actions">
          <label htmlFor={noteId}>{t('reports.note')}</label>
          <textarea id={noteId} value={note} maxLength={500} rows={2} onChange={(e) => setNote(e.target.value)} />
          <div className="report-buttons">
            <button type="button" className="button button-primary" disabled={busy !== undefined} onClick={() => void send(false)}>
              {busy === 'submit' ? t('reports.sending') : shown.status === 'draft' ? t('reports.submit') : t('reports.resubmit')}
            </button>
            <button type="button" className="button" disabled={busy !== undefined} onClick={() => void send(true)}>
              {busy === 'zero' ? t('reports.sending') : t('reports.zero')}
            </button>
          </div>
        </div>
      )}
      {failure !== undefined && <ErrorNotice title={t('reports.refused')} error={failure} />}
      {done && failure === undefined && (
        <p className="notice report-done" role="status">{t(done.status === 'zero' ? 'reports.zeroDone' : 'reports.submitDone')}</p>
      )}
    </section>
  );
}
