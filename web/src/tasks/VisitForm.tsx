/**
 * Recording one household's visit in a few taps: the outcome (big radio buttons), people seen
 * (a stepper that starts at a count the outcome allows), symptoms, the people to follow, an
 * optional note. Saving hands the checked visit, with a fresh client visitId, to `onSave` — the
 * outbox — and never waits for the network.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FOUR_CATEGORIES, SYMPTOMS, VISIT_OUTCOMES, type VisitCreate, type VisitFlag } from '#shared/schemas/visit.ts';
import {
  MAX_PEOPLE, chinaToday, emptyDraft, nobodyMet, visitOf, withOutcome, withPeople, type Category, type DraftField, type VisitDraft,
} from './visit-draft.ts';
import { fieldProblems } from './field-problems.tsx';

export interface VisitFormProps {
  /** `unit-floor-room`, e.g. 1-3-302. */
  readonly householdId: string;
  /** How the household is named to the worker (1单元 3层 302). */
  readonly householdLabel: string;
  onSave(visit: VisitCreate): void | Promise<void>;
  onCancel(): void;
  /** Makes the client visitId; a UUID by default. */
  readonly newVisitId?: () => string;
}

export function VisitForm({ householdId, householdLabel, onSave, onCancel, newVisitId = () => crypto.randomUUID() }: VisitFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [draft, setDraft] = useState<VisitDraft>(() => emptyDraft(chinaToday()));
  const [problems, setProblems] = useState<readonly DraftField[]>([]);
  const [saving, setSaving] = useState(false);
  const quiet = nobodyMet(draft.outcome);

  // The form replaces the building on a small screen: take the focus there, for keyboards and readers.
  useEffect(() => heading.current?.focus(), []);

  const change = (next: VisitDraft) => {
    setDraft(next);
    if (problems.length > 0) setProblems([]);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = visitOf(draft, householdId, newVisitId());
    if (!result.ok) {
      setProblems(result.fields);
      return;
    }
    setSaving(true);
    try {
      await onSave(result.body);
    } finally {
      setSaving(false);
    }
  };

  // Each problem is said beside its field as well as in the summary, and tied to it for readers.
  const { invalid, describedBy, fieldError, summary } = fieldProblems(id, problems, (field) => t(`tasks.visit.field.${field}`));

  return (
    <form className="visit-form" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)} noValidate data-household-id={householdId}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t('tasks.visit.title', { household: householdLabel })}
      </h2>

      {summary(t('tasks.visit.invalid'))}

      <fieldset className="visit-outcomes" aria-invalid={invalid('outcome')} aria-describedby={describedBy('outcome')}>
        <legend>{t('tasks.visit.outcome')}</legend>
        {fieldError('outcome')}
        {VISIT_OUTCOMES.map((outcome) => (
          <label key={outcome} className="choice choice-big" data-outcome={outcome}>
            <input
              type="radio"
              name={`${id}-outcome`}
              value={outcome}
              checked={draft.outcome === outcome}
              onChange={() => change(withOutcome(draft, outcome))}
            />
            <span>{t(`tasks.outcome.${outcome}`)}</span>
          </label>
        ))}
      </fieldset>

      <div className="stepper" role="group" aria-labelledby={`${id}-people`}>
        <span id={`${id}-people`} className="field-label">{t('tasks.visit.people')}</span>
        <button type="button" className="button stepper-button" aria-label={t('tasks.visit.fewer')} disabled={quiet || saving}
          onClick={() => change(withPeople(draft, draft.peopleSeen - 1))}>
          −
        </button>
        <input
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_PEOPLE}
          aria-labelledby={`${id}-people`}
          aria-invalid={invalid('peopleSeen')}
          aria-describedby={describedBy('peopleSeen')}
          value={draft.peopleSeen}
          disabled={quiet}
          onChange={(event) => change(withPeople(draft, Number(event.target.value) || 0))}
        />
        <button type="button" className="button stepper-button" aria-label={t('tasks.visit.more')} disabled={quiet || saving}
          onClick={() => change(withPeople(draft, draft.peopleSeen + 1))}>
          +
        </button>
        {fieldError('peopleSeen')}
      </div>

      <fieldset className="visit-checks" disabled={quiet} aria-invalid={invalid('symptoms')} aria-describedby={describedBy('symptoms')}>
        <legend>{t('tasks.visit.symptoms')}</legend>
        {fieldError('symptoms')}
        {quiet && <p className="hint">{t('tasks.visit.symptomsNone')}</p>}
        {SYMPTOMS.map((symptom) => (
          <label key={symptom} className="choice" data-symptom={symptom}>
            <input
              type="checkbox"
              checked={draft.symptoms.includes(symptom)}
              onChange={(event) =>
                change({ ...draft, symptoms: event.target.checked ? [...draft.symptoms, symptom] : draft.symptoms.filter((s) => s !== symptom) })}
            />
            <span>{t(`tasks.symptom.${symptom}`)}</span>
          </label>
        ))}
      </fieldset>

      <fieldset className="visit-checks">
        <legend>{t('tasks.visit.flags')}</legend>
        <FlagCheck flag="returnee" checked={draft.returnee.on} onChange={(on) => change({ ...draft, returnee: { ...draft.returnee, on } })} />
        {draft.returnee.on && (
          <div className="flag-details">
            <label htmlFor={`${id}-origin`}>{t('tasks.visit.origin')}</label>
            <input id={`${id}-origin`} type="text" maxLength={100} aria-invalid={invalid('origin')} aria-describedby={describedBy('origin')} value={draft.returnee.origin}
              onChange={(event) => change({ ...draft, returnee: { ...draft.returnee, origin: event.target.value } })} />
            {fieldError('origin')}
            <label htmlFor={`${id}-date`}>{t('tasks.visit.returnDate')}</label>
            <input id={`${id}-date`} type="date" aria-invalid={invalid('returnDate')} aria-describedby={describedBy('returnDate')} value={draft.returnee.date}
              onChange={(event) => change({ ...draft, returnee: { ...draft.returnee, date: event.target.value } })} />
            {fieldError('returnDate')}
          </div>
        )}
        <FlagCheck flag="home_observation" checked={draft.homeObservation} onChange={(on) => change({ ...draft, homeObservation: on })} />
        <FlagCheck flag="four_categories" checked={draft.fourCategories.on}
          onChange={(on) => change({ ...draft, fourCategories: { ...draft.fourCategories, on } })} />
        {draft.fourCategories.on && (
          <div className="flag-details">
            <label htmlFor={`${id}-category`}>{t('tasks.visit.category')}</label>
            <select id={`${id}-category`} value={draft.fourCategories.category}
              onChange={(event) => change({ ...draft, fourCategories: { on: true, category: event.target.value as Category } })}>
              {FOUR_CATEGORIES.map((category) => (
                <option key={category} value={category}>{t(`tasks.category.${category}`)}</option>
              ))}
            </select>
          </div>
        )}
        <FlagCheck flag="vulnerable" checked={draft.vulnerable} onChange={(on) => change({ ...draft, vulnerable: on })} />
        <FlagCheck flag="tenant" checked={draft.tenant} onChange={(on) => change({ ...draft, tenant: on })} />
      </fieldset>

      <label htmlFor={`${id}-note`} className="field-label">{t('tasks.visit.note')}</label>
      <textarea id={`${id}-note`} rows={2} maxLength={500} aria-invalid={invalid('note')} aria-describedby={describedBy('note')} value={draft.note}
        onChange={(event) => change({ ...draft, note: event.target.value })} />
      {fieldError('note')}

      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>{t('tasks.visit.cancel')}</button>
        <button type="submit" className="button button-primary" disabled={saving}>{t('tasks.visit.save')}</button>
      </div>
    </form>
  );
}

/** One kind of person to follow, ticked or not (details, where the kind has any, follow it in the form). */
function FlagCheck({ flag, checked, onChange }: { flag: VisitFlag['type']; checked: boolean; onChange(on: boolean): void }) {
  const { t } = useTranslation();
  return (
    <label className="choice" data-flag={flag}>
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <span>{t(`tasks.flag.${flag}`)}</span>
    </label>
  );
}
