/**
 * Changing a compound's registry data from its panel: name, address, property management. The
 * change is sent with the version the panel read (If-Match), so it never overwrites what someone
 * else saved meanwhile: the API refuses it (412), the user is told, and the panel reads the
 * compound again and shows its current details to decide on.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompoundPatch } from '#shared/schemas/compound.ts';
import { isStale } from '../api/errors.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useApi } from '../services.tsx';

/** The registry data as the panel last read it, with the version it read. */
export interface EditableCompound {
  readonly name: string;
  readonly address?: string | undefined;
  readonly propertyManaged: boolean;
  readonly etag: string;
}

export interface CompoundEditProps {
  readonly compoundId: string;
  /** Undefined while the panel reads the compound (again). */
  readonly current: EditableCompound | undefined;
  /** Reads the compound again: after a save, and when someone else changed it. */
  onReread(): void;
}

type Outcome = { readonly kind: 'saved' | 'stale' } | { readonly kind: 'failed'; readonly error: unknown };

export function CompoundEdit({ compoundId, current, onReread }: CompoundEditProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  const save = async (patch: CompoundPatch, etag: string) => {
    setBusy(true);
    setOutcome(undefined);
    try {
      await api.call('patchCompound', { params: { id: compoundId }, body: patch }, { ifMatch: etag });
      setOutcome({ kind: 'saved' });
      setOpen(false);
      onReread();
    } catch (error) {
      // Stale: the form stays open and restarts from the version read again.
      if (isStale(error)) {
        setOutcome({ kind: 'stale' });
        onReread();
      } else {
        setOutcome({ kind: 'failed', error });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="compound-actions compound-edit" aria-label={t('map.edit.title')}>
      {!open && (
        <div className="action-buttons">
          <button type="button" className="button" disabled={!current} onClick={() => { setOpen(true); setOutcome(undefined); }}>
            {t('map.edit.open')}
          </button>
        </div>
      )}
      {outcome?.kind === 'stale' && (
        <div className="notice notice-error" role="alert" data-testid="compound-edit-stale">
          <p>{t('map.edit.stale')}</p>
        </div>
      )}
      {open && !current && <p className="list-note">{t('panel.loading')}</p>}
      {open && current && (
        // Keyed by the version: a compound read again starts the form from its current details.
        <EditForm key={current.etag} current={current} busy={busy} onSave={save} onCancel={() => setOpen(false)} />
      )}
      {outcome?.kind === 'saved' && (
        <p className="action-done" role="status">
          {t('map.edit.saved')}
        </p>
      )}
      {outcome?.kind === 'failed' && <ErrorNotice title={t('map.edit.failed')} error={outcome.error} />}
    </section>
  );
}

interface EditFormProps {
  readonly current: EditableCompound;
  readonly busy: boolean;
  onSave(patch: CompoundPatch, etag: string): Promise<void>;
  onCancel(): void;
}

function EditForm({ current, busy, onSave, onCancel }: EditFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(current.name);
  const [address, setAddress] = useState(current.address ?? '');
  const [managed, setManaged] = useState(current.propertyManaged);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Only what the user changed is sent: the rest stays as whoever saved it last left it.
    const patch: CompoundPatch = {
      ...(name.trim() !== current.name ? { name: name.trim() } : {}),
      ...(address.trim() !== (current.address ?? '') ? { address: address.trim() } : {}),
      ...(managed !== current.propertyManaged ? { propertyManaged: managed } : {}),
    };
    if (Object.keys(patch).length === 0) onCancel();
    else void onSave(patch, current.etag);
  };

  return (
    <form className="action-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="compound-edit-name">{t('map.edit.name')}</label>
        <input id="compound-edit-name" required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="compound-edit-address">{t('map.edit.address')}</label>
        <input id="compound-edit-address" maxLength={200} value={address} onChange={(event) => setAddress(event.target.value)} />
      </div>
      <label className="field-check">
        <input type="checkbox" checked={managed} onChange={(event) => setManaged(event.target.checked)} />
        {t('map.edit.propertyManaged')}
      </label>
      <div className="action-buttons">
        <button type="submit" className="button button-primary" disabled={busy || name.trim() === ''}>
          {t('map.edit.save')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={onCancel}>
          {t('map.edit.cancel')}
        </button>
      </div>
    </form>
  );
}
