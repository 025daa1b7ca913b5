/**
 * Counts at the top of the map: compounds in view by status, unresolved exits in view, the
 * chosen campaign's unvisited buildings in view and its coverage. A count not known yet reads
 * as loading (aria-busy, "…"), never as a zero the map has not established; a campaign still
 * fanning out shows its progress instead of a coverage of nothing.
 */
import { useTranslation } from 'react-i18next';
import type { Campaign } from './data.ts';
import { COMPOUND_STATUSES, swatchStyle, type CompoundStatus } from './status.ts';

export interface CityCountsProps {
  /** Undefined while the compounds in view are loading. */
  readonly counts: Readonly<Record<CompoundStatus, number>> | undefined;
  /** Undefined for roles that do not follow exits; null while they load. */
  readonly unresolvedExits: number | null | undefined;
  /** Undefined while the unvisited layer is off or follows no campaign. */
  readonly unvisited: { readonly count: number; readonly loading: boolean } | undefined;
  /** Undefined when no campaign is chosen; null while the chosen one loads. */
  readonly campaign: Campaign | null | undefined;
}

export function CityCounts({ counts, unresolvedExits, unvisited, campaign }: CityCountsProps) {
  const { t } = useTranslation();
  return (
    <section className="city-counts" aria-label={t('map.counts.title')} data-testid="city-counts">
      {/* On a phone the one-line counts scroll sideways: focusable, so a keyboard can scroll them too (axe: scrollable-region-focusable). */}
      <ul tabIndex={0}>
        {COMPOUND_STATUSES.map((status) => (
          <li key={status} data-status={status}>
            <span className="swatch" style={swatchStyle(status)} aria-hidden="true" />
            <span>{t(`status.${status}`)}</span>
            <Count value={counts?.[status]} />
          </li>
        ))}
        {unresolvedExits !== undefined && (
          <li data-testid="unresolved-count" className="count-alert">
            <span className="exit-key exit-unresolved" aria-hidden="true">!</span>
            <span>{t('map.counts.unresolved')}</span>
            <Count value={unresolvedExits ?? undefined} />
          </li>
        )}
        {unvisited && (
          <li data-testid="unvisited-count" aria-busy={unvisited.loading}>
            <span className="exit-key unvisited-key" aria-hidden="true" />
            <span>{t('map.counts.unvisited')}</span>
            <Count value={unvisited.loading ? undefined : unvisited.count} />
          </li>
        )}
        <li data-testid="coverage" data-campaign-status={campaign?.status}>
          <span>{t('map.counts.coverage')}</span>
          <strong aria-busy={campaign === null || campaign?.status === 'fanning-out'}>
            {campaign === undefined
              ? t('map.counts.noCampaign')
              : campaign === null
                ? t('map.counts.loading')
                : campaign.status === 'fanning-out'
                  ? t('map.counts.fanningOut', { tasks: campaign.progress.tasksCreated, buildings: campaign.totals.buildings })
                  : t('map.counts.coverageValue', {
                      percent: campaign.coverage,
                      visited: campaign.progress.householdsVisited,
                      total: campaign.totals.households,
                    })}
          </strong>
        </li>
      </ul>
    </section>
  );
}

/** A count, or "…" (busy, with a spoken "loading") while it is not known; the legend's is a span. */
export function Count({ value, as: Tag = 'strong', className }: { value: number | undefined; as?: 'strong' | 'span'; className?: string }) {
  const { t } = useTranslation();
  if (value === undefined) {
    return (
      <Tag className={className} aria-busy="true" data-loading="true">
        <span aria-hidden="true">…</span>
        <span className="visually-hidden">{t('map.counts.loading')}</span>
      </Tag>
    );
  }
  return (
    <Tag className={className} data-count={value}>
      {t('panel.count', { count: value })}
    </Tag>
  );
}
