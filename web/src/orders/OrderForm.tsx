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
import { emptyRow, itemsOf, ItemRows, MAX_QTY, rowsValid, type ItemRow, type ItemWords } from '../household/ItemRows.tsx';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { CompoundPicker } from '../passes/CompoundPicker.tsx';
import { useBuildings } from '../passes/data.ts';
import { useSend } from '../people/useSend.ts';
import { useApi } from '../services.tsx';
import { fieldProblems } from '../tasks/field-problems.tsx';
import { newOrderId, orderablePoints, useDropOffWaiting } from './data.ts';

/** What a form may start from: a help request's place, kind, urgency and note. */
export interface OrderDraft {
  readonly compoundId?: string | undefined;
  readonly buildingId?: string | undefined;
  readonly kind?: OrderKind | undefined;
  readonly urgent?: boolean | undefined;
  readonly note?: string | undefined;
  readonly helpRequestId?: string | undefined;
}

type Field = 'compoundId' | 'buildingId' | 'room' | 'items';

export function OrderForm({ role, draft = {}, onDone, onCancel }: { role: Role; draft?: OrderDraft; onDone(order: Order): void; onCancel(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const api = useApi();
  const [compoundId, setCompoundId] = useState(draft.compoundId);
  const [buildingId, setBuildingId] = useState(draft.buildingId ?? '');
  const [room, setRoom] = useState('');
  const [kind, setKind] = useState<OrderKind>(draft.kind ?? 'groceries');
  const [urgent, setUrgent] = useState(draft.urgent ?? false);
  const [lines, setLines] = useState<readonly ItemRow[]>([emptyRow()]);
  const [checked, setChecked] = useState(false);
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

  const words: ItemWords = {
    legend: t('orders.form.items'),
    name: (n) => t('orders.form.itemName', { n }),
    qty: (n) => t('orders.form.itemQty', { n }),
    unit: (n) => t('orders.form.itemUnit', { n }),
    remove: (n) => t('orders.form.removeItem', { n }),
    removeShort: t('orders.form.removeShort'),
    add: t('orders.form.addItem'),
    namePlaceholder: t('orders.form.itemExample'),
    unitPlaceholder: t('orders.form.unitExample'),
    qtyInvalid: t('orders.form.qtyInvalid', { max: MAX_QTY }),
    none: t('orders.form.itemsNone'),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const absent: Field[] = [];
    if (!compoundId) absent.push('compoundId');
    if (!buildingId) absent.push('buildingId');
    if (!room.trim()) absent.push('room');
    if (!rowsValid(lines)) absent.push('items');
    setChecked(true);
    setProblems(absent);
    if (absent.length > 0 || !compoundId) return;
    const body = {
      orderId, compoundId, buildingId, room: room.trim(), kind,
      items: itemsOf(lines),
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

      <ItemRows className="household-items order-lines" rows={lines} onChange={setLines} checked={checked} words={words} />

      <label htmlFor={`${id}-point`}>{t('orders.form.point')}</label>
      <select id={`${id}-point`} value={pointId} disabled={!compoundId} onChange={(e) => setPointId(e.target.value)}>
        <option value="">{t('orders.form.pointDefault')}</option>
        {orderablePoints(points.data?.items ?? []).map((point) => <option key={point.id} value={point.id}>{point.name}</option>)}
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
