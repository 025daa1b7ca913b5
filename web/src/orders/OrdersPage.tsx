/**
 * Proxy purchase and delivery (代购配送, issue 18) at /orders, phone first: the community's queue
 * by status as the API orders it (medicine and urgent first, then oldest), each order with the
 * steps this person may take; "mine" — what I carry, batched by drop-off point ("12 件送往 3 号楼
 * 存放点"); what waits at each drop-off point; and for grid workers and community admins an order
 * entered for a household (a phone call) and the household's link with its door slip.
 * Volunteers work the queue; community admins work it and cancel; grid workers enter orders,
 * make links and record collections.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import '../styles/tasks.css';
import './orders.css';
import { ORDER_STATUSES } from '#shared/schemas/order.ts';
import { mayCall } from '../api/may.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useSession } from '../services.tsx';
import { useNow } from '../tasks/time.ts';
import { batchesByPoint, useOrderQueue, type Me, type Order, type OrderStatus, type QueueFilter } from './data.ts';
import { DropOffWaiting } from './DropOffWaiting.tsx';
import { HouseholdLink } from './HouseholdLink.tsx';
import { OrderCard, placeOf, type StepOutcome } from './OrderCard.tsx';
import { OrderForm } from './OrderForm.tsx';

type Tab = OrderStatus | 'mine' | 'waiting' | 'new' | 'link';

/** What the last step came to, said above the list until the next one. */
type Said = { readonly kind: 'done'; readonly text: string } | { readonly kind: 'refused'; readonly text: string };

export function OrdersPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  // The view is only routed for a signed-in user; the shell makes sure.
  const user = session?.user;
  const me: Me = { userId: user?.username ?? '', username: user?.username ?? '', role: user?.role ?? 'volunteer', jurisdiction: user?.jurisdiction ?? {} };
  const carries = me.role === 'volunteer' || me.role === 'community';
  const tabs: Tab[] = [
    'requested', ...(carries ? ['mine' as const] : []), ...ORDER_STATUSES.filter((s) => s !== 'requested'), 'waiting',
    ...(mayCall(me.role, 'createOrder') ? ['new' as const] : []), ...(mayCall(me.role, 'createHouseholdLink') ? ['link' as const] : []),
  ];
  const [tab, setTab] = useState<Tab>('requested');
  const [version, setVersion] = useState(0);
  const [said, setSaid] = useState<Said>();

  const stepped = (outcome: StepOutcome) => {
    setSaid(outcome.kind === 'done'
      ? { kind: 'done', text: t(`orders.done.${outcome.action}`, { items: outcome.order.items.length }) }
      : { kind: 'refused', text: outcome.words });
    setVersion((n) => n + 1);
  };
  const choose = (next: Tab) => {
    setSaid(undefined);
    setTab(next);
  };

  return (
    <main id="main" className="tasks-page orders-page">
      <h1>{t('orders.title')}</h1>
      <div className="order-switch order-tabs" role="group" aria-label={t('orders.tabs.label')}>
        {tabs.map((name) => (
          <button key={name} type="button" className="button" aria-pressed={tab === name} data-tab={name} onClick={() => choose(name)}>
            {t(`orders.tabs.${name}`)}
          </button>
        ))}
      </div>
      {said && (
        <p className={`notice${said.kind === 'refused' ? ' notice-warning' : ''}`} role={said.kind === 'refused' ? 'alert' : 'status'} data-said={said.kind}>
          {said.text}
        </p>
      )}
      {tab === 'waiting' ? (
        <DropOffWaiting role={me.role} version={version} />
      ) : tab === 'link' ? (
        <HouseholdLink role={me.role} />
      ) : tab === 'new' ? (
        <section className="task-section" aria-labelledby="orders-new-title" data-section="new">
          <h2 id="orders-new-title">{t('orders.form.title')}</h2>
          <OrderForm
            key={version}
            role={me.role}
            onDone={(order) => { setSaid({ kind: 'done', text: t('orders.done.created', { place: placeOf(order, t('orders.separator')) }) }); setVersion((n) => n + 1); }}
            onCancel={() => choose('requested')}
          />
        </section>
      ) : (
        <Queue key={tab} filter={tab === 'mine' ? { mine: true } : { status: tab }} me={me} version={version} onStep={stepped} />
      )}
    </main>
  );
}

function Queue({ filter, me, version, onStep }: { filter: QueueFilter; me: Me; version: number; onStep(outcome: StepOutcome): void }) {
  const { t } = useTranslation();
  const now = useNow();
  const queue = useOrderQueue(filter, version);
  const mine = 'mine' in filter;
  const name = mine ? 'mine' : filter.status;
  const card = (order: Order) => <OrderCard key={order.id} order={order} me={me} now={now} onStep={onStep} />;

  return (
    <section className="task-section" aria-labelledby={`orders-${name}-title`} data-section={name}>
      <div className="section-head">
        <h2 id={`orders-${name}-title`}>{t(`orders.tabs.${name}`)}</h2>
        {queue.first && <span className="section-count">{t('orders.count', { count: queue.items.length, more: queue.hasMore ? '+' : '' })}</span>}
      </div>
      {queue.error !== undefined && <ErrorNotice title={t('orders.loadFailed')} error={queue.error} onRetry={queue.reload} />}
      {queue.loading && !queue.first && <p role="status">{t('orders.loading')}</p>}
      {queue.first && queue.items.length === 0 && <p className="hint">{t(`orders.none.${name}`)}</p>}
      {mine ? <Batches orders={queue.items} card={card} /> : <ul className="card-list order-cards">{queue.items.map(card)}</ul>}
      {queue.hasMore && (
        <button type="button" className="button button-wide" disabled={queue.loadingMore} onClick={queue.loadMore}>{t('orders.more')}</button>
      )}
      <button type="button" className="button" onClick={queue.reload}>{t('orders.reload')}</button>
    </section>
  );
}

/** Mine, by drop-off point: what one trip carries, then what waits at the points for its household. */
function Batches({ orders, card }: { orders: readonly Order[]; card(order: Order): ReactNode }) {
  const { t } = useTranslation();
  const batches = batchesByPoint(orders);
  const delivered = orders.filter((o) => o.status === 'delivered');
  return (
    <>
      {batches.map((batch) => (
        <section key={batch.pointId} className="order-batch" aria-labelledby={`batch-${batch.pointId || 'none'}`} data-point-id={batch.pointId}>
          <h3 id={`batch-${batch.pointId || 'none'}`} className="order-batch-title">
            {batch.pointName ? t('orders.batch.to', { count: batch.orders.length, point: batch.pointName }) : t('orders.batch.noPoint', { count: batch.orders.length })}
          </h3>
          <ul className="card-list order-cards">{batch.orders.map(card)}</ul>
        </section>
      ))}
      {delivered.length > 0 && (
        <section className="order-batch" aria-labelledby="batch-delivered" data-point-id="delivered">
          <h3 id="batch-delivered" className="order-batch-title">{t('orders.batch.delivered', { count: delivered.length })}</h3>
          <ul className="card-list order-cards">{delivered.map(card)}</ul>
        </section>
      )}
    </>
  );
}
