/**
 * The household's orders, newest first, each with its steps (ordered, accepted, bought, at the
 * drop-off point, collected) and the time of each step done, in words as well as marks. An order
 * waiting at the drop-off point says where and asks the household to confirm it collected it; one
 * nobody has accepted yet can be withdrawn (after a second tap: a cancelled order cannot come back).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { linkStateOf } from '../public/link-state.ts';
import { useApi } from '../services.tsx';
import { useWhen } from './when.ts';

/** The order moved on meanwhile (a volunteer accepted it, say): the step no longer applies. */
const isConflict = (error: unknown) => error instanceof ApiError && error.status === 409;

type Order = ResponseOf<'getPublicOrders'>['items'][number];

/** The steps an order goes through, with the time each records. */
const STEPS = [
  ['requested', 'requestedAt'],
  ['accepted', 'acceptedAt'],
  ['purchased', 'purchasedAt'],
  ['delivered', 'deliveredAt'],
  ['collected', 'collectedAt'],
] as const;

export function HouseholdOrders({ token, orders, loadedAt, refreshing, onChanged }: {
  token: string;
  orders: readonly Order[];
  loadedAt: string;
  refreshing: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const when = useWhen();
  return (
    <section className="resident-section household-orders" aria-labelledby="household-orders-heading" aria-busy={refreshing}>
      <div className="household-orders-head">
        <h2 id="household-orders-heading">{t('household.orders.heading')}</h2>
        <button type="button" className="button" onClick={onChanged} disabled={refreshing}>{t('household.orders.refresh')}</button>
      </div>
      <p className="resident-subtle" data-testid="orders-updated">{t('household.orders.updated', { time: when(loadedAt) })}</p>
      {orders.length === 0 ? (
        <p className="list-note">{t('household.orders.none')}</p>
      ) : (
        <ul className="household-order-list">
          {orders.map((order) => <OrderCard key={order.id} token={token} order={order} onChanged={onChanged} />)}
        </ul>
      )}
    </section>
  );
}

function OrderCard({ token, order, onChanged }: { token: string; order: Order; onChanged: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const when = useWhen();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const headingId = `order-${order.id}`;

  const act = async (action: 'collectPublicOrder' | 'cancelPublicOrder') => {
    setBusy(true);
    setFailure(undefined);
    try {
      await api.call(action, { params: { token, id: order.id } });
      setConfirmCancel(false);
      onChanged();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const cancelled = order.status === 'cancelled';
  const reached = STEPS.findIndex(([status]) => status === order.status);
  const linkState = linkStateOf(failure);
  return (
    <li className="household-order-card" data-order-id={order.id} data-status={order.status}>
      {/* The card is named by its heading for screen readers moving between cards. */}
      <article aria-labelledby={headingId}>
        <h3 id={headingId}>
          {t(`household.kinds.${order.kind}`)}
          {order.urgent ? <span className="household-urgent-tag">{t('household.orders.urgent')}</span> : null}
          <span className="household-status" data-testid="order-status">{t(`household.status.${order.status}`)}</span>
        </h3>
        <p className="household-lines">
          {order.items.map((line) => t('household.orders.line', { name: line.name, qty: line.qty, unit: line.unit ?? '' }).trim()).join(t('household.orders.separator'))}
        </p>
        {cancelled ? (
          <p className="resident-subtle">{t('household.orders.cancelledAt', { time: when(order.cancelledAt ?? order.requestedAt) })}</p>
        ) : (
          <ol className="household-steps">
            {STEPS.map(([status, field], i) => {
              const at = order[field];
              return (
                <li key={status} data-done={i <= reached} aria-current={i === reached ? 'step' : undefined}>
                  <span className="household-step-mark" aria-hidden="true">{i <= reached ? '✓' : ''}</span>
                  <span>{t(`household.steps.${status}`)}</span>
                  {at && i <= reached ? <span className="household-step-time">{when(at)}</span> : null}
                  {status === 'purchased' && i <= reached && order.amountPaid !== undefined
                    ? <span className="household-step-time">{t('household.orders.paid', { amount: order.amountPaid.toFixed(2) })}</span> : null}
                </li>
              );
            })}
          </ol>
        )}
        {order.status === 'delivered' ? (
          <p className="household-waiting" data-testid="waiting-at">
            {order.dropOffPointName ? t('household.orders.waitingAt', { point: order.dropOffPointName }) : t('household.orders.waiting')}
          </p>
        ) : order.dropOffPointName && !cancelled && order.status !== 'collected' ? (
          <p className="resident-subtle">{t('household.orders.to', { point: order.dropOffPointName })}</p>
        ) : null}
        {order.note ? <p className="resident-subtle">{t('household.orders.note', { note: order.note })}</p> : null}
        {order.status === 'delivered' ? (
          <button type="button" className="report-submit" disabled={busy} onClick={() => void act('collectPublicOrder')}>
            {t('household.orders.collect')}
          </button>
        ) : null}
        {order.status === 'requested' ? (
          confirmCancel ? (
            <div className="household-confirm" role="group" aria-label={t('household.orders.cancelQuestion')}>
              <p>{t('household.orders.cancelQuestion')}</p>
              <button type="button" className="button household-danger" disabled={busy} onClick={() => void act('cancelPublicOrder')}>{t('household.orders.cancelYes')}</button>
              <button type="button" className="button" onClick={() => setConfirmCancel(false)}>{t('household.orders.cancelNo')}</button>
            </div>
          ) : (
            <button type="button" className="button household-withdraw" onClick={() => setConfirmCancel(true)}>{t('household.orders.cancel')}</button>
          )
        ) : null}
        {failure !== undefined ? (
          <ErrorNotice title={linkState ? t(`household.link.${linkState}`) : isConflict(failure) ? t('household.orders.changed') : t('household.orders.failed')} error={failure} onRetry={onChanged} />
        ) : null}
      </article>
    </li>
  );
}
