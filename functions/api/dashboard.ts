/**
 * The dashboard route (指挥大屏): the caller's jurisdiction, a street or a community — today's
 * figures (counted live for a community, summed from today's submitted daily reports above it),
 * the 14-day trends from the submitted reports, the alerts of those days by kind with the median
 * time to acknowledge, and the places one level down to drill into; beside them, the orders of
 * each day (代购配送), read from the day's per-community counters at every level.
 */
import { chinaDay } from '#shared/domain/china-time.ts';
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import { alertsByKind, childrenOf, trendDay, TREND_DAYS } from '#shared/domain/dashboard.ts';
import { ordersOfPlace, sumFigures, type OrderPlace } from '#shared/domain/daily-figures.ts';
import { CLOSURE_STATUSES, dayBefore, dayEnd, underClosure } from '#shared/domain/disinfection.ts';
import { inParallel } from '#shared/parallel.ts';
import { dashboardRoutes } from '#shared/catalogue/routes/dashboard.ts';
import { listScope } from '#shared/roles.ts';
import { communityForCaller, streetForCaller } from '../edge/access.ts';
import { httpHandler } from '../edge/http.ts';
import { nowIso } from '../platform/clock.ts';
import { alertSources } from '../stores/alert-store.ts';
import { cityCompounds, compoundsOfCommunity, compoundsOfStreet } from '../stores/compound-store.ts';
import { figuresOf, orderFiguresOfDay } from '../stores/daily-figures-store.ts';
import { reportsOfDay, type ReportsWithin } from '../stores/daily-report-store.ts';
import { alertsRaisedBetween } from '../stores/dashboard-store.ts';
import { loadPlaces } from '../stores/places-store.ts';
import { chinaDayStart } from '../stores/scorecard-store.ts';

/** Compounds counted live side by side (a community's). */
const IN_FLIGHT = 6;

export const handler = httpHandler(dashboardRoutes, {
  getDashboard: async ({ query, caller }) => {
    const places = await loadPlaces();
    const at = nowIso();
    const date = query.date ?? chinaDay(at);
    const scope = listScope(caller);
    const communityId = query.communityId ?? (scope.level === 'community' ? scope.communityId : undefined);
    const streetId = query.streetId ?? (scope.level === 'street' ? scope.streetId : undefined);

    let level: 'city' | 'street' | 'community' = 'city';
    let place: { id: string | null; name: string } = { id: null, name: '' };
    let within: ReportsWithin | undefined;
    let compounds: CompoundRecord[];
    if (communityId !== undefined) {
      const community = communityForCaller(places, communityId, caller, 'query.communityId');
      level = 'community';
      place = { id: community.id, name: community.name };
      within = { streetId: community.streetId ?? null, communityId: community.id };
      compounds = (await compoundsOfCommunity(community.id)).filter((c) => underClosure(c.status));
    } else if (streetId !== undefined) {
      const street = streetForCaller(places, streetId, caller, 'query.streetId');
      level = 'street';
      place = { id: street.id, name: street.name };
      within = { streetId: street.id };
      compounds = (await compoundsOfStreet(street.id)).filter((c) => underClosure(c.status));
    } else {
      compounds = await cityCompounds(CLOSURE_STATUSES);
    }

    const days = Array.from({ length: TREND_DAYS }, (_, i) => dayBefore(date, TREND_DAYS - 1 - i));
    const [reportsByDay, ordersByDay] = await Promise.all([
      Promise.all(days.map((day) => reportsOfDay(day, within))),
      Promise.all(days.map((day) => orderFiguresOfDay(day))),
    ]);
    const todays = reportsByDay.at(-1) ?? [];
    const streetOf = (communityId: string) => places.communityById.get(communityId)?.streetId;
    const ordersOn = (i: number, orderPlace: OrderPlace) => ordersOfPlace(orderPlace, ordersByDay[i] ?? new Map(), streetOf);
    const here: OrderPlace = { level, id: place.id ?? 'city' };
    const today = days.length - 1;
    const from = chinaDayStart(days[0] ?? date);
    const to = dayEnd(date);
    const narrow = level === 'community' && place.id ? { communityId: place.id } : {};
    const sources = level === 'street' && place.id
      ? alertSources({ ...caller, role: 'official', jurisdiction: { streetId: place.id } }, places, {}, undefined)
      : alertSources(caller, places, narrow, undefined);
    const alerts = await alertsRaisedBetween(sources, from, to);

    const figures = level === 'community'
      ? sumFigures(await inParallel(compounds, IN_FLIGHT, (c) => figuresOf(c, date, at)), place.id ?? 'city', date)
      : sumFigures(todays.map((r) => r.figures), place.id ?? 'city', date);

    const byId = new Map(compounds.map((c) => [c.id, c]));
    const childOf = level === 'city'
      ? (id: string) => byId.get(id)?.streetId ?? null
      : level === 'street'
        ? (id: string) => byId.get(id)?.communityId ?? null
        : (id: string) => id;
    const nameOf = (id: string | null) => (id === null
      ? ''
      : (byId.get(id)?.name ?? places.communityById.get(id)?.name ?? places.streetById.get(id)?.name ?? id));
    const childLevel = level === 'city' ? 'street' : level === 'street' ? 'community' : 'compound';
    const children = childrenOf(childLevel, compounds, todays, childOf, nameOf,
      (id) => (childLevel === 'compound' || id === null ? null : ordersOn(today, { level: childLevel, id })));

    return {
      date, level, place,
      today: { source: level === 'community' ? 'live' as const : 'reports' as const, compounds: compounds.length, figures, orders: ordersOn(today, here) },
      trend: days.map((day, i) => trendDay(day, reportsByDay[i] ?? [], ordersOn(i, here))),
      alerts: alertsByKind(alerts),
      children,
    };
  },
});
