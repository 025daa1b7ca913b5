/**
 * The duty rota of one exit (排班): the person picked by name from the staff directory — the duty
 * staff posted at the exit's compound, the only people the API takes for its shifts — and how
 * the days are cut (3 × 8 h, 2 × 12 h, 24 h). The form sends the person's username; nobody types
 * an account id.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '#shared/schemas/staff.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useApi } from '../services.tsx';

const ROTA_HOURS = [8, 12, 24] as const;
export type RotaHours = (typeof ROTA_HOURS)[number];

export interface RotaRequest {
  readonly person: string;
  readonly days: number;
  readonly shiftHours: RotaHours;
}

export interface RotaFormProps {
  readonly exit: { readonly id: string; readonly compoundId: string; readonly communityId: string | null };
  readonly pending: boolean;
  onAdd(rota: RotaRequest): void;
}

/** Duty staff of this compound, by name (the directory may hold other compounds' in the same community). */
const postedAt = (compoundId: string, people: readonly Staff[]): Staff[] =>
  people
    .filter((p) => p.role === 'duty' && (p.jurisdiction.compoundIds ?? []).includes(compoundId))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.username.localeCompare(b.username));

export function RotaForm({ exit, pending, onAdd }: RotaFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [person, setPerson] = useState('');
  const [hours, setHours] = useState<RotaHours>(24);
  const [days, setDays] = useState(2);
  const query = { role: 'duty' as const, ...(exit.communityId === null ? {} : { communityId: exit.communityId }) };
  const staff = useAsync(`duty-staff|${exit.communityId ?? ''}`, (signal) => api.call('listStaff', { query }, { signal }));
  const people = staff.data ? postedAt(exit.compoundId, staff.data.items) : [];
  // Two people of one name are told apart by their account, shown only then.
  const named = (p: Staff) => (people.some((o) => o !== p && o.name === p.name) ? `${p.name} (${p.username})` : p.name);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (person !== '') onAdd({ person, days, shiftHours: hours });
  };

  return (
    <form className="board-action-row board-rota" onSubmit={submit} data-action="addShifts">
      <label htmlFor={`${id}-person`}>{t('board.actions.person')}</label>
      <select id={`${id}-person`} required value={person} onChange={(e) => setPerson(e.target.value)} disabled={pending || !staff.data}
        data-state={staff.data ? 'ready' : 'loading'}>
        <option value="">{staff.data ? (people.length > 0 ? t('board.actions.personPick') : t('board.actions.personNone')) : t('app.loading')}</option>
        {people.map((p) => (
          <option key={p.username} value={p.username}>
            {named(p)}
          </option>
        ))}
      </select>
      {staff.error !== undefined && <ErrorNotice title={t('board.actions.staffFailed')} error={staff.error} onRetry={staff.reload} />}
      <label htmlFor={`${id}-hours`}>{t('board.actions.shiftHours')}</label>
      <select id={`${id}-hours`} value={hours} onChange={(e) => setHours(Number(e.target.value) as RotaHours)} disabled={pending}>
        {ROTA_HOURS.map((h) => (
          <option key={h} value={h}>
            {t('board.actions.hours', { count: h })}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-days`}>{t('board.actions.days')}</label>
      <input id={`${id}-days`} type="number" min={1} max={14} value={days} onChange={(e) => setDays(Number(e.target.value))} disabled={pending} />
      <button type="submit" className="button board-primary" disabled={pending || person === ''}>
        {t('board.actions.addShifts')}
      </button>
    </form>
  );
}
