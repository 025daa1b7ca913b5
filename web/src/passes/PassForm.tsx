/**
 * Issuing a pass (出入证) for one compound: holder's name and ID number, category, an optional
 * plate and building, the days it admits (today for 14 days unless changed) and, for a returnee,
 * the day they came back — the API issues their pass only after 14 days of observation. What
 * the API refuses is said beside the field it names, in the API's own words.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PERSON_CATEGORIES } from '#shared/domain/entries.ts';
import type { Pass } from '#shared/schemas/pass.ts';
import { ProblemError } from '../api/errors.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useApi } from '../services.tsx';
import { fieldProblems } from '../tasks/field-problems.tsx';
import type { CompoundChoice } from './data.ts';
import { emptyDraft, passRequest, problemFields, type DraftField, type PassDraft } from './pass-draft.ts';

export function PassForm({ compoundId, buildings, onIssued }: { compoundId: string; buildings: readonly CompoundChoice[]; onIssued(pass: Pass): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [draft, setDraft] = useState<PassDraft>(() => emptyDraft());
  /** Each field's problem: the API's words, or none for a field left empty here (said by the form). */
  const [said, setSaid] = useState<ReadonlyMap<DraftField, string | undefined>>(new Map());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [issued, setIssued] = useState<Pass>();

  const change = (next: Partial<PassDraft>) => {
    setDraft({ ...draft, ...next });
    setIssued(undefined);
    // A field changed is not wrong any more until the next try says so.
    const changed = new Map(said);
    for (const field of Object.keys(next)) changed.delete(field as DraftField);
    setSaid(changed);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const request = passRequest(draft);
    if (!request.ok) {
      setSaid(new Map(request.fields.map((field) => [field, undefined])));
      return;
    }
    setSaid(new Map());
    setFailure(undefined);
    setBusy(true);
    try {
      const pass = await api.call('createPass', { params: { id: compoundId }, body: request.body });
      setIssued(pass);
      setDraft(emptyDraft());
      onIssued(pass);
    } catch (error) {
      const fields = error instanceof ProblemError ? problemFields(error.problem) : new Map<DraftField, string>();
      // A pass number that is someone else's (409) is the number's problem.
      if (error instanceof ProblemError && error.status === 409) fields.set('passId', error.problem.detail ?? error.problem.title);
      if (fields.size > 0) setSaid(fields);
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const { invalid, describedBy, fieldError, summary } = fieldProblems(id, [...said.keys()], (field) => said.get(field) ?? t(`passes.form.problem.${field}`));
  const field = (name: DraftField, label: string, input: ReactNode, hint?: string) => (
    <div className="field pass-field" data-field={name}>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {input}
      {hint && <p id={`${id}-${name}-hint`} className="hint">{hint}</p>}
      {fieldError(name)}
    </div>
  );
  const inputProps = (name: DraftField, hinted = false) => ({
    id: `${id}-${name}`,
    'aria-invalid': invalid(name),
    'aria-describedby': describedBy(name) ?? (hinted ? `${id}-${name}-hint` : undefined),
  });

  return (
    <form className="card pass-form" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)} noValidate>
      <h2 id={`${id}-title`}>{t('passes.form.title')}</h2>
      {field('name', t('passes.field.name'),
        <input {...inputProps('name')} type="text" maxLength={50} autoComplete="off" value={draft.name} onChange={(e) => change({ name: e.target.value })} />)}
      {field('idNumber', t('passes.field.idNumber'),
        <input {...inputProps('idNumber')} type="text" maxLength={18} autoComplete="off" inputMode="text" value={draft.idNumber} onChange={(e) => change({ idNumber: e.target.value })} />)}
      {field('category', t('passes.field.category'),
        <select {...inputProps('category')} value={draft.category} onChange={(e) => change({ category: e.target.value as PassDraft['category'] })}>
          {PERSON_CATEGORIES.map((category) => (
            <option key={category} value={category}>{t(`gate.category.${category}`)}</option>
          ))}
        </select>)}
      {field('plate', t('passes.field.plate'),
        <input {...inputProps('plate')} type="text" maxLength={12} autoCapitalize="characters" value={draft.plate} onChange={(e) => change({ plate: e.target.value })} />)}
      {buildings.length > 0 && field('buildingId', t('passes.field.building'),
        <select {...inputProps('buildingId')} value={draft.buildingId} onChange={(e) => change({ buildingId: e.target.value })}>
          <option value="">{t('passes.field.noBuilding')}</option>
          {buildings.map((b) => (
            <option key={b.id} value={b.id}>{b.name}</option>
          ))}
        </select>)}
      <div className="pass-dates">
        {field('validFrom', t('passes.field.validFrom'),
          <input {...inputProps('validFrom')} type="date" value={draft.validFrom} onChange={(e) => change({ validFrom: e.target.value })} />)}
        {field('validUntil', t('passes.field.validUntil'),
          <input {...inputProps('validUntil')} type="date" value={draft.validUntil} onChange={(e) => change({ validUntil: e.target.value })} />)}
      </div>
      <label className="choice pass-returnee">
        <input type="checkbox" checked={draft.returnee} onChange={(e) => change({ returnee: e.target.checked, ...(e.target.checked ? {} : { returnedAt: '' }) })} />
        <span>{t('passes.field.returnee')}</span>
      </label>
      {draft.returnee && field('returnedAt', t('passes.field.returnedAt'),
        <input {...inputProps('returnedAt', true)} type="date" value={draft.returnedAt} onChange={(e) => change({ returnedAt: e.target.value })} />,
        t('passes.field.returnedAtHint'))}
      {field('passId', t('passes.field.passId'),
        <input {...inputProps('passId', true)} type="text" maxLength={64} autoComplete="off" value={draft.passId} onChange={(e) => change({ passId: e.target.value })} />,
        t('passes.field.passIdHint'))}
      {summary(t('passes.form.invalid'))}
      {failure !== undefined && <ErrorNotice title={t('passes.form.failed')} error={failure} />}
      <button type="submit" className="button pass-submit" disabled={busy}>{busy ? t('app.loading') : t('passes.form.submit')}</button>
      {issued && (
        <p className="notice pass-issued" role="status">{t('passes.form.issued', { passId: issued.passId, name: issued.name })}</p>
      )}
    </form>
  );
}
