/**
 * What waits at a compound's drop-off points (物品指定存放点): for each point the deliveries not
 * yet collected — for whom (building and room, masked as the API answers it), what kind, how many
 * lines, since when — oldest first, with what has waited longer than a day marked in words as
 * well as colour, so whoever minds the point knows whom to call.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '#shared/roles.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { CompoundPicker } from '../passes/CompoundPicker.tsx';
import { useDropOffWaiting } from './data.ts';

export function DropOffWaiting({ role, version }: { role: Role; version: number }) {
  const { t, i18n } = useTranslation();
  const [compoundId, setCompoundId] = useState<string>();
  const waiting = useDropOffWaiting(compoundId, version);
  const points = waiting.data?.items ?? [];
  const day = (at: string) => new Date(at).toLocaleString(i18n.language, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

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
              {point.name} <span className="section-count">{t('orders.waiting.count', { count: orders.length })}</span>
              {late > 0 && <span className="order-late-count"> · {t('orders.waiting.lateCount', { count: late })}</span>}
            </h3>
            {orders.length === 0 ? <p className="hint">{t('orders.waiting.empty')}</p> : (
              <ul className="order-waiting-list">
                {orders.map((o) => (
                  <li key={o.id} data-order-id={o.id} data-over-a-day={o.overADay || undefined} className={o.overADay ? 'order-late' : undefined}>
                    <strong>{[o.buildingName, o.room].filter(Boolean).join(' · ')}</strong>
                    {' · '}{t(`orders.kind.${o.kind}`)}{' · '}{t('orders.waiting.lines', { count: o.lines })}
                    {' · '}<time dateTime={o.deliveredAt}>{t('orders.waiting.since', { at: day(o.deliveredAt) })}</time>
                    {o.overADay && <span className="order-late-mark"> · {t('orders.waiting.overADay')}</span>}
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
