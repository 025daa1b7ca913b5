/**
 * Editing the compound's hotlines posted at the gate: a few lines of label and phone (community
 * office, property, epidemic hotline), in the order posted; a compound with none starts from
 * those three labels. Saving replaces the list (the API's PUT); what the API refuses is said
 * beside the line and field it names (`hotlines.<n>.phone`).
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_HOTLINES, type Hotline, type Hotlines } from '#shared/schemas/notice.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useApi } from '../services.tsx';
import { fieldProblems } from '../tasks/field-problems.tsx';
import { useFieldSubmit } from './useFieldSubmit.ts';

/** What a compound without hotlines is offered: the lines a gate notice usually has. */
const SUGGESTED = ['office', 'property', 'epidemic'] as const;

/** `hotlines.0.label`, `hotlines.0.phone`, …: the body's own field paths. */
type Field = `hotlines.${number}.${keyof Hotline}`;
const isField = (field: string): field is Field => /^hotlines\.\d+\.(label|phone)$/.test(field);
/** A row keeps its key while rows above it are removed. */
type Row = Hotline & { readonly key: number };

export interface HotlinesFormProps {
  readonly compoundId: string;
  readonly current: Hotlines;
  onSaved?(hotlines: Hotlines): void;
}

export function HotlinesForm({ compoundId, current, onSaved }: HotlinesFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [rows, setRows] = useState<Row[]>(() =>
    current.hotlines.length > 0
      ? current.hotlines.map((line, key) => ({ ...line, key }))
      : SUGGESTED.map((line, key) => ({ label: t(`notices.hotlines.suggest.${line}`), phone: '', key })),
  );
  const [nextKey, setNextKey] = useState(100);
  const form = useFieldSubmit(isField);
  const { said, busy, failure } = form;
  const [saved, setSaved] = useState(false);

  const edit = (next: Row[]) => {
    setRows(next);
    setSaved(false);
    // Line numbers move when a row goes: what was said is said again on the next try.
    form.forgetAll();
  };
  const change = (index: number, part: keyof Hotline, value: string) =>
    edit(rows.map((row, i) => (i === index ? { ...row, [part]: value } : row)));
  const add = () => {
    edit([...rows, { label: '', phone: '', key: nextKey }]);
    setNextKey(nextKey + 1);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // A row left wholly empty is no line; a half-filled one is a problem.
    const lines = rows.filter((row) => row.label.trim() || row.phone.trim());
    const empty = lines.flatMap((line, n) => (['label', 'phone'] as const).filter((part) => !line[part].trim()).map((part): Field => `hotlines.${n}.${part}`));
    if (lines.length !== rows.length) setRows(lines);
    await form.submit(empty, async () => {
      const result = await api.call('putHotlines', { params: { id: compoundId }, body: { hotlines: lines.map(({ label, phone }) => ({ label, phone })) } });
      setSaved(true);
      onSaved?.(result);
    });
  };

  const problem = (field: Field) => {
    const [, n, part] = field.split('.') as [string, string, keyof Hotline];
    return said.get(field) ?? t(`notices.hotlines.problem.${part}`, { n: Number(n) + 1 });
  };
  const { invalid, describedBy, fieldError, summary } = fieldProblems(id, [...said.keys()], problem);

  return (
    <form className="card notice-form hotlines-form" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)} noValidate>
      <h2 id={`${id}-title`}>{t('notices.hotlines.title')}</h2>
      <p className="hint">{t('notices.hotlines.hint')}</p>
      {rows.length === 0 && <p className="list-note">{t('notices.hotlines.none')}</p>}
      <ol className="hotline-rows">
        {rows.map((row, n) => (
          <li key={row.key} className="hotline-row" aria-label={t('notices.hotlines.rowLabel', { n: n + 1 })}>
            {(['label', 'phone'] as const).map((part) => {
              const field: Field = `hotlines.${n}.${part}`;
              return (
                <div key={part} className="field" data-field={field}>
                  <label htmlFor={`${id}-${row.key}-${part}`}>{t(`notices.hotlines.${part}`)}</label>
                  <input
                    id={`${id}-${row.key}-${part}`}
                    type={part === 'phone' ? 'tel' : 'text'}
                    inputMode={part === 'phone' ? 'tel' : undefined}
                    maxLength={part === 'phone' ? 20 : 30}
                    autoComplete="off"
                    aria-invalid={invalid(field)}
                    aria-describedby={describedBy(field)}
                    value={row[part]}
                    onChange={(e) => change(n, part, e.target.value)}
                  />
                  {fieldError(field)}
                </div>
              );
            })}
            <button type="button" className="button button-quiet" onClick={() => edit(rows.filter((_, i) => i !== n))}>
              {t('notices.hotlines.remove', { n: n + 1 })}
            </button>
          </li>
        ))}
      </ol>
      {rows.length < MAX_HOTLINES && (
        <button type="button" className="button button-quiet" onClick={add}>{t('notices.hotlines.add')}</button>
      )}
      {summary(t('notices.invalid'))}
      {failure !== undefined && <ErrorNotice title={t('notices.hotlines.failed')} error={failure} />}
      <button type="submit" className="button" disabled={busy}>{busy ? t('app.loading') : t('notices.hotlines.save')}</button>
      {saved && <p className="notice" role="status">{t('notices.saved')}</p>}
    </form>
  );
}
