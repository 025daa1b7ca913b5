/** Which layers the map draws, and the campaign whose unvisited buildings it shows. */
import { useTranslation } from 'react-i18next';
import type { Campaign } from './data.ts';
import { dateTime } from './when.ts';

export interface Layers {
  readonly communities: boolean;
  readonly exits: boolean;
  readonly unvisited: boolean;
}

export interface LayerSwitchesProps {
  readonly layers: Layers;
  onChange(layers: Layers): void;
  /** Undefined while loading or for roles that follow no campaigns. */
  readonly campaigns: readonly Campaign[] | undefined;
  /** '' for none. */
  readonly campaignId: string;
  onCampaign(id: string): void;
  /** Exits are for overseers. */
  readonly showExits: boolean;
}

export function LayerSwitches({ layers, onChange, campaigns, campaignId, onCampaign, showExits }: LayerSwitchesProps) {
  const { t, i18n } = useTranslation();
  const names = (['communities', ...(showExits ? ['exits'] : []), 'unvisited'] as const) as readonly (keyof Layers)[];
  return (
    <section className="layers" aria-labelledby="layers-title">
      <h2 id="layers-title">{t('map.layers.title')}</h2>
      <div className="layer-switches">
        {names.map((name) => (
          <label key={name} className="layer-switch">
            <input type="checkbox" checked={layers[name]} onChange={() => onChange({ ...layers, [name]: !layers[name] })} />
            {t(`map.layers.${name}`)}
          </label>
        ))}
      </div>
      {campaigns && (
        <div className="field">
          <label htmlFor="campaign-picker">{t('map.layers.campaign')}</label>
          <select id="campaign-picker" value={campaignId} onChange={(event) => onCampaign(event.target.value)}>
            <option value="">{t('map.layers.noCampaign')}</option>
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {t('map.layers.campaignOption', {
                  kind: t(`map.layers.kind.${c.kind}`),
                  scope: t(`map.layers.scope.${c.scope.type}`),
                  at: dateTime(c.createdAt, i18n.language),
                  status: t(`map.layers.campaignStatus.${c.status}`),
                })}
              </option>
            ))}
          </select>
        </div>
      )}
    </section>
  );
}
