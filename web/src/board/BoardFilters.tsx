/** The board's filters: one community or all, one reason or all (with each reason's count), and how to group. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EXIT_RULE_CODES, type ExitRuleCode, type Grouping } from './grouping.ts';

export interface BoardFiltersProps {
  readonly communityNames: ReadonlyMap<string, string>;
  readonly communityId: string | undefined;
  onCommunityChange(id: string | undefined): void;
  readonly reason: ExitRuleCode | undefined;
  onReasonChange(reason: ExitRuleCode | undefined): void;
  readonly grouping: Grouping;
  onGroupingChange(grouping: Grouping): void;
  readonly counts: Readonly<Record<ExitRuleCode, number>>;
}

export function BoardFilters(props: BoardFiltersProps) {
  const { t, i18n } = useTranslation();
  const communities = useMemo(() => {
    const collator = new Intl.Collator(i18n.language);
    return [...props.communityNames].sort((a, b) => collator.compare(a[1], b[1]));
  }, [props.communityNames, i18n.language]);
  return (
    <section className="board-filters" aria-label={t('board.filters.title')}>
      {communities.length > 1 && (
        <div className="field">
          <label htmlFor="board-community">{t('board.filters.community')}</label>
          <select id="board-community" value={props.communityId ?? ''} onChange={(e) => props.onCommunityChange(e.target.value || undefined)}>
            <option value="">{t('board.filters.allCommunities')}</option>
            {communities.map(([id, name]) => (
              <option key={id} value={id}>{name}</option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="board-reason">{t('board.filters.reason')}</label>
        <select id="board-reason" value={props.reason ?? ''} onChange={(e) => props.onReasonChange((e.target.value || undefined) as ExitRuleCode | undefined)}>
          <option value="">{t('board.filters.allReasons')}</option>
          {EXIT_RULE_CODES.map((code) => (
            <option key={code} value={code}>
              {t(`board.reasons.${code}`)} ({props.counts[code]})
            </option>
          ))}
        </select>
      </div>
      <fieldset className="board-grouping">
        <legend>{t('board.filters.groupBy')}</legend>
        {(['reason', 'community'] as const).map((g) => (
          <label key={g}>
            <input type="radio" name="board-grouping" value={g} checked={props.grouping === g} onChange={() => props.onGroupingChange(g)} />
            {t(`board.filters.by.${g}`)}
          </label>
        ))}
      </fieldset>
      <ul className="board-reason-counts" aria-label={t('board.filters.counts')}>
        {EXIT_RULE_CODES.map((code) => (
          <li key={code} data-reason={code}>
            <span className="board-reason-tag" data-reason={code} aria-hidden="true">{t(`board.marks.${code}`)}</span>
            {t(`board.reasons.${code}`)} <span className="board-reason-count" data-count={props.counts[code]}>{props.counts[code]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
