/**
 * The chosen compound: name, status, community, area, property management, and counts of its
 * buildings, households and exits (loaded when it is chosen). Escape or the close button
 * dismisses it; it takes focus when a compound is chosen so a screen reader reads it.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useCompoundDetail, type CompoundProps } from './data.ts';
import { STATUS_COLOURS } from './status.ts';

export interface CompoundPanelProps {
  readonly compound: CompoundProps;
  readonly communityName: string | undefined;
  onClose(): void;
}

export function CompoundPanel({ compound, communityName, onClose }: CompoundPanelProps) {
  const { t } = useTranslation();
  const detail = useCompoundDetail(compound.id);
  const heading = useRef<HTMLHeadingElement>(null);
  // The panel is keyed by the compound, so mounting it is choosing a compound.
  useEffect(() => heading.current?.focus(), []);

  const pending = detail.loading ? t('panel.loading') : undefined;
  const counts = detail.data;
  return (
    <section
      className="compound-panel"
      aria-labelledby="compound-title"
      data-compound-id={compound.id}
      onKeyDown={(event) => event.key === 'Escape' && onClose()}
    >
      <header className="compound-panel-header">
        <h2 id="compound-title" ref={heading} tabIndex={-1}>
          {compound.name}
        </h2>
        <button type="button" className="button button-icon" aria-label={t('panel.close')} onClick={onClose}>
          ×
        </button>
      </header>
      <dl className="facts">
        <Fact label={t('panel.status')}>
          <span className="status-pill" data-status={compound.status} style={{ background: STATUS_COLOURS[compound.status].fill }}>
            {t(`status.${compound.status}`)}
          </span>
        </Fact>
        <Fact label={t('panel.community')}>{communityName ?? t('panel.unassigned')}</Fact>
        {counts?.address && <Fact label={t('panel.address')}>{counts.address}</Fact>}
        <Fact label={t('panel.area')}>
          {compound.areaM2 > 0 ? t('panel.areaValue', { value: compound.areaM2 }) : t('panel.areaUnknown')}
        </Fact>
        <Fact label={t('panel.property')}>{compound.propertyManaged ? t('panel.managed') : t('panel.unmanaged')}</Fact>
        <Fact label={t('panel.buildings')} testId="buildings">
          {pending ?? (counts && t('panel.count', { count: counts.buildings }))}
        </Fact>
        <Fact label={t('panel.households')} testId="households">
          {pending ?? (counts && t('panel.count', { count: counts.households }))}
        </Fact>
        <Fact label={t('panel.exits')} testId="exits">
          {pending ?? (counts && t('panel.exitsValue', counts.exits))}
        </Fact>
      </dl>
      {detail.error !== undefined && <ErrorNotice title={t('panel.failed')} error={detail.error} onRetry={detail.reload} />}
    </section>
  );
}

function Fact({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  return (
    <div className="fact" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
