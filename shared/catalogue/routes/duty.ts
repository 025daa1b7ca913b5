/**
 * Routes of duty at an exit (卡口值守): shifts and rotation templates, clock-ins by the duty
 * staff posted there.
 */
import { ExitIdParams } from '#shared/schemas/exit.ts';
import { ClockIn, ClockInCreate, ShiftCreate, ShiftList, ShiftListQuery, ShiftsCreated } from '#shared/schemas/duty.ts';
import { defineRoutes } from '../types.ts';

export const dutyRoutes = defineRoutes({
  createShifts: {
    method: 'POST', path: '/v1/exits/{id}/shifts', resource: 'duty', auth: 'jwt', roles: ['city', 'community'],
    summary: 'Add a shift, or the next days\' shifts from a rotation template (3 × 8 h, 2 × 12 h)',
    description: 'A shift already there (same exit, person and start) is kept as it is, clock-in included.',
    params: ExitIdParams, body: { kind: 'json', schema: ShiftCreate },
    response: { status: 201, schema: ShiftsCreated }, errors: [404],
  },
  listShifts: {
    method: 'GET', path: '/v1/exits/{id}/shifts', resource: 'duty', auth: 'jwt', roles: ['city', 'official', 'community', 'duty'],
    summary: 'Shifts of an exit in a window (default: the last 24 h and the next 24 h), with gaps, overlaps and missed clock-ins',
    params: ExitIdParams, query: ShiftListQuery, response: { status: 200, schema: ShiftList }, errors: [404],
  },
  createClockIn: {
    method: 'POST', path: '/v1/exits/{id}/clock-ins', resource: 'duty', auth: 'jwt', roles: ['duty'],
    summary: 'Clock in (or out) at your own exit, for your shift running now',
    description: '403 at any exit you are not posted to; 409 when you have no shift now or already clocked in.',
    params: ExitIdParams, body: { kind: 'json', schema: ClockInCreate },
    response: { status: 201, schema: ClockIn }, errors: [404, 409], idempotent: true,
  },
});
