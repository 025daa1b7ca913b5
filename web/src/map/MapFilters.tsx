/**
 * Filters of the map: statuses shown, one street, community or grid (each narrowing the next),
 * and the name search. Plain form controls, all reachable by keyboard.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommunityFeature, CompoundSummary } from './data.ts';
import type { Filters } from './filters.ts';
import { COMPOUND_STATUSES, swatchStyle, type CompoundStatus } from './status.ts';

export interface MapFiltersProps {
  readonly communities: readonly CommunityFeature[];
  /** The compounds loaded: the grids to choose from are theirs. */
  readonly compounds: readonly CompoundSummary[];
  readonly filters: Filters;
  onChange(filters: Filters): void;
  onToggleStatus(status: CompoundStatus): void;
  readonly search: string;
  onSearch(text: string): void;
}

export function MapFilters({ communities, compounds, filters, onChange, onToggleStatus, search, onSearch }: MapFiltersProps) {
  const { t, i18n } = useTranslation();
  const collator = useMemo(() => new Intl.Collator(i18n.language), [i18n.language]);
  const streets = useMemo(() => {
    const byId = new Map(communities.map((c) => [c.properties.streetId, c.properties.streetName]));
    return [...byId].sort((a, b) => collator.compare(a[1], b[1]));
  }, [communities, collator]);
  const inStreet = useMemo(
    () =>
      communities
        .filter((c) => filters.streetId === undefined || c.properties.streetId === filters.streetId)
        .sort((a, b) => collator.compare(a.properties.name, b.properties.name)),
    [communities, filters.streetId, collator],
  );
  const grids = useMemo(() => {
    if (filters.communityId === undefined) return [];
    const ids = new Set(compounds.filter((c) => c.properties.communityId === filters.communityId).flatMap((c) => c.properties.gridIds));
    return [...ids].sort(collator.compare);
  }, [compounds, filters.communityId, collator]);

  return (
    <section className="filters" aria-labelledby="filters-title">
      <h2 id="filters-title">{t('filters.title')}</h2>
      <div className="field">
        <label htmlFor="compound-search">{t('map.search.label')}</label>
        <input
          id="compound-search"
          type="search"
          value={search}
          placeholder={t('map.search.placeholder')}
          autoComplete="off"
          onChange={(event) => onSearch(event.target.value)}
        />
      </div>
      <fieldset className="status-filter">
        <legend>{t('filters.status')}</legend>
        {COMPOUND_STATUSES.map((status) => (
          <label key={status} className="status-chip" data-status={status}>
            <input type="checkbox" checked={!filters.hidden.has(status)} onChange={() => onToggleStatus(status)} />
            <span className="swatch" style={swatchStyle(status)} aria-hidden="true" />
            {t(`status.${status}`)}
          </label>
        ))}
      </fieldset>
      {streets.length > 1 && (
        <Choice
          id="street-filter"
          label={t('filters.street')}
          all={t('filters.allStreets')}
          value={filters.streetId}
          options={streets}
          onChange={(streetId) => onChange({ ...filters, streetId, communityId: undefined, gridId: undefined })}
        />
      )}
      {communities.length > 1 && (
        <Choice
          id="community-filter"
          label={t('filters.community')}
          all={t('filters.allCommunities')}
          value={filters.communityId}
          options={inStreet.map((c) => [c.properties.id, c.properties.name])}
          onChange={(communityId) => onChange({ ...filters, communityId, gridId: undefined })}
        />
      )}
      {grids.length > 0 && (
        <Choice
          id="grid-filter"
          label={t('filters.grid')}
          all={t('filters.allGrids')}
          value={filters.gridId}
          options={grids.map((id) => [id, id])}
          onChange={(gridId) => onChange({ ...filters, gridId })}
        />
      )}
    </section>
  );
}

interface ChoiceProps {
  readonly id: string;
  readonly label: string;
  /** The first option, choosing none (undefined). */
  readonly all: string;
  readonly value: string | undefined;
  /** [value, name] pairs. */
  readonly options: readonly (readonly [string, string])[];
  onChange(value: string | undefined): void;
}

/** One place filter: a labelled select whose first option is "all". */
function Choice({ id, label, all, value, options, onChange }: ChoiceProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(event) => onChange(event.target.value || undefined)}>
        <option value="">{all}</option>
        {options.map(([key, name]) => (
          <option key={key} value={key}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
