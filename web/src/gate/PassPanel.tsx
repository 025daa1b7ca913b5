/**
 * The gate's pass check (出入证): scan the QR code with the phone's camera, or type / paste the
 * code printed under it, and the answer comes in large type — a valid pass with its holder
 * (masked), category, plate and validity, and one tap that registers the entry through the
 * outbox linked to the pass (passQr); an invalid one with the reason and nothing to register.
 *
 * Online the API answers (pass-checks: it knows revocations made a minute ago); with no network
 * the phone checks the pass itself with its compound's pass key and the revocations it synced
 * (pass-verify.ts, pass-keys.ts), and says so ("离线核验"). A bare pass number cannot be checked:
 * duty staff may not read the compound's pass list and the number carries no signature, so the
 * field asks for the whole code instead.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FEVER_THRESHOLD_C } from '#shared/domain/entries.ts';
import { parsePassToken, type PassCheckReason, type PassClaims } from '#shared/domain/passes.ts';
import type { Pass } from '#shared/schemas/pass.ts';
import { NetworkError } from '../api/errors.ts';
import { useApi } from '../services.tsx';
import { failureOf, type OutboxSync } from '../tasks/outbox-sync.ts';
import { clockTime } from '../tasks/time.ts';
import type { Read } from '../tasks/useSavedRead.ts';
import { keptPassKey, type PassKey } from './pass-keys.ts';
import { PassScanner } from './PassScanner.tsx';
import { emptyDraft, entryOf, hasFever, withTemperature, type EntryDraft } from './entry-draft.ts';
import { verifyPassOffline } from './pass-verify.ts';

interface Checked {
  readonly qr: string;
  /** Who judged it: the API, or the phone with its kept key. */
  readonly by: 'server' | 'phone';
  readonly valid: boolean;
  readonly reason?: PassCheckReason | undefined;
  readonly claims?: PassClaims | undefined;
  /** The pass as the API holds it (masked), when it answered. */
  readonly pass?: Pass | undefined;
}

type Said =
  | { readonly kind: 'checking' }
  | { readonly kind: 'number-only' | 'no-key' }
  | { readonly kind: 'check-failed' | 'failed'; readonly reason: string }
  | { readonly kind: 'sent' | 'queued' | 'fever' | 'bad-temperature' };

/** A pass number alone (no signature): what a card prints beside its QR code. */
const PASS_NUMBER = /^[A-Za-z0-9_-]{1,64}$/;

/** The phone's clock set right by what the API's clock said when the key was fetched. */
const serverNow = (kept: Read<PassKey> | undefined): string =>
  new Date(Date.now() + (kept ? Date.parse(kept.value.at) - kept.at : 0)).toISOString();

export interface PassPanelProps {
  readonly exitId: string;
  readonly exitName: string;
  readonly username: string;
  readonly sync: OutboxSync;
  /** The exit's pass key as last fetched or kept (pass-keys.ts). */
  readonly passKey: Read<PassKey> | undefined;
  /** A valid pass whose holder has a fever: the entry goes through the registration form's fever flow. */
  readonly onFever: (draft: EntryDraft) => void;
}

export function PassPanel({ exitId, exitName, username, sync, passKey, onFever }: PassPanelProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const id = useId();
  const [text, setText] = useState('');
  const [scanning, setScanning] = useState(false);
  const [checked, setChecked] = useState<Checked>();
  const [said, setSaid] = useState<Said>();
  const [direction, setDirection] = useState<'in' | 'out'>('in');
  const [busy, setBusy] = useState(false);
  // The 四必 still apply to a pass holder: the temperature taken and the mask seen, beside the one tap.
  const [temperature, setTemperature] = useState('');
  const [mask, setMask] = useState(false);

  const check = async (raw: string) => {
    const qr = raw.trim();
    setChecked(undefined);
    if (qr === '') return;
    if (!parsePassToken(qr) && PASS_NUMBER.test(qr)) {
      setSaid({ kind: 'number-only' });
      return;
    }
    setSaid({ kind: 'checking' });
    try {
      const answer = await api.call('checkPass', { params: { id: exitId }, body: { qr } });
      setChecked({ qr, by: 'server', valid: answer.valid, reason: answer.reason, claims: parsePassToken(qr)?.claims, pass: answer.pass });
      setSaid(undefined);
    } catch (error) {
      if (!(error instanceof NetworkError)) {
        const failure = failureOf(error);
        setSaid({ kind: 'check-failed', reason: failure.detail ?? failure.title });
        return;
      }
      const kept = passKey ?? (await keptPassKey(username, exitId).then((saved) => saved && { ...saved, offline: true }));
      if (!kept) {
        setSaid({ kind: 'no-key' });
        return;
      }
      const { claims, judgement } = verifyPassOffline(qr, kept.value, serverNow(kept));
      setChecked({ qr, by: 'phone', valid: judgement.valid, reason: judgement.valid ? undefined : judgement.reason, claims });
      setSaid(undefined);
    }
  };

  const submitText = (event: FormEvent) => {
    event.preventDefault();
    void check(text);
  };

  const scanned = (value: string) => {
    setScanning(false);
    setText(value);
    void check(value);
  };

  const register = async () => {
    const category = checked?.pass?.category ?? checked?.claims?.category;
    if (!checked?.valid || !category) return;
    const taken = withTemperature({ ...emptyDraft(direction), category, passQr: checked.qr }, temperature);
    // The pass identifies its holder and the entry records it.
    const draft: EntryDraft = { ...taken, checks: { ...taken.checks, identityAsked: true, recorded: true, maskWorn: mask } };
    if (hasFever(draft)) {
      // Handed over once: the pass is the form's now (hospital, escort, refused or admitted).
      setChecked(undefined);
      setText('');
      setTemperature('');
      setMask(false);
      setSaid({ kind: 'fever' });
      onFever(draft);
      return;
    }
    const made = entryOf(draft, crypto.randomUUID());
    if (!made.ok) {
      setSaid({ kind: 'bad-temperature' });
      return;
    }
    const body = made.body;
    setBusy(true);
    try {
      const { entry, settlement } = await sync.submit({ kind: 'gate-entry', id: body.entryId, subject: exitId, body, label: exitName });
      if (settlement.kind === 'failed') {
        // Refused while the duty staff watched: said here and left out of the outbox.
        await sync.discard(entry.id);
        const failure = failureOf(settlement.error);
        setSaid({ kind: 'failed', reason: failure.detail ?? failure.title });
        return;
      }
      setSaid({ kind: settlement.kind === 'sent' ? 'sent' : 'queued' });
      // The next person's pass.
      setChecked(undefined);
      setText('');
      setTemperature('');
      setMask(false);
    } catch (error) {
      setSaid({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card gate-card gate-pass" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('gate.pass.title')}</h2>
      <button type="button" className="button gate-big gate-scan" onClick={() => setScanning(true)}>{t('gate.pass.scan')}</button>
      {scanning && <PassScanner onText={scanned} onClose={() => setScanning(false)} />}
      <form className="gate-pass-text" onSubmit={submitText} noValidate>
        <div className="gate-field">
          <label htmlFor={`${id}-text`}>{t('gate.pass.textLabel')}</label>
          <input id={`${id}-text`} type="text" autoComplete="off" autoCapitalize="off" spellCheck={false} maxLength={200}
            aria-describedby={`${id}-text-hint`} value={text} onChange={(event) => setText(event.target.value)} />
          <p id={`${id}-text-hint`} className="hint">{t('gate.pass.textHint')}</p>
        </div>
        <button type="submit" className="button" disabled={said?.kind === 'checking'}>{t('gate.pass.check')}</button>
      </form>
      <p className="hint gate-pass-key" data-pass-key-at={passKey?.at}>
        {passKey ? t('gate.pass.keySynced', { time: clockTime(passKey.at, i18n.language) }) : t('gate.pass.keyNever')}
      </p>

      <div role="status" className="gate-pass-result">
        {checked && <PassResult checked={checked} />}
        {said && <PassSaid said={said} />}
      </div>
      {checked?.valid && (
        <>
          <div className="gate-two gate-pass-direction" role="group" aria-label={t('gate.entry.direction')}>
            {(['in', 'out'] as const).map((d) => (
              <button key={d} type="button" className="button" aria-pressed={direction === d} onClick={() => setDirection(d)}>{t(`gate.entry.${d}`)}</button>
            ))}
          </div>
          <div className="gate-field">
            <label htmlFor={`${id}-temperature`}>{t('gate.entry.temperature')}</label>
            <input id={`${id}-temperature`} className="gate-temperature" type="text" inputMode="decimal" autoComplete="off" placeholder="36.5"
              aria-describedby={`${id}-temperature-hint`} value={temperature} onChange={(event) => setTemperature(event.target.value)} />
            <p id={`${id}-temperature-hint`} className="hint">{t('gate.pass.temperatureHint')}</p>
          </div>
          <button type="button" className="button gate-toggle" aria-pressed={mask} data-check="maskWorn" onClick={() => setMask(!mask)}>
            <span className="gate-toggle-mark" aria-hidden="true">{mask ? '✓' : ''}</span>
            {t('gate.check.maskWorn')}
          </button>
          <button type="button" className="button gate-big gate-pass-register" disabled={busy} onClick={() => void register()}>{t('gate.pass.register')}</button>
        </>
      )}
    </section>
  );
}

function PassResult({ checked }: { checked: Checked }) {
  const { t, i18n } = useTranslation();
  const day = (iso: string) => new Date(iso).toLocaleString(i18n.language, { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
  const category = checked.pass?.category ?? checked.claims?.category;
  const validFrom = checked.pass?.validFrom ?? checked.claims?.validFrom;
  const validUntil = checked.pass?.validUntil ?? checked.claims?.validUntil;
  const passId = checked.pass?.passId ?? checked.claims?.passId;
  return (
    <div className={`gate-pass-verdict ${checked.valid ? 'gate-pass-valid' : 'notice-error'}`} data-pass-valid={checked.valid} data-pass-reason={checked.reason}>
      {checked.by === 'phone' && <p className="gate-pass-offline">{t('gate.pass.offline')}</p>}
      <p className="gate-pass-big">{checked.valid ? t('gate.pass.valid') : t(`gate.pass.reason.${checked.reason ?? 'bad_signature'}`)}</p>
      {checked.valid && (
        <dl className="gate-pass-details">
          {checked.pass && <><dt>{t('gate.pass.holder')}</dt><dd className="gate-pass-holder">{checked.pass.name}</dd></>}
          {category && <><dt>{t('gate.pass.category')}</dt><dd>{t(`gate.category.${category}`)}</dd></>}
          {checked.pass?.plate && <><dt>{t('gate.pass.plate')}</dt><dd>{checked.pass.plate}</dd></>}
          {validFrom && validUntil && <><dt>{t('gate.pass.validity')}</dt><dd>{t('gate.pass.validityRange', { from: day(validFrom), until: day(validUntil) })}</dd></>}
          {passId && <><dt>{t('gate.pass.passId')}</dt><dd>{passId}</dd></>}
        </dl>
      )}
    </div>
  );
}

function PassSaid({ said }: { said: Said }) {
  const { t } = useTranslation();
  switch (said.kind) {
    case 'checking': return <p>{t('gate.pass.checking')}</p>;
    case 'number-only': return <p className="notice notice-warning">{t('gate.pass.numberOnly')}</p>;
    case 'no-key': return <p className="notice notice-error">{t('gate.pass.noKey')}</p>;
    case 'check-failed': return <p className="notice notice-error">{t('gate.pass.checkFailed')} {said.reason}</p>;
    case 'failed': return <p className="notice notice-error" data-pass-said="failed">{t('gate.entry.failed')} {said.reason}</p>;
    case 'sent': return <p className="notice gate-said" data-pass-said="sent">{t('gate.pass.registered')}</p>;
    case 'queued': return <p className="notice gate-said" data-pass-said="queued">{t('gate.entry.queued')}</p>;
    case 'fever': return <p className="notice notice-error" data-pass-said="fever">{t('gate.pass.fever', { threshold: FEVER_THRESHOLD_C })}</p>;
    case 'bad-temperature': return <p className="notice notice-error" data-pass-said="bad-temperature">{t('gate.pass.badTemperature')}</p>;
  }
}
