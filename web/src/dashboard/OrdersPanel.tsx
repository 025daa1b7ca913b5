/**
 * The dashboard's orders (代购配送): today's orders of the place by kind and by the steps taken,
 * the average time from request to delivery and the orders left unaccepted past their deadline,
 * and their 14-day trend. Orders are counted per community and day (the day's counters), so
 * these are live at every level, unlike the figures summed from submitted reports.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ordersRequested } from '#shared/domain/daily-figures.ts';
import type { Dashboard } from '#shared/schemas/dashboard.ts';
import { Chart, type EChartsOption } from './Chart.tsx';

type OrderFigures = Dashboard['today']['orders'];

/** The tiles shown, each a label key under dashboard.orders.figures and its value (undefined: nothing to average yet). */
export function orderTiles(o: OrderFigures): [string, number | undefined][] {
  return [
    ['requested', ordersRequested(o)],
    ['groceries', o.requested.groceries],
    ['medicine', o.requested.medicine],
    ['other', o.requested.other],
    ['accepted', o.accepted],
    ['purchased', o.purchased],
    ['delivered', o.delivered],
    ['collected', o.collected],
    ['cancelled', o.cancelled],
    ['overdue', o.overdue],
    ['avgDelivery', o.avgDeliveryMinutes ?? undefined],
  ];
}

export function OrdersPanel({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartsOption => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 50, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: data.trend.map((d) => d.date.slice(5)) },
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', name: t('dashboard.minutes') }],
    series: [
      { name: t('dashboard.orders.figures.requested'), type: 'bar', data: data.trend.map((d) => d.ordersRequested) },
      { name: t('dashboard.orders.figures.delivered'), type: 'bar', data: data.trend.map((d) => d.ordersDelivered) },
      { name: t('dashboard.orders.figures.overdue'), type: 'line', data: data.trend.map((d) => d.ordersOverdue) },
      { name: t('dashboard.orders.figures.avgDelivery'), type: 'line', yAxisIndex: 1, data: data.trend.map((d) => d.avgDeliveryMinutes) },
    ],
  }), [data, t]);
  return (
    <section aria-labelledby="dashboard-orders" className="dashboard-today dashboard-orders">
      <h2 id="dashboard-orders">{t('dashboard.orders.title', { date: data.date })}</h2>
      <p className="list-note">{t('dashboard.orders.source')}</p>
      <dl className="dashboard-tiles">
        {orderTiles(data.today.orders).map(([key, value]) => (
          <div key={key} className="dashboard-tile" data-order-figure={key}>
            <dt>{t(`dashboard.orders.figures.${key}`)}</dt>
            <dd>{value ?? t('dashboard.orders.none')}</dd>
          </div>
        ))}
      </dl>
      <div className="dashboard-chart" data-chart="orders">
        <Chart option={option} height={260} label={t('dashboard.orders.trend')} />
      </div>
    </section>
  );
}
