/**
 * Counts at the top of the map: compounds in view by status, unresolved exits in view, the
 * chosen campaign's unvisited buildings in view and its coverage.
 */
import { useTranslation } from 'react-i18next';
import type { Campaign } from './data.ts';
import { COMPOUND_STATUSES, swatchStyle, type CompoundStatus } from './status.ts';

export interface CityCountsProps {
  readonly counts: Readonly<Record<CompoundStatus, number>>;
  /** Undefined for roles that do not follow exits. */
  readonly unresolvedExits: number | undefined;
  /** Undefined while the unvisited layer is off or follows no campaign. */
  readonly unvisited: { readonly count: number; readonly loading: boolean } | undefined;
  readonly campaign: Campaign | undefined;
}

export function CityCounts({ counts, unresolvedExits, unvisited, campaign }: CityCountsProps) {
  const { t } = useTranslation();
  return (
    <section className="city-counts" aria-label={t('map.counts.title')} data-testid="city-counts">
      <ul>
        {COMPOUND_STATUSES.map((status) => (
          <li key={status} data-status={status}>
            <span className="swatch" style={swatchStyle(status)} aria-hidden="true" />
            <span>{t(`status.${status}`)}</span>
            <strong data-count={counts[status]}>{t('panel.count', { count: counts[status] })}</strong>
          </li>
        ))}
        {unresolvedExits !== undefined && (
          <li data-testid="unresolved-count" className="count-alert">
            <span className="exit-key exit-unresolved" aria-hidden="true">!</span>
            <span>{t('map.counts.unresolved')}</span>
            <strong data-count={unresolvedExits}>{t('panel.count', { count: unresolvedExits })}</strong>
          </li>
        )}
        {unvisited && (
          <li data-testid="unvisited-count" aria-busy={unvisited.loading}>
            <span className="exit-key unvisited-key" aria-hidden="true" />
            <span>{t('map.counts.unvisited')}</span>
            <strong data-count={unvisited.count}>{t('panel.count', { count: unvisited.count })}</strong>
          </li>
        )}
        <li data-testid="coverage">
          <span>{t('map.counts.coverage')}</span>
          <strong>
            {campaign
              ? t('map.counts.coverageValue', {
                  percent: campaign.coverage,
                  visited: campaign.progress.householdsVisited,
                  total: campaign.totals.households,
                })
              : t('map.counts.noCampaign')}
          </strong>
        </li>
      </ul>
    </section>
  );
}
