/**
 * The community's register of people under care (重点人员台账), for community admins and city
 * staff: filters (category, status, compound, not reported today), a row per person with the
 * 14-day strip, and enrolment by hand. Filters the API takes (compound, status, category) are
 * sent; "not reported today" is worked out from the slots the list carries.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../tasks/time.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { navigate } from '../layout/navigation.ts';
import { CompoundPicker } from '../passes/CompoundPicker.tsx';
import { mayCall } from '../api/may.ts';
import { useSession } from '../services.tsx';
import { chinaToday, notReportedToday, usePeople, type PersonSummary } from './data.ts';
import { placeText, usePlaceNames } from './places.ts';
import { CARE_CATEGORIES as CATEGORIES, PERSON_STATUSES } from '#shared/domain/observation.ts';
import { nameOf, personPath } from './PersonRow.tsx';
import { SlotLegend, SlotStrip } from './SlotStrip.tsx';


export function Register() {
  const { t } = useTranslation();
  const now = useNow(60_000);
  const id = useId();
  const { session } = useSession();
  const role = session?.user.role ?? 'community';
  const [compoundId, setCompoundId] = useState<string>();
  const [category, setCategory] = useState('');
  const [status, setStatus] = useState('under_observation');
  const [lateOnly, setLateOnly] = useState(false);
  const people = usePeople({
    compoundId,
    category: (category || undefined) as PersonSummary['category'] | undefined,
    status: (status || undefined) as PersonSummary['status'] | undefined,
  });
  const today = chinaToday(now);
  const shown = useMemo(() => (people.data ?? []).filter((p) => !lateOnly || notReportedToday(p)), [people.data, lateOnly]);
  const names = usePlaceNames(shown);

  return (
    <section className="people-register" aria-labelledby={`${id}-title`}>
      <header className="people-header">
        <h1 id={`${id}-title`}>{t('people.register.title')}</h1>
        {mayCall(role, 'createPerson') && (
          <a className="button button-primary" href="/people/enrol" onClick={(e) => { e.preventDefault(); navigate('/people/enrol'); }}>
            {t('people.register.enrol')}
          </a>
        )}
      </header>
      <div className="people-filters" role="group" aria-label={t('people.register.filters')}>
        <CompoundPicker role={role} compoundId={compoundId} onChoose={(c) => setCompoundId(c?.id)} />
        <div className="field">
          <label htmlFor={`${id}-category`}>{t('people.enrol.category')}</label>
          <select id={`${id}-category`} value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t('people.register.all')}</option>
            {CATEGORIES.map((c) => <option key={c} value={c}>{t(`people.category.${c}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('people.register.status')}</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('people.register.all')}</option>
            {PERSON_STATUSES.map((s) => <option key={s} value={s}>{t(`people.status.${s}`)}</option>)}
          </select>
        </div>
        <label className="choice">
          <input type="checkbox" checked={lateOnly} onChange={(e) => setLateOnly(e.target.checked)} />
          <span>{t('people.register.notReportedToday')}</span>
        </label>
      </div>
      <SlotLegend />
      {people.error !== undefined && <ErrorNotice title={t('people.loadFailed')} error={people.error} onRetry={people.reload} />}
      {people.loading && <p role="status">{t('app.loading')}</p>}
      {people.data && shown.length === 0 && <p className="list-note">{t('people.register.none')}</p>}
      <ul className="register-list">
        {shown.map((person) => (
          <li key={person.id} className="register-row" data-person-id={person.id} data-status={person.status}>
            <div className="register-who">
              <a href={personPath(person.id)} onClick={(e) => { e.preventDefault(); navigate(personPath(person.id)); }}>{nameOf(person, t)}</a>
              <span className="person-category">{t(`people.category.${person.category}`)}</span>
              <span className="person-place">{placeText(person, names, (room) => t('people.room', { room }))}</span>
              <span className="slot-state">{t(`people.status.${person.status}`)}</span>
              {person.missed > 0 && <span className="person-note">{t('people.register.missed', { count: person.missed })}</span>}
            </div>
            {person.status === 'under_observation' && <SlotStrip slots={person.slots} start={person.period?.start} today={today} name={nameOf(person, t)} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

