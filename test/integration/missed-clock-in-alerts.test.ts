/**
 * missed_clock_in alerts, on DynamoDB Local with the clock injected: a shift whose grace runs out
 * with nobody clocked in raises one alert in its community's inbox, once however often the exits
 * are judged again; a shift clocked in on time raises none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recheckDue } from '#functions/jobs/recheck-exits.ts';
import { reevaluate } from '#functions/stores/exit-rules-store.ts';
import type { Alert } from '#shared/schemas/alert.ts';
import { expectStatus, startExitStack } from '../support/exit-fixture.ts';
import type { TestStack } from '../support/stack.ts';
import { scanTable } from '../support/table-scan.ts';

const START = Date.parse('2026-11-22T08:00:00.000Z');
let clock = START;
const iso = (minutes = 0) => new Date(clock + minutes * 60_000).toISOString();
const advance = (minutes: number) => {
  clock += minutes * 60_000;
};

let stack: TestStack;
beforeAll(async () => {
  stack = await startExitStack(() => clock);
});
afterAll(() => stack.stop());

async function alertsOf(username: string): Promise<Alert[]> {
  return ((await expectStatus(await (await stack.as(username)).get('/v1/alerts?kind=missed_clock_in'), 200)) as unknown as { items: Alert[] }).items;
}
const storedAlerts = async () => (await scanTable()).filter((i) => i.type === 'alert' && i.kind === 'missed_clock_in');

describe('a missed clock-in', () => {
  it('raises one alert per shift once the grace runs out, none for a shift clocked in on time, and none twice', async () => {
    const shiftStart = iso(-10);
    await expectStatus(await (await stack.as('community-cm1')).post('/v1/exits/e_a1/shifts', { person: 'duty-a', start: shiftStart, end: iso(470) }), 201);
    await expectStatus(await (await stack.as('community-cm3')).post('/v1/exits/e_d1/shifts', { person: 'duty-d', start: iso(-1), end: iso(479) }), 201);
    await expectStatus(await (await stack.as('duty-d')).post('/v1/exits/e_d1/clock-ins', { position: [112.611, 31.111] }), 201);
    // Within the grace: nothing yet.
    expect(await storedAlerts()).toEqual([]);

    advance(6);
    expect((await recheckDue(iso())).due).toBeGreaterThanOrEqual(1);
    const [alert, ...others] = await alertsOf('community-cm1');
    expect(others).toEqual([]);
    const shiftId = (await scanTable()).find((i) => i.type === 'shift' && i.exitId === 'e_a1')?.id;
    expect(alert).toMatchObject({
      kind: 'missed_clock_in', status: 'open', level: 'community', compoundId: 'c_a', communityId: 'cm1', exitId: 'e_a1',
      source: { type: 'shift', id: shiftId },
      details: { exitId: 'e_a1', shiftId, shiftStart, person: 'duty-a' },
    });
    // c_d's shift was clocked in on time.
    expect(await alertsOf('community-cm3')).toEqual([]);

    // Judged again, by the job and after writes: still the one alert.
    advance(5);
    await recheckDue(iso());
    for (const id of ['c_a', 'c_d']) await reevaluate({ kind: 'compound', id }, iso());
    expect(await storedAlerts()).toHaveLength(1);
    expect((await alertsOf('community-cm1')).map((a) => a.id)).toEqual([alert?.id]);
  });
});
