/** The legend over the map: each status's colour, pattern, name and count in view, the total, and the point markers' key. */
import { useTranslation } from 'react-i18next';
import { COMPOUND_STATUSES, swatchStyle, type CompoundStatus } from './status.ts';

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
            <span className="swatch" style={swatchStyle(status)} aria-hidden="true" />
            <span className="legend-label">
              {t(`status.${status}`)}
              {hidden.has(status) && <span className="visually-hidden">{t('legend.hidden')}</span>}
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
      <ul className="legend-markers">
        <li><span className="exit-key exit-unresolved" aria-hidden="true">!</span>{t('legend.unresolved')}</li>
        <li><span className="exit-key exit-open" aria-hidden="true" />{t('legend.open')}</li>
        <li><span className="exit-key exit-sealed" aria-hidden="true" />{t('legend.sealed')}</li>
        <li><span className="exit-key unvisited-key" aria-hidden="true" />{t('legend.unvisited')}</li>
      </ul>
    </section>
  );
}
