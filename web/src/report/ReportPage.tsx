/**
 * The resident's report page (`/r/{token}`, 每日健康申报): opened from the personal link or QR
 * code a grid worker printed or sent, with no sign-in. It shows nothing personal but the masked
 * name: which slot is open now, a temperature on the phone's decimal pad (or one tap on a usual
 * value), symptoms as big toggles, and the period's slots as a strip. A link that was withdrawn,
 * has expired or outlived the observation says so plainly. 紧急求助 asks the community for help. Chinese by default, made for 360 px.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SYMPTOMS } from '#shared/schemas/constants.ts';
import type { Symptom } from '#shared/schemas/visit.ts';
import type { PublicReportAnswer, PublicReportPage } from '#shared/schemas/public-report.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { chinaTime } from '../public/format.ts';
import { linkStateOf } from '../public/link-state.ts';
import { LinkRefused } from '../public/LinkRefused.tsx';
import { PageTop } from '../public/PageTop.tsx';
import { HelpSection } from './HelpSection.tsx';
import { useApi } from '../services.tsx';
import '../styles/public.css';
import '../styles/report.css';

/** The usual readings, one tap each; anything else goes in on the decimal pad. */
const QUICK_TEMPERATURES = ['36.2', '36.4', '36.5', '36.6', '36.8', '37.0'] as const;
const MIN_C = 34;
const MAX_C = 43;

export function ReportPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const page = useAsync(token, (signal) => api.call('getPublicReport', { params: { token } }, { signal }));
  const linkState = linkStateOf(page.error);

  if (linkState && linkState !== 'busy') {
    return <LinkRefused page="report-page" state={linkState} kicker={t('report.kicker')} title={t('report.title')} words={t(`report.link.${linkState}`)} />;
  }
  const data = page.data ?? page.latest;
  return (
    <main id="main" className="resident-page report-page" aria-busy={page.loading}>
      <PageTop kicker={t('report.kicker')} title={t('report.title')} />
      <p className="report-name">{data ? t('report.greeting', { name: data.name }) : '\u00a0'}</p>
      {page.error !== undefined ? (
        <ErrorNotice title={linkState === 'busy' ? t('report.link.busy') : t('report.loadFailed')} error={page.error} onRetry={page.reload} />
      ) : null}
      {data ? <ReportForm token={token} page={data} onRecorded={page.reload} /> : <p className="list-note">{t('report.loading')}</p>}
      {data ? <HelpSection token={token} /> : null}
      {data ? <SlotStrip page={data} /> : null}
    </main>
  );
}

/** `2026-12-07` and `am` → 12月7日 上午 (December 7, morning). */
function useSlotLabel() {
  const { t } = useTranslation();
  return (slot: { date: string; slot: 'am' | 'pm' }) =>
    t('report.slotLabel', { month: Number(slot.date.slice(5, 7)), day: Number(slot.date.slice(8, 10)), slot: t(`report.slot.${slot.slot}`) });
}

function ReportForm({ token, page, onRecorded }: { token: string; page: PublicReportPage; onRecorded: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const label = useSlotLabel();
  const [temperature, setTemperature] = useState('');
  const [symptoms, setSymptoms] = useState<readonly Symptom[]>([]);
  const [sending, setSending] = useState(false);
  const [answer, setAnswer] = useState<PublicReportAnswer>();
  const [failure, setFailure] = useState<unknown>();
  const [invalid, setInvalid] = useState(false);

  if (!page.open) {
    return (
      <section className="resident-section report-when" aria-live="polite">
        <p className="report-open" data-testid="no-slot-open">
          {page.next ? t('report.nextOpens', { slot: label(page.next), time: chinaTime(page.next.opens) }) : t('report.noSlotLeft')}
        </p>
        {answer ? <p className="report-done" role="status">{t('report.recorded', { slot: label(answer.slot) })}</p> : null}
      </section>
    );
  }

  const value = Number(temperature.replace(',', '.'));
  const valid = temperature.trim() !== '' && Number.isFinite(value) && value >= MIN_C && value <= MAX_C;
  const toggle = (symptom: Symptom) => setSymptoms((s) => (s.includes(symptom) ? s.filter((x) => x !== symptom) : [...s, symptom]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) {
      setInvalid(true);
      return;
    }
    setSending(true);
    setFailure(undefined);
    try {
      const recorded = await api.call('createPublicReport', { params: { token }, body: { temperatureC: Math.round(value * 10) / 10, symptoms: [...symptoms] } });
      setAnswer(recorded);
      onRecorded();
    } catch (error) {
      setFailure(error);
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="resident-section report-form" onSubmit={(e) => void submit(e)} noValidate>
      <p className="report-open" data-testid="slot-open">
        {t('report.openNow', { slot: label(page.open), time: chinaTime(page.open.closes) })}
      </p>
      <label className="report-label" htmlFor="report-temperature">{t('report.temperature')}</label>
      <div className="report-temperature">
        <input
          id="report-temperature" name="temperatureC" inputMode="decimal" autoComplete="off" placeholder="36.5"
          value={temperature} aria-invalid={invalid && !valid} aria-describedby={invalid && !valid ? 'report-temperature-error' : undefined}
          onChange={(e) => { setTemperature(e.target.value); setAnswer(undefined); }}
        />
        <span aria-hidden="true">℃</span>
      </div>
      {invalid && !valid ? <p id="report-temperature-error" className="field-error">{t('report.temperatureInvalid', { min: MIN_C, max: MAX_C })}</p> : null}
      <div className="report-quick" role="group" aria-label={t('report.quick')}>
        {QUICK_TEMPERATURES.map((q) => (
          <button key={q} type="button" aria-pressed={temperature === q} onClick={() => { setTemperature(q); setAnswer(undefined); }}>{q}</button>
        ))}
      </div>
      <fieldset className="report-symptoms">
        <legend className="report-label">{t('report.symptoms')}</legend>
        {SYMPTOMS.map((symptom) => (
          <button key={symptom} type="button" aria-pressed={symptoms.includes(symptom)} onClick={() => { toggle(symptom); setAnswer(undefined); }}>
            {t(`tasks.symptom.${symptom}`)}
          </button>
        ))}
        <p className="resident-subtle">{symptoms.length === 0 ? t('report.noSymptoms') : t('report.someSymptoms', { count: symptoms.length })}</p>
      </fieldset>
      <button className="report-submit" type="submit" disabled={sending}>{sending ? t('report.sending') : t('report.submit')}</button>
      <div aria-live="polite">
        {answer ? (
          <p className="report-done" role="status" data-testid="recorded">
            {t(answer.updated ? 'report.updated' : 'report.recorded', { slot: label(answer.slot) })}
          </p>
        ) : null}
      </div>
      {failure !== undefined ? <ErrorNotice title={linkStateOf(failure) ? t(`report.link.${linkStateOf(failure)!}`) : t('report.sendFailed')} error={failure} /> : null}
    </form>
  );
}

/** The period's slots, two a day, as coloured cells with their words for screen readers. */
function SlotStrip({ page }: { page: PublicReportPage }) {
  const { t } = useTranslation();
  const label = useSlotLabel();
  return (
    <section className="resident-section" aria-labelledby="report-strip-heading">
      <h2 id="report-strip-heading">{t('report.strip', { start: page.period.start.slice(5), end: page.period.end.slice(5) })}</h2>
      <ol className="report-strip">
        {page.slots.map((s) => (
          <li key={`${s.date}${s.slot}`} data-status={s.status} title={`${label(s)}：${t(`report.status.${s.status}`)}`}>
            <span className="visually-hidden">{`${label(s)}：${t(`report.status.${s.status}`)}`}</span>
          </li>
        ))}
      </ol>
      <ul className="report-legend">
        {(['reported_ok', 'reported_symptoms', 'missed', 'pending'] as const).map((status) => (
          <li key={status} data-status={status}>{t(`report.status.${status}`)}</li>
        ))}
      </ul>
    </section>
  );
}
