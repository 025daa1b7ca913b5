/**
 * The city dashboard (指挥大屏, /dashboard) for city staff and officials: a place's figures of
 * today, its 14-day trends (cases, entries and fevers, sweep coverage, disinfection rounds, daily
 * reports submitted) and its alerts by kind with the median time to acknowledge, drawn with
 * ECharts (Chart.tsx); its orders (代购配送, OrdersPanel.tsx); the places one level down drill in,
 * street → community → compound (its six-in-place scorecard, inspections/ScorecardPanel.tsx).
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ordersRequested } from '#shared/domain/daily-figures.ts';
import type { Dashboard } from '#shared/schemas/dashboard.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useApi } from '../services.tsx';
import { Chart, type EChartsOption } from './Chart.tsx';
import { DashboardMap } from './DashboardMap.tsx';
import { OrdersPanel } from './OrdersPanel.tsx';
import { ScorecardPanel } from '../inspections/ScorecardPanel.tsx';
import '../styles/dashboard.css';

type Place = { readonly streetId?: string; readonly communityId?: string; readonly name?: string };

export function DashboardPage() {
  const { t } = useTranslation();
  const api = useApi();
  const [trail, setTrail] = useState<Place[]>([{}]);
  const place = trail.at(-1) ?? {};
  const board = useAsync(`dashboard|${place.streetId ?? ''}|${place.communityId ?? ''}`, (signal) =>
    api.call('getDashboard', { query: { ...(place.streetId ? { streetId: place.streetId } : {}), ...(place.communityId ? { communityId: place.communityId } : {}) } }, { signal }));
  const data = board.data;
  return (
    <main id="main" className="dashboard-page" data-state={data ? 'ready' : 'loading'}>
      <h1>{place.name ? t('dashboard.titleOf', { name: place.name }) : t('dashboard.title')}</h1>
      <nav aria-label={t('dashboard.trail')} className="dashboard-trail">
        {trail.map((p, i) => (
          <span key={`${p.streetId ?? ''}|${p.communityId ?? ''}`}>
            {i > 0 && ' › '}
            {i < trail.length - 1
              ? <button type="button" className="link-button" onClick={() => setTrail(trail.slice(0, i + 1))}>{p.name ?? t('dashboard.jurisdiction')}</button>
              : <strong>{p.name ?? t('dashboard.jurisdiction')}</strong>}
          </span>
        ))}
      </nav>
      {board.error !== undefined && <ErrorNotice title={t('dashboard.failed')} error={board.error} onRetry={board.reload} />}
      {data && (
        <>
          <Today data={data} />
          <OrdersPanel data={data} />
          <div className="dashboard-body">
            <div className="dashboard-charts">
              <TrendChart data={data} />
              <AlertChart data={data} />
            </div>
            <DashboardMap streetId={place.streetId} communityId={place.communityId} onOpenCommunity={(c) => setTrail(drilledTo(trail, data, c))} />
          </div>
          <Children data={data} onOpen={(next) => setTrail([...trail, next])} />
        </>
      )}
    </main>
  );
}

/**
 * The trail down to a community chosen on the map (only the place's own compounds are drawn):
 * the places above it kept, and its street added when the dashboard showed the city.
 */
function drilledTo(trail: readonly Place[], data: Dashboard, community: { id: string; name: string; streetId: string; streetName: string }): Place[] {
  const kept = trail.filter((p) => !p.communityId);
  const above = data.level === 'city' ? [...kept, { streetId: community.streetId, name: community.streetName }] : kept;
  return [...above, { communityId: community.id, name: community.name }];
}

function Today({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const f = data.today.figures;
  const tiles: [string, string | number][] = [
    ['compounds', data.today.compounds],
    ['cases', f.cases.confirmed + f.cases.suspected + f.cases.asymptomatic],
    ['entries', f.entries.in],
    ['fevers', f.entries.fevers],
    ['rounds', `${f.rounds.done}/${f.rounds.required}`],
    ['openAlerts', f.alerts.open],
  ];
  return (
    <section aria-labelledby="dashboard-today" className="dashboard-today">
      <h2 id="dashboard-today">{t('dashboard.today', { date: data.date })}</h2>
      <p className="list-note">{t(`dashboard.source.${data.today.source}`)}</p>
      <dl className="dashboard-tiles">
        {tiles.map(([key, value]) => (
          <div key={key} className="dashboard-tile" data-figure={key}>
            <dt>{t(`dashboard.figures.${key}`)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function TrendChart({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartsOption => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 40, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: data.trend.map((d) => d.date.slice(5)) },
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } }],
    series: [
      { name: t('dashboard.figures.cases'), type: 'line', data: data.trend.map((d) => d.cases) },
      { name: t('dashboard.figures.fevers'), type: 'line', data: data.trend.map((d) => d.fevers) },
      { name: t('dashboard.figures.entries'), type: 'bar', data: data.trend.map((d) => d.entries) },
      { name: t('dashboard.figures.reports'), type: 'line', data: data.trend.map((d) => d.reportsSubmitted) },
      { name: t('dashboard.figures.coverage'), type: 'line', yAxisIndex: 1, data: data.trend.map((d) => d.coverage) },
      { name: t('dashboard.figures.roundsDone'), type: 'line', yAxisIndex: 1, data: data.trend.map((d) => (d.roundsRequired === 0 ? null : Math.round((d.roundsDone / d.roundsRequired) * 100))) },
    ],
  }), [data, t]);
  return (
    <section aria-labelledby="dashboard-trend" className="dashboard-chart" data-chart="trend">
      <h2 id="dashboard-trend">{t('dashboard.trend')}</h2>
      <Chart option={option} height={320} label={t('dashboard.trend')} />
    </section>
  );
}

function AlertChart({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const kinds = data.alerts.map((a) => t(`dashboard.kinds.${a.kind}`, { defaultValue: a.kind }));
  const option = useMemo((): EChartsOption => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 40, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: kinds, axisLabel: { interval: 0, rotate: 30 } },
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', name: t('dashboard.minutes') }],
    series: [
      { name: t('dashboard.alertCount'), type: 'bar', data: data.alerts.map((a) => a.count) },
      { name: t('dashboard.medianAck'), type: 'line', yAxisIndex: 1, data: data.alerts.map((a) => a.medianAckMinutes) },
    ],
  }), [data, kinds, t]);
  return (
    <section aria-labelledby="dashboard-alerts" className="dashboard-chart" data-chart="alerts">
      <h2 id="dashboard-alerts">{t('dashboard.alerts')}</h2>
      {data.alerts.length === 0
        ? <p className="list-note">{t('dashboard.noAlerts')}</p>
        : <Chart option={option} height={320} label={t('dashboard.alerts')} />}
    </section>
  );
}

function Children({ data, onOpen }: { data: Dashboard; onOpen(place: Place): void }) {
  const { t } = useTranslation();
  // The last level down: a compound opens its six-in-place scorecard under the table.
  const [compound, setCompound] = useState<{ id: string; name: string }>();
  if (data.children.length === 0) return null;
  // Orders are counted per community: streets and communities have them, compounds not.
  const withOrders = data.children.some((child) => child.orders !== null);
  return (
    <section aria-labelledby="dashboard-children" className="dashboard-children">
      <h2 id="dashboard-children">{t(`dashboard.children.${data.children[0]?.level ?? 'street'}`)}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.name')}</th>
            <th scope="col">{t('dashboard.figures.compounds')}</th>
            <th scope="col">{t('dashboard.figures.reports')}</th>
            <th scope="col">{t('dashboard.figures.cases')}</th>
            <th scope="col">{t('dashboard.figures.fevers')}</th>
            {withOrders && <th scope="col">{t('dashboard.orders.figures.requested')}</th>}
            {withOrders && <th scope="col">{t('dashboard.orders.figures.overdue')}</th>}
          </tr>
        </thead>
        <tbody>
          {data.children.map((child) => (
            <tr key={child.id ?? 'none'} data-child={child.id ?? ''}>
              <th scope="row">
                {child.id
                  ? (
                    <button type="button" className="link-button" aria-pressed={child.level === 'compound' ? compound?.id === child.id : undefined}
                      onClick={() => {
                        const id = child.id ?? '';
                        if (child.level === 'compound') setCompound({ id, name: child.name });
                        else onOpen(child.level === 'street' ? { streetId: id, name: child.name } : { communityId: id, name: child.name });
                      }}>
                      {child.name}
                    </button>
                  )
                  : child.name || t('dashboard.unassigned')}
              </th>
              <td>{child.compounds}</td>
              <td>{child.reportsSubmitted}</td>
              <td>{child.cases}</td>
              <td>{child.fevers}</td>
              {withOrders && <td data-order-figure="requested">{child.orders ? ordersRequested(child.orders) : ''}</td>}
              {withOrders && <td data-order-figure="overdue">{child.orders?.overdue ?? ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {compound && <ScorecardPanel key={compound.id} compoundId={compound.id} compoundName={compound.name} />}
    </section>
  );
}
