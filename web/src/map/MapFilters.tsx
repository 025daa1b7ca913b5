/** Filters of the map: which statuses to show, and one community or all. Plain form controls. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommunityFeature } from './data.ts';
import { COMPOUND_STATUSES, STATUS_COLOURS, type CompoundStatus } from './status.ts';

export interface MapFiltersProps {
  readonly communities: readonly CommunityFeature[];
  readonly communityId: string | undefined;
  onCommunityChange(id: string | undefined): void;
  readonly hidden: ReadonlySet<CompoundStatus>;
  onToggleStatus(status: CompoundStatus): void;
}

export function MapFilters({ communities, communityId, onCommunityChange, hidden, onToggleStatus }: MapFiltersProps) {
  const { t, i18n } = useTranslation();
  const sorted = useMemo(() => {
    const collator = new Intl.Collator(i18n.language);
    return [...communities].sort((a, b) => collator.compare(a.properties.name, b.properties.name));
  }, [communities, i18n.language]);
  return (
    <section className="filters" aria-labelledby="filters-title">
      <h2 id="filters-title">{t('filters.title')}</h2>
      <fieldset className="status-filter">
        <legend>{t('filters.status')}</legend>
        {COMPOUND_STATUSES.map((status) => (
          <label key={status} className="status-chip" data-status={status}>
            <input type="checkbox" checked={!hidden.has(status)} onChange={() => onToggleStatus(status)} />
            <span className="swatch" style={{ background: STATUS_COLOURS[status].fill }} aria-hidden="true" />
            {t(`status.${status}`)}
          </label>
        ))}
      </fieldset>
      {communities.length > 1 && (
        <div className="field">
          <label htmlFor="community-filter">{t('filters.community')}</label>
          <select
            id="community-filter"
            value={communityId ?? ''}
            onChange={(event) => onCommunityChange(event.target.value || undefined)}
          >
            <option value="">{t('filters.allCommunities')}</option>
            {sorted.map((c) => (
              <option key={c.properties.id} value={c.properties.id}>
                {c.properties.name}
              </option>
            ))}
          </select>
        </div>
      )}
    </section>
  );
}
