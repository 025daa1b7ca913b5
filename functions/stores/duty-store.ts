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
import { keys } from '#shared/table.ts';
import { auditItem } from './audit-store.ts';
import { withoutKeys } from '../platform/list-sources.ts';
import { queryAll, type Item, type TransactOp } from '../platform/table.ts';

export type StoredShift = Omit<Shift, 'clockIn'>;

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

/** The writes that add a shift if it is not there yet: the shift and its audit record. */
export function newShiftOps(shift: StoredShift, caller: Pick<Caller, 'username' | 'role'>, at: string): TransactOp[] {
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

/** The clock-in (or out) on the shift, only if none was made yet, with its audit record. */
export function clockOps(
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
