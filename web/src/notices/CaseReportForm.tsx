/**
 * Reporting a building's cases of a day (the existing POST /v1/cases): building, China day
 * (today unless changed), kind and count — counts only, no personal data. The API says what a
 * confirmed case sets off (a lockdown suggestion, extra disinfection rounds); the form says what
 * was reported, and what the API refuses beside the field it names.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaDay } from '#shared/domain/china-time.ts';
import { CASE_KINDS, type CaseKind } from '#shared/schemas/case.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useApi } from '../services.tsx';
import { fieldProblems } from '../tasks/field-problems.tsx';
import { useFieldSubmit } from './useFieldSubmit.ts';

type Field = 'buildingId' | 'date' | 'kind' | 'count';
const FIELDS: readonly Field[] = ['buildingId', 'date', 'kind', 'count'];
const isField = (field: string): field is Field => (FIELDS as readonly string[]).includes(field);

export interface CaseReportFormProps {
  readonly compoundId: string;
  readonly buildings: readonly { readonly id: string; readonly name: string }[];
  onReported?(): void;
}

export function CaseReportForm({ compoundId, buildings, onReported }: CaseReportFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const today = chinaDay(new Date().toISOString());
  const [buildingId, setBuildingId] = useState('');
  const [date, setDate] = useState(today);
  const [kind, setKind] = useState<CaseKind>('confirmed');
  const [count, setCount] = useState('1');
  const form = useFieldSubmit(isField);
  const { said, busy, failure } = form;
  const [reported, setReported] = useState<string>();

  const changed = (field: Field) => {
    setReported(undefined);
    form.changed(field);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const number = Number(count);
    const found: Field[] = [];
    if (!buildingId) found.push('buildingId');
    if (!date) found.push('date');
    if (!Number.isInteger(number) || number < 1 || number > 10_000) found.push('count');
    await form.submit(found, async () => {
      const report = await api.call('createCase', { body: { compoundId, buildingId, date, kind, count: number } });
      setReported(t('notices.cases.reported', {
        building: buildings.find((b) => b.id === report.buildingId)?.name ?? '', date: report.date,
        kind: t(`notices.cases.kinds.${report.kind}`), count: report.count,
      }));
      setCount('1');
      onReported?.();
    });
  };

  const { invalid, describedBy, fieldError, summary } = fieldProblems(id, [...said.keys()], (field) => said.get(field) ?? t(`notices.cases.problem.${field}`));
  const field = (name: Field, label: string, input: ReactNode) => (
    <div className="field" data-field={name}>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {input}
      {fieldError(name)}
    </div>
  );
  const inputProps = (name: Field) => ({ id: `${id}-${name}`, 'aria-invalid': invalid(name), 'aria-describedby': describedBy(name) });

  return (
    <form className="card notice-form case-form" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)} noValidate>
      <h2 id={`${id}-title`}>{t('notices.cases.title')}</h2>
      {buildings.length === 0 ? (
        <p className="list-note">{t('notices.cases.noBuildings')}</p>
      ) : (
        <>
          <div className="notice-form-row">
            {field('buildingId', t('notices.cases.building'),
              <select {...inputProps('buildingId')} value={buildingId} onChange={(e) => { setBuildingId(e.target.value); changed('buildingId'); }}>
                <option value="">{t('notices.cases.chooseBuilding')}</option>
                {buildings.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
              </select>)}
            {field('date', t('notices.cases.date'),
              <input {...inputProps('date')} type="date" max={today} value={date} onChange={(e) => { setDate(e.target.value); changed('date'); }} />)}
          </div>
          <div className="notice-form-row">
            {field('kind', t('notices.cases.kind'),
              <select {...inputProps('kind')} value={kind} onChange={(e) => { setKind(e.target.value as CaseKind); changed('kind'); }}>
                {CASE_KINDS.map((k) => <option key={k} value={k}>{t(`notices.cases.kinds.${k}`)}</option>)}
              </select>)}
            {field('count', t('notices.cases.count'),
              <input {...inputProps('count')} type="number" inputMode="numeric" min={1} max={10_000} step={1} value={count} onChange={(e) => { setCount(e.target.value); changed('count'); }} />)}
          </div>
          {summary(t('notices.invalid'))}
          {failure !== undefined && <ErrorNotice title={t('notices.cases.failed')} error={failure} />}
          <button type="submit" className="button" disabled={busy}>{busy ? t('app.loading') : t('notices.cases.submit')}</button>
          {reported && <p className="notice" role="status">{reported}</p>}
        </>
      )}
    </form>
  );
}
