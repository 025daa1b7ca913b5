/**
 * A report made for a person by staff (a phone call, a door visit): temperature and symptoms in
 * a few taps, sent as `POST /v1/people/{id}/reports`. The answer names the slot it filled; a
 * fever is said before sending, since the community is alerted at once.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FEVER_THRESHOLD_C } from '#shared/domain/entries.ts';
import { SYMPTOMS, type Symptom } from '#shared/schemas/visit.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { usePersonActions, type SlotKey } from './data.ts';
import { useSend } from './useSend.ts';

export interface ReportFormProps {
  readonly personId: string;
  readonly name: string;
  /**
   * The slot being chased (data.ts slotOfNow): named in the report, so that a call made between
   * the windows fills the slot the worker was chasing rather than none.
   */
  readonly slot: SlotKey;
  /** The slot the report filled, as the API answered. */
  onDone(slot: SlotKey): void;
  onCancel(): void;
}

/** 35.0–42.0 ℃ to one decimal, as a thermometer reads it. */
const temperatureOf = (text: string): number | undefined => {
  const value = Number(text.replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(value) && value >= 34 && value <= 43 ? Math.round(value * 10) / 10 : undefined;
};

export function ReportForm({ personId, name, slot, onDone, onCancel }: ReportFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const actions = usePersonActions();
  const [temperature, setTemperature] = useState('');
  const [symptoms, setSymptoms] = useState<string[]>([]);
  const [invalid, setInvalid] = useState(false);
  const { busy: saving, error, send } = useSend();
  const value = temperatureOf(temperature);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (value === undefined) {
      setInvalid(true);
      return;
    }
    const answer = await send(() => actions.report(personId, { temperatureC: value, symptoms: symptoms as Symptom[], date: slot.date, slot: slot.slot }));
    if (answer) onDone(answer.slot);
  };

  return (
    <form className="people-form" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)} noValidate>
      <h3 id={`${id}-title`}>{t('people.report.title', { name })}</h3>
      <label htmlFor={`${id}-t`}>{t('people.report.temperature')}</label>
      <input
        id={`${id}-t`}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={temperature}
        aria-invalid={invalid && value === undefined}
        aria-describedby={invalid && value === undefined ? `${id}-t-error` : undefined}
        onChange={(event) => setTemperature(event.target.value)}
      />
      {invalid && value === undefined && <p id={`${id}-t-error`} className="field-error">{t('people.report.temperatureInvalid')}</p>}
      {value !== undefined && value >= FEVER_THRESHOLD_C && <p className="notice notice-warning" role="note">{t('people.report.fever')}</p>}
      <fieldset className="people-checks">
        <legend>{t('people.report.symptoms')}</legend>
        {SYMPTOMS.map((symptom) => (
          <label key={symptom} className="choice">
            <input
              type="checkbox"
              checked={symptoms.includes(symptom)}
              onChange={(event) => setSymptoms(event.target.checked ? [...symptoms, symptom] : symptoms.filter((s) => s !== symptom))}
            />
            <span>{t(`tasks.symptom.${symptom}`)}</span>
          </label>
        ))}
      </fieldset>
      {error !== undefined && <ErrorNotice title={t('people.report.failed')} error={error} />}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>{t('people.cancel')}</button>
        <button type="submit" className="button button-primary" disabled={saving}>{t('people.report.send')}</button>
      </div>
    </form>
  );
}
