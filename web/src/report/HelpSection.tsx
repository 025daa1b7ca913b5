/**
 * Emergency help (紧急求助) on the resident's report page: someone who cannot leave home asks for
 * medical care, medicine or other help in a few taps, urgent or not, with an optional word on what
 * is needed. It goes through their own report link (POST /public/reports/{token}/help); the
 * community is alerted at once. The page says only that help was asked — nothing about the place.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HELP_KINDS, HELP_URGENCIES } from '#shared/schemas/constants.ts';
import type { HelpKind, HelpUrgency, PublicHelpAnswer } from '#shared/schemas/help.ts';
import type * as z from '#shared/zod.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { chinaTime } from '../public/format.ts';
import { useApi } from '../services.tsx';

export function HelpSection({ token }: { token: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<HelpKind>();
  const [urgency, setUrgency] = useState<HelpUrgency>('normal');
  const [note, setNote] = useState('');
  const [kindMissing, setKindMissing] = useState(false);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [asked, setAsked] = useState<z.output<typeof PublicHelpAnswer>>();
  // One id per request: a resend after a lost answer asks once.
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!kind) {
      setKindMissing(true);
      return;
    }
    setSending(true);
    setFailure(undefined);
    try {
      const answer = await api.call('createPublicHelp', { params: { token }, body: { requestId, kind, urgency, ...(note.trim() ? { note: note.trim() } : {}) } });
      setAsked(answer);
      setOpen(false);
      setKind(undefined);
      setNote('');
      setRequestId(crypto.randomUUID());
    } catch (error) {
      setFailure(error);
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="resident-section report-help" aria-labelledby="report-help-heading">
      <h2 id="report-help-heading">{t('report.help.title')}</h2>
      <div aria-live="polite">
        {asked ? (
          <p className="report-done" role="status" data-testid="help-asked">
            {t('report.help.asked', { kind: t(`report.help.kinds.${asked.kind}`), time: chinaTime(asked.raisedAt) })}
          </p>
        ) : null}
      </div>
      {open ? (
        <form className="report-help-form" onSubmit={(e) => void submit(e)} noValidate>
          <fieldset className="report-symptoms">
            <legend className="report-label">{t('report.help.kind')}</legend>
            {HELP_KINDS.map((k) => (
              <button key={k} type="button" aria-pressed={kind === k} onClick={() => setKind(k)}>{t(`report.help.kinds.${k}`)}</button>
            ))}
            {kindMissing && !kind ? <p className="field-error">{t('report.help.kindNeeded')}</p> : null}
          </fieldset>
          <fieldset className="report-symptoms">
            <legend className="report-label">{t('report.help.urgency')}</legend>
            {HELP_URGENCIES.map((u) => (
              <button key={u} type="button" aria-pressed={urgency === u} onClick={() => setUrgency(u)}>{t(`report.help.urgencies.${u}`)}</button>
            ))}
          </fieldset>
          <label className="report-label" htmlFor="report-help-note">{t('report.help.note')}</label>
          <textarea id="report-help-note" maxLength={500} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          <button className="report-submit" type="submit" disabled={sending}>{sending ? t('report.sending') : t('report.help.send')}</button>
          {failure !== undefined ? <ErrorNotice title={t('report.help.failed')} error={failure} /> : null}
        </form>
      ) : (
        <button type="button" className="report-help-open" onClick={() => setOpen(true)}>{t('report.help.open')}</button>
      )}
    </section>
  );
}
