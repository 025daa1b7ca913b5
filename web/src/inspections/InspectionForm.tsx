/**
 * Recording an inspection on site: each of the six items in place or not (a finding for each one
 * not), photos from the phone's camera (uploaded one by one as they are taken), the responsible
 * person picked from the compound's responsibility list, and a rectification deadline.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SCORECARD_KEYS, type ScorecardKey } from '#shared/schemas/inspection.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useSend } from '../people/useSend.ts';
import { useApi, useServices } from '../services.tsx';
import { photoProblem, uploadPhoto } from './photos.ts';

type Checked = Record<ScorecardKey, { ok: boolean; finding: string }>;

const RESPONSIBLE_ROLES = ['streetLeader', 'communityLeader', 'responsiblePerson'] as const;

/** The local time of a datetime-local input as an ISO instant (the browser's own zone). */
const instantOf = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

export function InspectionForm({ compoundId, compoundName, onDone, onCancel }: { compoundId: string; compoundName: string; onDone(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const api = useApi();
  const { config } = useServices();
  const [checked, setChecked] = useState<Checked>(() =>
    Object.fromEntries(SCORECARD_KEYS.map((key) => [key, { ok: true, finding: '' }])) as Checked);
  const [responsible, setResponsible] = useState('');
  const [deadline, setDeadline] = useState('');
  const [photos, setPhotos] = useState<{ key: string; name: string }[]>([]);
  const [photoSaid, setPhotoSaid] = useState<string>();
  const [uploading, setUploading] = useState(false);
  const [missing, setMissing] = useState<ScorecardKey[]>([]);
  const list = useAsync(`responsibility|${compoundId}`, (signal) => api.call('getResponsibility', { params: { id: compoundId } }, { signal }));
  const posted = list.data;
  const names = posted ? RESPONSIBLE_ROLES.map((role) => ({ role, name: posted[role].name })) : [];
  const { busy, error, send } = useSend();

  const set = (key: ScorecardKey, change: Partial<Checked[ScorecardKey]>) => setChecked((c) => ({ ...c, [key]: { ...c[key], ...change } }));

  const addPhotos = async (files: FileList | null) => {
    setPhotoSaid(undefined);
    for (const file of Array.from(files ?? [])) {
      const problem = photoProblem(file);
      if (problem) {
        setPhotoSaid(t(`inspections.form.photoProblem.${problem}`, { name: file.name }));
        continue;
      }
      setUploading(true);
      try {
        const key = await uploadPhoto(api, file, config.apiUrl);
        setPhotos((p) => [...p, { key, name: file.name }]);
      } catch {
        setPhotoSaid(t('inspections.form.photoFailed', { name: file.name }));
      } finally {
        setUploading(false);
      }
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const absent = SCORECARD_KEYS.filter((key) => !checked[key].ok && !checked[key].finding.trim());
    setMissing(absent);
    if (absent.length > 0) return;
    const at = instantOf(deadline);
    const body = {
      compoundId,
      items: SCORECARD_KEYS.map((key) => ({ key, ok: checked[key].ok, ...(checked[key].ok ? {} : { finding: checked[key].finding.trim() }) })),
      ...(responsible ? { responsible } : {}),
      ...(at ? { deadline: at } : {}),
      ...(photos.length > 0 ? { photos: photos.map((p) => p.key) } : {}),
    };
    if (await send(() => api.call('createInspection', { body }))) onDone();
  };

  return (
    <form className="inspection-form" aria-label={t('inspections.form.title', { compound: compoundName })} noValidate onSubmit={(e) => void submit(e)}>
      <h2>{t('inspections.form.title', { compound: compoundName })}</h2>
      {SCORECARD_KEYS.map((key) => (
        <fieldset key={key} className="inspection-item" data-key={key}>
          <legend>{t(`inspections.items.${key}`)}</legend>
          <label><input type="radio" name={`${id}-${key}`} checked={checked[key].ok} onChange={() => set(key, { ok: true })} /> {t('inspections.form.ok')}</label>{' '}
          <label><input type="radio" name={`${id}-${key}`} checked={!checked[key].ok} onChange={() => set(key, { ok: false })} /> {t('inspections.form.notOk')}</label>
          {!checked[key].ok && (
            <div className="field">
              <label htmlFor={`${id}-${key}-finding`}>{t('inspections.form.finding')}</label>
              <textarea id={`${id}-${key}-finding`} maxLength={500} value={checked[key].finding} onChange={(e) => set(key, { finding: e.target.value })}
                aria-invalid={missing.includes(key) && !checked[key].finding.trim()}
                aria-describedby={missing.includes(key) ? `${id}-${key}-error` : undefined} />
              {missing.includes(key) && !checked[key].finding.trim() && <p id={`${id}-${key}-error`} className="field-error">{t('inspections.form.findingNeeded')}</p>}
            </div>
          )}
        </fieldset>
      ))}
      <div className="field">
        <label htmlFor={`${id}-responsible`}>{t('inspections.form.responsible')}</label>
        <select id={`${id}-responsible`} value={responsible} onChange={(e) => setResponsible(e.target.value)}>
          <option value="">{list.data ? t('inspections.form.responsibleNone') : t('inspections.form.responsibleMissing')}</option>
          {names.map((n) => <option key={n.role} value={n.name}>{`${n.name}（${t(`inspections.roles.${n.role}`)}）`}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-deadline`}>{t('inspections.form.deadline')}</label>
        <input id={`${id}-deadline`} type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-photos`}>{t('inspections.form.photos')}</label>
        <input id={`${id}-photos`} type="file" accept="image/*" capture="environment" multiple disabled={uploading}
          onChange={(e) => { void addPhotos(e.target.files); e.target.value = ''; }} />
        {uploading && <p className="list-note" role="status">{t('inspections.form.uploading')}</p>}
        {photoSaid && <p className="field-error" role="alert">{photoSaid}</p>}
        {photos.length > 0 && (
          <ul className="inspection-photos" aria-label={t('inspections.form.photosAdded', { count: photos.length })}>
            {photos.map((p) => <li key={p.key} data-photo-key={p.key}>{p.name}</li>)}
          </ul>
        )}
      </div>
      <button type="submit" className="button button-primary" disabled={busy || uploading}>{t('inspections.form.save')}</button>{' '}
      <button type="button" className="button" onClick={onCancel}>{t('inspections.cancel')}</button>
      {error !== undefined && <ErrorNotice title={t('inspections.form.failed')} error={error} />}
    </form>
  );
}
