/**
 * What waits at a compound's drop-off points (物品指定存放点): for each point the deliveries not
 * yet collected — for whom (building and room, masked as the API answers it), what kind, how many
 * lines, since when — oldest first, with what has waited longer than a day marked in words as
 * well as colour, so whoever minds the point knows whom to call.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '#shared/roles.ts';
import { NO_DROP_OFF_POINT_ID } from '#shared/schemas/order.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { CompoundPicker } from '../passes/CompoundPicker.tsx';
import { dayTime } from '../tasks/time.ts';
import { useDropOffWaiting } from './data.ts';

export function DropOffWaiting({ role, version }: { role: Role; version: number }) {
  const { t, i18n } = useTranslation();
  const [compoundId, setCompoundId] = useState<string>();
  const waiting = useDropOffWaiting(compoundId, version);
  const points = waiting.data?.items ?? [];
  const sep = t('orders.separator');

  return (
    <section className="task-section order-waiting" aria-labelledby="orders-waiting-title" data-section="waiting">
      <h2 id="orders-waiting-title">{t('orders.waiting.title')}</h2>
      <CompoundPicker role={role} compoundId={compoundId} onChoose={(c) => setCompoundId(c?.id)} />
      {!compoundId && <p className="hint">{t('orders.waiting.choose')}</p>}
      {waiting.error !== undefined && <ErrorNotice title={t('orders.waiting.failed')} error={waiting.error} onRetry={waiting.reload} />}
      {compoundId && waiting.loading && <p role="status">{t('orders.loading')}</p>}
      {waiting.data && points.length === 0 && <p className="hint">{t('orders.waiting.noPoints')}</p>}
      {points.map(({ point, orders }) => {
        const late = orders.filter((o) => o.overADay).length;
        return (
          <section key={point.id} className="card order-point-card" aria-labelledby={`point-${point.id}`} data-point-id={point.id}>
            <h3 id={`point-${point.id}`}>
              {/* Goods left at no point are one bucket; a point removed since goods were left there keeps the name its orders kept, which may be none. */}
              {point.id === NO_DROP_OFF_POINT_ID ? t('orders.waiting.noPoint') : point.name || t('orders.waiting.removedPoint')} <span className="section-count">{t('orders.waiting.count', { count: orders.length })}</span>
              {late > 0 && <span className="order-late-count">{sep}{t('orders.waiting.lateCount', { count: late })}</span>}
            </h3>
            {orders.length === 0 ? <p className="hint">{t('orders.waiting.empty')}</p> : (
              <ul className="order-waiting-list">
                {orders.map((o) => (
                  <li key={o.id} data-order-id={o.id} data-over-a-day={o.overADay || undefined} className={o.overADay ? 'order-late' : undefined}>
                    <strong>{[o.buildingName, o.room].filter(Boolean).join(sep)}</strong>
                    {sep}{t(`orders.kind.${o.kind}`)}{sep}{t('orders.waiting.lines', { count: o.lines })}
                    {sep}<time dateTime={o.deliveredAt}>{t('orders.waiting.since', { at: dayTime(o.deliveredAt, i18n.language) })}</time>
                    {o.overADay && <span className="order-late-mark">{sep}{t('orders.waiting.overADay')}</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </section>
  );
}
