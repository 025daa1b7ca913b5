/**
 * Which compound's passes: a community admin chooses among the compounds of their community; city
 * staff choose a community first (from the city's communities), then one of its compounds. A name
 * filter narrows a long list. The choice is kept in the URL (`?compound=`), so a reload or the
 * way back from a printed card returns to the same compound.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '#shared/roles.ts';
import { useCommunityNames } from '../board/data.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useCompoundChoices } from './data.ts';

export interface CompoundPickerProps {
  readonly role: Role;
  readonly compoundId: string | undefined;
  onChoose(compound: { id: string; name: string } | undefined): void;
}

export function CompoundPicker({ role, compoundId, onChoose }: CompoundPickerProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const cityWide = role === 'city';
  const communityNames = useCommunityNames();
  const [communityId, setCommunityId] = useState<string>();
  const [filter, setFilter] = useState('');
  const choices = useCompoundChoices(cityWide ? communityId : undefined, !cityWide || communityId !== undefined);
  const communities = useMemo(() => {
    const collator = new Intl.Collator(i18n.language);
    return [...communityNames].sort((a, b) => collator.compare(a[1], b[1]));
  }, [communityNames, i18n.language]);
  const shown = useMemo(() => {
    const text = filter.trim().toLowerCase();
    const matching = text ? choices.compounds.filter((c) => c.name.toLowerCase().includes(text)) : choices.compounds;
    // The chosen compound stays listed, so the select still says it.
    const chosen = choices.compounds.find((c) => c.id === compoundId);
    return chosen && !matching.includes(chosen) ? [chosen, ...matching] : matching;
  }, [choices.compounds, filter, compoundId]);

  return (
    <section className="pass-picker" aria-label={t('passes.picker.label')}>
      {cityWide && (
        <div className="field">
          <label htmlFor={`${id}-community`}>{t('passes.picker.community')}</label>
          <select id={`${id}-community`} value={communityId ?? ''} onChange={(e) => { setCommunityId(e.target.value || undefined); onChoose(undefined); }}>
            <option value="">{t('passes.picker.chooseCommunity')}</option>
            {communities.map(([communityId, name]) => (
              <option key={communityId} value={communityId}>{name}</option>
            ))}
          </select>
        </div>
      )}
      {(!cityWide || communityId !== undefined) && (
        <>
          <div className="field">
            <label htmlFor={`${id}-filter`}>{t('passes.picker.filter')}</label>
            <input id={`${id}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-compound`}>{t('passes.picker.compound')}</label>
            <select
              id={`${id}-compound`}
              value={compoundId ?? ''}
              disabled={choices.loading}
              onChange={(e) => onChoose(choices.compounds.find((c) => c.id === e.target.value))}
            >
              <option value="">{choices.loading ? t('app.loading') : t('passes.picker.chooseCompound', { count: shown.length })}</option>
              {shown.map((c) => (
                <option key={c.id} value={c.id}>{c.name}</option>
              ))}
            </select>
          </div>
        </>
      )}
      {choices.error !== undefined && <ErrorNotice title={t('passes.picker.failed')} error={choices.error} onRetry={choices.reload} />}
    </section>
  );
}
