/**
 * One person under care (/people/{id}): their details masked as the API gives them, the 14-day
 * strip and the slots in words, nucleic-acid tests (record a result), contacts (log one), the
 * report link's QR (issue again, revoke) and release. What the role may do is asked of the
 * catalogue's route roles.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../tasks/time.ts';
import { TEST_RESULTS } from '#shared/domain/observation.ts';
import { ApiError } from '../api/errors.ts';
import { mayCall } from '../api/may.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { navigate } from '../layout/navigation.ts';
import { useSession } from '../services.tsx';
import { ContactForm } from './ContactForm.tsx';
import { chinaToday, slotOfNow, usePerson, usePersonActions } from './data.ts';
import { placeText, usePlaceNames } from './places.ts';
import { LinkPanel } from './LinkQr.tsx';
import { useSend } from './useSend.ts';
import { nameOf } from './PersonRow.tsx';
import { ReportForm } from './ReportForm.tsx';
import { SlotLegend, SlotStrip } from './SlotStrip.tsx';



export function PersonPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const now = useNow(60_000);
  const { session } = useSession();
  const role = session?.user.role;
  const [version, setVersion] = useState(0);
  const [open, setOpen] = useState<'report' | 'contact'>();
  const [said, setSaid] = useState<string>();
  const loaded = usePerson(id, version);
  const person = loaded.data ?? loaded.latest;
  const today = chinaToday(now);
  const names = usePlaceNames(person ? [person] : undefined);
  const name = person ? nameOf(person, t) : '';
  const reread = (message: string) => {
    setSaid(message);
    setOpen(undefined);
    setVersion((n) => n + 1);
  };

  return (
    <section className="person-page" aria-labelledby="person-title" data-person-id={id}>
      <a className="button button-link back-link" href="/people" onClick={(e) => { e.preventDefault(); navigate('/people'); }}>← {t('people.back')}</a>
      {loaded.error !== undefined && <ErrorNotice title={t('people.loadFailed')} error={loaded.error} onRetry={loaded.reload} />}
      {!person && loaded.loading && <p role="status">{t('app.loading')}</p>}
      {person && (
        <>
          <h1 id="person-title">{name}</h1>
          {said && <p className="notice" role="status">{said}</p>}
          <dl className="facts">
            <dt>{t('people.enrol.category')}</dt><dd>{t(`people.category.${person.category}`)}</dd>
            <dt>{t('people.register.status')}</dt><dd data-testid="person-status">{t(`people.status.${person.status}`)}</dd>
            <dt>{t('people.enrol.household')}</dt><dd>{placeText(person, names, (room) => t('people.room', { room }))}</dd>
            {person.phone && <><dt>{t('people.enrol.phone')}</dt><dd>{person.phone}</dd></>}
            {person.idLast4 && <><dt>{t('people.enrol.idNumber')}</dt><dd>{t('people.idLast4', { last4: person.idLast4 })}</dd></>}
            {person.reason && <><dt>{t('people.enrol.reason')}</dt><dd>{person.reason}</dd></>}
            {person.period && <><dt>{t('people.period')}</dt><dd>{t('people.periodValue', { start: person.period.start, end: person.period.end })}</dd></>}
            {person.pairedWith && <><dt>{t('people.enrol.pairedWith')}</dt><dd>{person.pairedWithName ?? t('people.pairs.cadre')}</dd></>}
          </dl>

          {person.status === 'under_observation' && (
            <>
              <h2>{t('people.person.slots')}</h2>
              <SlotLegend />
              <SlotStrip slots={person.slots} start={person.period?.start} today={today} name={name} />
            </>
          )}

          <div className="person-actions">
            {person.status === 'under_observation' && mayCall(role, 'createPersonReport') && (
              <button type="button" className="button" aria-expanded={open === 'report'} onClick={() => setOpen(open === 'report' ? undefined : 'report')}>{t('people.actions.report')}</button>
            )}
            {mayCall(role, 'createPersonContact') && (
              <button type="button" className="button" aria-expanded={open === 'contact'} onClick={() => setOpen(open === 'contact' ? undefined : 'contact')}>{t('people.actions.contact')}</button>
            )}
          </div>
          {open === 'report' && (
            <ReportForm personId={id} name={name} slot={slotOfNow(now)} onCancel={() => setOpen(undefined)}
              onDone={(slot) => reread(t('people.report.done', { name, date: slot.date.slice(5), slot: t(`people.slot.${slot.slot}`) }))} />
          )}
          {open === 'contact' && <ContactForm personId={id} name={name} onCancel={() => setOpen(undefined)} onDone={() => reread(t('people.contact.done', { name }))} />}

          {person.status === 'under_observation' && (
            <>
              <h2>{t('people.person.tests')}</h2>
              <ul className="person-log" data-testid="tests">
                {person.tests.length === 0 && <li className="list-note">{t('people.person.noTests')}</li>}
                {person.tests.map((test) => (
                  <li key={test.due} data-due={test.due}>
                    {t('people.test.dueOn', { date: test.due })} · {test.result ? t(`people.test.${test.result}`) : test.takenAt ? t('people.test.taken') : t('people.test.due')}
                  </li>
                ))}
              </ul>
              {mayCall(role, 'createPersonTest') && <TestForm personId={id} today={today} onDone={() => reread(t('people.test.done'))} />}
            </>
          )}

          <h2>{t('people.person.contacts')}</h2>
          <ul className="person-log" data-testid="contacts">
            {person.contacts.length === 0 && <li className="list-note">{t('people.person.noContacts')}</li>}
            {person.contacts.map((c) => (
              <li key={c.at}>
                <time dateTime={c.at}>{new Date(c.at).toLocaleString(i18n.language, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false })}</time>{' '}
                {t(`people.contact.kinds.${c.kind}`)} · {t(`people.contact.outcomes.${c.outcome}`)}
                {c.byName && <> · {c.byName}</>}
                {c.note && <span className="history-reason">{c.note}</span>}
              </li>
            ))}
          </ul>

          {person.status === 'under_observation' && mayCall(role, 'personLink') && <LinkPanel personId={id} name={name} />}
          {person.status !== 'released' && mayCall(role, 'releasePerson') && <ReleaseButton personId={id} onDone={() => reread(t('people.release.done'))} />}
        </>
      )}
    </section>
  );
}

function TestForm({ personId, today, onDone }: { personId: string; today: string; onDone(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const actions = usePersonActions();
  const [date, setDate] = useState(today);
  const [result, setResult] = useState<(typeof TEST_RESULTS)[number]>('negative');
  const { busy: saving, error, send } = useSend();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Taken on the chosen day (noon in China), for the earliest test still due (the API's default).
    if (await send(() => actions.test(personId, { takenAt: `${date}T04:00:00.000Z`, result }))) onDone();
  };
  return (
    <form className="people-form people-inline" aria-label={t('people.test.title')} onSubmit={(event) => void submit(event)}>
      <label htmlFor={`${id}-date`}>{t('people.test.date')}</label>
      <input id={`${id}-date`} type="date" value={date} max={today} onChange={(e) => setDate(e.target.value)} />
      <label htmlFor={`${id}-result`}>{t('people.test.result')}</label>
      <select id={`${id}-result`} value={result} onChange={(e) => setResult(e.target.value as (typeof TEST_RESULTS)[number])}>
        {TEST_RESULTS.map((r) => <option key={r} value={r}>{t(`people.test.${r}`)}</option>)}
      </select>
      <button type="submit" className="button" disabled={saving}>{t('people.test.save')}</button>
      {error !== undefined && <ErrorNotice title={t('people.test.failed')} error={error} />}
    </form>
  );
}

/**
 * Release, confirmed first. When the API refuses (409: the period is not over, slots or tests
 * missing), its reasons are shown and the community may force it — only with a note saying why.
 */
function ReleaseButton({ personId, onDone }: { personId: string; onDone(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const actions = usePersonActions();
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const { busy, error, send, clear } = useSend();
  const refused = error instanceof ApiError && error.status === 409;
  const release = async (force: boolean) => {
    if (force && note.trim() === '') {
      setNoteMissing(true);
      return;
    }
    if (!(await send(() => actions.release(personId, force ? { force: true, note: note.trim() } : {})))) return;
    setConfirming(false);
    onDone();
  };
  return (
    <section className="person-release">
      {refused ? (
        <form className="people-form" aria-label={t('people.release.forceTitle')} noValidate onSubmit={(e) => { e.preventDefault(); void release(true); }}>
          <label htmlFor={`${id}-note`}>{t('people.release.forceNote')}</label>
          <textarea
            id={`${id}-note`} required maxLength={300} value={note}
            aria-invalid={noteMissing && note.trim() === ''} aria-describedby={noteMissing && note.trim() === '' ? `${id}-note-error` : undefined}
            onChange={(e) => setNote(e.target.value)}
          />
          {noteMissing && note.trim() === '' && <p id={`${id}-note-error`} className="field-error">{t('people.release.forceNoteNeeded')}</p>}
          <button type="submit" className="button button-primary" disabled={busy}>{t('people.release.force')}</button>{' '}
          <button type="button" className="button" onClick={() => { setConfirming(false); clear(); }}>{t('people.cancel')}</button>
        </form>
      ) : confirming ? (
        <p>
          {t('people.release.confirm')}{' '}
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void release(false)}>{t('people.release.yes')}</button>{' '}
          <button type="button" className="button" onClick={() => setConfirming(false)}>{t('people.cancel')}</button>
        </p>
      ) : (
        <button type="button" className="button" onClick={() => setConfirming(true)}>{t('people.release.action')}</button>
      )}
      {error !== undefined && <ErrorNotice title={refused ? t('people.release.refused') : t('people.release.failed')} error={error} />}
    </section>
  );
}
