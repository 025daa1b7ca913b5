/**
 * Enrolling a person under care by hand (登记重点人员): who (name, phone and ID number, both
 * optional and masked by the API once stored), where they live (compound → building → unit →
 * room), the category and why, the cadre paired with a vulnerable resident, and the first day
 * of observation. A sweep visit's prompt opens it prefilled (household, category, the visit it
 * comes from). It sends the contract body of `POST /v1/people` and shows the report link's QR
 * the API answers, to print or show at once.
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CARE_CATEGORIES, type CareCategory } from '#shared/domain/observation.ts';
import { householdsOf } from '#shared/domain/tasks.ts';
import type { PersonCreate } from '#shared/schemas/person.ts';
import type * as z from '#shared/zod.ts';
import type { Role } from '#shared/roles.ts';
import { allFeatures } from '../api/client.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { CompoundPicker } from '../passes/CompoundPicker.tsx';
import { useApi } from '../services.tsx';
import { usePersonActions } from './data.ts';
import { LinkQrImage } from './LinkQr.tsx';
import { useSend } from './useSend.ts';

export type Category = CareCategory;

/** What a prompt knows already: the household, a category, the visit the enrolment comes from. */
export interface EnrolPrefill {
  readonly compoundId?: string | undefined;
  readonly buildingId?: string | undefined;
  readonly householdId?: string | undefined;
  readonly category?: Category | undefined;
  readonly reason?: string | undefined;
  readonly visitId?: string | undefined;
}

type Field = 'name' | 'compoundId' | 'buildingId' | 'reason' | 'pairedWith';

export interface EnrolFormProps {
  readonly role: Role;
  readonly prefill?: EnrolPrefill;
  onDone(created: { id: string }): void;
  onCancel(): void;
}

export function EnrolForm({ role, prefill = {}, onDone, onCancel }: EnrolFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const api = useApi();
  const actions = usePersonActions();
  const [compoundId, setCompoundId] = useState(prefill.compoundId);
  const [buildingId, setBuildingId] = useState(prefill.buildingId ?? '');
  const [householdId, setHouseholdId] = useState(prefill.householdId ?? '');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [category, setCategory] = useState<Category>(prefill.category ?? 'returnee');
  const [reason, setReason] = useState(prefill.reason ?? '');
  const [pairedWith, setPairedWith] = useState('');
  const [startDate, setStartDate] = useState('');
  const [problems, setProblems] = useState<Field[]>([]);
  const { busy: saving, error, send } = useSend();
  const [created, setCreated] = useState<{ id: string; reportToken?: string | undefined }>();

  const buildings = useAsync(compoundId ? `enrol-buildings|${compoundId}` : null, (signal) =>
    allFeatures(api, 'listCompoundBuildings', { params: { id: compoundId ?? '' } }, { signal }));
  const building = buildings.data?.find((b) => b.properties.id === buildingId)?.properties;
  const households = useMemo(() => (building ? householdsOf(building) : []), [building]);
  const staff = useAsync(category === 'vulnerable' ? 'enrol-staff' : null, (signal) => api.call('listStaff', {}, { signal }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: Field[] = [];
    if (!name.trim()) missing.push('name');
    if (!compoundId) missing.push('compoundId');
    if (!buildingId) missing.push('buildingId');
    if (!reason.trim()) missing.push('reason');
    if (category === 'vulnerable' && !pairedWith) missing.push('pairedWith');
    setProblems(missing);
    if (missing.length > 0) return;
    const household = households.find((h) => h.id === householdId);
    if (!compoundId) return;
    const body: z.input<typeof PersonCreate> = {
      name: name.trim(),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
      ...(idNumber.trim() ? { idNumber: idNumber.trim() } : {}),
      compoundId,
      buildingId,
      // The room as an address is written (2单元301): the register's data, not the screen's words.
      ...(household ? { room: `${household.unit}单元${household.room}`, householdId: household.id } : {}),
      category,
      reason: reason.trim(),
      ...(category === 'vulnerable' ? { pairedWith } : {}),
      ...(startDate ? { startDate } : {}),
      ...(prefill.visitId ? { visitId: prefill.visitId } : {}),
    };
    const answer = await send(() => actions.enrol(body));
    if (!answer) return;
    setCreated(answer);
    if (!answer.reportToken) onDone(answer);
  };

  const invalid = (field: Field) => problems.includes(field) || undefined;
  const fieldError = (field: Field) =>
    problems.includes(field) && <p id={`${id}-${field}-error`} className="field-error">{t(`people.enrol.missing.${field}`)}</p>;
  const describedBy = (field: Field) => (problems.includes(field) ? `${id}-${field}-error` : undefined);

  if (created?.reportToken) {
    return (
      <section className="people-form" aria-labelledby={`${id}-done`}>
        <h2 id={`${id}-done`}>{t('people.enrol.created')}</h2>
        <LinkQrImage token={created.reportToken} name={name.trim()} />
        <div className="form-actions">
          <button type="button" className="button button-primary" onClick={() => onDone(created)}>{t('people.enrol.openPerson')}</button>
        </div>
      </section>
    );
  }

  return (
    <form className="people-form enrol-form" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)} noValidate data-visit-id={prefill.visitId}>
      <h2 id={`${id}-title`} tabIndex={-1}>{t('people.enrol.title')}</h2>
      {problems.length > 0 && <p className="notice notice-error" role="alert">{t('people.enrol.invalid')}</p>}

      <label htmlFor={`${id}-name`}>{t('people.enrol.name')}</label>
      <input id={`${id}-name`} type="text" maxLength={50} autoComplete="off" value={name} aria-invalid={invalid('name')} aria-describedby={describedBy('name')} onChange={(e) => setName(e.target.value)} />
      {fieldError('name')}
      <label htmlFor={`${id}-phone`}>{t('people.enrol.phone')}</label>
      <input id={`${id}-phone`} type="tel" maxLength={20} autoComplete="off" value={phone} onChange={(e) => setPhone(e.target.value)} />
      <label htmlFor={`${id}-idn`}>{t('people.enrol.idNumber')}</label>
      <input id={`${id}-idn`} type="text" maxLength={18} autoComplete="off" value={idNumber} onChange={(e) => setIdNumber(e.target.value)} />

      <label htmlFor={`${id}-category`}>{t('people.enrol.category')}</label>
      <select id={`${id}-category`} value={category} onChange={(e) => setCategory(e.target.value as Category)}>
        {CARE_CATEGORIES.map((c) => <option key={c} value={c}>{t(`people.category.${c}`)}</option>)}
      </select>
      <label htmlFor={`${id}-reason`}>{t('people.enrol.reason')}</label>
      <input id={`${id}-reason`} type="text" maxLength={200} value={reason} aria-invalid={invalid('reason')} aria-describedby={describedBy('reason')} onChange={(e) => setReason(e.target.value)} />
      {fieldError('reason')}

      <fieldset className="enrol-household">
        <legend>{t('people.enrol.household')}</legend>
        {prefill.compoundId ? null : (
          <CompoundPicker role={role} compoundId={compoundId} onChoose={(c) => { setCompoundId(c?.id); setBuildingId(''); setHouseholdId(''); }} />
        )}
        {fieldError('compoundId')}
        <label htmlFor={`${id}-building`}>{t('people.enrol.building')}</label>
        <select id={`${id}-building`} value={buildingId} disabled={!compoundId} aria-invalid={invalid('buildingId')} aria-describedby={describedBy('buildingId')}
          onChange={(e) => { setBuildingId(e.target.value); setHouseholdId(''); }}>
          <option value="">{buildings.loading ? t('app.loading') : t('people.enrol.chooseBuilding')}</option>
          {(buildings.data ?? []).map((b) => <option key={b.properties.id} value={b.properties.id}>{b.properties.name}</option>)}
        </select>
        {fieldError('buildingId')}
        <label htmlFor={`${id}-room`}>{t('people.enrol.room')}</label>
        <select id={`${id}-room`} value={householdId} disabled={!building} onChange={(e) => setHouseholdId(e.target.value)}>
          <option value="">{t('people.enrol.chooseRoom')}</option>
          {households.map((h) => <option key={h.id} value={h.id}>{t('tasks.building.household', { unit: h.unit, room: h.room })}</option>)}
        </select>
      </fieldset>

      {category === 'vulnerable' && (
        <>
          <label htmlFor={`${id}-paired`}>{t('people.enrol.pairedWith')}</label>
          <select id={`${id}-paired`} value={pairedWith} aria-invalid={invalid('pairedWith')} aria-describedby={describedBy('pairedWith')} onChange={(e) => setPairedWith(e.target.value)}>
            <option value="">{staff.loading ? t('app.loading') : t('people.enrol.chooseCadre')}</option>
            {(staff.data?.items ?? []).map((s) => <option key={s.username} value={s.username}>{s.name}</option>)}
          </select>
          {fieldError('pairedWith')}
        </>
      )}
      {category !== 'vulnerable' && (
        <>
          <label htmlFor={`${id}-start`}>{t('people.enrol.startDate')}</label>
          <input id={`${id}-start`} type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />
        </>
      )}
      {prefill.visitId && <p className="hint" data-from-visit="">{t('people.enrol.fromVisit')}</p>}
      {error !== undefined && <ErrorNotice title={t('people.enrol.failed')} error={error} />}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>{t('people.cancel')}</button>
        <button type="submit" className="button button-primary" disabled={saving}>{t('people.enrol.save')}</button>
      </div>
    </form>
  );
}
