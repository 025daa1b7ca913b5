/**
 * Duty shifts in the table (`EXIT#<exit> / SHIFT#<start>#<id>`) and clock-ins on them. A shift's
 * id comes from its exit, person and start, so a retried POST (or a rotation posted twice) finds
 * the shift already there and leaves it — with its clock-in — alone. A clock-in is a conditional
 * update of the shift: of two racing clock-ins exactly one lands.
 */
import { clockInState, MAX_SHIFT_MS, type ShiftTimes } from '#shared/domain/duty.ts';
import { HOUR_MS, isoAfter } from '#shared/domain/time.ts';
import type { Caller } from '#shared/roles.ts';
import type { Shift } from '#shared/schemas/duty.ts';
import { chunks } from '#shared/parallel.ts';
import { keys } from '#shared/table.ts';
import { auditItem } from './audit-store.ts';
import { ConflictError } from '../platform/errors.ts';
import { withoutKeys } from '../platform/list-sources.ts';
import { queryAll, transactWrite, type Item, type TransactOp } from '../platform/table.ts';

/** A shift as stored: its clock-in state is judged when read, its person's name looked up in the directory. */
export type StoredShift = Omit<Shift, 'clockIn' | 'personName'>;

export function shiftItem(shift: StoredShift): Item {
  return { ...keys.shift(shift.exitId, shift.start, shift.id), type: 'shift', ...shift };
}

export const shiftFromItem = (item: Item): StoredShift => withoutKeys<StoredShift>(item);

/** A shift as the API shows it: with its clock-in state at `now`. */
export const shiftView = (shift: StoredShift, now: string, graceMinutes: number): Shift => ({
  ...shift,
  clockIn: clockInState(shift as ShiftTimes, now, graceMinutes),
});

/** Shifts of an exit starting in [from, to). */
export async function shiftsBetween(exitId: string, from: string, to: string): Promise<StoredShift[]> {
  const items = await queryAll<Item>({
    partition: keys.shift(exitId, '', '').pk,
    between: [`SHIFT#${from}`, `SHIFT#${to}`],
    consistent: true,
  });
  return items.map(shiftFromItem).filter((s) => s.start < to);
}

/** Shifts that can matter at `now`: running (a shift lasts ≤ 24 h) or starting within 48 h (that instant included). */
export function shiftsAround(exitId: string, now: string): Promise<StoredShift[]> {
  const t = Date.parse(now);
  return shiftsBetween(exitId, isoAfter(t, -MAX_SHIFT_MS), `${isoAfter(t, 48 * HOUR_MS)}~`);
}

/** Writes that must land with a duty change: the exit's rule group marked due (touchGroup). */
export interface RidesAlong {
  readonly with?: readonly TransactOp[];
}

/** The writes that add a shift if it is not there yet: the shift and its audit record. */
function newShiftOps(shift: StoredShift, caller: Pick<Caller, 'username' | 'role'>, at: string): TransactOp[] {
  return [
    { put: shiftItem(shift), condition: 'attribute_not_exists(pk)' },
    {
      put: auditItem({
        entity: 'EXIT', entityId: shift.exitId, action: 'shift', caller, at,
        changes: { shift: { from: null, to: { id: shift.id, person: shift.person, start: shift.start, end: shift.end } } },
      }),
    },
  ];
}

/** Shifts written per transaction: two writes each (shift, audit) and the group's touch, within 100. */
const SHIFTS_PER_TRANSACTION = 45;
const ATTEMPTS = 3;

/**
 * Adds the shifts of an exit that are not there yet, each with its audit record, `with` in each
 * transaction. Shifts already there stay as they are (a clock-in on them included); a shift added
 * meanwhile fails the condition, and the shifts are read and written again. Returns the exit's
 * shifts over the span of those asked for, new and old, and how many were new.
 */
export async function addShifts(
  exitId: string,
  shifts: readonly StoredShift[],
  caller: Pick<Caller, 'username' | 'role'>,
  at: string,
  options: RidesAlong = {},
): Promise<{ stored: StoredShift[]; created: number }> {
  const starts = shifts.map((s) => s.start).sort();
  let created = 0;
  for (let attempt = 1; ; attempt++) {
    const stored = await shiftsBetween(exitId, starts[0] ?? at, `${starts[starts.length - 1] ?? at}~`);
    const have = new Set(stored.map((s) => s.id));
    const fresh = shifts.filter((s) => !have.has(s.id));
    try {
      for (const chunk of chunks(fresh, SHIFTS_PER_TRANSACTION)) {
        await transactWrite([...chunk.flatMap((s) => newShiftOps(s, caller, at)), ...(options.with ?? [])], 'a shift was added meanwhile');
        created += chunk.length;
        stored.push(...chunk);
      }
      return { stored, created };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
    }
  }
}

/**
 * Records a clock-in (or out) on the shift, with its audit record and `with`: only if none was made
 * yet (a clock-out only after a clock-in), else a ConflictError. Of two racing clock-ins one lands.
 */
export function recordClock(
  shift: StoredShift,
  kind: 'in' | 'out',
  record: { at: string; position: readonly [number, number]; distanceM: number },
  caller: Pick<Caller, 'username' | 'role'>,
  options: RidesAlong = {},
): Promise<void> {
  return transactWrite(
    [...clockOps(shift, kind, record, caller), ...(options.with ?? [])],
    kind === 'in' ? 'you already clocked in for this shift' : 'you already clocked out of this shift',
  );
}

/** The clock-in (or out) on the shift, only if none was made yet, with its audit record. */
function clockOps(
  shift: StoredShift,
  kind: 'in' | 'out',
  record: { at: string; position: readonly [number, number]; distanceM: number },
  caller: Pick<Caller, 'username' | 'role'>,
): TransactOp[] {
  const atField = kind === 'in' ? 'clockInAt' : 'clockOutAt';
  const positionField = kind === 'in' ? 'clockInPosition' : 'clockOutPosition';
  return [
    {
      update: {
        Key: keys.shift(shift.exitId, shift.start, shift.id),
        UpdateExpression: `SET ${atField} = :at, ${positionField} = :pos, ${kind === 'in' ? 'clockInDistanceM' : 'clockOutDistanceM'} = :d`,
        ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(${atField})${kind === 'out' ? ' AND attribute_exists(clockInAt)' : ''}`,
        ExpressionAttributeValues: { ':at': record.at, ':pos': [...record.position], ':d': record.distanceM },
      },
    },
    {
      put: auditItem({
        entity: 'EXIT', entityId: shift.exitId, action: kind === 'in' ? 'clock-in' : 'clock-out', caller, at: record.at,
        changes: { [atField]: { from: null, to: record.at }, shiftId: { from: null, to: shift.id } },
      }),
    },
  ];
}
