/**
 * One order of the queue, phone first: what (kind, items, urgent), for which household (the room
 * as the API answers it: masked for volunteers), where it goes, who carries it (by name), when it
 * must be accepted by, and the steps this person may take — each with its own inputs: accept;
 * purchase with the amount paid and the receipt number; deliver with an optional photo; collect;
 * cancel with a reason. A refusal is said in words (conflicts.ts) and the list read again.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { photoProblem, uploadPhotoTo } from '../inspections/photos.ts';
import { useSend } from '../people/useSend.ts';
import { useApi, useServices } from '../services.tsx';
import { clockTime, dayTime } from '../tasks/time.ts';
import { conflictWords, isOrderConflict } from './conflicts.ts';
import { stepsFor, useOrderActions, type Me, type Order, type OrderAction } from './data.ts';

/** What the card's owner hears after a step: done (with the order as it now stands) or refused in words. */
export type StepOutcome = { readonly kind: 'done'; readonly action: OrderAction; readonly order: Order } | { readonly kind: 'refused'; readonly words: string };

/** The items of an order in one line: 大米 2袋、鸡蛋 1盒. */
export function itemsText(order: Pick<Order, 'items'>, separator: string): string {
  return order.items.map((line) => `${line.name} ${line.qty}${line.unit ?? ''}`).join(separator);
}

/** Compound, building and room, as the API answers them, joined by the language's separator (orders.separator). */
export function placeOf(order: Pick<Order, 'compoundName' | 'buildingName' | 'room'>, separator: string): string {
  return [order.compoundName, order.buildingName, order.room].filter(Boolean).join(separator);
}

export function OrderCard({ order, me, now, onStep }: { order: Order; me: Me; now: number; onStep(outcome: StepOutcome): void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const steps = stepsFor(order, me);
  const [open, setOpen] = useState<'purchase' | 'deliver' | 'cancel'>();
  const overdue = order.status === 'requested' && Date.parse(order.acceptBy) < now;
  const sep = t('orders.separator');
  const title = [t(`orders.kind.${order.kind}`), ...(order.urgent ? [t('orders.urgent')] : [])].join(sep);
  const day = (at: string) => dayTime(at, i18n.language);

  return (
    <li className="card order-card" data-order-id={order.id} data-status={order.status} data-kind={order.kind} data-urgent={order.urgent || undefined} data-overdue={overdue || undefined}>
      <article aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`} className="order-title">
          <span className="order-kind">{title}</span> <span className="order-status">{t(`orders.status.${order.status}`)}</span>
        </h3>
        <p className="order-items">{itemsText(order, t('orders.itemSeparator'))}</p>
        <p className="order-place">{placeOf(order, sep)}</p>
        {order.dropOffPointName && <p className="order-point">{t('orders.toPoint', { point: order.dropOffPointName })}</p>}
        {order.note && <p className="order-note">{t('orders.labelled', { label: t('orders.note'), text: order.note })}</p>}
        {order.prescription && <p className="order-note">{t('orders.labelled', { label: t('orders.prescription'), text: order.prescription })}</p>}
        <p className="hint order-times">
          <time dateTime={order.requestedAt}>{t('orders.requestedAt', { at: day(order.requestedAt) })}</time>
          {order.status === 'requested' && (
            <>
              {sep}
              <span className={overdue ? 'order-overdue' : undefined}>
                {overdue ? t('orders.overdue', { at: clockTime(order.acceptBy, i18n.language) }) : t('orders.acceptBy', { at: clockTime(order.acceptBy, i18n.language) })}
              </span>
            </>
          )}
          {order.acceptedByName && <>{sep}{t('orders.carriedBy', { name: order.acceptedByName })}</>}
          {order.amountPaid !== undefined && <>{sep}{(order.receiptNo ? t('orders.paid', { amount: order.amountPaid, receipt: order.receiptNo }) : t('orders.paidNoReceipt', { amount: order.amountPaid }))}</>}
          {order.deliveredAt && <>{sep}{t('orders.deliveredAt', { at: day(order.deliveredAt) })}</>}
          {order.cancelReason && <>{sep}{t('orders.cancelledFor', { reason: order.cancelReason })}</>}
        </p>
        {steps.length > 0 && open === undefined && (
          <StepButtons order={order} steps={steps} onOpen={setOpen} onStep={onStep} />
        )}
        {open === 'purchase' && <PurchaseForm order={order} onClose={() => setOpen(undefined)} onStep={onStep} />}
        {open === 'deliver' && <DeliverForm order={order} onClose={() => setOpen(undefined)} onStep={onStep} />}
        {open === 'cancel' && <CancelForm order={order} onClose={() => setOpen(undefined)} onStep={onStep} />}
      </article>
    </li>
  );
}

/** Sends one step; a 409 the view knows is read again and said in words, anything else shown by the form. */
function useStep(order: Order, onStep: (outcome: StepOutcome) => void) {
  const { t } = useTranslation();
  const actions = useOrderActions();
  const sending = useSend();
  const run = async (action: OrderAction, body: Parameters<typeof actions.act>[2] = {}): Promise<boolean> => {
    let refused: unknown;
    const answer = await sending.send(async () => {
      try {
        return await actions.act(order.id, action, body);
      } catch (error) {
        if (!isOrderConflict(error)) throw error;
        refused = error;
        return undefined;
      }
    });
    if (answer) {
      onStep({ kind: 'done', action, order: answer });
      return true;
    }
    if (isOrderConflict(refused)) {
      const now = await actions.get(order.id).catch(() => undefined);
      onStep({ kind: 'refused', words: conflictWords(t, refused, action, now) });
    }
    return false;
  };
  return { run, busy: sending.busy, error: sending.error };
}

function StepButtons({ order, steps, onOpen, onStep }: { order: Order; steps: OrderAction[]; onOpen(step: 'purchase' | 'deliver' | 'cancel'): void; onStep(outcome: StepOutcome): void }) {
  const { t } = useTranslation();
  const { run, busy, error } = useStep(order, onStep);
  return (
    <div className="order-steps">
      {steps.map((step) => (
        <button key={step} type="button" className={`button${step === 'cancel' || step === 'collect' ? '' : ' button-primary'}`} disabled={busy}
          onClick={() => (step === 'accept' || step === 'collect' ? void run(step) : onOpen(step))}>
          {t(`orders.steps.${step}`)}
        </button>
      ))}
      {error !== undefined && <ErrorNotice title={t('orders.stepFailed')} error={error} />}
    </div>
  );
}

/** A step's form: its fields, the button that takes the step, the way back, and what went wrong. */
function StepForm({ title, save, busy, error, onSubmit, onClose, children }: {
  title: string; save: string; busy: boolean; error: unknown; onSubmit(event: FormEvent): void; onClose(): void; children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <form className="order-form order-step-form" aria-label={title} noValidate onSubmit={onSubmit}>
      {children}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>{save}</button>
        <button type="button" className="button" onClick={onClose}>{t('orders.back')}</button>
      </div>
      {error !== undefined && <ErrorNotice title={t('orders.stepFailed')} error={error} />}
    </form>
  );
}

function PurchaseForm({ order, onClose, onStep }: { order: Order; onClose(): void; onStep(outcome: StepOutcome): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [amount, setAmount] = useState('');
  const [receipt, setReceipt] = useState('');
  const [bad, setBad] = useState(false);
  const { run, busy, error } = useStep(order, onStep);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const paid = Number(amount);
    if (amount.trim() === '' || !Number.isFinite(paid) || paid < 0 || paid > 100000) {
      setBad(true);
      return;
    }
    setBad(false);
    if (await run('purchase', { amountPaid: Math.round(paid * 100) / 100, ...(receipt.trim() ? { receiptNo: receipt.trim() } : {}) })) onClose();
  };
  return (
    <StepForm title={t('orders.purchase.title')} save={t('orders.purchase.save')} busy={busy} error={error} onSubmit={(e) => void submit(e)} onClose={onClose}>
      <label htmlFor={`${id}-amount`}>{t('orders.purchase.amount')}</label>
      <input id={`${id}-amount`} type="number" inputMode="decimal" min={0} max={100000} step="0.01" required value={amount}
        aria-invalid={bad || undefined} aria-describedby={bad ? `${id}-amount-error` : undefined} onChange={(e) => setAmount(e.target.value)} />
      {bad && <p id={`${id}-amount-error`} className="field-error">{t('orders.purchase.amountNeeded')}</p>}
      <label htmlFor={`${id}-receipt`}>{t('orders.purchase.receipt')}</label>
      <input id={`${id}-receipt`} maxLength={50} value={receipt} onChange={(e) => setReceipt(e.target.value)} />
    </StepForm>
  );
}

function DeliverForm({ order, onClose, onStep }: { order: Order; onClose(): void; onStep(outcome: StepOutcome): void }) {
  const { t } = useTranslation();
  const id = useId();
  const api = useApi();
  const { config } = useServices();
  const [photo, setPhoto] = useState<{ key: string; name: string }>();
  const [photoSaid, setPhotoSaid] = useState<string>();
  const [uploading, setUploading] = useState(false);
  const { run, busy, error } = useStep(order, onStep);
  const choose = async (file: File | undefined) => {
    setPhotoSaid(undefined);
    if (!file) return;
    const problem = photoProblem(file);
    if (problem) {
      setPhotoSaid(t(`orders.deliver.photoProblem.${problem}`));
      return;
    }
    setUploading(true);
    try {
      setPhoto({ key: await uploadPhotoTo(api, 'createOrderUpload', file, config.apiUrl), name: file.name });
    } catch {
      setPhotoSaid(t('orders.deliver.photoFailed'));
    } finally {
      setUploading(false);
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await run('deliver', photo ? { photoKey: photo.key } : {})) onClose();
  };
  return (
    <StepForm title={t('orders.deliver.title')} save={t('orders.deliver.save')} busy={busy || uploading} error={error} onSubmit={(e) => void submit(e)} onClose={onClose}>
      {order.dropOffPointName && <p>{t('orders.toPoint', { point: order.dropOffPointName })}</p>}
      <label htmlFor={`${id}-photo`}>{t('orders.deliver.photo')}</label>
      <input id={`${id}-photo`} type="file" accept="image/jpeg,image/png,image/webp" capture="environment" onChange={(e) => void choose(e.target.files?.[0])} />
      {uploading && <p className="hint" role="status">{t('orders.deliver.uploading')}</p>}
      {photo && <p className="hint" role="status">{t('orders.deliver.photoReady', { name: photo.name })}</p>}
      {photoSaid && <p className="field-error" role="alert">{photoSaid}</p>}
    </StepForm>
  );
}

function CancelForm({ order, onClose, onStep }: { order: Order; onClose(): void; onStep(outcome: StepOutcome): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const { run, busy, error } = useStep(order, onStep);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    if (await run('cancel', { reason: reason.trim() })) onClose();
  };
  return (
    <StepForm title={t('orders.cancel.title')} save={t('orders.cancel.save')} busy={busy} error={error} onSubmit={(e) => void submit(e)} onClose={onClose}>
      <label htmlFor={`${id}-reason`}>{t('orders.cancel.reason')}</label>
      <textarea id={`${id}-reason`} required maxLength={300} value={reason} aria-invalid={(missing && !reason.trim()) || undefined}
        aria-describedby={missing && !reason.trim() ? `${id}-reason-error` : undefined} onChange={(e) => setReason(e.target.value)} />
      {missing && !reason.trim() && <p id={`${id}-reason-error`} className="field-error">{t('orders.cancel.reasonNeeded')}</p>}
    </StepForm>
  );
}
