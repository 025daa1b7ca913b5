/**
 * The dashboard's sums (pure): a day of the trend from that day's submitted daily reports, the
 * alerts of a period by kind with the median time to acknowledge, and the places one level down
 * with their compounds and today's reports. Figures are summed with the daily figures' own
 * sumFigures, so the dashboard counts as the reports do; orders (counted per community and day)
 * come beside them from the day's counters, as the roll-ups' lines have them.
 */
import type { DashboardAlerts, DashboardChild, DashboardDay } from '../schemas/dashboard.ts';
import { emptyOrderFigures, ordersRequested, sumFigures, type DailyFigures, type OrderFigures } from './daily-figures.ts';

export const TREND_DAYS = 14;

/** One day of the trend from the day's submitted reports (a zero report counts as submitted) and the place's orders of the day. */
export function trendDay(
  date: string,
  reports: readonly { status: 'submitted' | 'zero'; figures: DailyFigures }[],
  orders: OrderFigures = emptyOrderFigures(),
): DashboardDay {
  const sum = sumFigures(reports.map((r) => r.figures), 'trend', date);
  const sweep = sum.sweep;
  return {
    date,
    cases: sum.cases.confirmed + sum.cases.suspected + sum.cases.asymptomatic,
    entries: sum.entries.in,
    fevers: sum.entries.fevers,
    coverage: sweep && sweep.households > 0 ? Math.round((sweep.householdsVisited / sweep.households) * 1000) / 10 : null,
    roundsRequired: sum.rounds.required,
    roundsDone: sum.rounds.done,
    reportsSubmitted: reports.length,
    reportsZero: reports.filter((r) => r.status === 'zero').length,
    ordersRequested: ordersRequested(orders),
    ordersDelivered: orders.delivered,
    ordersOverdue: orders.overdue,
    avgDeliveryMinutes: orders.avgDeliveryMinutes,
  };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const m = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return Math.round(m * 10) / 10;
}

/** Alerts by kind, most first: how many, how many acknowledged, the median minutes to acknowledge. */
export function alertsByKind(alerts: readonly { kind: string; raisedAt: string; acknowledgedAt?: string | undefined }[]): DashboardAlerts[] {
  const groups = Map.groupBy(alerts, (a) => a.kind);
  return [...groups].map(([kind, list]) => {
    const waits = list.flatMap((a) => (a.acknowledgedAt ? [(Date.parse(a.acknowledgedAt) - Date.parse(a.raisedAt)) / 60_000] : []));
    return { kind, count: list.length, acknowledged: waits.length, medianAckMinutes: median(waits) };
  }).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
}

/**
 * The places one level down: each with its compounds under closure and today's reports summed.
 * `childOf` says which child a compound (or its report) belongs to; `nameOf` names the child;
 * `ordersOf` gives a street's or community's orders of today (null for a compound: orders are
 * counted per community).
 */
export function childrenOf<C extends { readonly id: string }, R extends { readonly compoundId: string; readonly figures: DailyFigures }>(
  level: DashboardChild['level'],
  compounds: readonly C[],
  reports: readonly R[],
  childOf: (compoundId: string) => string | null,
  nameOf: (id: string | null) => string,
  ordersOf: (id: string | null) => OrderFigures | null = () => null,
): DashboardChild[] {
  const ids = new Set<string | null>(compounds.map((c) => childOf(c.id)));
  return [...ids].map((id) => {
    const mine = reports.filter((r) => childOf(r.compoundId) === id);
    const sum = sumFigures(mine.map((r) => r.figures), id ?? 'unassigned', '');
    return {
      id, name: nameOf(id), level,
      compounds: compounds.filter((c) => childOf(c.id) === id).length,
      reportsSubmitted: mine.length,
      cases: sum.cases.confirmed + sum.cases.suspected + sum.cases.asymptomatic,
      fevers: sum.entries.fevers,
      orders: ordersOf(id),
    };
  }).sort((a, b) => b.cases - a.cases || b.fevers - a.fevers || a.name.localeCompare(b.name));
}
