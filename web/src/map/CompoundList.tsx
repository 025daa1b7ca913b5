/**
 * Compounds as a list of buttons: the search results, and the compounds in view — the map's
 * keyboard and screen-reader way in (a canvas has no elements to tab to). Each entry says its
 * status in words and by pattern; choosing one opens its panel and flies the map to it.
 */
import { useTranslation } from 'react-i18next';
import type { CompoundSummary } from './data.ts';
import { swatchStyle } from './status.ts';

/** A longer list is no help to anyone: zoom in or search instead. */
const MAX_LISTED = 300;

export interface CompoundListProps {
  readonly title: string;
  readonly compounds: readonly CompoundSummary[];
  onChoose(compound: CompoundSummary): void;
  /** Folded into a disclosure (the in-view list). */
  readonly collapsed?: boolean;
  readonly emptyText?: string;
  readonly tooMany?: string;
}

export function CompoundList({ title, compounds, onChoose, collapsed, emptyText, tooMany }: CompoundListProps) {
  const { t } = useTranslation();
  const body =
    compounds.length > MAX_LISTED ? (
      <p className="list-note">{tooMany}</p>
    ) : compounds.length === 0 ? (
      emptyText && <p className="list-note">{emptyText}</p>
    ) : (
      <ul className="compound-list">
        {compounds.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="compound-item"
              data-compound-id={c.id}
              data-status={c.properties.status}
              data-community-id={c.properties.communityId ?? ''}
              onClick={() => onChoose(c)}
            >
              <span className="swatch" style={swatchStyle(c.properties.status)} aria-hidden="true" />
              <span className="compound-item-name">{c.properties.name}</span>
              <span className="compound-item-status">{t(`status.${c.properties.status}`)}</span>
            </button>
          </li>
        ))}
      </ul>
    );
  return collapsed ? (
    <details className="compound-list-box">
      <summary>{title}</summary>
      {body}
    </details>
  ) : (
    <section className="compound-list-box" aria-label={title}>
      <h2>{title}</h2>
      {body}
    </section>
  );
}
