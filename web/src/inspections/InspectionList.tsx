/**
 * Inspections of the chosen compound (or the caller's whole jurisdiction), newest first, by
 * status; each shows who inspected, what was found, the responsible person and the deadline, and
 * the community records its rectification with what was done.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '#shared/roles.ts';
import { INSPECTION_STATUSES, type Inspection, type InspectionStatus } from '#shared/schemas/inspection.ts';
import { mayCall } from '../api/may.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useSend } from '../people/useSend.ts';
import { useApi } from '../services.tsx';

const when = (at: string, language: string) =>
  new Date(at).toLocaleString(language, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

export function InspectionList({ role, compoundId, onChanged }: { role: Role; compoundId: string | undefined; onChanged(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const api = useApi();
  const [status, setStatus] = useState<InspectionStatus | ''>('');
  const list = useAsync(`inspections|${compoundId ?? ''}|${status}`, (signal) =>
    api.call('listInspections', { query: { ...(compoundId ? { compoundId } : {}), ...(status ? { status } : {}), limit: 100 } }, { signal }));
  const items = list.data?.items ?? [];
  return (
    <section className="inspection-list" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('inspections.list.title')}</h2>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('inspections.list.status')}</label>
        <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as InspectionStatus | '')}>
          <option value="">{t('inspections.list.all')}</option>
          {INSPECTION_STATUSES.map((s) => <option key={s} value={s}>{t(`inspections.statuses.${s}`)}</option>)}
        </select>
      </div>
      {list.error !== undefined && <ErrorNotice title={t('inspections.list.failed')} error={list.error} onRetry={list.reload} />}
      {list.data && items.length === 0 && <p className="list-note">{t('inspections.list.none')}</p>}
      <ul className="person-list">
        {items.map((inspection) => (
          <InspectionRow key={inspection.id} inspection={inspection} mayRectify={mayCall(role, 'rectifyInspection')} onRectified={onChanged} />
        ))}
      </ul>
    </section>
  );
}

function InspectionRow({ inspection, mayRectify, onRectified }: { inspection: Inspection; mayRectify: boolean; onRectified(): void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const api = useApi();
  const [rectifying, setRectifying] = useState(false);
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const { busy, error, send } = useSend();
  const findings = inspection.items.filter((i) => !i.ok);
  const rectify = async (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) {
      setNoteMissing(true);
      return;
    }
    if (await send(() => api.call('rectifyInspection', { params: { id: inspection.id }, body: { note: note.trim() } }))) onRectified();
  };
  return (
    <li className="person-row inspection-row" data-inspection-id={inspection.id} data-status={inspection.status}>
      <p>
        <strong>{inspection.compoundName}</strong> · <span className={`inspection-status status-${inspection.status}`}>{t(`inspections.statuses.${inspection.status}`)}</span>
      </p>
      <p className="list-note">
        <time dateTime={inspection.inspectedAt}>{when(inspection.inspectedAt, i18n.language)}</time>
        {' · '}{t('inspections.list.by', { name: inspection.inspectorName ?? t('inspections.list.someone') })}
        {inspection.responsible && <>{' · '}{t('inspections.list.responsible', { name: inspection.responsible })}</>}
        {inspection.deadline && <>{' · '}{t('inspections.list.deadline', { at: when(inspection.deadline, i18n.language) })}</>}
        {inspection.photos.length > 0 && <>{' · '}{t('inspections.list.photos', { count: inspection.photos.length })}</>}
      </p>
      {findings.length > 0 && (
        <ul className="inspection-findings">
          {findings.map((f) => <li key={f.key}>{t(`inspections.items.${f.key}`)}：{f.finding}</li>)}
        </ul>
      )}
      {inspection.rectifyNote && <p className="history-reason">{t('inspections.list.rectified', { name: inspection.rectifiedByName ?? '', note: inspection.rectifyNote })}</p>}
      {mayRectify && (inspection.status === 'open' || inspection.status === 'overdue') && (rectifying ? (
        <form className="people-form people-inline" aria-label={t('inspections.list.rectifyTitle', { compound: inspection.compoundName })} noValidate onSubmit={(e) => void rectify(e)}>
          <label htmlFor={`${id}-note`}>{t('inspections.list.rectifyNote')}</label>
          <textarea id={`${id}-note`} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)}
            aria-invalid={noteMissing && !note.trim()} aria-describedby={noteMissing && !note.trim() ? `${id}-error` : undefined} />
          {noteMissing && !note.trim() && <p id={`${id}-error`} className="field-error">{t('inspections.list.rectifyNoteNeeded')}</p>}
          <button type="submit" className="button button-primary" disabled={busy}>{t('inspections.list.rectifySave')}</button>{' '}
          <button type="button" className="button" onClick={() => setRectifying(false)}>{t('inspections.cancel')}</button>
          {error !== undefined && <ErrorNotice title={t('inspections.list.rectifyFailed')} error={error} />}
        </form>
      ) : (
        <button type="button" className="button" onClick={() => setRectifying(true)}>{t('inspections.list.rectify')}</button>
      ))}
    </li>
  );
}
