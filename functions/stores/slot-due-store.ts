/**
 * The slot judgement's sparse index (`SLOTDUE#<date>#<am|pm>#<shard> / <personId>`): one small
 * item per slot of a person's observation period, written at enrolment, deleted once the slot is
 * judged. After a window closes, the judgement job (functions/jobs/judge-slots.ts) reads only that
 * slot's partitions — the people still due it — never every person, SHARDS_IN_FLIGHT at once. A report does not touch the index: the
 * job finds the slot's report and just drops the due item. Items left behind (a released person)
 * are dropped by the job too, and expire by the table's TTL a week after their window.
 *
 * Judging a slot writes `missed` only where no record exists (a report that lands meanwhile wins)
 * and, when the slot before it was missed too, the grid worker's alert in the same transaction; its
 * id comes from the slot, so a rerun raises none twice.
 */
import { newAlert } from '#shared/domain/alerts.ts';
import { stableHash } from '#shared/domain/ids.ts';
import {
  inPeriod, periodSlots, SLOTS, slotWindow, type CareCategory, type ObservationSettings, type Period, type PersonStatus, type SlotKey,
} from '#shared/domain/observation.ts';
import { dayBefore } from '#shared/domain/disinfection.ts';
import { SYSTEM_ACTOR } from '#shared/roles.ts';
import type { Alert } from '#shared/schemas/alert.ts';
import { keys, SLOT_DUE_SHARDS, TABLE } from '#shared/table.ts';
import { inParallel } from '#shared/parallel.ts';
import { alertOps } from './alert-store.ts';
import { ConflictError } from '../platform/errors.ts';
import { batchDelete, batchGet, batchWrite, queryAll, transactWrite, type Item, type TransactOp } from '../platform/table.ts';

/**
 * What of a stored person (functions/stores/people-store.ts) the index and the alert read; named
 * here, not imported, as the people store writes the index through this module.
 */
interface StoredPerson {
  readonly id: string;
  readonly gridId: string | null;
  readonly period?: Period;
  readonly status?: PersonStatus;
  readonly compoundId: string;
  readonly communityId: string | null;
  readonly streetId: string | null;
  readonly buildingId: string;
  readonly category: CareCategory;
}

/** How long a due item outlives its window before the table's TTL removes it (the job's catch-up horizon is shorter). */
const DUE_TTL_DAYS = 7;

/** The due items of a period: one per slot. */
export function slotDueItems(person: Pick<StoredPerson, 'id' | 'gridId'>, period: Period, windows: ObservationSettings['windows']): Item[] {
  return periodSlots(period).map((key) => ({
    ...keys.slotDue(key.date, key.slot, person.id),
    type: 'slot-due',
    personId: person.id,
    [TABLE.ttlAttribute]: Math.floor(Date.parse(slotWindow(key.date, key.slot, windows).closes) / 1000) + DUE_TTL_DAYS * 86_400,
  }));
}

/** Writes the period's due items (idempotent: rewriting one changes nothing). */
export async function writeSlotsDue(person: Pick<StoredPerson, 'id' | 'gridId' | 'period'>, windows: ObservationSettings['windows']): Promise<void> {
  if (person.period) await batchWrite(slotDueItems(person, person.period, windows));
}

/** The slot before this one: the morning's is the previous evening. */
export const previousSlot = (key: SlotKey): SlotKey =>
  key.slot === SLOTS[1] ? { date: key.date, slot: SLOTS[0] } : { date: dayBefore(key.date), slot: SLOTS[1] };

/** Shards of a slot judged side by side: each is a query, a batch read and its writes. */
const SHARDS_IN_FLIGHT = 4;

/** The people still due a slot in one shard of the index. */
async function dueIn(key: SlotKey, shard: number): Promise<string[]> {
  const items = await queryAll<Item>({ partition: keys.slotDueShard(key.date, key.slot, shard).pk });
  return items.map((i) => String(i.sk));
}

const dropDue = (key: SlotKey, personId: string): TransactOp => ({ delete: keys.slotDue(key.date, key.slot, personId) });

/** The grid worker's alert for a second missed slot in a row: where, and which slots; never who. */
function missedAlert(person: StoredPerson, key: SlotKey, at: string): Alert {
  const before = previousSlot(key);
  return newAlert({
    kind: 'missed_reports',
    source: { type: 'person', id: `m_${stableHash(`${person.id}/${key.date}/${key.slot}`)}` },
    compoundId: person.compoundId, communityId: person.communityId, streetId: person.streetId, buildingId: person.buildingId,
    raisedAt: at, raisedBy: SYSTEM_ACTOR.username,
    details: { personId: person.id, category: person.category, gridId: person.gridId, missed: [before, key] },
  });
}

export interface SlotJudgement {
  readonly due: number;
  readonly missed: number;
  readonly alerts: number;
  /** Items read to judge the slot: the due items, then the people and their two slots. */
  readonly itemsRead: number;
}

/**
 * Judges one slot whose window has closed: for each person still due it, `missed` unless a report
 * is there (or the person is released or the slot lies outside their period: then nothing), and
 * the alert when the slot before was missed too. Every due item read is dropped.
 */
export async function judgeSlot(key: SlotKey, at: string): Promise<SlotJudgement> {
  const shards = Array.from({ length: SLOT_DUE_SHARDS }, (_, shard) => shard);
  const judged = await inParallel(shards, SHARDS_IN_FLIGHT, (shard) => judgeShard(key, shard, at));
  return judged.reduce((sum, j) => ({ due: sum.due + j.due, missed: sum.missed + j.missed, alerts: sum.alerts + j.alerts, itemsRead: sum.itemsRead + j.itemsRead }));
}

async function judgeShard(key: SlotKey, shard: number, at: string): Promise<SlotJudgement> {
  const due = await dueIn(key, shard);
  if (due.length === 0) return { due: 0, missed: 0, alerts: 0, itemsRead: 0 };
  const before = previousSlot(key);
  const found = await batchGet<Item>(due.flatMap((id) => [keys.person(id), keys.personSlot(id, key.date, key.slot), keys.personSlot(id, before.date, before.slot)]), { consistent: true });
  const byKey = new Map(found.map((i) => [`${String(i.pk)}|${String(i.sk)}`, i]));
  const get = (k: { pk: string; sk: string }) => byKey.get(`${k.pk}|${k.sk}`);
  let missed = 0;
  let alerts = 0;
  // Reported, released or outside the period: the due item just goes, in batches at the end.
  const settled: string[] = [];
  for (const id of due) {
    const person = get(keys.person(id)) as unknown as StoredPerson | undefined;
    const observed = person?.status === 'under_observation' && person.period !== undefined && inPeriod(key, person.period);
    if (!observed || get(keys.personSlot(id, key.date, key.slot))) {
      settled.push(id);
      continue;
    }
    const previous = get(keys.personSlot(id, before.date, before.slot));
    const alert = previous?.status === 'missed' && inPeriod(before, person.period!) ? missedAlert(person, key, at) : undefined;
    const ops: TransactOp[] = [
      {
        put: { ...keys.personSlot(id, key.date, key.slot), type: 'person-slot', personId: id, date: key.date, slot: key.slot, status: 'missed', at, by: SYSTEM_ACTOR.username, ...(alert ? { alertId: alert.id } : {}) },
        condition: 'attribute_not_exists(pk)',
      },
      dropDue(key, id),
      ...(alert ? alertOps(alert, SYSTEM_ACTOR) : []),
    ];
    try {
      await transactWrite(ops, `slot ${key.date} ${key.slot} of ${id} was recorded meanwhile`);
      missed += 1;
      if (alert) alerts += 1;
    } catch (error) {
      // A report landed after the window closed (or a rerun judged it): the slot stands as it is.
      if (!(error instanceof ConflictError)) throw error;
      settled.push(id);
    }
  }
  await batchDelete(settled.map((id) => keys.slotDue(key.date, key.slot, id)));
  return { due: due.length, missed, alerts, itemsRead: due.length + found.length };
}
