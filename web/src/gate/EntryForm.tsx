/**
 * Registering a person at the gate in as few taps as possible: direction, category, the four
 * musts (四必) as large toggles, temperature on the phone's decimal pad, vehicle plate with its
 * trunk, admitted or turned back with a reason. A temperature at or above FEVER_THRESHOLD_C opens
 * the fever flow (the designated hospital and who escorts); the API raises the community alert
 * with the entry, and the form says so once the entry is answered ("已通知社区") — or that it
 * will be, when the entry waits in the outbox.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FEVER_THRESHOLD_C, PERSON_CATEGORIES } from '#shared/domain/entries.ts';
import type { Entry } from '#shared/schemas/entry.ts';
import { fieldProblems } from '../tasks/field-problems.tsx';
import { failureOf, type OutboxSync } from '../tasks/outbox-sync.ts';
import { CHECKS, emptyDraft, entryOf, hasFever, withTemperature, type DraftField, type EntryDraft } from './entry-draft.ts';

type Said =
  | { readonly kind: 'sent'; readonly fever: boolean }
  | { readonly kind: 'queued'; readonly fever: boolean }
  | { readonly kind: 'failed'; readonly reason: string };

export interface EntryFormProps {
  readonly exitId: string;
  readonly exitName: string;
  readonly sync: OutboxSync;
  /** A draft to start from: the pass panel hands over a pass holder whose temperature opened the fever flow. */
  readonly initial?: EntryDraft | undefined;
}

export function EntryForm({ exitId, exitName, sync, initial }: EntryFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<EntryDraft>(() => initial ?? emptyDraft());
  const [problems, setProblems] = useState<DraftField[]>([]);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<Said>();
  const fever = hasFever(draft);

  const change = (next: EntryDraft) => {
    setDraft(next);
    setSaid(undefined);
    if (problems.length > 0) setProblems(entryOf(next, 'check').ok ? [] : problems);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = entryOf(draft, crypto.randomUUID());
    if (!result.ok) {
      setProblems(result.fields);
      return;
    }
    setProblems([]);
    setBusy(true);
    try {
      const { entry, settlement } = await sync.submit({ kind: 'gate-entry', id: result.body.entryId, subject: exitId, body: result.body, label: exitName });
      const isFever = result.body.escort !== undefined;
      if (settlement.kind === 'failed') {
        // Refused while the duty staff watched: said here and left out of the outbox.
        await sync.discard(entry.id);
        const failure = failureOf(settlement.error);
        setSaid({ kind: 'failed', reason: failure.detail ?? failure.title });
        return;
      }
      if (settlement.kind === 'sent') {
        const answer = settlement.answer as Entry | undefined;
        // The API raised the community alert with a fever entry, in the same transaction.
        setSaid({ kind: 'sent', fever: answer?.fever ?? isFever });
      } else {
        setSaid({ kind: 'queued', fever: isFever });
      }
      // The next person: the direction stays, the rest is cleared.
      setDraft(emptyDraft(draft.direction));
    } catch (error) {
      setSaid({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const { invalid, describedBy, fieldError, summary } = fieldProblems(id, problems, (field) => t(`gate.entry.field.${field}`));

  return (
    <form className="card gate-entry" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)} noValidate>
      <h2 id={`${id}-title`}>{t('gate.entry.title')}</h2>
      {draft.passQr && <p className="notice" data-entry-pass="handed-over">{t('gate.entry.withPass')}</p>}

      <BigChoices className="gate-two" legend={t('gate.entry.direction')} name={`${id}-direction`} options={DIRECTIONS}
        chosen={draft.direction} label={(direction) => t(`gate.entry.${direction}`)} onChoose={(direction) => change({ ...draft, direction })} />

      <BigChoices className="gate-categories" legend={t('gate.entry.categoryLabel')} name={`${id}-category`} options={PERSON_CATEGORIES} data="category"
        chosen={draft.category} label={(category) => t(`gate.category.${category}`)} onChoose={(category) => change({ ...draft, category })} />

      <fieldset className="gate-checks">
        <legend>{t('gate.entry.checks')}</legend>
        {CHECKS.map((check) => (
          <button
            key={check}
            type="button"
            className="button gate-toggle"
            aria-pressed={draft.checks[check]}
            data-check={check}
            onClick={() => change({ ...draft, checks: { ...draft.checks, [check]: !draft.checks[check] } })}
          >
            <span className="gate-toggle-mark" aria-hidden="true">{draft.checks[check] ? '✓' : ''}</span>
            {t(`gate.check.${check}`)}
          </button>
        ))}
      </fieldset>

      <div className="gate-field">
        <label htmlFor={`${id}-temperature`}>{t('gate.entry.temperature')}</label>
        <input
          id={`${id}-temperature`}
          className="gate-temperature"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          placeholder="36.5"
          aria-invalid={invalid('temperatureC')}
          aria-describedby={describedBy('temperatureC') ?? `${id}-temperature-hint`}
          value={draft.temperature}
          onChange={(event) => change(withTemperature(draft, event.target.value))}
        />
        <p id={`${id}-temperature-hint`} className="hint">{t('gate.entry.temperatureHint')}</p>
        {fieldError('temperatureC')}
      </div>

      {fever && (
        <section className="notice notice-error gate-fever" aria-labelledby={`${id}-fever`} data-fever="open">
          <h3 id={`${id}-fever`}>{t('gate.fever.title', { threshold: FEVER_THRESHOLD_C })}</h3>
          <p>{t('gate.fever.help')}</p>
          <div className="gate-field">
            <label htmlFor={`${id}-hospital`}>{t('gate.fever.hospital')}</label>
            <input id={`${id}-hospital`} type="text" maxLength={100} aria-invalid={invalid('hospital')} aria-describedby={describedBy('hospital')}
              value={draft.hospital} onChange={(event) => change({ ...draft, hospital: event.target.value })} />
            {fieldError('hospital')}
          </div>
          <div className="gate-field">
            <label htmlFor={`${id}-escort`}>{t('gate.fever.escortedBy')}</label>
            <input id={`${id}-escort`} type="text" maxLength={100} value={draft.escortedBy} onChange={(event) => change({ ...draft, escortedBy: event.target.value })} />
          </div>
        </section>
      )}

      <fieldset className="gate-vehicle">
        <legend>{t('gate.entry.vehicle')}</legend>
        <div className="gate-field">
          <label htmlFor={`${id}-plate`}>{t('gate.entry.plate')}</label>
          <input id={`${id}-plate`} type="text" maxLength={12} autoCapitalize="characters" aria-invalid={invalid('plate')} aria-describedby={describedBy('plate')}
            value={draft.plate} onChange={(event) => change({ ...draft, plate: event.target.value })} />
          {fieldError('plate')}
        </div>
        {draft.plate.trim() !== '' && (
          <div className="gate-field">
            <label htmlFor={`${id}-occupants`}>{t('gate.entry.occupants')}</label>
            <input id={`${id}-occupants`} type="number" inputMode="numeric" min={1} max={60} step={1} aria-invalid={invalid('occupants')} aria-describedby={describedBy('occupants')}
              value={draft.occupants} onChange={(event) => change({ ...draft, occupants: event.target.value })} />
            {fieldError('occupants')}
          </div>
        )}
        {draft.plate.trim() !== '' && (
          <button type="button" className="button gate-toggle" aria-pressed={draft.trunkChecked} onClick={() => change({ ...draft, trunkChecked: !draft.trunkChecked })}>
            <span className="gate-toggle-mark" aria-hidden="true">{draft.trunkChecked ? '✓' : ''}</span>
            {t('gate.entry.trunkChecked')}
          </button>
        )}
      </fieldset>

      <BigChoices className="gate-two" legend={t('gate.entry.outcome')} name={`${id}-outcome`} options={OUTCOMES} data="outcome"
        chosen={draft.outcome} label={(outcome) => t(`gate.entry.${outcome}`)} onChoose={(outcome) => change({ ...draft, outcome })} />
      {draft.outcome === 'refused' && (
        <div className="gate-field">
          <label htmlFor={`${id}-reason`}>{t('gate.entry.refusalReason')}</label>
          <input id={`${id}-reason`} type="text" maxLength={200} aria-invalid={invalid('refusalReason')} aria-describedby={describedBy('refusalReason')}
            value={draft.refusalReason} onChange={(event) => change({ ...draft, refusalReason: event.target.value })} />
          {fieldError('refusalReason')}
        </div>
      )}

      {summary(t('gate.entry.invalid'))}
      <button type="submit" className="button gate-big" disabled={busy}>{t('gate.entry.submit')}</button>
      <EntrySaid said={said} />
    </form>
  );
}

const DIRECTIONS = ['in', 'out'] as const;
const OUTCOMES = ['admitted', 'refused'] as const;

interface BigChoicesProps<T extends string> {
  readonly className: string;
  readonly legend: string;
  /** The radio group's name. */
  readonly name: string;
  readonly options: readonly T[];
  /** Each option's label carries `data-<data>` with its value, where the tests look for it. */
  readonly data?: string;
  readonly chosen: T;
  label(option: T): string;
  onChoose(option: T): void;
}

/** One choice of a few, as large radio buttons a gloved thumb can hit. */
function BigChoices<T extends string>({ className, legend, name, options, data, chosen, label, onChoose }: BigChoicesProps<T>) {
  return (
    <fieldset className={`gate-choices ${className}`}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option} className="choice choice-big" {...(data ? { [`data-${data}`]: option } : {})}>
          <input type="radio" name={name} checked={chosen === option} onChange={() => onChoose(option)} />
          <span>{label(option)}</span>
        </label>
      ))}
    </fieldset>
  );
}

function EntrySaid({ said }: { said: Said | undefined }) {
  const { t } = useTranslation();
  if (!said) return null;
  if (said.kind === 'failed') {
    return <p className="notice notice-error" role="alert" data-entry-said="failed">{t('gate.entry.failed')} {said.reason}</p>;
  }
  return (
    <div className="notice gate-said" role="status" data-entry-said={said.kind}>
      <p>{said.kind === 'sent' ? t('gate.entry.saved') : t('gate.entry.queued')}</p>
      {said.fever && (
        <p className="gate-alerted" data-alert={said.kind === 'sent' ? 'sent' : 'pending'}>
          <strong>{said.kind === 'sent' ? t('gate.fever.sent') : t('gate.fever.pending')}</strong>
        </p>
      )}
    </div>
  );
}
