/**
 * Reads the day's figures of one compound (shared/domain/daily-figures.ts says how each is
 * counted): one exported function per figure, each a few index queries of that compound or its
 * community — never a scan — and {@link figuresOf} for all of them at once. The daily report, the
 * scorecard and the city dashboard read through these, so a figure is counted one way.
 *
 * Where each figure lives:
 * - entries, refusals, fevers: the exits' hourly counters (`EXIT#x / COUNT#hour`, entry-store);
 * - cases: the compound's case reports by China day (byParent `COMPOUND#c#CASES`, case-store);
 * - sweep coverage: the compound's coverage item (`CAMPAIGN#id / COVER#compound#c`) of each sweep
 *   launched that day (the campaigns' own index partition, by creation time);
 * - disinfection rounds: the compound's round log of the day (byGeo `RLOG#c#day`, disinfection-log-store);
 * - people under observation and the day's missed slots: the compound's people (byParent, status
 *   first), each person's partition for their slots;
 * - symptoms and open alerts, open help requests: the community's alerts and help requests
 *   (byParent, status first, then time), narrowed to the compound;
 * - unresolved exits: the sparse `XUNRESOLVED` partition, one begins_with of the compound;
 * - orders (per community, not per compound): the day's counters partition (`ORDERDAY#day`, a
 *   community a sort key, ADDed by order-store with each request and step), one query for all.
 */
import { chinaDay } from '#shared/domain/china-time.ts';
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import {
  alertFigures, caseFigures, entryFigures, observationFigures, orderFigures, roundFigures, sweepFigures,
  type AlertFigures, type CaseFigures, type DailyFigures, type EntryFigures, type ObservationFigures, type OrderFigures, type RoundFigures, type SweepFigures,
} from '#shared/domain/daily-figures.ts';
import { dayEnd, slotStart } from '#shared/domain/disinfection.ts';
import { inParallel } from '#shared/parallel.ts';
import { indexKeys, indexSortKeys, keys, TABLE, UNASSIGNED } from '#shared/table.ts';
import { campaignsCreatedBetween } from './campaign-store.ts';
import { caseReportsOfCompound } from './case-store.ts';
import { childSource, getCompound } from './compound-store.ts';
import { disinfectionDay } from './disinfection-log-store.ts';
import { hourlyCounts } from './entry-store.ts';
import { getPersonRecord, observationOf, peopleSource, storedPersonFromItem } from './people-store.ts';
import { nowIso } from '../platform/clock.ts';
import { NotFoundError } from '../platform/errors.ts';
import { batchGet, getItem, queryAll, type Item, type QueryOptions } from '../platform/table.ts';
import { readAll } from '../platform/list-sources.ts';
import { message } from '#shared/messages/message.ts';

/** The compound fields the figures need: its id, place in the hierarchy and status. */
export type FiguresCompound = Pick<CompoundRecord, 'id' | 'communityId' | 'streetId' | 'status'>;

/** How many people's partitions are read side by side for the missed slots. */
const PEOPLE_IN_FLIGHT = 8;


/** The first instant of a China day (UTC ISO): its midnight's slot. */
const dayStart = (day: string): string => slotStart(day, '00:00');

/** Entries (in/out), refusals and fevers over the compound's exits: the exits, then each exit's hourly counters of the day. */
export async function entryFiguresOf(compound: FiguresCompound, day: string): Promise<EntryFigures> {
  const exits = await readAll(childSource(compound.id, 'exit'));
  const hours = await Promise.all(exits.map((exit) => hourlyCounts(exit.id as string, day)));
  return entryFigures(hours.flat());
}

/** The day's case reports, by kind: one query. */
export async function caseFiguresOf(compound: FiguresCompound, day: string): Promise<CaseFigures> {
  return caseFigures(await caseReportsOfCompound(compound.id, day, day), day);
}

/**
 * Coverage of the sweeps (排查) launched on the day that reached the compound: the day's
 * campaigns (few; one query of their index), then the compound's coverage item of each sweep
 * (one batch read). Null when no sweep of the day covered it.
 */
export async function sweepFiguresOf(compound: FiguresCompound, day: string): Promise<SweepFigures | null> {
  const campaigns = (await campaignsCreatedBetween(dayStart(day), new Date(Date.parse(dayEnd(day)) - 1).toISOString()))
    .filter((c) => c.kind === 'sweep' && c.status !== 'cancelled');
  if (campaigns.length === 0) return null;
  const covers = await batchGet<Item>(campaigns.map((c) => keys.cover(c.id, 'compound', compound.id)));
  return sweepFigures(covers.map((c) => ({ households: Number(c.households ?? 0), householdsVisited: Number(c.householdsVisited ?? 0) })));
}

/** Public-area rounds required and completed that day: the compound's round log (one query). */
export async function roundFiguresOf(compound: FiguresCompound, day: string): Promise<RoundFigures> {
  return roundFigures(await disinfectionDay(compound.id, day, compound.status));
}

/**
 * People under observation in the compound now, and the report slots of the day they missed
 * (judged as of `at`): the compound's people (one query), then each one's partition.
 */
export async function observationFiguresOf(compound: FiguresCompound, day: string, at: string): Promise<ObservationFigures> {
  const people = (await readAll(peopleSource({ compoundId: compound.id }, 'under_observation'))).map(storedPersonFromItem);
  const judged = await inParallel(people, PEOPLE_IN_FLIGHT, async (person) => {
    const record = await getPersonRecord(person.id);
    return record ? observationOf(record, at) : { slots: [] };
  });
  return observationFigures(judged, day);
}

/** The community's items of an alert-sorted partition (status, then time) that belong to the compound. */
async function ofCompound(partition: (communityId: string | null) => string, compound: FiguresCompound, ranges: readonly Omit<QueryOptions, 'index' | 'partition'>[]): Promise<Item[]> {
  const lists = await Promise.all(ranges.map((range) => queryAll<Item>({ index: 'byParent', partition: partition(compound.communityId), ...range })));
  return lists.flat().filter((item) => item.compoundId === compound.id);
}

/**
 * Symptoms alerts raised on the day and the compound's alerts not closed: the community's open
 * and acknowledged alerts (a begins_with each) and its closed alerts raised on the day (one between).
 */
export async function alertFiguresOf(compound: FiguresCompound, day: string): Promise<AlertFigures> {
  const from = dayStart(day);
  const to = dayEnd(day);
  const alerts = await ofCompound(indexKeys.alertsOfCommunity, compound, [
    { beginsWith: indexSortKeys.alertsWithStatus('open') },
    { beginsWith: indexSortKeys.alertsWithStatus('acknowledged') },
    { between: [`${indexSortKeys.alertsWithStatus('closed')}${from}`, `${indexSortKeys.alertsWithStatus('closed')}${to}`] },
  ]);
  return alertFigures(alerts.map((a) => ({ kind: a.kind as string, status: a.status as string, raisedAt: a.raisedAt as string })), chinaDay, day);
}

/** Emergency help requests of the compound still open (its community's open ones, one begins_with). */
export async function helpOpenOf(compound: FiguresCompound): Promise<number> {
  return (await ofCompound(indexKeys.helpOfCommunity, compound, [{ beginsWith: indexSortKeys.alertsWithStatus('open') }])).length;
}

/**
 * Service orders of the compound still open (requested to delivered, not yet collected or
 * cancelled): its counter, ADDed by each placement and closing step (order-store), one read — not
 * its community's whole open queue.
 */
export async function ordersOpenOf(compound: FiguresCompound): Promise<number> {
  const item = await getItem<Item>(keys.ordersOpen(compound.id));
  return Math.max(0, Number(item?.open ?? 0));
}

/**
 * Every community's orders of a China day, by community id (`''` for orders of no community, as
 * the roll-ups key them): one query of the day's counters partition. A community with no order
 * that day has no item and is absent.
 */
export async function orderFiguresOfDay(day: string): Promise<Map<string, OrderFigures>> {
  const items = await queryAll<Item>({ partition: keys.orderDay(day, null).pk });
  const communityOf = (item: Item) => String(item[TABLE.sortKey]);
  return new Map(items.map((item) => [communityOf(item) === UNASSIGNED ? '' : communityOf(item), orderFigures(item)]));
}

/** The compound's exits that break a rule now: one begins_with of the sparse unresolved partition. */
export async function exitsUnresolvedOf(compound: FiguresCompound): Promise<number> {
  const prefix = indexSortKeys.unresolvedExit(compound.streetId ?? UNASSIGNED, compound.communityId ?? UNASSIGNED, compound.id, '');
  return (await queryAll<Item>({ index: 'byStreet', partition: indexKeys.unresolvedExits(), beginsWith: prefix })).length;
}

/**
 * Every figure of the compound's China day, read side by side. `at` is when the day is judged (a
 * slot of today still open is pending, not missed). A compound id that names none is a NotFoundError.
 */
export async function figuresOf(compound: string | FiguresCompound, day: string, at: string = nowIso()): Promise<DailyFigures> {
  const c = typeof compound === 'string' ? await getCompound(compound) : compound;
  if (!c) throw new NotFoundError(message('access.no-compound', { id: compound as string }));
  const [entries, cases, sweep, rounds, observation, alerts, helpOpen, ordersOpen, exitsUnresolved] = await Promise.all([
    entryFiguresOf(c, day), caseFiguresOf(c, day), sweepFiguresOf(c, day), roundFiguresOf(c, day),
    observationFiguresOf(c, day, at), alertFiguresOf(c, day), helpOpenOf(c), ordersOpenOf(c), exitsUnresolvedOf(c),
  ]);
  return { compoundId: c.id, date: day, entries, cases, sweep, rounds, observation, alerts, helpOpen, ordersOpen, exitsUnresolved };
}
