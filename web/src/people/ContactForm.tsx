/**
 * A cadre's contact with a paired resident (or anyone under care): a visit or a call, how it
 * went, and a note — `POST /v1/people/{id}/contacts`. Reaching them clears "not reached today".
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_OUTCOMES } from '#shared/schemas/person.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { usePersonActions } from './data.ts';
import { useSend } from './useSend.ts';


export function ContactForm({ personId, name, onDone, onCancel }: { personId: string; name: string; onDone(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const actions = usePersonActions();
  const [kind, setKind] = useState<'visit' | 'call'>('call');
  const [outcome, setOutcome] = useState<(typeof CONTACT_OUTCOMES)[number]>('ok');
  const [note, setNote] = useState('');
  const { busy: saving, error, send } = useSend();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await send(() => actions.contact(personId, { kind, outcome, note: note.trim() || undefined }))) onDone();
  };

  return (
    <form className="people-form" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)} noValidate>
      <h3 id={`${id}-title`}>{t('people.contact.title', { name })}</h3>
      <fieldset className="people-checks">
        <legend>{t('people.contact.kind')}</legend>
        {(['call', 'visit'] as const).map((k) => (
          <label key={k} className="choice">
            <input type="radio" name={`${id}-kind`} checked={kind === k} onChange={() => setKind(k)} />
            <span>{t(`people.contact.kinds.${k}`)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="people-checks">
        <legend>{t('people.contact.outcome')}</legend>
        {CONTACT_OUTCOMES.map((o) => (
          <label key={o} className="choice">
            <input type="radio" name={`${id}-outcome`} checked={outcome === o} onChange={() => setOutcome(o)} />
            <span>{t(`people.contact.outcomes.${o}`)}</span>
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-note`}>{t('people.contact.note')}</label>
      <textarea id={`${id}-note`} rows={2} maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />
      {error !== undefined && <ErrorNotice title={t('people.contact.failed')} error={error} />}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>{t('people.cancel')}</button>
        <button type="submit" className="button button-primary" disabled={saving}>{t('people.contact.save')}</button>
      </div>
    </form>
  );
}
