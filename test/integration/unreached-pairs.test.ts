/**
 * Vulnerable residents' pairs on DynamoDB Local with the clock injected: three residents paired
 * with the grid worker; one reached by a visit, one called without answer (not_reached counts as
 * no contact), one not contacted at all. The day-end job records the two unreached on that China
 * day (a contact at 23:30 China time counts for it, one after midnight does not), re-running
 * records nothing twice, and GET /v1/unreached-pairs lists them (today live, earlier days as
 * recorded), within the jurisdiction, without names for officials.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordUnreachedPairs } from '#functions/jobs/unreached-pairs.ts';
import { expectStatus, startExitStack } from '../support/exit-fixture.ts';
import type { TestStack } from '../support/stack.ts';
import { scanTable } from '../support/table-scan.ts';

/** 2026-11-22 08:00 in China. */
let now = Date.parse('2026-11-22T00:00:00.000Z');
const DAY = '2026-11-22';

let stack: TestStack;
const ids: Record<string, string> = {};
beforeAll(async () => {
  stack = await startExitStack(() => now);
  const admin = await stack.as('community-cm1');
  for (const [key, room] of [['visited', '101'], ['unanswered', '102'], ['forgotten', '103']] as const) {
    const body = { name: `老人${room}`, compoundId: 'c_a', buildingId: 'b_a1', room, category: 'vulnerable', reason: '独居老人', pairedWith: 'grid-g1' };
    ids[key] = (await expectStatus(await admin.post('/v1/people', body), 201)).id as string;
  }
});
afterAll(() => stack.stop());

const unreachedIds = (page: Record<string, unknown>) => (page.items as { personId: string }[]).map((p) => p.personId).sort();

describe('the day\'s pairs', () => {
  it('lists today live: who has not been reached so far', async () => {
    const grid = await stack.as('grid-g1');
    await expectStatus(await grid.post(`/v1/people/${ids.unanswered}/contacts`, { kind: 'call', outcome: 'not_reached' }), 201);
    now = Date.parse('2026-11-22T15:30:00.000Z'); // 23:30 in China
    await expectStatus(await grid.post(`/v1/people/${ids.visited}/contacts`, { kind: 'visit', outcome: 'ok', note: '身体好' }), 201);
    const today = await expectStatus(await (await stack.as('community-cm1')).get('/v1/unreached-pairs'), 200);
    expect(today.date).toBe(DAY);
    expect(unreachedIds(today)).toEqual([ids.unanswered, ids.forgotten].sort());
  });

  it('records the day that ended at its end, once, and lists it', async () => {
    now = Date.parse('2026-11-22T16:05:00.000Z'); // 00:05 on the 23rd in China
    const grid = await stack.as('grid-g1');
    // After midnight: counts for the 23rd, not for the day being judged.
    await expectStatus(await grid.post(`/v1/people/${ids.forgotten}/contacts`, { kind: 'call', outcome: 'ok' }), 201);
    expect(await recordUnreachedPairs()).toMatchObject({ day: DAY, judged: 3, unreached: 2 });
    expect(await recordUnreachedPairs(DAY)).toMatchObject({ unreached: 2 });
    const stored = (await scanTable()).filter((item) => item.pk === `UNREACHED#${DAY}`);
    expect(stored).toHaveLength(2);

    const page = await expectStatus(await (await stack.as('community-cm1')).get(`/v1/unreached-pairs?date=${DAY}`), 200);
    expect(unreachedIds(page)).toEqual([ids.unanswered, ids.forgotten].sort());
    const item = (page.items as Record<string, unknown>[]).find((p) => p.personId === ids.unanswered);
    expect(item).toMatchObject({ name: '老****', pairedWith: 'grid-g1', compoundId: 'c_a', communityId: 'cm1', gridId: 'g1' });
    expect(unreachedIds(await expectStatus(await grid.get(`/v1/unreached-pairs?date=${DAY}`), 200))).toHaveLength(2);
  });

  it('keeps names from officials and pairs from other communities', async () => {
    const official = await expectStatus(await (await stack.as('official-s1')).get(`/v1/unreached-pairs?date=${DAY}`), 200);
    expect((official.items as Record<string, unknown>[]).every((p) => p.name === undefined)).toBe(true);
    expect(official.items).toHaveLength(2);
    expect((await expectStatus(await (await stack.as('community-cm3')).get(`/v1/unreached-pairs?date=${DAY}`), 200)).items).toEqual([]);
    expect((await (await stack.as('community-cm3')).get(`/v1/unreached-pairs?date=${DAY}&communityId=cm1`)).status).toBe(403);
  });
});
