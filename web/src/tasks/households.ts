/**
 * A task's building as the worker walks it: households grouped by unit (单元) and floor (楼层),
 * each with what is known of it — the API's outcome, or a visit still in the phone's outbox
 * (recorded, not yet answered), or one the API refused.
 */
import { accounts } from '#shared/domain/visits.ts';
import type { Task } from '#shared/schemas/task.ts';
import type { VisitCreate, VisitOutcome } from '#shared/schemas/visit.ts';
import type { OutboxEntry } from './outbox.ts';

type ApiHousehold = Task['households'][number];

export type VisitEntry = OutboxEntry<VisitCreate>;

/** The outbox's visits of one task, oldest first (other kinds left out). */
export const visitsOf = (entries: readonly OutboxEntry[], taskId: string): VisitEntry[] =>
  entries.filter((e): e is VisitEntry => e.kind === 'visit' && e.subject === taskId).sort((a, b) => a.seq - b.seq);

/** Not visited, the API's outcome, or the phone's own word on a visit the API has not answered. */
export type HouseholdMark =
  | { readonly kind: 'none' }
  | { readonly kind: 'recorded'; readonly outcome: VisitOutcome }
  | { readonly kind: 'pending'; readonly outcome: VisitOutcome }
  | { readonly kind: 'failed'; readonly outcome: VisitOutcome };

export interface HouseholdView {
  readonly id: string;
  readonly unit: number;
  readonly floor: number;
  readonly room: string;
  readonly mark: HouseholdMark;
  /** The API counts it as accounted for (seen, refused or vacant). */
  readonly accounted: boolean;
}

export interface FloorView {
  readonly floor: number;
  readonly households: readonly HouseholdView[];
}

export interface UnitView {
  readonly unit: number;
  readonly floors: readonly FloorView[];
}

const isOutcome = (value: string | null): value is VisitOutcome =>
  value === 'seen_all' || value === 'seen_some' || value === 'no_answer' || value === 'refused' || value === 'vacant';

function markOf(household: ApiHousehold, queued: VisitEntry | undefined): HouseholdMark {
  if (queued) return { kind: queued.state === 'failed' ? 'failed' : 'pending', outcome: queued.body.outcome };
  return isOutcome(household.outcome) ? { kind: 'recorded', outcome: household.outcome } : { kind: 'none' };
}

/** Units in order, floors bottom up, rooms in order; the newest queued visit of a household wins. */
export function buildingOf(households: readonly ApiHousehold[], queued: readonly VisitEntry[]): UnitView[] {
  const latest = new Map<string, VisitEntry>();
  for (const entry of queued) latest.set(entry.body.householdId, entry);
  const units = new Map<number, Map<number, HouseholdView[]>>();
  for (const h of households) {
    const floors = units.get(h.unit) ?? new Map<number, HouseholdView[]>();
    units.set(h.unit, floors);
    const rooms = floors.get(h.floor) ?? [];
    floors.set(h.floor, rooms);
    rooms.push({ id: h.id, unit: h.unit, floor: h.floor, room: h.room, mark: markOf(h, latest.get(h.id)), accounted: isOutcome(h.outcome) && accounts(h.outcome) });
  }
  const byNumber = <T>(a: [number, T], b: [number, T]) => a[0] - b[0];
  return [...units].sort(byNumber).map(([unit, floors]) => ({
    unit,
    floors: [...floors].sort(byNumber).map(([floor, rooms]) => ({
      floor,
      households: rooms.sort((a, b) => a.room.localeCompare(b.room, 'en', { numeric: true })),
    })),
  }));
}

/** Households left to visit, counting a visit in the outbox as done (it will be sent). */
export function leftToVisit(units: readonly UnitView[]): number {
  let left = 0;
  for (const unit of units) {
    for (const floor of unit.floors) {
      for (const h of floor.households) {
        const outcome = h.mark.kind === 'none' ? undefined : h.mark.outcome;
        if (h.mark.kind === 'failed' || !accounts(outcome)) left += 1;
      }
    }
  }
  return left;
}
