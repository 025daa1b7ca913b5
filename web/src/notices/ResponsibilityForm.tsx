/**
 * Editing the responsibility list posted at the gate (责任体系公示): street leader, community
 * leader and responsible person, each with a name and a phone (the API's PUT replaces the list).
 * Starts from the list as posted (phones in full to the staff who edit it); what the API refuses
 * is said beside the field it names.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RESPONSIBILITY_ROLES, type ResponsibilityRole } from '#shared/schemas/notice.ts';
import type { Responsibility } from '#shared/schemas/sealing.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useApi } from '../services.tsx';
import { fieldProblems } from '../tasks/field-problems.tsx';
import { useFieldSubmit } from './useFieldSubmit.ts';

type Person = { name: string; phone: string };
type Draft = Record<ResponsibilityRole, Person>;
/** `streetLeader.name`, `streetLeader.phone`, …: the body's own field paths. */
type Field = `${ResponsibilityRole}.${keyof Person}`;
const isField = (field: string): field is Field => /^(streetLeader|communityLeader|responsiblePerson)\.(name|phone)$/.test(field);

const draftOf = (list: Responsibility | null | undefined): Draft =>
  Object.fromEntries(RESPONSIBILITY_ROLES.map((role) => [role, { name: list?.[role].name ?? '', phone: list?.[role].phone ?? '' }])) as Draft;

export interface ResponsibilityFormProps {
  readonly compoundId: string;
  /** The list as posted; null when none was set. */
  readonly current: Responsibility | null;
  onSaved?(list: Responsibility): void;
}

export function ResponsibilityForm({ compoundId, current, onSaved }: ResponsibilityFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(current));
  const form = useFieldSubmit(isField);
  const { said, busy, failure } = form;
  const [saved, setSaved] = useState(false);

  const change = (role: ResponsibilityRole, part: keyof Person, value: string) => {
    setDraft({ ...draft, [role]: { ...draft[role], [part]: value } });
    setSaved(false);
    form.changed(`${role}.${part}`);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const empty = RESPONSIBILITY_ROLES.flatMap((role) => (['name', 'phone'] as const).filter((part) => !draft[role][part].trim()).map((part): Field => `${role}.${part}`));
    await form.submit(empty, async () => {
      const list = await api.call('putResponsibility', { params: { id: compoundId }, body: draft });
      setSaved(true);
      onSaved?.(list);
    });
  };

  const problem = (field: Field) => {
    const [role, part] = field.split('.') as [ResponsibilityRole, keyof Person];
    return said.get(field) ?? t(`notices.responsibility.problem.${part}`, { role: t(`notices.roles.${role}`) });
  };
  const { invalid, describedBy, fieldError, summary } = fieldProblems(id, [...said.keys()], problem);

  return (
    <form className="card notice-form responsibility-form" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)} noValidate>
      <h2 id={`${id}-title`}>{t('notices.responsibility.title')}</h2>
      <p className="hint">{t('notices.responsibility.hint')}</p>
      {RESPONSIBILITY_ROLES.map((role) => (
        <fieldset key={role} className="notice-person" data-role={role}>
          <legend>{t(`notices.roles.${role}`)}</legend>
          {(['name', 'phone'] as const).map((part) => {
            const field: Field = `${role}.${part}`;
            return (
              <div key={part} className="field" data-field={field}>
                <label htmlFor={`${id}-${field}`}>{t(`notices.responsibility.${part}`)}</label>
                <input
                  id={`${id}-${field}`}
                  type={part === 'phone' ? 'tel' : 'text'}
                  inputMode={part === 'phone' ? 'tel' : undefined}
                  maxLength={part === 'phone' ? 20 : 50}
                  autoComplete="off"
                  aria-invalid={invalid(field)}
                  aria-describedby={describedBy(field)}
                  value={draft[role][part]}
                  onChange={(e) => change(role, part, e.target.value)}
                />
                {fieldError(field)}
              </div>
            );
          })}
        </fieldset>
      ))}
      {summary(t('notices.invalid'))}
      {failure !== undefined && <ErrorNotice title={t('notices.responsibility.failed')} error={failure} />}
      <button type="submit" className="button" disabled={busy}>{busy ? t('app.loading') : t('notices.responsibility.save')}</button>
      {saved && <p className="notice" role="status">{t('notices.saved')}</p>}
    </form>
  );
}
