/**
 * The legend over the map: each status's colour, pattern, name and count in view, the total, and
 * the point markers' key. It folds to its title button, and starts folded on a narrow screen,
 * where open it would cover much of the map.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Count } from './CityCounts.tsx';
import { COMPOUND_STATUSES, swatchStyle, type CompoundStatus } from './status.ts';

/** Below this width (the layout's phone breakpoint, map.css) the legend starts folded. */
const NARROW_QUERY = '(max-width: 800px)';

const narrow = () => typeof window !== 'undefined' && window.matchMedia(NARROW_QUERY).matches;

export interface StatusLegendProps {
  /** Undefined while the compounds in view are loading. */
  readonly counts: Readonly<Record<CompoundStatus, number>> | undefined;
  readonly hidden: ReadonlySet<CompoundStatus>;
}

export function StatusLegend({ counts, hidden }: StatusLegendProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(() => !narrow());
  const body = useId();
  const total = counts && COMPOUND_STATUSES.reduce((sum, status) => sum + counts[status], 0);
  return (
    <section className="legend" aria-labelledby="legend-title" data-testid="legend" data-open={open}>
      <h2 id="legend-title">
        <button type="button" className="legend-toggle" aria-expanded={open} aria-controls={body} onClick={() => setOpen(!open)}>
          {t('legend.title')}
          <span className="legend-chevron" aria-hidden="true">{open ? '▾' : '▸'}</span>
        </button>
      </h2>
      <div id={body} className="legend-body" hidden={!open}>
        <ul>
          {COMPOUND_STATUSES.map((status) => (
            <li key={status} data-status={status} className={hidden.has(status) ? 'legend-hidden' : undefined}>
              <span className="swatch" style={swatchStyle(status)} aria-hidden="true" />
              <span className="legend-label">
                {t(`status.${status}`)}
                {hidden.has(status) && <span className="visually-hidden">{t('legend.hidden')}</span>}
              </span>
              <Count as="span" className="legend-count" value={counts?.[status]} />
            </li>
          ))}
          <li className="legend-total" data-status="total">
            <span className="legend-label">{t('legend.total')}</span>
            <Count as="span" className="legend-count" value={total} />
          </li>
        </ul>
        <ul className="legend-markers">
          <li><span className="exit-key exit-unresolved" aria-hidden="true">!</span>{t('legend.unresolved')}</li>
          <li><span className="exit-key exit-open" aria-hidden="true" />{t('legend.open')}</li>
          <li><span className="exit-key exit-sealed" aria-hidden="true" />{t('legend.sealed')}</li>
          <li><span className="exit-key unvisited-key" aria-hidden="true" />{t('legend.unvisited')}</li>
        </ul>
      </div>
    </section>
  );
}
