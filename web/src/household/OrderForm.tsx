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
import { ORDER_KINDS, type OrderKind, type PublicOrderCreate } from '#shared/schemas/order.ts';
import type { ResponseOf } from '../api/client.ts';
import { ProblemError } from '../api/errors.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { linkStateOf } from '../public/link-state.ts';
import { useApi } from '../services.tsx';

type Point = ResponseOf<'getPublicOrders'>['dropOffPoints'][number];

/** The schema's bounds (shared/schemas/order.ts), said to the resident before the API has to. */
const MAX_ROWS = 30;
const MAX_QTY = 99;

interface Row {
  readonly key: number;
  readonly name: string;
  readonly qty: string;
  readonly unit: string;
}

const emptyRow = (key: number): Row => ({ key, name: '', qty: '1', unit: '' });

/** A quantity as typed (full-width digits from a Chinese keyboard too), or undefined unless 1–99. */
function quantityOf(text: string): number | undefined {
  const digits = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (!/^\d{1,2}$/.test(digits)) return undefined;
  const qty = Number(digits);
  return qty >= 1 && qty <= MAX_QTY ? qty : undefined;
}

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
  const [rows, setRows] = useState<readonly Row[]>([emptyRow(0)]);
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

  const filled = rows.filter((r) => r.name.trim() !== '');
  const badQty = (r: Row) => r.name.trim() !== '' && quantityOf(r.qty) === undefined;
  const valid = filled.length > 0 && !rows.some(badQty);
  const setRow = (key: number, change: Partial<Row>) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!valid) return;
    const body: PublicOrderCreate = {
      orderId,
      kind,
      items: filled.map((r) => ({ name: r.name.trim(), qty: quantityOf(r.qty) ?? 1, ...(r.unit.trim() ? { unit: r.unit.trim() } : {}) })),
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
      if (error instanceof ProblemError && error.status === 409) {
        // This id was stored with other contents (an edit after a send whose answer was lost): that order stands.
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

      <fieldset className="household-items">
        <legend className="report-label">{t('household.order.items')}</legend>
        <ol>
          {rows.map((row, i) => {
            const n = i + 1;
            const nameId = `${ids}-name-${row.key}`;
            const qtyId = `${ids}-qty-${row.key}`;
            const unitId = `${ids}-unit-${row.key}`;
            const qtyError = checked && badQty(row) ? `${ids}-qty-error-${row.key}` : undefined;
            return (
              <li key={row.key} className="household-item" data-row={n}>
                <label htmlFor={nameId}>{t('household.order.itemName', { n })}</label>
                <input id={nameId} maxLength={50} autoComplete="off" placeholder={t(`household.order.placeholder.${kind}`)}
                  value={row.name} onChange={(e) => setRow(row.key, { name: e.target.value })} />
                <div className="household-item-amount">
                  <label htmlFor={qtyId}>{t('household.order.qty')}</label>
                  <input id={qtyId} inputMode="numeric" autoComplete="off" maxLength={2} value={row.qty}
                    aria-invalid={qtyError !== undefined} aria-describedby={qtyError}
                    onChange={(e) => setRow(row.key, { qty: e.target.value })} />
                  <label htmlFor={unitId}>{t('household.order.unit')}</label>
                  <input id={unitId} maxLength={10} autoComplete="off" placeholder={t('household.order.unitHint')}
                    value={row.unit} onChange={(e) => setRow(row.key, { unit: e.target.value })} />
                  {rows.length > 1 ? (
                    <button type="button" className="household-remove" aria-label={t('household.order.remove', { n })}
                      onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}>
                      {t('household.order.removeShort')}
                    </button>
                  ) : null}
                </div>
                {qtyError ? <p id={qtyError} className="field-error">{t('household.order.qtyInvalid', { max: MAX_QTY })}</p> : null}
              </li>
            );
          })}
        </ol>
        {rows.length < MAX_ROWS ? (
          <button type="button" className="household-add" onClick={() => setRows((all) => [...all, emptyRow(Math.max(...all.map((r) => r.key)) + 1)])}>
            {t('household.order.add')}
          </button>
        ) : null}
        {checked && filled.length === 0 ? <p className="field-error">{t('household.order.itemsNeeded')}</p> : null}
      </fieldset>

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
