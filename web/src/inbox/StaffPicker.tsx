/**
 * Choosing who follows an alert up, from the staff directory by name (never by account): the
 * staff of the alert's community, narrowed by part of a name as the API searches it, each with
 * their role; the choice is sent as their username, which the screen never shows.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '#shared/roles.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useApi } from '../services.tsx';

export interface StaffChoice {
  readonly username: string;
  readonly name: string;
  readonly role: Role;
}

/** At most this many names listed at once: a name typed narrows the rest. */
const SHOWN = 30;

export interface StaffPickerProps {
  readonly title: string;
  /** The alert's community: its staff are listed (all the caller may see without one). */
  readonly communityId: string | undefined;
  readonly busy: boolean;
  onPick(person: StaffChoice): void;
  onCancel(): void;
}

export function StaffPicker({ title, communityId, busy, onPick, onCancel }: StaffPickerProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const id = useId();
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<StaffChoice>();
  const [missing, setMissing] = useState(false);
  const query = q.trim();
  const staff = useAsync(`inbox-staff|${communityId ?? ''}|${query}`, (signal) =>
    api.call('listStaff', { query: { communityId, q: query || undefined } }, { signal }));
  const people = (staff.data ?? staff.latest)?.items ?? [];
  const collator = new Intl.Collator(i18n.language);
  const listed = [...people].sort((a, b) => collator.compare(a.name, b.name)).slice(0, SHOWN);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen) onPick(chosen);
    else setMissing(true);
  };
  return (
    <form className="inbox-form inbox-picker" aria-label={title} noValidate onSubmit={submit}>
      <label htmlFor={`${id}-q`}>{t('inbox.assign.search')}</label>
      <input id={`${id}-q`} type="search" value={q} placeholder={t('inbox.assign.searchHint')} maxLength={50} onChange={(e) => setQ(e.target.value)} />
      {staff.error !== undefined && <ErrorNotice title={t('inbox.assign.loadFailed')} error={staff.error} onRetry={staff.reload} />}
      <fieldset className="inbox-people" aria-describedby={missing && !chosen ? `${id}-error` : undefined}>
        <legend>{t('inbox.assign.pick')}</legend>
        {staff.data && listed.length === 0 && <p className="list-note">{t('inbox.assign.none')}</p>}
        {listed.map((person) => (
          <label key={person.username} className="inbox-person" data-username={person.username}>
            <input type="radio" name={`${id}-person`} checked={chosen?.username === person.username}
              onChange={() => { setChosen({ username: person.username, name: person.name, role: person.role }); setMissing(false); }} />
            <span>{person.name}</span> <span className="role-badge" data-role={person.role}>{t(`roles.${person.role}`)}</span>
          </label>
        ))}
      </fieldset>
      {missing && !chosen && <p id={`${id}-error`} className="field-error">{t('inbox.assign.needed')}</p>}
      <div className="inbox-actions">
        <button type="submit" className="button button-primary" disabled={busy}>{t('inbox.assign.submit')}</button>
        <button type="button" className="button" onClick={onCancel}>{t('inbox.actions.cancel')}</button>
      </div>
    </form>
  );
}
