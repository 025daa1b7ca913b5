/**
 * A day's roll-up (汇总) for the community, street or city: submitted, zero and missing counts,
 * the compounds that did not report listed first, the totals per community and street, narrowing
 * to one street or community, and the 导出 Excel button (the workbook the reporting chain files).
 * Each total also shows the place's orders of the day (代购配送, counted per community).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ordersRequested } from '#shared/domain/daily-figures.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useDownloadExport, useRollup, type RollupRow, type RollupScope } from './data.ts';

export function RollupView({ date, version, onOpen }: { date: string; version: number; onOpen?(compoundId: string): void }) {
  const { t } = useTranslation();
  const [scope, setScope] = useState<RollupScope>({});
  const rollup = useRollup(date, scope, version);
  const download = useDownloadExport();
  const [exporting, setExporting] = useState(false);
  const [exportFailure, setExportFailure] = useState<unknown>();
  const data = rollup.data ?? rollup.latest;

  const exportIt = async () => {
    setExporting(true);
    setExportFailure(undefined);
    try {
      await download(date, scope);
    } catch (error) {
      setExportFailure(error);
    } finally {
      setExporting(false);
    }
  };
  const narrowTo = (value: string) => {
    const [level, id] = value.split(':');
    setScope(level === 'community' && id ? { communityId: id } : level === 'street' && id ? { streetId: id } : {});
  };
  const totals = data?.totals ?? [];
  const whole = totals.at(-1);
  const choices = totals.slice(0, -1).filter((total) => total.level === 'street' || total.level === 'community');

  return (
    <section className="report-rollup" aria-labelledby="report-rollup-title">
      <header className="report-rollup-header">
        <h2 id="report-rollup-title">{t('reports.rollup.title', { date })}</h2>
        <button type="button" className="button" disabled={exporting || !data} onClick={() => void exportIt()}>
          {exporting ? t('reports.rollup.exporting') : t('reports.rollup.export')}
        </button>
      </header>
      {exportFailure !== undefined && <ErrorNotice title={t('reports.rollup.exportFailed')} error={exportFailure} />}
      {rollup.error !== undefined && <ErrorNotice title={t('reports.loadFailed')} error={rollup.error} onRetry={rollup.reload} />}
      {choices.length > 1 || scope.communityId || scope.streetId ? (
        <label className="report-scope">
          {t('reports.rollup.scope')}{' '}
          <select value={scope.communityId ? `community:${scope.communityId}` : scope.streetId ? `street:${scope.streetId}` : ''} onChange={(e) => narrowTo(e.target.value)}>
            <option value="">{t('reports.rollup.all')}</option>
            {choices.map((c) => (
              <option key={`${c.level}:${c.id}`} value={`${c.level}:${c.id}`}>
                {t(`reports.rollup.level.${c.level}`)} · {c.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {data && (
        <>
          <p className="report-counts" role="status">
            {t('reports.rollup.counts', { submitted: data.submitted, zero: data.zero, missing: data.missing, late: data.late })}
          </p>
          {data.items.length === 0 ? (
            <p className="list-note">{t('reports.rollup.none')}</p>
          ) : (
            <table className="report-table">
              <caption className="visually-hidden">{t('reports.rollup.compounds')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.rollup.compound')}</th>
                  <th scope="col">{t('reports.rollup.community')}</th>
                  <th scope="col">{t('reports.rollup.status')}</th>
                  <th scope="col">{t('reports.rollup.by')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((row) => <Row key={row.compoundId} row={row} onOpen={onOpen} />)}
              </tbody>
            </table>
          )}
          {whole && choices.length > 0 && (
            <table className="report-table report-totals">
              <caption>{t('reports.rollup.totals')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.rollup.place')}</th>
                  <th scope="col">{t('reports.status.submitted')}</th>
                  <th scope="col">{t('reports.status.zero')}</th>
                  <th scope="col">{t('reports.status.missing')}</th>
                  <th scope="col">{t('reports.figures.entriesIn')}</th>
                  <th scope="col">{t('reports.figures.fevers')}</th>
                  <th scope="col">{t('reports.orders.requested')}</th>
                  <th scope="col">{t('reports.orders.delivered')}</th>
                  <th scope="col">{t('reports.orders.avgDelivery')}</th>
                  <th scope="col">{t('reports.orders.overdue')}</th>
                </tr>
              </thead>
              <tbody>
                {[...choices, whole].map((total, index) => (
                  // The whole may be a community or street listed above it too: its own key.
                  <tr key={total === whole ? 'whole' : `${total.level}:${total.id}:${index}`} data-level={total.level}>
                    <th scope="row">{total === whole && total.level === 'city' ? t('reports.rollup.city') : total.name}</th>
                    <td>{total.submitted}</td>
                    <td>{total.zero}</td>
                    <td>{total.missing}</td>
                    <td>{total.figures.entries.in}</td>
                    <td>{total.figures.entries.fevers}</td>
                    <td data-order-figure="requested">{ordersRequested(total.orders)}</td>
                    <td data-order-figure="delivered">{total.orders.delivered}</td>
                    <td data-order-figure="avgDelivery">{total.orders.avgDeliveryMinutes ?? '—'}</td>
                    <td data-order-figure="overdue">{total.orders.overdue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

function Row({ row, onOpen }: { row: RollupRow; onOpen?(compoundId: string): void }) {
  const { t } = useTranslation();
  return (
    <tr data-compound-id={row.compoundId} data-status={row.status}>
      <th scope="row">
        {onOpen ? (
          <button type="button" className="button button-link" onClick={() => onOpen(row.compoundId)}>{row.compoundName}</button>
        ) : row.compoundName}
      </th>
      <td>{row.communityName ?? ''}</td>
      <td>
        <span className={`report-status report-status-${row.status}`}>{t(`reports.status.${row.status}`)}</span>
        {row.late && <span className="report-late">{t('reports.late')}</span>}
      </td>
      <td>{row.submittedByName ?? ''}</td>
    </tr>
  );
}
