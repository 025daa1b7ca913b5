/**
 * People at the gate on DynamoDB Local: shifts and missed clock-ins come back with the person's
 * name from the staff directory (screens name people, not accounts), whether just posted or
 * listed; and a vehicle's occupants are taken (1–60 people), stored and listed, anything else
 * refused with a 400 naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entry, expectStatus, startExitStack } from '../support/exit-fixture.ts';
import type { TestStack } from '../support/stack.ts';
import { scanTable } from '../support/table-scan.ts';

const clock = Date.parse('2026-11-22T08:00:00.000Z');
const iso = (minutes = 0) => new Date(clock + minutes * 60_000).toISOString();

let stack: TestStack;

beforeAll(async () => {
  stack = await startExitStack(() => clock);
});
afterAll(() => stack.stop());

interface ShiftSeen {
  person: string;
  personName?: string;
  clockIn: string;
}

describe('shifts name their people', () => {
  it('answers a rota and the shift list, missed clock-ins included, with the directory\'s name beside the account', async () => {
    const admin = await stack.as('community-cm1');
    const made = await expectStatus(await admin.post('/v1/exits/e_a1/shifts', { person: 'duty-a', start: iso(-30), end: iso(450) }), 201);
    expect((made.items as ShiftSeen[]).map((s) => [s.person, s.personName])).toEqual([['duty-a', '值守']]);

    const listed = await expectStatus(await admin.get('/v1/exits/e_a1/shifts'), 200);
    expect((listed.items as ShiftSeen[]).map((s) => s.personName)).toEqual(['值守']);
    // Thirty minutes in without a clock-in: missed, and still named.
    expect((listed.missedClockIns as ShiftSeen[]).map((s) => [s.personName, s.clockIn])).toEqual([['值守', 'missed']]);

    // The name is looked up when read, never stored on the shift.
    const stored = (await scanTable()).filter((i) => i.pk === 'EXIT#e_a1' && String(i.sk).startsWith('SHIFT#'));
    expect(stored.map((s) => s.personName)).toEqual([undefined]);
  });
});

describe('vehicle occupants', () => {
  it('stores and lists the number of people in a vehicle', async () => {
    const duty = await stack.as('duty-a');
    const made = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('car-1', { vehicle: { plate: '鄂H12345', trunkChecked: true, occupants: 3 } })), 201);
    expect(made.vehicle).toEqual({ plate: '鄂H12345', trunkChecked: true, occupants: 3 });
    const listed = await expectStatus(await duty.get('/v1/exits/e_a1/entries'), 200);
    expect((listed.items as { id: string; vehicle?: unknown }[]).find((e) => e.id === 'car-1')?.vehicle).toEqual({ plate: '鄂H12345', trunkChecked: true, occupants: 3 });
    const item = (await scanTable()).find((i) => i.type === 'entry' && i.id === 'car-1');
    expect(item?.vehicle).toEqual({ plate: '鄂H12345', trunkChecked: true, occupants: 3 });
  });

  it.each([0, 61, 2.5, '3'])('refuses %j occupants with a 400 naming body.vehicle.occupants, registering nothing', async (occupants) => {
    const duty = await stack.as('duty-a');
    const id = `car-bad-${String(occupants).replace('.', '_')}`;
    const res = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry(id, { vehicle: { plate: '鄂H12345', occupants } })), 400);
    expect(JSON.stringify(res.errors)).toContain('body.vehicle.occupants');
    expect((await scanTable()).some((i) => i.type === 'entry' && i.id === id)).toBe(false);
  });
});
