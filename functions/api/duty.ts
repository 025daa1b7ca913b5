/**
 * Duty routes: shifts (one, or a rotation template's next days), the shift list with its gaps,
 * overlaps and missed clock-ins, and clock-ins by the duty staff posted at the exit — each write
 * audited and followed at once by a new judgement of the exit's compound.
 */
import {
  clockInState, coverageGaps, coverageOverlaps, MAX_SHIFT_LIST_MS, MAX_SHIFT_MS, metresBetween, rotationShifts, shiftIdFor,
  shiftToClockIn,
} from '#shared/domain/duty.ts';
import { DAY_MS, isoAfter } from '#shared/domain/time.ts';
import { isDutyStaffOf } from '#shared/domain/staff.ts';
import type { ClockIn, Shift, ShiftCreate } from '#shared/schemas/duty.ts';
import { nowIso } from '../platform/clock.ts';
import { config } from '../platform/config.ts';
import { addShifts, recordClock, shiftsAround, shiftsBetween, shiftView, type StoredShift } from '../stores/duty-store.ts';
import { ConflictError, ValidationError, fieldError } from '../platform/errors.ts';
import { getStaffMembers, type StoredStaff } from '../stores/staff-store.ts';
import { groupOfCompound, reevaluateAfterWrite, touchGroup } from '../stores/exit-rules-store.ts';
import { exitForCaller, exitForReader, ownExitForCaller } from '../edge/access.ts';
import { httpHandler } from '../edge/http.ts';
import { dutyRoutes } from '#shared/catalogue/routes/duty.ts';
import { message } from '#shared/messages/message.ts';

const grace = () => config().exits.clockInGraceMinutes;

export const handler = httpHandler(dutyRoutes, {
  createShifts: async ({ params, body, caller }) => {
    const { exit, compound } = await exitForCaller(params.id, caller);
    const people = await refuseOthersThanDutyStaff(body, compound.id);
    const at = nowIso();
    const shifts: StoredShift[] = drafts(body).map((d) => ({
      id: shiftIdFor(exit.id, d.person, d.start), exitId: exit.id, compoundId: compound.id,
      person: d.person, start: d.start, end: d.end, createdAt: at, createdBy: caller.username,
    }));
    const group = await groupOfCompound(compound.id);
    const { stored, created } = await addShifts(exit.id, shifts, caller, at, { with: [touchGroup(group, at)] });
    if (created > 0) await reevaluateAfterWrite(group, at);
    const wanted = new Set(shifts.map((s) => s.id));
    const items = named(stored.filter((s) => wanted.has(s.id)).map((s) => shiftView(s, at, grace())), people);
    return { items, created };
  },

  listShifts: async ({ params, query, caller }) => {
    const { exit } = await exitForReader(params.id, caller);
    const now = nowIso();
    // Given times come in UTC already (Timestamp); the defaults are a day either side of now.
    const from = query.from ?? isoAfter(now, -DAY_MS);
    const to = query.to ?? isoAfter(now, DAY_MS);
    const span = Date.parse(to) - Date.parse(from);
    // The window's limits whichever ends were given (the schema checks them only when both are).
    if (span <= 0 || span > MAX_SHIFT_LIST_MS) {
      // Name the end the caller gave: the other is a default around now.
      const field = query.from && !query.to ? 'query.from' : 'query.to';
      throw new ValidationError([fieldError(field, message('duty.window', { from, to }))]);
    }
    // A shift lasts at most 24 h: one starting a day before the window may still reach into it.
    const shifts = (await shiftsBetween(exit.id, isoAfter(from, -MAX_SHIFT_MS), to)).filter((s) => s.end > from);
    const views = shifts.map((s) => shiftView(s, now, grace()));
    const items = named(views, await getStaffMembers(views.map((s) => s.person)));
    return {
      items,
      gaps: coverageGaps(shifts, from, to),
      overlaps: coverageOverlaps(shifts),
      missedClockIns: items.filter((s) => s.clockIn === 'late' || s.clockIn === 'missed'),
    };
  },

  createClockIn: async ({ params, body, caller, once }) => {
    const { exit, compound } = await ownExitForCaller(params.id, caller);
    const at = nowIso();
    const mine = (await shiftsAround(exit.id, at)).filter((s) => s.person === caller.username);
    const shift =
      body.kind === 'in'
        ? shiftToClockIn(mine, caller.username, at)
        : mine.filter((s) => s.clockInAt !== undefined && s.clockOutAt === undefined && s.start <= at).sort((a, b) => b.start.localeCompare(a.start))[0];
    if (!shift) {
      throw new ConflictError(message(body.kind === 'in' ? 'duty.no-shift-now' : 'duty.not-clocked-in', { id: exit.id }));
    }
    if (body.kind === 'in' && shift.clockInAt) throw new ConflictError(message('duty.clocked-in-already', { at: shift.clockInAt }));
    const distanceM = metresBetween(body.position, exit.location);
    const group = await groupOfCompound(compound.id);
    const result: ClockIn = {
      kind: body.kind, exitId: exit.id, shiftId: shift.id, person: caller.username, at, position: body.position, distanceM,
      clockIn: clockInState({ ...shift, clockInAt: body.kind === 'in' ? at : shift.clockInAt }, at, grace()),
    };
    // A resend under the same Idempotency-Key finds this answer, kept in the clock-in's own transaction.
    await recordClock(shift, body.kind, { at, position: body.position, distanceM }, caller, { with: [touchGroup(group, at), ...(once ? [once.record(result)] : [])] });
    await reevaluateAfterWrite(group, at);
    return result;
  },
});

/**
 * A shift only for duty staff of the exit's compound, as the directory knows them: anyone else
 * (unknown, another role, another compound's) is refused, naming the person's field. Answers
 * their directory entries, which name them in the answer.
 */
async function refuseOthersThanDutyStaff(body: ShiftCreate, compoundId: string): Promise<Map<string, StoredStaff>> {
  const people = 'rotation' in body
    ? body.rotation.people.map((person, i) => ({ person, field: `body.rotation.people.${i}` }))
    : [{ person: body.person, field: 'body.person' }];
  const staff = await getStaffMembers(people.map((p) => p.person));
  const refused = people.filter((p) => !isDutyStaffOf(staff.get(p.person), compoundId));
  if (refused.length > 0) {
    throw new ValidationError(refused.map((p) => fieldError(p.field, message('duty.not-duty-staff', { person: p.person, id: compoundId }))));
  }
  return staff;
}

/** Shifts with their people's names from the directory entries read for them at once (screens name people, not accounts). */
function named(shifts: Shift[], staff: ReadonlyMap<string, StoredStaff>): Shift[] {
  return shifts.map((s) => {
    const name = staff.get(s.person)?.name;
    return name === undefined ? s : { ...s, personName: name };
  });
}

function drafts(body: ShiftCreate): { person: string; start: string; end: string }[] {
  if ('rotation' in body) return rotationShifts(body.rotation);
  return [{ person: body.person, start: body.start, end: body.end }];
}
