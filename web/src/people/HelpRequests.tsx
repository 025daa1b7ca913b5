/**
 * Emergency help (紧急救助) for staff, a section of /people: the open requests of the caller's
 * jurisdiction, urgent first as the API lists them, each closed with what was done; and any staff
 * member records one for a household (compound, building, medical/medicine/other, urgency, what
 * is needed). The request raises the community's alert on the server; this view only lists it.
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HELP_KINDS, HELP_URGENCIES, type HelpKind, type HelpRequest, type HelpUrgency } from '#shared/schemas/help.ts';
import type { Role } from '#shared/roles.ts';
import { mayCall } from '../api/may.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { OrderForm } from '../orders/OrderForm.tsx';
import { CompoundPicker } from '../passes/CompoundPicker.tsx';
import { useBuildings } from '../passes/data.ts';
import { useApi } from '../services.tsx';
import { placeText, usePlaceNames } from './places.ts';
import { useSend } from './useSend.ts';

export function HelpRequests({ role }: { role: Role }) {
  const { t } = useTranslation();
  const api = useApi();
  const [version, setVersion] = useState(0);
  const [recording, setRecording] = useState(false);
  const [said, setSaid] = useState<string>();
  const mayList = mayCall(role, 'listHelpRequests');
  const open = useAsync(mayList ? `help-requests|${version}` : null, (signal) =>
    api.call('listHelpRequests', { query: { status: 'open', limit: 100 } }, { signal }));
  const items = useMemo(() => (open.data ?? open.latest)?.items ?? [], [open.data, open.latest]);
  const places = useMemo(() => items.map((r) => ({ compoundId: r.compoundId, buildingId: r.buildingId ?? '' })), [items]);
  const names = usePlaceNames(places);
  const changed = (message: string) => {
    setSaid(message);
    setRecording(false);
    setVersion((n) => n + 1);
  };
  if (!mayList && !mayCall(role, 'createHelpRequest')) return null;

  return (
    <section className="people-section people-help" aria-labelledby="people-help-title" data-section="help">
      <h2 id="people-help-title">{t('people.help.title')} {mayList && <span className="count">{items.length}</span>}</h2>
      {said && <p className="notice" role="status">{said}</p>}
      {open.error !== undefined && <ErrorNotice title={t('people.help.loadFailed')} error={open.error} onRetry={open.reload} />}
      {mayList && open.data && items.length === 0 && <p className="list-note">{t('people.help.none')}</p>}
      <ul className="person-list help-list">
        {items.map((request) => (
          <HelpItem key={request.id} request={request} place={placeText({ compoundId: request.compoundId, buildingId: request.buildingId ?? '' }, names, (room) => room)}
            mayClose={mayCall(role, 'closeHelpRequest')} onClosed={() => changed(t('people.help.closed'))}
            role={mayCall(role, 'createOrder') ? role : undefined} onOrdered={() => changed(t('orders.done.fromHelp'))} />
        ))}
      </ul>
      {mayCall(role, 'createHelpRequest') && (recording
        ? <HelpForm role={role} onCancel={() => setRecording(false)} onDone={() => changed(t('people.help.recorded'))} />
        : <button type="button" className="button" onClick={() => setRecording(true)}>{t('people.help.record')}</button>)}
    </section>
  );
}

/** `role` when the caller may turn the request into a proxy-purchase order (代购, web/src/orders/OrderForm.tsx). */
function HelpItem({ request, place, mayClose, onClosed, role, onOrdered }: { request: HelpRequest; place: string; mayClose: boolean; onClosed(): void; role?: Role | undefined; onOrdered(): void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const api = useApi();
  const [closing, setClosing] = useState(false);
  const [ordering, setOrdering] = useState(false);
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const { busy, error, send } = useSend();
  const close = async (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) {
      setNoteMissing(true);
      return;
    }
    if (await send(() => api.call('closeHelpRequest', { params: { id: request.id }, body: { note: note.trim() } }))) onClosed();
  };
  const label = `${t(`people.help.kinds.${request.kind}`)}${request.urgency === 'high' ? ` · ${t('people.help.urgencies.high')}` : ''}`;
  return (
    <li className="person-row help-item" data-help-id={request.id} data-urgency={request.urgency}>
      <p><strong>{label}</strong>{place && <span className="help-place"> · {place}</span>}</p>
      <p className="list-note">
        <time dateTime={request.raisedAt}>{new Date(request.raisedAt).toLocaleString(i18n.language, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false })}</time>
        {' · '}{t(`people.help.via.${request.via}`)}
      </p>
      {request.note && <p className="history-reason">{request.note}</p>}
      {mayClose && (closing ? (
        <form className="people-form people-inline" aria-label={t('people.help.closeTitle', { what: label })} noValidate onSubmit={(e) => void close(e)}>
          <label htmlFor={`${id}-note`}>{t('people.help.closeNote')}</label>
          <textarea id={`${id}-note`} required maxLength={500} value={note} aria-invalid={noteMissing && !note.trim()}
            aria-describedby={noteMissing && !note.trim() ? `${id}-error` : undefined} onChange={(e) => setNote(e.target.value)} />
          {noteMissing && !note.trim() && <p id={`${id}-error`} className="field-error">{t('people.help.closeNoteNeeded')}</p>}
          <button type="submit" className="button button-primary" disabled={busy}>{t('people.help.closeSave')}</button>{' '}
          <button type="button" className="button" onClick={() => setClosing(false)}>{t('people.cancel')}</button>
          {error !== undefined && <ErrorNotice title={t('people.help.closeFailed')} error={error} />}
        </form>
      ) : (
        <button type="button" className="button" onClick={() => setClosing(true)}>{t('people.help.close')}</button>
      ))}
      {role && (ordering ? (
        <OrderForm role={role} onCancel={() => setOrdering(false)} onDone={() => { setOrdering(false); onOrdered(); }}
          draft={{ compoundId: request.compoundId, buildingId: request.buildingId, kind: request.kind === 'medicine' ? 'medicine' : 'other', urgent: request.urgency === 'high', note: request.note?.slice(0, 300), helpRequestId: request.id }} />
      ) : (
        <button type="button" className="button" onClick={() => setOrdering(true)}>{t('orders.fromHelp')}</button>
      ))}
    </li>
  );
}

/** Recording a request for a household: the place, the kind, the urgency and what is needed. */
function HelpForm({ role, onDone, onCancel }: { role: Role; onDone(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const api = useApi();
  const [compoundId, setCompoundId] = useState<string>();
  const [buildingId, setBuildingId] = useState('');
  const [kind, setKind] = useState<HelpKind>('medical');
  const [urgency, setUrgency] = useState<HelpUrgency>('normal');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<('compoundId' | 'note')[]>([]);
  // One id per request, so a resend after a lost answer records nothing twice.
  const [requestId] = useState(() => crypto.randomUUID());
  const buildings = useBuildings(compoundId);
  const { busy, error, send } = useSend();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const absent = [...(compoundId ? [] : ['compoundId' as const]), ...(note.trim() ? [] : ['note' as const])];
    setMissing(absent);
    if (absent.length > 0 || !compoundId) return;
    const body = { requestId, compoundId, ...(buildingId ? { buildingId } : {}), kind, urgency, note: note.trim() };
    if (await send(() => api.call('createHelpRequest', { body }))) onDone();
  };
  return (
    <form className="people-form" aria-label={t('people.help.record')} noValidate onSubmit={(e) => void submit(e)}>
      <CompoundPicker role={role} compoundId={compoundId} onChoose={(c) => { setCompoundId(c?.id); setBuildingId(''); }} />
      {missing.includes('compoundId') && <p className="field-error">{t('people.help.compoundNeeded')}</p>}
      <label htmlFor={`${id}-building`}>{t('people.enrol.building')}</label>
      <select id={`${id}-building`} value={buildingId} disabled={!compoundId} onChange={(e) => setBuildingId(e.target.value)}>
        <option value="">{t('people.help.anyBuilding')}</option>
        {buildings.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
      </select>
      <label htmlFor={`${id}-kind`}>{t('people.help.kind')}</label>
      <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as HelpKind)}>
        {HELP_KINDS.map((k) => <option key={k} value={k}>{t(`people.help.kinds.${k}`)}</option>)}
      </select>
      <label htmlFor={`${id}-urgency`}>{t('people.help.urgency')}</label>
      <select id={`${id}-urgency`} value={urgency} onChange={(e) => setUrgency(e.target.value as HelpUrgency)}>
        {HELP_URGENCIES.map((u) => <option key={u} value={u}>{t(`people.help.urgencies.${u}`)}</option>)}
      </select>
      <label htmlFor={`${id}-note`}>{t('people.help.note')}</label>
      <textarea id={`${id}-note`} required maxLength={500} value={note} aria-invalid={missing.includes('note') && !note.trim()}
        aria-describedby={missing.includes('note') && !note.trim() ? `${id}-note-error` : undefined} onChange={(e) => setNote(e.target.value)} />
      {missing.includes('note') && !note.trim() && <p id={`${id}-note-error`} className="field-error">{t('people.help.noteNeeded')}</p>}
      <button type="submit" className="button button-primary" disabled={busy}>{t('people.help.save')}</button>{' '}
      <button type="button" className="button" onClick={onCancel}>{t('people.cancel')}</button>
      {error !== undefined && <ErrorNotice title={t('people.help.failed')} error={error} />}
    </form>
  );
}
