/**
 * One alert in the inbox: what (kind, in words), where (the compound by name), when, its level
 * and whether it went up a level unacknowledged, who took it on and who follows it up (by
 * name), and the actions the role may take — acknowledge, assign to a person, close with what
 * was done. A refusal (409: someone else acknowledged or closed it first) is said in words.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '#shared/roles.ts';
import { ALERT_KINDS, type Alert } from '#shared/schemas/alert.ts';
import { mayCall } from '../api/may.ts';
import { relativeTime } from '../board/relative-time.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useSend } from '../people/useSend.ts';
import { useApi } from '../services.tsx';
import { StaffPicker, type StaffChoice } from './StaffPicker.tsx';

export interface AlertCardProps {
  readonly alert: Alert;
  readonly role: Role;
  readonly compoundName: string | undefined;
  readonly now: number;
  /** The alert as an action's answer says it stands, with what to announce. */
  onChanged(alert: Alert, said: string): void;
}

type Open = 'assign' | 'close' | undefined;

/** The kind in words; a kind this build does not know yet still gets a label. */
export function useKindLabel(): (kind: string) => string {
  const { t } = useTranslation();
  return (kind) => ((ALERT_KINDS as readonly string[]).includes(kind) ? t(`inbox.kinds.${kind}`) : t('inbox.kinds.other'));
}

const temperatureOf = (alert: Alert): number | undefined =>
  alert.kind === 'fever' && typeof alert.details.temperatureC === 'number' ? alert.details.temperatureC : undefined;

export function AlertCard({ alert, role, compoundName, now, onChanged }: AlertCardProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const kindLabel = useKindLabel()(alert.kind);
  const [open, setOpen] = useState<Open>();
  const { busy, error, send, clear } = useSend();
  const when = (iso: string) => relativeTime(iso, now, i18n.language);
  const temperature = temperatureOf(alert);
  const urgent = alert.kind === 'help' && alert.details.urgency === 'high';
  const active = alert.status !== 'closed';
  const toggle = (next: Open) => {
    clear();
    setOpen(open === next ? undefined : next);
  };

  const acknowledge = async () => {
    const answer = await send(() => api.call('acknowledgeAlert', { params: { id: alert.id } }));
    if (answer) onChanged(answer, t('inbox.actions.acknowledged'));
  };
  const assign = async (to: StaffChoice) => {
    const answer = await send(() => api.call('assignAlert', { params: { id: alert.id }, body: { to: to.username } }));
    if (answer) {
      setOpen(undefined);
      onChanged(answer, t('inbox.actions.assigned', { name: answer.assignedToName ?? to.name }));
    }
  };
  const close = async (note: string) => {
    const answer = await send(() => api.call('closeAlert', { params: { id: alert.id }, body: { note } }));
    if (answer) {
      setOpen(undefined);
      onChanged(answer, t('inbox.actions.closed'));
    }
  };

  return (
    <li className="inbox-card" data-testid={`alert-${alert.id}`} data-alert-id={alert.id} data-kind={alert.kind} data-status={alert.status} data-level={alert.level}>
      <p className="inbox-card-head">
        <strong className="inbox-kind">{kindLabel}</strong>
        {urgent && <span className="inbox-chip inbox-chip-urgent">{t('inbox.urgent')}</span>}
        <span className="inbox-chip" data-status={alert.status}>{t(`inbox.statuses.${alert.status}`)}</span>
        <span className="inbox-chip" data-level={alert.level}>{t(`inbox.levels.${alert.level}`)}</span>
      </p>
      <p className="inbox-place">
        {/* The name is read once per compound; until it lands, an ellipsis holds its place. */}
        {compoundName ?? '…'}
        {temperature !== undefined && <span className="inbox-detail"> · {t('inbox.temperature', { value: temperature })}</span>}
      </p>
      <p className="inbox-meta">
        <time dateTime={alert.raisedAt}>{t('inbox.raised', { when: when(alert.raisedAt) })}</time>
        {alert.escalatedTo && (
          <span className="inbox-escalated" data-escalated-to={alert.escalatedTo}>
            {' · '}{t(`inbox.escalatedTo.${alert.escalatedTo}`)}{alert.escalatedAt && ` (${when(alert.escalatedAt)})`}
          </span>
        )}
      </p>
      {alert.acknowledgedAt && (
        <p className="inbox-meta inbox-acknowledged">
          {alert.acknowledgedByName
            ? t('inbox.acknowledgedBy', { name: alert.acknowledgedByName, when: when(alert.acknowledgedAt) })
            : t('inbox.acknowledgedSomeone', { when: when(alert.acknowledgedAt) })}
        </p>
      )}
      {alert.assignedToName && <p className="inbox-meta inbox-assigned">{t('inbox.assignedTo', { name: alert.assignedToName })}</p>}
      {alert.closedAt && (
        <p className="inbox-meta inbox-closed">
          {t('inbox.closedAt', { when: when(alert.closedAt) })}
          {alert.closeNote && <> · {t('inbox.closeNoteSaid', { note: alert.closeNote })}</>}
        </p>
      )}
      {active && (
        <div className="inbox-actions">
          {alert.status === 'open' && mayCall(role, 'acknowledgeAlert') && (
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void acknowledge()}>
              {t('inbox.actions.acknowledge')}
            </button>
          )}
          {mayCall(role, 'assignAlert') && (
            <button type="button" className="button" aria-expanded={open === 'assign'} disabled={busy} onClick={() => toggle('assign')}>
              {t('inbox.actions.assign')}
            </button>
          )}
          {mayCall(role, 'closeAlert') && (
            <button type="button" className="button" aria-expanded={open === 'close'} disabled={busy} onClick={() => toggle('close')}>
              {t('inbox.actions.close')}
            </button>
          )}
        </div>
      )}
      {active && open === 'assign' && (
        <StaffPicker
          title={t('inbox.assign.title', { what: kindLabel })}
          communityId={role === 'grid' ? undefined : (alert.communityId ?? undefined)}
          busy={busy}
          onPick={(person) => void assign(person)}
          onCancel={() => toggle(undefined)}
        />
      )}
      {active && open === 'close' && (
        <CloseForm title={t('inbox.close.title', { what: kindLabel })} busy={busy} onClose={(note) => void close(note)} onCancel={() => toggle(undefined)} />
      )}
      {error !== undefined && <ErrorNotice title={t('inbox.actions.failed')} error={error} />}
    </li>
  );
}

function CloseForm({ title, busy, onClose, onCancel }: { title: string; busy: boolean; onClose(note: string): void; onCancel(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) setMissing(true);
    else onClose(note.trim());
  };
  const invalid = missing && !note.trim();
  return (
    <form className="inbox-form" aria-label={title} noValidate onSubmit={submit}>
      <label htmlFor={`${id}-note`}>{t('inbox.close.note')}</label>
      <textarea id={`${id}-note`} required maxLength={500} value={note} aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-error` : undefined} onChange={(e) => setNote(e.target.value)} />
      {invalid && <p id={`${id}-error`} className="field-error">{t('inbox.close.noteNeeded')}</p>}
      <div className="inbox-actions">
        <button type="submit" className="button button-primary" disabled={busy}>{t('inbox.close.submit')}</button>
        <button type="button" className="button" onClick={onCancel}>{t('inbox.actions.cancel')}</button>
      </div>
    </form>
  );
}
