/**
 * Completing a disinfection round (环境消杀): the task's area set, all ticked to begin with; an
 * area left unticked makes the round partial, which needs a reason — the same rule the API
 * applies (RoundCompletion), checked here first so the worker is told before sending.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AREA_CODES, RoundCompletion, type AreaCode } from '#shared/schemas/disinfection.ts';
import type { TaskSummary } from '#shared/schemas/task.ts';

export interface RoundFormProps {
  readonly task: Pick<TaskSummary, 'id' | 'round' | 'status' | 'areasDone'>;
  readonly enabled: boolean;
  readonly busy: boolean;
  onComplete(completion: RoundCompletion): void;
}

/** The body to send, or what is missing: no area at all, or a reason for a partial round. */
export function roundCompletionOf(planned: readonly AreaCode[], areas: readonly AreaCode[], reason: string, note: string):
  { ok: true; body: RoundCompletion } | { ok: false; missing: 'areas' | 'reason' } {
  const done = planned.filter((a) => areas.includes(a));
  if (done.length === 0) return { ok: false, missing: 'areas' };
  const partial = done.length < planned.length;
  if (partial && reason.trim() === '') return { ok: false, missing: 'reason' };
  const parsed = RoundCompletion.safeParse({
    areas: done,
    ...(note.trim() ? { note: note.trim() } : {}),
    ...(partial ? { reason: reason.trim() } : {}),
  });
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, missing: 'areas' };
}

export function RoundForm({ task, enabled, busy, onComplete }: RoundFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const planned = task.round?.planned ?? [...AREA_CODES];
  const [areas, setAreas] = useState<readonly AreaCode[]>(task.areasDone ?? planned);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<'areas' | 'reason'>();
  const partial = areas.length < planned.length;
  const done = task.status === 'done';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = roundCompletionOf(planned, areas, reason, note);
    if (!result.ok) {
      setMissing(result.missing);
      return;
    }
    setMissing(undefined);
    onComplete(result.body);
  };

  return (
    <form className="visit-form round-form" aria-labelledby={`${id}-title`} onSubmit={submit} noValidate>
      <h2 id={`${id}-title`}>{t('tasks.round.title')}</h2>
      {missing && (
        <p className="notice notice-error" role="alert">
          {missing === 'reason' ? t('tasks.round.reasonNeeded') : t('tasks.round.areasNeeded')}
        </p>
      )}
      <fieldset className="visit-checks" disabled={!enabled || done} aria-invalid={missing === 'areas' || undefined}>
        <legend>{t('tasks.round.areas')}</legend>
        {planned.map((area) => (
          <label key={area} className="choice" data-area={area}>
            <input
              type="checkbox"
              checked={areas.includes(area)}
              onChange={(event) => {
                setMissing(undefined);
                setAreas(event.target.checked ? [...areas, area] : areas.filter((a) => a !== area));
              }}
            />
            <span>{t(`tasks.round.area.${area}`)}</span>
          </label>
        ))}
      </fieldset>
      {partial && !done && (
        <>
          <label htmlFor={`${id}-reason`} className="field-label">{t('tasks.round.reason')}</label>
          <textarea id={`${id}-reason`} rows={2} maxLength={500} aria-invalid={missing === 'reason' || undefined} value={reason}
            disabled={!enabled} onChange={(event) => {
              setMissing(undefined);
              setReason(event.target.value);
            }} />
        </>
      )}
      {!done && (
        <>
          <label htmlFor={`${id}-note`} className="field-label">{t('tasks.round.note')}</label>
          <textarea id={`${id}-note`} rows={2} maxLength={500} value={note} disabled={!enabled} onChange={(event) => setNote(event.target.value)} />
          {enabled && (
            <button type="submit" className="button button-primary button-wide" data-action="complete" disabled={busy}>
              {t('tasks.round.submit')}
            </button>
          )}
        </>
      )}
    </form>
  );
}
