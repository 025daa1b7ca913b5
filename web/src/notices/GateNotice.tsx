/**
 * The printable gate notice (门口公示), one A4 page in Chinese whatever the app's language — it
 * is posted at a Chinese gate: the compound and its status, today's cases, the day's disinfection,
 * the responsibility list and hotlines with phones, the drop-off points and the QR code of the
 * resident page. On screen a bar above says what will print, with the print button (which records
 * the printing: the scorecard's evidence that the notice is posted) and the way back; on paper
 * only the notice remains (notices.css).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLoopbackHost } from '#shared/runtime-config.ts';
import { CASE_KINDS } from '#shared/schemas/case.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { usePrintPaper } from '../hooks/usePrintPaper.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { navigate } from '../layout/navigation.ts';
import { chinaTime } from '../public/format.ts';
import { residentUrl } from '../public/GateQrCode.tsx';
import { QrCodeSvg } from '../public/QrCodeSvg.tsx';
import { useApi, useServices } from '../services.tsx';
import { noticesPath } from './notice-path.ts';

/** The body's class while the print view is open: the print stylesheet then leaves only the notice. */
const PRINT_VIEW = 'gate-notice-view';

/**
 * The paper while the print view is open: A4 with a margin. Added to the document only then,
 * since @page cannot be scoped by a selector and passes print on A6.
 */
// In millimetres rather than the A4 keyword, as the passes' A6 (web/src/passes/PrintSheet.tsx).
const A4_PAGE = '@page { size: 210mm 297mm; margin: 12mm; }';

/** The language the paper is in: a gate notice in China is posted in Chinese. */
const PAPER_LANGUAGE = 'zh-CN';

const HOTLINES = ['police', 'ambulance', 'consumer'] as const;

export function GateNotice({ compoundId }: { compoundId: string }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.getFixedT(PAPER_LANGUAGE);
  const api = useApi();
  const { config } = useServices();
  const [recordFailure, setRecordFailure] = useState<unknown>();
  const [printing, setPrinting] = useState(false);
  const state = useAsync(`gate-notice|${compoundId}`, async (signal) => {
    const [notice, log] = await Promise.all([
      api.call('getPublicNotice', { params: { id: compoundId } }, { signal }),
      api.call('getPublicDisinfectionLog', { params: { id: compoundId }, query: {} }, { signal }),
    ]);
    return { notice, log, loadedAt: new Date().toISOString() };
  });
  const origin = config.publicUrl ?? window.location.origin;
  const url = residentUrl(compoundId, origin);

  usePrintPaper(A4_PAGE, PRINT_VIEW, 'noticePrint');

  const print = async () => {
    setPrinting(true);
    setRecordFailure(undefined);
    try {
      await api.call('recordNoticePosted', { params: { id: compoundId }, body: { how: 'printed' } });
    } catch (error) {
      // The notice prints all the same; the admin confirms it posted on the notice page instead.
      setRecordFailure(error);
    } finally {
      setPrinting(false);
    }
    window.print();
  };

  const data = state.data;
  const notice = data?.notice;
  return (
    <main id="main" className="gate-notice-page" data-state={data ? 'ready' : 'loading'}>
      <div className="gate-notice-bar">
        <button type="button" className="button button-quiet" onClick={() => navigate(noticesPath(compoundId))}>{t('notices.print.back')}</button>
        <h1>{notice ? `${t('notices.print.bar')} · ${notice.compound.name}` : t('notices.print.bar')}</h1>
        <button type="button" className="button gate-notice-print" disabled={!data || printing} onClick={() => void print()}>
          {t('notices.print.print')}
        </button>
      </div>
      {isLoopbackHost(new URL(origin).hostname) && <p className="notice gate-notice-warning" role="note">{t('notices.print.loopback')}</p>}
      {recordFailure !== undefined && <ErrorNotice title={t('notices.print.recordFailed')} error={recordFailure} />}
      {state.loading && <p role="status">{t('app.loading')}</p>}
      {state.error !== undefined && <ErrorNotice title={t('notices.print.failed')} error={state.error} onRetry={state.reload} />}
      {data && notice && (
        <article className="gate-notice" lang={PAPER_LANGUAGE} data-compound-id={compoundId} data-url={url}>
          <header className="gate-notice-head">
            <h2>{zh('notices.print.title')}</h2>
            <p className="gate-notice-name">{notice.compound.name}</p>
            <p className="gate-notice-meta">
              <span>{zh('notices.print.date', { day: notice.casesToday.day })}</span>
              <span>
                {zh('notices.print.status')}：<strong data-status={notice.compound.status}>{zh(`status.${notice.compound.status}`)}</strong>
              </span>
            </p>
          </header>

          <section className="gate-notice-section">
            <h3>{zh('notices.print.cases')}</h3>
            <ul className="gate-notice-counts" data-testid="notice-cases">
              {CASE_KINDS.map((kind) => (
                <li key={kind}>
                  <span>{zh(`public.cases.${kind}Short`)}</span>
                  <strong>{zh('public.cases.people', { count: notice.casesToday[kind] })}</strong>
                </li>
              ))}
            </ul>
          </section>

          <section className="gate-notice-section">
            <h3>{zh('notices.print.disinfection')}</h3>
            <p data-testid="notice-disinfection">
              {data.log.requiredRounds > 0
                ? zh('public.log.summary', { date: data.log.date, required: data.log.requiredRounds, completed: data.log.completedRounds })
                : zh('public.log.summaryNone', { date: data.log.date, completed: data.log.completedRounds })}
            </p>
          </section>

          <section className="gate-notice-section">
            <h3>{zh('notices.print.responsibility')}</h3>
            {notice.responsibility.length === 0 ? (
              <p>{zh('notices.print.none')}</p>
            ) : (
              <table className="gate-notice-table" data-testid="notice-responsibility">
                <tbody>
                  {notice.responsibility.map((person) => (
                    <tr key={person.role}>
                      <th scope="row">{zh(`notices.roles.${person.role}`)}</th>
                      <td>{person.name}</td>
                      <td className="gate-notice-phone">{person.phone}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section className="gate-notice-section">
            <h3>{zh('notices.print.hotlines')}</h3>
            <table className="gate-notice-table" data-testid="notice-hotlines">
              <tbody>
                {notice.hotlines.map((line, i) => (
                  <tr key={`${line.label}-${i}`}>
                    <th scope="row">{line.label}</th>
                    <td className="gate-notice-phone">{line.phone}</td>
                  </tr>
                ))}
                {HOTLINES.map((line) => (
                  <tr key={line}>
                    <th scope="row">{zh(`public.hotlines.${line}.label`)}</th>
                    <td className="gate-notice-phone">{zh(`public.hotlines.${line}.number`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section className="gate-notice-section">
            <h3>{zh('notices.print.dropOff')}</h3>
            {notice.dropOffPoints.length === 0 ? (
              <p>{zh('notices.print.none')}</p>
            ) : (
              <ul className="gate-notice-drop-off">
                {notice.dropOffPoints.map((point, i) => (
                  <li key={`${point.name}-${i}`}>
                    <strong>{point.name}</strong>
                    {point.buildingName && <span>{zh('public.dropOff.building', { name: point.buildingName })}</span>}
                    {point.location && <span>{zh('public.dropOff.where', { where: point.location.description })}</span>}
                    {point.hours && <span>{zh('public.dropOff.hours', { hours: point.hours })}</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <footer className="gate-notice-foot">
            <figure className="gate-notice-qr">
              <QrCodeSvg className="gate-notice-qr-code" text={url} label={zh('public.qr.imageLabel', { name: notice.compound.name })} />
              <figcaption>{zh('notices.print.qr')}</figcaption>
            </figure>
            <p className="gate-notice-printed">{zh('notices.print.printedAt', { time: chinaTime(data.loadedAt) })}</p>
          </footer>
        </article>
      )}
    </main>
  );
}
