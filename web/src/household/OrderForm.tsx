/**
 * The household's order form: what kind (groceries, medicine, other), the items as rows of name,
 * quantity and unit, urgent or not, the drop-off point to leave it at, a note, and for medicine
 * the prescription's details as text (never a photo of an ID). Big targets for one thumb at 360 px.
 *
 * Resend-safe: the order's id is made once and kept until the API has answered for it, so a send
 * lost on a poor connection and tapped again stores one order (POST /public/orders/{token} is
 * idempotent by orderId).
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ORDER_KINDS } from '#shared/schemas/constants.ts';
import type { OrderKind, PublicOrderCreate } from '#shared/schemas/order.ts';
import type { ResponseOf } from '../api/client.ts';
import { ProblemError } from '../api/errors.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { linkStateOf } from '../public/link-state.ts';
import { useApi } from '../services.tsx';
import { emptyRow, itemsOf, ItemRows, MAX_QTY, rowsValid, type ItemRow, type ItemWords } from './ItemRows.tsx';

type Point = ResponseOf<'getPublicOrders'>['dropOffPoints'][number];

export function OrderForm({ token, points, onPlaced, onStored, onClose }: {
  token: string;
  points: readonly Point[];
  /** The order was taken. */
  onPlaced: () => void;
  /** An earlier send of this order was stored after all (its answer was lost): the list shows it. */
  onStored: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const ids = useId();
  const [kind, setKind] = useState<OrderKind>('groceries');
  const [rows, setRows] = useState<readonly ItemRow[]>([emptyRow()]);
  const [urgent, setUrgent] = useState(false);
  const [pointId, setPointId] = useState<string | undefined>(points[0]?.id);
  const [note, setNote] = useState('');
  const [prescription, setPrescription] = useState('');
  const [checked, setChecked] = useState(false);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [storedEarlier, setStoredEarlier] = useState(false);
  // One id per order, renewed only once the API has answered for it: a resend after a lost answer stores one order.
  const [orderId, setOrderId] = useState(() => crypto.randomUUID());

  const words: ItemWords = {
    legend: t('household.order.items'),
    name: (n) => t('household.order.itemName', { n }),
    qty: () => t('household.order.qty'),
    unit: () => t('household.order.unit'),
    remove: (n) => t('household.order.remove', { n }),
    removeShort: t('household.order.removeShort'),
    add: t('household.order.add'),
    namePlaceholder: t(`household.order.placeholder.${kind}`),
    unitPlaceholder: t('household.order.unitHint'),
    qtyInvalid: t('household.order.qtyInvalid', { max: MAX_QTY }),
    none: t('household.order.itemsNeeded'),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!rowsValid(rows)) return;
    const body: PublicOrderCreate = {
      orderId,
      kind,
      items: itemsOf(rows),
      urgent,
      ...(pointId ? { dropOffPointId: pointId } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(kind === 'medicine' && prescription.trim() ? { prescription: prescription.trim() } : {}),
    };
    setSending(true);
    setFailure(undefined);
    setStoredEarlier(false);
    try {
      await api.call('createPublicOrder', { params: { token }, body });
      setOrderId(crypto.randomUUID());
      onPlaced();
    } catch (error) {
      if (error instanceof ProblemError && error.status === 409 && error.problem.code === 'order.differs') {
        // This id was stored with other contents (an edit after a send whose answer was lost): that order stands.
        // Any other refusal (409 or not) is said as the API says it, and the id is kept for a resend.
        setOrderId(crypto.randomUUID());
        setStoredEarlier(true);
        onStored();
      } else {
        setFailure(error);
      }
    } finally {
      setSending(false);
    }
  };

  const linkState = linkStateOf(failure);
  return (
    <form className="report-help-form household-form" onSubmit={(e) => void submit(e)} noValidate>
      <fieldset className="report-symptoms household-kinds">
        <legend className="report-label">{t('household.order.kind')}</legend>
        {ORDER_KINDS.map((k) => (
          <button key={k} type="button" aria-pressed={kind === k} onClick={() => setKind(k)}>{t(`household.kinds.${k}`)}</button>
        ))}
      </fieldset>

      <ItemRows rows={rows} onChange={setRows} checked={checked} words={words} />

      {kind === 'medicine' ? (
        <>
          <label className="report-label" htmlFor={`${ids}-prescription`}>{t('household.order.prescription')}</label>
          <p className="resident-subtle" id={`${ids}-prescription-hint`}>{t('household.order.prescriptionHint')}</p>
          <textarea id={`${ids}-prescription`} maxLength={500} rows={3} aria-describedby={`${ids}-prescription-hint`}
            value={prescription} onChange={(e) => setPrescription(e.target.value)} />
        </>
      ) : null}

      <label className="household-urgent">
        <input type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} />
        <span>{t('household.order.urgent')}</span>
      </label>

      {points.length > 0 ? (
        <fieldset className="household-points">
          <legend className="report-label">{t('household.order.point')}</legend>
          {points.map((point) => (
            <label key={point.id} className="household-point">
              <input type="radio" name={`${ids}-point`} value={point.id} checked={pointId === point.id} onChange={() => setPointId(point.id)} />
              <span>
                <strong>{point.name}</strong>
                {point.location ? <span className="drop-off-where">{t('public.dropOff.where', { where: point.location })}</span> : null}
                {point.hours ? <span className="drop-off-hours">{t('public.dropOff.hours', { hours: point.hours })}</span> : null}
              </span>
            </label>
          ))}
        </fieldset>
      ) : null}

      <label className="report-label" htmlFor={`${ids}-note`}>{t('household.order.note')}</label>
      <textarea id={`${ids}-note`} maxLength={300} rows={2} placeholder={t('household.order.noteHint')} value={note} onChange={(e) => setNote(e.target.value)} />

      <button className="report-submit" type="submit" disabled={sending}>{sending ? t('household.order.sending') : t('household.order.send')}</button>
      <button className="household-cancel-form" type="button" onClick={onClose}>{t('household.order.close')}</button>
      <div aria-live="polite">
        {storedEarlier ? <p className="notice" role="status" data-testid="stored-earlier">{t('household.order.storedEarlier')}</p> : null}
      </div>
      {failure !== undefined ? <ErrorNotice title={linkState ? t(`household.link.${linkState}`) : t('household.order.failed')} error={failure} /> : null}
    </form>
  );
}
