/**
 * What the caller's role may do to a compound, as the catalogue's route roles say: seal (closed
 * or lockdown, with a reason), lift (with a reason), launch a sweep of it — after confirming its
 * scope and size (buildings and households), then with its fan-out's progress shown live until
 * the API reports it active. A refused or conflicting action shows the API's reason and changes
 * nothing.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '#shared/roles.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useApi } from '../services.tsx';
import type { Campaign, CompoundProps } from './data.ts';
import { mayCall } from '../api/may.ts';
import type { CompoundStatus } from './status.ts';

/** Sealing goes up a level, or back down to closed; lifting ends either. */
const SEAL_LEVELS: Record<CompoundStatus, readonly ('closed' | 'lockdown')[]> = {
  normal: ['closed', 'lockdown'],
  lifted: ['closed', 'lockdown'],
  closed: ['lockdown'],
  lockdown: ['closed'],
};

export interface CompoundActionsProps {
  readonly compound: CompoundProps;
  readonly role: Role | undefined;
  /** What a sweep of the compound covers; undefined while it is being counted. */
  readonly size: { readonly buildings: number; readonly households: number } | undefined;
  /** The campaign the map follows, as last read (polled while it fans out). */
  readonly campaign: Campaign | undefined;
  onStatusChange(id: string, status: CompoundStatus): void;
  onLaunched(campaignId: string): void;
}

type Action = 'seal' | 'lift' | 'sweep';

export function CompoundActions({ compound, role, size, campaign, onStatusChange, onLaunched }: CompoundActionsProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [open, setOpen] = useState<Action>();
  const [level, setLevel] = useState<'closed' | 'lockdown'>();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const [launchedId, setLaunchedId] = useState<string>();

  const levels = SEAL_LEVELS[compound.status];
  const canSeal = mayCall(role, 'sealCompound');
  const canLift = mayCall(role, 'liftCompound') && (compound.status === 'closed' || compound.status === 'lockdown');
  const canSweep = mayCall(role, 'createCampaign');
  if (!canSeal && !canLift && !canSweep) return null;

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(undefined);
    try {
      setDone(await work());
      setOpen(undefined);
      setReason('');
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const params = { id: compound.id };
      const result =
        open === 'lift'
          ? await api.call('liftCompound', { params, body: { reason } })
          : await api.call('sealCompound', { params, body: { level: level ?? levels[0] ?? 'closed', reason } });
      onStatusChange(compound.id, result.status);
      return t('map.actions.changed', { status: t(`status.${result.status}`), exits: result.unresolvedExits });
    });
  };
  const sweep = () =>
    void run(async () => {
      const { id } = await api.call('createCampaign', { body: { kind: 'sweep', scope: { type: 'compound', id: compound.id } } });
      setLaunchedId(id);
      onLaunched(id);
      return '';
    });
  const toggle = (action: Action) => setOpen(open === action ? undefined : action);
  const launched = launchedId !== undefined && campaign?.id === launchedId ? campaign : undefined;

  return (
    <section className="compound-actions" aria-label={t('map.actions.title')}>
      <div className="action-buttons">
        {canSeal && (
          <button type="button" className="button" aria-expanded={open === 'seal'} onClick={() => toggle('seal')}>
            {t('map.actions.seal')}
          </button>
        )}
        {canLift && (
          <button type="button" className="button" aria-expanded={open === 'lift'} onClick={() => toggle('lift')}>
            {t('map.actions.lift')}
          </button>
        )}
        {canSweep && (
          <button type="button" className="button" aria-expanded={open === 'sweep'} disabled={busy} onClick={() => toggle('sweep')}>
            {t('map.actions.sweep')}
          </button>
        )}
      </div>
      {open === 'sweep' && (
        <div className="action-form" role="group" aria-label={t('map.actions.sweepTitle')} data-testid="sweep-confirm">
          <p className="action-scope">
            {size
              ? t('map.actions.sweepScope', { name: compound.name, buildings: size.buildings, households: size.households })
              : t('map.actions.sweepCounting')}
          </p>
          <div className="action-buttons">
            <button type="button" className="button button-primary" disabled={busy || !size || size.buildings === 0} onClick={sweep}>
              {t('map.actions.confirmSweep')}
            </button>
            <button type="button" className="button" onClick={() => setOpen(undefined)}>
              {t('map.actions.cancel')}
            </button>
          </div>
        </div>
      )}
      {(open === 'seal' || open === 'lift') && (
        <form className="action-form" onSubmit={submit}>
          {open === 'seal' && (
            <div className="field">
              <label htmlFor="seal-level">{t('map.actions.level')}</label>
              <select id="seal-level" value={level ?? levels[0]} onChange={(event) => setLevel(event.target.value as 'closed' | 'lockdown')}>
                {levels.map((l) => (
                  <option key={l} value={l}>
                    {t(`status.${l}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor="action-reason">{t('map.actions.reason')}</label>
            <textarea id="action-reason" required maxLength={500} rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
          </div>
          <button type="submit" className="button button-primary" disabled={busy || reason.trim() === ''}>
            {open === 'seal' ? t('map.actions.confirmSeal') : t('map.actions.confirmLift')}
          </button>
        </form>
      )}
      {done && (
        <p className="action-done" role="status">
          {done}
        </p>
      )}
      {launchedId !== undefined && <SweepProgress campaign={launched} expected={size?.buildings} />}
      {error !== undefined && <ErrorNotice title={t('map.actions.failed')} error={error} />}
    </section>
  );
}

/**
 * A launched sweep until the API reports it active: the tasks made so far against the buildings
 * it was confirmed for, then that it has started. Live (the campaign is polled while it fans out).
 */
function SweepProgress({ campaign, expected }: { campaign: Campaign | undefined; expected: number | undefined }) {
  const { t } = useTranslation();
  const fanningOut = campaign === undefined || campaign.status === 'fanning-out';
  const tasks = campaign?.progress.tasksCreated ?? 0;
  const of = Math.max(expected ?? 0, campaign?.totals.buildings ?? 0);
  return (
    <div className="sweep-progress" data-testid="sweep-progress" data-status={campaign?.status ?? 'fanning-out'}>
      <p className="action-done" role="status" aria-busy={fanningOut}>
        {fanningOut ? t('map.actions.fanningOut', { tasks, of }) : t('map.actions.sweepActive', { tasks })}
      </p>
      {fanningOut && <progress max={of || 1} value={tasks} aria-label={t('map.actions.sweepTitle')} />}
    </div>
  );
}
