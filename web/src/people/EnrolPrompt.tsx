/**
 * After a sweep visit that flags someone to follow (a returnee, symptoms, home observation, a
 * close contact, a vulnerable resident), the worker is asked "登记为重点人员？" and the enrol form
 * opens in place, prefilled with the household, the category the flags suggest, a reason from
 * the flags, and the visit it comes from. The visit itself is already in the outbox; enrolling
 * needs the network and says so if it fails.
 */
import { useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { VisitCreate } from '#shared/schemas/visit.ts';
import { mayCall } from '../api/may.ts';
import { useSession } from '../services.tsx';
import { EnrolForm, type Category, type EnrolPrefill } from './EnrolForm.tsx';
import '../styles/people.css';

/** The category a visit's flags suggest, the most pressing first; none when nothing calls for care. */
export function categoryOfVisit(visit: Pick<VisitCreate, 'flags' | 'symptoms'>): Category | undefined {
  const flags = visit.flags ?? [];
  const has = (type: string) => flags.some((f) => f.type === type);
  if (flags.some((f) => f.type === 'four_categories' && f.category === 'close_contact')) return 'close_contact';
  if (has('returnee')) return 'returnee';
  if (has('home_observation') || (visit.symptoms ?? []).length > 0) return 'home_quarantine';
  if (has('vulnerable')) return 'vulnerable';
  return undefined;
}

/** Why, in words, from the flags: where a returnee came from and when, the symptoms seen. */
export function reasonOfVisit(visit: Pick<VisitCreate, 'flags' | 'symptoms'>, t: TFunction): string {
  const parts: string[] = [];
  for (const flag of visit.flags ?? []) {
    if (flag.type === 'returnee') parts.push(t('people.prompt.reasonReturnee', { origin: flag.origin, date: flag.date }));
  }
  const symptoms = visit.symptoms ?? [];
  if (symptoms.length > 0) parts.push(t('people.prompt.reasonSymptoms', { symptoms: symptoms.map((s) => t(`tasks.symptom.${s}`)).join(t('people.listSeparator')) }));
  return parts.join(t('people.sentenceSeparator')) || t('people.prompt.reasonVisit');
}

export interface EnrolPromptProps {
  readonly visit: VisitCreate;
  readonly compoundId: string;
  readonly buildingId: string | null;
}

export function EnrolPrompt({ visit, compoundId, buildingId }: EnrolPromptProps) {
  const { t } = useTranslation();
  const { session } = useSession();
  const [state, setState] = useState<'asking' | 'open' | 'done' | 'dismissed'>('asking');
  const form = useRef<HTMLDivElement>(null);
  const category = categoryOfVisit(visit);
  useEffect(() => {
    if (state === 'open') form.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [state]);
  if (!category || !session || !mayCall(session.user.role, 'createPerson') || state === 'dismissed') return null;

  const prefill: EnrolPrefill = { compoundId, buildingId: buildingId ?? undefined, householdId: visit.householdId, category, reason: reasonOfVisit(visit, t), visitId: visit.visitId };
  return (
    <div className="enrol-prompt" data-visit-id={visit.visitId} ref={form}>
      {state === 'asking' && (
        <p className="notice">
          {t('people.prompt.question')}{' '}
          <button type="button" className="button button-primary" onClick={() => setState('open')}>{t('people.prompt.enrol')}</button>{' '}
          <button type="button" className="button" onClick={() => setState('dismissed')}>{t('people.prompt.notNow')}</button>
        </p>
      )}
      {state === 'open' && <EnrolForm role={session.user.role} prefill={prefill} onDone={() => setState('done')} onCancel={() => setState('asking')} />}
      {state === 'done' && <p className="notice" role="status">{t('people.prompt.done')}</p>}
    </div>
  );
}
