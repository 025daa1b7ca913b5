/**
 * The chosen compound: name, status, community, area, property management, counts of its
 * buildings and households; its exits with the reasons any breaks a rule; the current sweep's
 * coverage; today's disinfection; its drop-off points; the responsibility list (phones masked as the API decides for
 * the role); its sealing history; the actions the role may take, and a change of its registry
 * data made from the version shown (CompoundEdit). Escape or the close button
 * dismisses it; it takes focus when a compound is chosen so a screen reader reads it.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { SYSTEM_ACTOR, type Role } from '#shared/roles.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { DropOffList, useDropOffPoints } from '../public/DropOffList.tsx';
import { GateQrCode } from '../public/GateQrCode.tsx';
import { PeopleCount } from '../people/PeopleCount.tsx';
import { NoticesLink } from '../notices/NoticesLink.tsx';
import { CompoundActions } from './CompoundActions.tsx';
import { CompoundEdit } from './CompoundEdit.tsx';
import type { Campaign, CompoundProps, Coverage } from './data.ts';
import { mayCall } from '../api/may.ts';
import { useCompoundDetail, useDisinfectionToday, useResponsibility, useSealingHistory } from './panel-data.ts';
import { swatchStyle, type CompoundStatus } from './status.ts';
import { dateTime } from './when.ts';

export interface CompoundPanelProps {
  readonly compound: CompoundProps;
  readonly role: Role | undefined;
  readonly communityName: string | undefined;
  /** The campaign whose coverage is shown, and this compound's row of it (none when it is outside the scope). */
  readonly campaignId: string | undefined;
  /** That campaign as last read (undefined while it loads): while it fans out, coverage is not known yet. */
  readonly campaign?: Campaign | undefined;
  readonly coverage: Coverage | undefined;
  onClose(): void;
  onStatusChange(id: string, status: CompoundStatus): void;
  onLaunched(campaignId: string): void;
}

export function CompoundPanel(props: CompoundPanelProps) {
  const { compound, role, communityName, onClose } = props;
  const { t, i18n } = useTranslation();
  const [version, setVersion] = useState(0);
  const readsHistory = mayCall(role, 'listCompoundHistory');
  const edits = mayCall(role, 'patchCompound');
  const detail = useCompoundDetail(compound.id, version);
  const history = useSealingHistory(compound.id, version, readsHistory);
  const responsibility = useResponsibility(compound.id);
  const disinfection = useDisinfectionToday(compound.id);
  const dropOff = useDropOffPoints(compound.id);
  const heading = useRef<HTMLHeadingElement>(null);
  // The panel is keyed by the compound, so mounting it is choosing a compound.
  useEffect(() => heading.current?.focus(), []);

  const pending = detail.loading ? t('panel.loading') : undefined;
  const counts = detail.data ?? detail.latest;
  const areaM2 = compound.areaM2 ?? counts?.areaM2;
  const propertyManaged = compound.propertyManaged ?? counts?.propertyManaged;
  const statusChanged = (id: string, status: CompoundStatus) => {
    props.onStatusChange(id, status);
    setVersion((n) => n + 1);
  };
  const reread = () => setVersion((n) => n + 1);
  return (
    <section
      className="compound-panel"
      aria-labelledby="compound-title"
      data-compound-id={compound.id}
      onKeyDown={(event) => event.key === 'Escape' && onClose()}
    >
      <header className="compound-panel-header">
        <h2 id="compound-title" ref={heading} tabIndex={-1}>
          {counts?.name ?? compound.name}
        </h2>
        <button type="button" className="button button-icon" aria-label={t('panel.close')} onClick={onClose}>
          ×
        </button>
      </header>
      <dl className="facts">
        <Fact label={t('panel.status')}>
          {/* Dark words on a light pill (WCAG AA); the status's colour and pattern in its swatch. */}
          <span className="status-pill" data-status={compound.status}>
            <span className="swatch" style={swatchStyle(compound.status)} aria-hidden="true" />
            {t(`status.${compound.status}`)}
          </span>
        </Fact>
        <Fact label={t('panel.community')}>{communityName ?? t('panel.unassigned')}</Fact>
        {counts?.address && <Fact label={t('panel.address')}>{counts.address}</Fact>}
        <Fact label={t('panel.area')}>
          {areaM2 === undefined ? pending : areaM2 > 0 ? t('panel.areaValue', { value: areaM2 }) : t('panel.areaUnknown')}
        </Fact>
        <Fact label={t('panel.property')}>
          {propertyManaged === undefined ? pending : propertyManaged ? t('panel.managed') : t('panel.unmanaged')}
        </Fact>
        <Fact label={t('panel.buildings')} testId="buildings">
          {pending ?? (counts && t('panel.count', { count: counts.buildings }))}
        </Fact>
        <Fact label={t('panel.households')} testId="households">
          {pending ?? (counts && t('panel.count', { count: counts.households }))}
        </Fact>
        <Fact label={t('panel.coverage')} testId="compound-coverage">
          {!props.campaignId
            ? t('panel.noCampaign')
            : props.coverage
              ? t('panel.coverageValue', { percent: props.coverage.coverage, visited: props.coverage.householdsVisited, total: props.coverage.households })
              : props.campaign === undefined
                ? t('panel.loading')
                : props.campaign.status === 'fanning-out'
                  ? t('panel.fanningOut')
                  : t('panel.notInCampaign')}
        </Fact>
        <Fact label={t('panel.disinfection')} testId="disinfection">
          {disinfection.loading
            ? t('panel.loading')
            : disinfection.error !== undefined
              ? t('panel.unavailable')
              : disinfection.data
                ? t('panel.disinfectionValue', { done: disinfection.data.completedRounds, required: disinfection.data.requiredRounds })
                : t('panel.noDisinfection')}
        </Fact>
        <PeopleCount compoundId={compound.id} role={role} />
      </dl>
      {detail.error !== undefined && <ErrorNotice title={t('panel.failed')} error={detail.error} onRetry={detail.reload} />}

      <CompoundActions
        compound={compound}
        role={role}
        size={counts && !detail.loading ? { buildings: counts.buildings, households: counts.households } : undefined}
        campaign={props.campaign}
        onStatusChange={statusChanged}
        onLaunched={props.onLaunched}
      />
      {edits && <CompoundEdit compoundId={compound.id} current={detail.data} onReread={reread} />}
      <NoticesLink compoundId={compound.id} role={role} />

      <h3>{t('panel.exitsTitle')}</h3>
      {counts && (
        <ul className="exit-list" data-testid="exits">
          {counts.exits.length === 0 && <li>{t('panel.noExits')}</li>}
          {counts.exits.map((exit) => (
            <li key={exit.id} data-exit-id={exit.id} data-unresolved={exit.unresolved} className={exit.unresolved ? 'exit-row exit-row-unresolved' : 'exit-row'}>
              <span className={`exit-key exit-${exit.unresolved ? 'unresolved' : exit.status}`} aria-hidden="true">
                {exit.unresolved ? '!' : ''}
              </span>
              <span className="exit-name">{exit.name}</span>
              <span className="exit-status">{t(`map.exits.status.${exit.status}`)}</span>
              {exit.reasons.length > 0 && (
                <ul className="exit-reasons">
                  {exit.reasons.map((r) => (
                    <li key={r.code} data-code={r.code}>
                      {r.message}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}

      <h3>{t('public.dropOff.heading')}</h3>
      {dropOff.data ? (
        <DropOffList points={dropOff.data.items} />
      ) : (
        <p className="list-note">{dropOff.loading ? t('panel.loading') : t('panel.unavailable')}</p>
      )}

      <h3>{t('panel.responsibility')}</h3>
      {responsibility.data ? (
        <dl className="facts" data-testid="responsibility">
          {(['streetLeader', 'communityLeader', 'responsiblePerson'] as const).map((key) => (
            <Fact key={key} label={t(`panel.${key}`)}>
              {/* The phone as the API gives it: masked unless the role may see it in full. */}
              {responsibility.data && t('panel.contact', { name: responsibility.data[key].name, phone: responsibility.data[key].phone })}
            </Fact>
          ))}
        </dl>
      ) : (
        <p className="list-note">{responsibility.loading ? t('panel.loading') : responsibility.error !== undefined ? t('panel.unavailable') : t('panel.noResponsibility')}</p>
      )}

      <GateQrCode compoundId={compound.id} compoundName={compound.name} />

      {readsHistory && (
        <>
          <h3>{t('panel.history')}</h3>
          {history.data && history.data.length === 0 && <p className="list-note">{t('panel.noHistory')}</p>}
          {history.data && history.data.length > 0 && (
            <ol className="history" data-testid="history">
              {history.data.map((entry) => (
                <li key={`${entry.at}-${entry.action}`}>
                  <time dateTime={entry.at}>{dateTime(entry.at, i18n.language)}</time>{' '}
                  {t('panel.historyEntry', {
                    from: t(`status.${String(entry.changes.status?.from ?? 'normal')}`),
                    to: t(`status.${String(entry.changes.status?.to)}`),
                    by: actorOf(entry, t),
                  })}
                  {typeof entry.changes.reason?.to === 'string' && <span className="history-reason">{entry.changes.reason.to}</span>}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

/**
 * Who made a change, as a person reads it: the name the record carries; Cordon's own work
 * (actors system, system:seed) as "System"; an older record without a name by its role — never
 * the account id.
 */
function actorOf(entry: { actor: string; actorName?: string | undefined; role: string }, t: TFunction): string {
  if (entry.actorName) return entry.actorName;
  if (entry.actor === SYSTEM_ACTOR.username || entry.actor.startsWith(`${SYSTEM_ACTOR.username}:`)) return t('panel.system');
  return t('panel.someone', { role: t(`roles.${entry.role}`, { defaultValue: t('panel.unknownRole') }) });
}

function Fact({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  return (
    <div className="fact" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
