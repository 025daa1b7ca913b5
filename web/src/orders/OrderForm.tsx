/**
 * An order entered for a household by a grid worker or a community admin (a phone call, or a help
 * request turned into an order): the household by compound, building and room; what (item rows
 * with quantities), the kind, urgency, the drop-off point, a note and — for medicine — the
 * prescription's details as text. The order's id is made once and kept until the API answers, so
 * a resend after a lost answer stores it once.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ORDER_KINDS, type Order, type OrderKind } from '#shared/schemas/order.ts';
import type { Role } from '#shared/roles.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { CompoundPicker } from '../passes/CompoundPicker.tsx';
import { useBuildings } from '../passes/data.ts';
import { useSend } from '../people/useSend.ts';
import { useApi } from '../services.tsx';
import { fieldProblems } from '../tasks/field-problems.tsx';
import { newOrderId, useDropOffWaiting } from './data.ts';

/** What a form may start from: a help request's place, kind, urgency and note. */
export interface OrderDraft {
  readonly compoundId?: string | undefined;
  readonly buildingId?: string | undefined;
  readonly kind?: OrderKind | undefined;
  readonly urgent?: boolean | undefined;
  readonly note?: string | undefined;
  readonly helpRequestId?: string | undefined;
}

interface Line {
  readonly key: number;
  readonly name: string;
  readonly qty: string;
  readonly unit: string;
}

type Field = 'compoundId' | 'buildingId' | 'room' | 'items';

const MAX_LINES = 30;

export function OrderForm({ role, draft = {}, onDone, onCancel }: { role: Role; draft?: OrderDraft; onDone(order: Order): void; onCancel(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const api = useApi();
  const [compoundId, setCompoundId] = useState(draft.compoundId);
  const [buildingId, setBuildingId] = useState(draft.buildingId ?? '');
  const [room, setRoom] = useState('');
  const [kind, setKind] = useState<OrderKind>(draft.kind ?? 'groceries');
  const [urgent, setUrgent] = useState(draft.urgent ?? false);
  const [lines, setLines] = useState<Line[]>([{ key: 0, name: '', qty: '1', unit: '' }]);
  const [pointId, setPointId] = useState('');
  const [note, setNote] = useState(draft.note ?? '');
  const [prescription, setPrescription] = useState('');
  const [problems, setProblems] = useState<Field[]>([]);
  // One id per order, kept across resends (a lost answer): the API stores it once.
  const [orderId] = useState(newOrderId);
  const buildings = useBuildings(compoundId);
  const points = useDropOffWaiting(compoundId);
  const { busy, error, send } = useSend();
  const said = fieldProblems(id, problems, (field) => t(`orders.form.needed.${field}`));

  const setLine = (key: number, change: Partial<Line>) => setLines((all) => all.map((line) => (line.key === key ? { ...line, ...change } : line)));
  const filled = lines.filter((line) => line.name.trim());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const absent: Field[] = [];
    if (!compoundId) absent.push('compoundId');
    if (!buildingId) absent.push('buildingId');
    if (!room.trim()) absent.push('room');
    const qtyOk = (qty: string) => Number.isInteger(Number(qty)) && Number(qty) >= 1 && Number(qty) <= 99;
    if (filled.length === 0 || filled.some((line) => !qtyOk(line.qty))) absent.push('items');
    setProblems(absent);
    if (absent.length > 0 || !compoundId) return;
    const body = {
      orderId, compoundId, buildingId, room: room.trim(), kind,
      items: filled.map((line) => ({ name: line.name.trim(), qty: Number(line.qty), ...(line.unit.trim() ? { unit: line.unit.trim() } : {}) })),
      ...(urgent ? { urgent } : {}),
      ...(pointId ? { dropOffPointId: pointId } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(kind === 'medicine' && prescription.trim() ? { prescription: prescription.trim() } : {}),
      ...(draft.helpRequestId ? { helpRequestId: draft.helpRequestId } : {}),
    };
    const order = await send(() => api.call('createOrder', { body }));
    if (order) onDone(order);
  };

  return (
    <form className="order-form" aria-label={draft.helpRequestId ? t('orders.form.fromHelp') : t('orders.form.title')} noValidate onSubmit={(e) => void submit(e)}>
      <CompoundPicker role={role} compoundId={compoundId} onChoose={(c) => { setCompoundId(c?.id); setBuildingId(''); setPointId(''); }} />
      {said.fieldError('compoundId')}
      <label htmlFor={`${id}-building`}>{t('orders.form.building')}</label>
      <select id={`${id}-building`} value={buildingId} disabled={!compoundId} aria-invalid={said.invalid('buildingId')} aria-describedby={said.describedBy('buildingId')}
        onChange={(e) => setBuildingId(e.target.value)}>
        <option value="">{t('orders.form.chooseBuilding')}</option>
        {buildings.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
      </select>
      {said.fieldError('buildingId')}
      <label htmlFor={`${id}-room`}>{t('orders.form.room')}</label>
      <input id={`${id}-room`} maxLength={30} value={room} placeholder={t('orders.form.roomExample')} aria-invalid={said.invalid('room')} aria-describedby={said.describedBy('room')}
        onChange={(e) => setRoom(e.target.value)} />
      {said.fieldError('room')}

      <fieldset className="order-kinds">
        <legend>{t('orders.form.kind')}</legend>
        {ORDER_KINDS.map((k) => (
          <label key={k} className="choice">
            <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(`orders.kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <label className="choice">
        <input type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} /> {t('orders.form.urgent')}
      </label>

      <fieldset className="order-lines">
        <legend>{t('orders.form.items')}</legend>
        {lines.map((line, index) => (
          <div key={line.key} className="order-line">
            <input aria-label={t('orders.form.itemName', { n: index + 1 })} maxLength={50} value={line.name} placeholder={t('orders.form.itemExample')}
              aria-invalid={index === 0 ? said.invalid('items') : undefined} aria-describedby={index === 0 ? said.describedBy('items') : undefined}
              onChange={(e) => setLine(line.key, { name: e.target.value })} />
            <input aria-label={t('orders.form.itemQty', { n: index + 1 })} type="number" inputMode="numeric" min={1} max={99} value={line.qty}
              onChange={(e) => setLine(line.key, { qty: e.target.value })} />
            <input aria-label={t('orders.form.itemUnit', { n: index + 1 })} maxLength={10} value={line.unit} placeholder={t('orders.form.unitExample')}
              onChange={(e) => setLine(line.key, { unit: e.target.value })} />
            {lines.length > 1 && (
              <button type="button" className="button button-quiet" onClick={() => setLines((all) => all.filter((l) => l.key !== line.key))}>
                {t('orders.form.removeItem', { n: index + 1 })}
              </button>
            )}
          </div>
        ))}
        {lines.length < MAX_LINES && (
          <button type="button" className="button" onClick={() => setLines((all) => [...all, { key: Math.max(...all.map((l) => l.key)) + 1, name: '', qty: '1', unit: '' }])}>
            {t('orders.form.addItem')}
          </button>
        )}
      </fieldset>
      {said.fieldError('items')}

      <label htmlFor={`${id}-point`}>{t('orders.form.point')}</label>
      <select id={`${id}-point`} value={pointId} disabled={!compoundId} onChange={(e) => setPointId(e.target.value)}>
        <option value="">{t('orders.form.pointDefault')}</option>
        {(points.data?.items ?? []).map(({ point }) => <option key={point.id} value={point.id}>{point.name}</option>)}
      </select>
      <label htmlFor={`${id}-note`}>{t('orders.form.note')}</label>
      <textarea id={`${id}-note`} maxLength={300} value={note} onChange={(e) => setNote(e.target.value)} />
      {kind === 'medicine' && (
        <>
          <label htmlFor={`${id}-prescription`}>{t('orders.form.prescription')}</label>
          <textarea id={`${id}-prescription`} maxLength={500} value={prescription} aria-describedby={`${id}-prescription-hint`} onChange={(e) => setPrescription(e.target.value)} />
          <p id={`${id}-prescription-hint`} className="hint">{t('orders.form.prescriptionHint')}</p>
        </>
      )}
      {said.summary(t('orders.form.problems'))}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>{t('orders.form.save')}</button>
        <button type="button" className="button" onClick={onCancel}>{t('orders.back')}</button>
      </div>
      {error !== undefined && <ErrorNotice title={t('orders.form.failed')} error={error} />}
    </form>
  );
}
