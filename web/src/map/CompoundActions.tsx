/**
 * What the caller's role may do to a compound, as the catalogue's route roles say: seal (closed
 * or lockdown, with a reason), lift (with a reason), launch a sweep of it. A refused or
 * conflicting action shows the API's reason and changes nothing.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '#shared/roles.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useApi } from '../services.tsx';
import type { CompoundProps } from './data.ts';
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
  onStatusChange(id: string, status: CompoundStatus): void;
  onLaunched(campaignId: string): void;
}

type Action = 'seal' | 'lift';

export function CompoundActions({ compound, role, onStatusChange, onLaunched }: CompoundActionsProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [open, setOpen] = useState<Action>();
  const [level, setLevel] = useState<'closed' | 'lockdown'>();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();

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
      onLaunched(id);
      return t('map.actions.launched');
    });

  return (
    <section className="compound-actions" aria-label={t('map.actions.title')}>
      <div className="action-buttons">
        {canSeal && (
          <button type="button" className="button" aria-expanded={open === 'seal'} onClick={() => setOpen(open === 'seal' ? undefined : 'seal')}>
            {t('map.actions.seal')}
          </button>
        )}
        {canLift && (
          <button type="button" className="button" aria-expanded={open === 'lift'} onClick={() => setOpen(open === 'lift' ? undefined : 'lift')}>
            {t('map.actions.lift')}
          </button>
        )}
        {canSweep && (
          <button type="button" className="button" disabled={busy} onClick={sweep}>
            {t('map.actions.sweep')}
          </button>
        )}
      </div>
      {open && (
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
      {error !== undefined && <ErrorNotice title={t('map.actions.failed')} error={error} />}
    </section>
  );
}
