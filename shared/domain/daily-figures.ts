/**
 * The day's figures of one compound (当日数据): what the daily report (日报告) is drafted from, and
 * what the scorecard and the city dashboard reuse, so every screen counts a day the same way.
 * Pure: each figure is computed here from the items its store reads
 * (functions/stores/daily-figures-store.ts reads them, one exported function per figure).
 *
 * A day is a China day (`YYYY-MM-DD`, UTC+8). Counts only: no figure names or locates a person.
 *
 * Orders (代购配送) are counted per community, not per compound: each request and step ADDs to its
 * community's counters of the day (keys.orderDay), so {@link OrderFigures} stand beside the
 * compounds' figures in the roll-ups' community, street and city lines and on the dashboard.
 */
import { sumByDay } from './cases.ts';
import type { SlotStatus } from './observation.ts';
import type { OrderDayCounter } from './orders.ts';

/** People through the compound's exits that day, from the exits' hourly counters. */
export interface EntryFigures {
  /** Entries (direction in), admitted or refused. */
  readonly in: number;
  /** Exits (direction out). */
  readonly out: number;
  /** Registrations refused (劝返). */
  readonly refused: number;
  /** Registrations with a fever (≥ 37.3 °C). */
  readonly fevers: number;
}

/** Case reports of the day, summed by kind. */
export interface CaseFigures {
  readonly confirmed: number;
  readonly suspected: number;
  readonly asymptomatic: number;
}

/** The day's door-to-door sweeps (排查) over the compound: households visited of households, summed over the day's sweeps. */
export interface SweepFigures {
  readonly campaigns: number;
  readonly households: number;
  readonly householdsVisited: number;
  /** householdsVisited / households, 0..1 (0 with no household). */
  readonly coverage: number;
}

/** Public-area disinfection rounds (消杀) the day required and those completed (done or partial). */
export interface RoundFigures {
  readonly required: number;
  readonly done: number;
}

/** People under home observation in the compound, and the report slots of the day they missed. */
export interface ObservationFigures {
  readonly people: number;
  readonly missedSlots: number;
}

/** Alerts of the compound: symptoms found that day, and event alerts not yet closed (of any day). */
export interface AlertFigures {
  readonly symptoms: number;
  readonly open: number;
}

export interface DailyFigures {
  readonly compoundId: string;
  readonly date: string;
  readonly entries: EntryFigures;
  readonly cases: CaseFigures;
  /** Null when no sweep covered the compound that day. */
  readonly sweep: SweepFigures | null;
  readonly rounds: RoundFigures;
  readonly observation: ObservationFigures;
  readonly alerts: AlertFigures;
  /** Emergency help requests (紧急救助) of the compound still open. */
  readonly helpOpen: number;
  /**
   * Service orders (代购) of the compound still open: 0, kept so stored reports keep their shape.
   * Orders are counted per community and day ({@link OrderFigures}), beside these figures.
   */
  readonly ordersOpen: number;
  /** Exits of the compound that break an exit rule now (unresolved exits). */
  readonly exitsUnresolved: number;
}

/** An exit's hourly counter as entry-store's hourlyCounts answers it. */
export interface HourCount {
  readonly in: number;
  readonly out: number;
  readonly admitted: number;
  readonly refused: number;
  readonly fever: number;
}

/** The day's entries over every exit's hourly counters. */
export function entryFigures(hours: readonly HourCount[]): EntryFigures {
  const sum = (field: keyof HourCount) => hours.reduce((n, h) => n + (h[field] ?? 0), 0);
  return { in: sum('in'), out: sum('out'), refused: sum('refused'), fevers: sum('fever') };
}

/** The day's case reports summed by kind (zeros when none). */
export function caseFigures(reports: readonly { date: string; kind: keyof CaseFigures; count: number }[], date: string): CaseFigures {
  const day = sumByDay(reports.filter((r) => r.date === date))[0];
  return { confirmed: day?.confirmed ?? 0, suspected: day?.suspected ?? 0, asymptomatic: day?.asymptomatic ?? 0 };
}

/** The compound's coverage items of the day's sweeps summed; null when none covered it. */
export function sweepFigures(covers: readonly { households: number; householdsVisited: number }[]): SweepFigures | null {
  if (covers.length === 0) return null;
  const households = covers.reduce((n, c) => n + c.households, 0);
  const householdsVisited = covers.reduce((n, c) => n + c.householdsVisited, 0);
  return { campaigns: covers.length, households, householdsVisited, coverage: households === 0 ? 0 : Math.min(1, householdsVisited / households) };
}

/** Rounds as the disinfection log counts them (disinfectionDay: requiredRounds, completedRounds). */
export const roundFigures = (log: { requiredRounds: number; completedRounds: number }): RoundFigures =>
  ({ required: log.requiredRounds, done: log.completedRounds });

/** People under observation, each with their period's slots judged: how many, and the day's missed slots. */
export function observationFigures(people: readonly { slots: readonly { date: string; status: SlotStatus }[] }[], date: string): ObservationFigures {
  const missedSlots = people.reduce((n, p) => n + p.slots.filter((s) => s.date === date && s.status === 'missed').length, 0);
  return { people: people.length, missedSlots };
}

/**
 * Alert kinds that say something happened to people (an epidemic event): they count as open
 * alerts of the day. Supervision's own kinds (a missed clock-in, round, daily report or
 * inspection deadline) do not — the missing report's own alert must not block its zero report.
 */
export const EVENT_ALERT_KINDS: readonly string[] = ['symptoms', 'fever', 'lockdown_suggested', 'help', 'missed_reports', 'positive_test'];

/** Symptoms alerts raised on the day, and event alerts not yet closed (open or acknowledged), of the compound's alerts read. */
export function alertFigures(
  alerts: readonly { kind: string; status: string; raisedAt: string }[],
  dayOf: (at: string) => string,
  date: string,
): AlertFigures {
  return {
    symptoms: alerts.filter((a) => a.kind === 'symptoms' && dayOf(a.raisedAt) === date).length,
    open: alerts.filter((a) => a.status !== 'closed' && EVENT_ALERT_KINDS.includes(a.kind)).length,
  };
}

/** The figures with nothing in them: a compound without exits, people or rounds. */
export const emptyFigures = (compoundId: string, date: string): DailyFigures => ({
  compoundId,
  date,
  entries: { in: 0, out: 0, refused: 0, fevers: 0 },
  cases: { confirmed: 0, suspected: 0, asymptomatic: 0 },
  sweep: null,
  rounds: { required: 0, done: 0 },
  observation: { people: 0, missedSlots: 0 },
  alerts: { symptoms: 0, open: 0 },
  helpOpen: 0,
  ordersOpen: 0,
  exitsUnresolved: 0,
});

/** What makes a day abnormal, so that a zero report (零报告) is refused: each is named. */
export const ABNORMAL = ['case', 'fever', 'symptoms', 'open_alert'] as const;
export type Abnormal = (typeof ABNORMAL)[number];

/**
 * Why the day is not a zero day: a new case (any kind), a fever at an exit, symptoms found, or
 * an alert of the compound still open. Empty when a zero report may be submitted.
 */
export function abnormalities(f: Pick<DailyFigures, 'cases' | 'entries' | 'alerts'>): Abnormal[] {
  const out: Abnormal[] = [];
  if (f.cases.confirmed + f.cases.suspected + f.cases.asymptomatic > 0) out.push('case');
  if (f.entries.fevers > 0) out.push('fever');
  if (f.alerts.symptoms > 0) out.push('symptoms');
  if (f.alerts.open > 0) out.push('open_alert');
  return out;
}

/** Two sweep figures together (sums of campaigns and households, coverage recomputed). */
function addSweep(a: SweepFigures | null, b: SweepFigures | null): SweepFigures | null {
  if (!a || !b) return a ?? b;
  const sum = sweepFigures([a, b]);
  return sum && { ...sum, campaigns: a.campaigns + b.campaigns };
}

/** Sums figures over compounds (a community's, a street's, the city's roll-up). */
export function sumFigures(all: readonly DailyFigures[], placeId: string, date: string): DailyFigures {
  const base = emptyFigures(placeId, date);
  return all.reduce<DailyFigures>((acc, f) => ({
    ...acc,
    entries: { in: acc.entries.in + f.entries.in, out: acc.entries.out + f.entries.out, refused: acc.entries.refused + f.entries.refused, fevers: acc.entries.fevers + f.entries.fevers },
    cases: { confirmed: acc.cases.confirmed + f.cases.confirmed, suspected: acc.cases.suspected + f.cases.suspected, asymptomatic: acc.cases.asymptomatic + f.cases.asymptomatic },
    sweep: addSweep(acc.sweep, f.sweep),
    rounds: { required: acc.rounds.required + f.rounds.required, done: acc.rounds.done + f.rounds.done },
    observation: { people: acc.observation.people + f.observation.people, missedSlots: acc.observation.missedSlots + f.observation.missedSlots },
    alerts: { symptoms: acc.alerts.symptoms + f.alerts.symptoms, open: acc.alerts.open + f.alerts.open },
    helpOpen: acc.helpOpen + f.helpOpen,
    ordersOpen: acc.ordersOpen + f.ordersOpen,
    exitsUnresolved: acc.exitsUnresolved + f.exitsUnresolved,
  }), base);
}

/**
 * A community's orders of a China day (or a sum of communities'): requests by kind, the steps
 * taken that day (each counted on the day it was taken, whenever the order was placed), orders
 * that went unaccepted past their deadline, and the time from request to delivery.
 */
export interface OrderFigures {
  readonly requested: { readonly groceries: number; readonly medicine: number; readonly other: number };
  readonly accepted: number;
  readonly purchased: number;
  readonly delivered: number;
  readonly collected: number;
  readonly cancelled: number;
  /** Orders not accepted by their deadline (medicine 2 h): the overdue job counts each once. */
  readonly overdue: number;
  /** Minutes from request to delivery, summed over the day's deliveries: kept so sums over places average right. */
  readonly deliveryMinutes: number;
  /** deliveryMinutes / delivered, to a tenth of a minute; null with no delivery that day. */
  readonly avgDeliveryMinutes: number | null;
}

const averageOf = (minutes: number, delivered: number): number | null =>
  (delivered > 0 ? Math.round((minutes / delivered) * 10) / 10 : null);

/** A counter as DynamoDB hands it back (a number, absent before its first ADD). */
const counted = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** A community's day from its counters item (absent: no order that day). */
export function orderFigures(counters: Partial<Record<OrderDayCounter, unknown>> | undefined = {}): OrderFigures {
  const c = (name: OrderDayCounter) => counted(counters[name]);
  return {
    requested: { groceries: c('requested_groceries'), medicine: c('requested_medicine'), other: c('requested_other') },
    accepted: c('accepted'), purchased: c('purchased'), delivered: c('delivered'), collected: c('collected'),
    cancelled: c('cancelled'), overdue: c('overdue'), deliveryMinutes: c('deliveryMinutes'),
    avgDeliveryMinutes: averageOf(c('deliveryMinutes'), c('delivered')),
  };
}

export const emptyOrderFigures = (): OrderFigures => orderFigures();

/** Orders requested that day, every kind. */
export const ordersRequested = (o: OrderFigures): number => o.requested.groceries + o.requested.medicine + o.requested.other;

/** Sums over communities (a street's, the city's); the average recomputed from the sums, not averaged. */
export function sumOrderFigures(all: readonly OrderFigures[]): OrderFigures {
  const sum = (pick: (o: OrderFigures) => number) => all.reduce((n, o) => n + pick(o), 0);
  const deliveryMinutes = sum((o) => o.deliveryMinutes);
  const delivered = sum((o) => o.delivered);
  return {
    requested: { groceries: sum((o) => o.requested.groceries), medicine: sum((o) => o.requested.medicine), other: sum((o) => o.requested.other) },
    accepted: sum((o) => o.accepted), purchased: sum((o) => o.purchased), delivered, collected: sum((o) => o.collected),
    cancelled: sum((o) => o.cancelled), overdue: sum((o) => o.overdue), deliveryMinutes,
    avgDeliveryMinutes: averageOf(deliveryMinutes, delivered),
  };
}

/** A place whose orders are wanted: a community, a street (its communities') or the city (all). */
export interface OrderPlace {
  readonly level: 'community' | 'street' | 'city';
  readonly id: string;
}

/**
 * A place's orders of a day from every community's figures of that day: the community's own, the
 * sum of a street's communities (`streetOf` says whose street), or of all for the city.
 */
export function ordersOfPlace(
  place: OrderPlace,
  byCommunity: ReadonlyMap<string, OrderFigures>,
  streetOf: (communityId: string) => string | null | undefined,
): OrderFigures {
  const within = (communityId: string) =>
    place.level === 'city' || (place.level === 'community' ? communityId === place.id : streetOf(communityId) === place.id);
  return sumOrderFigures([...byCommunity].filter(([id]) => within(id)).map(([, figures]) => figures));
}
