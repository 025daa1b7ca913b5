/**
 * One person under care in a list, as a phone shows it: masked name, building and room, the
 * current slot's state in words, and the actions a worker takes from the list — report on their
 * behalf, log a contact, show the report link's QR — each opening in place under the row.
 */
import { useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { mayCall } from '../api/may.ts';
import { navigate } from '../layout/navigation.ts';
import { useSession } from '../services.tsx';
import { ContactForm } from './ContactForm.tsx';
import { stateOf, type PersonSummary, type SlotKey } from './data.ts';
import { LinkPanel } from './LinkQr.tsx';
import { ReportForm } from './ReportForm.tsx';
import { SLOT_MARKS } from './SlotStrip.tsx';

export const personPath = (id: string): string => `/people/${encodeURIComponent(id)}`;

/** A person's name as the API gives it (masked in lists), or a placeholder where the role sees none. */
export const nameOf = (person: { name?: string | undefined }, t: TFunction): string => person.name ?? t('people.unnamed');

export interface PersonRowProps {
  readonly person: PersonSummary;
  /** The slot being chased. */
  readonly now: SlotKey;
  /** Where they live, in words (places.ts). */
  readonly place: string;
  /** Why the row is listed (due a test, …), said under the name. */
  readonly note?: ReactNode;
  /** Something changed (a report, a contact): the list reads again, and says what was done. */
  onChanged(said: string): void;
}

export function PersonRow({ person, now, place, note, onChanged }: PersonRowProps) {
  const { t } = useTranslation();
  const { session } = useSession();
  const role = session?.user.role;
  const [open, setOpen] = useState<'report' | 'contact' | 'link'>();
  const state = person.status === 'under_observation' ? stateOf(person, now) : person.status;
  const name = nameOf(person, t);
  const observed = person.status === 'under_observation';
  const toggle = (what: 'report' | 'contact' | 'link') => setOpen(open === what ? undefined : what);

  return (
    <li className="person-row" data-person-id={person.id} data-slot-state={state}>
      <div className="person-row-main">
        <a
          href={personPath(person.id)}
          className="person-name"
          onClick={(event) => {
            event.preventDefault();
            navigate(personPath(person.id));
          }}
        >
          {name}
        </a>
        <span className="person-place">{place}</span>
        <span className="person-category">{t(`people.category.${person.category}`)}</span>
        {observed ? (
          <span className="slot-state" data-state={state}>
            <span className="slot-cell" data-state={state} aria-hidden="true">{SLOT_MARKS[state] ?? ''}</span>
            {t('people.today.slotState', { slot: t(`people.slot.${now.slot}`), state: t(`people.slotStatus.${state}`) })}
          </span>
        ) : (
          <span className="slot-state">{t(`people.status.${person.status}`)}</span>
        )}
        {note && <span className="person-note">{note}</span>}
      </div>
      <div className="person-actions">
        {observed && mayCall(role, 'createPersonReport') && (
          <button type="button" className="button" aria-expanded={open === 'report'} onClick={() => toggle('report')}>{t('people.actions.report')}</button>
        )}
        {mayCall(role, 'createPersonContact') && (
          <button type="button" className="button" aria-expanded={open === 'contact'} onClick={() => toggle('contact')}>{t('people.actions.contact')}</button>
        )}
        {observed && mayCall(role, 'personLink') && (
          <button type="button" className="button" aria-expanded={open === 'link'} onClick={() => toggle('link')}>{t('people.actions.qr')}</button>
        )}
      </div>
      {open === 'report' && (
        <ReportForm
          personId={person.id}
          name={name}
          slot={now}
          onCancel={() => setOpen(undefined)}
          onDone={(slot) => {
            setOpen(undefined);
            onChanged(t('people.report.done', { name, date: slot.date.slice(5), slot: t(`people.slot.${slot.slot}`) }));
          }}
        />
      )}
      {open === 'contact' && (
        <ContactForm
          personId={person.id}
          name={name}
          onCancel={() => setOpen(undefined)}
          onDone={() => {
            setOpen(undefined);
            onChanged(t('people.contact.done', { name }));
          }}
        />
      )}
      {open === 'link' && <LinkPanel personId={person.id} name={name} revocable={false} />}
    </li>
  );
}
