/** The legend over the map: each status's colour, name and count in view, and the total. */
import { useTranslation } from 'react-i18next';
import { COMPOUND_STATUSES, STATUS_COLOURS, type CompoundStatus } from './status.ts';

export interface StatusLegendProps {
  readonly counts: Readonly<Record<CompoundStatus, number>>;
  readonly hidden: ReadonlySet<CompoundStatus>;
}

export function StatusLegend({ counts, hidden }: StatusLegendProps) {
  const { t } = useTranslation();
  const total = COMPOUND_STATUSES.reduce((sum, status) => sum + counts[status], 0);
  return (
    <section className="legend" aria-labelledby="legend-title" data-testid="legend">
      <h2 id="legend-title">{t('legend.title')}</h2>
      <ul>
        {COMPOUND_STATUSES.map((status) => (
          <li key={status} data-status={status} className={hidden.has(status) ? 'legend-hidden' : undefined}>
            <span className="swatch" style={{ background: STATUS_COLOURS[status].fill, borderColor: STATUS_COLOURS[status].stroke }} aria-hidden="true" />
            <span className="legend-label">
              {t(`status.${status}`)}
              {hidden.has(status) && <span className="visually-hidden">（{t('legend.hidden')}）</span>}
            </span>
            <span className="legend-count" data-count={counts[status]}>
              {t('panel.count', { count: counts[status] })}
            </span>
          </li>
        ))}
        <li className="legend-total" data-status="total">
          <span className="legend-label">{t('legend.total')}</span>
          <span className="legend-count" data-count={total}>
            {t('panel.count', { count: total })}
          </span>
        </li>
      </ul>
    </section>
  );
}
