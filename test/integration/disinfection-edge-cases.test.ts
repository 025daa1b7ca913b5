/**
 * Disinfection rounds at their edges, on DynamoDB Local: a compound not under closure requires
 * no rounds on the public log; a round completed after the day-end judgement takes its compound
 * off the missed list once it reaches the required count; the round's case buildings travel in
 * the level-2 messages, not on the hot campaign item; staff of one compound cannot complete
 * another's task.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordMissedRounds } from '#functions/jobs/missed-rounds.ts';
import { startRound } from '#functions/jobs/start-rounds.ts';
import { resetClock, setClock } from '#functions/platform/clock.ts';
import type { MissedRound } from '#shared/schemas/disinfection.ts';
import type { PublicDisinfectionLog } from '#shared/schemas/public.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { scanTable } from '../support/table-scan.ts';
import {
  AFTERNOON, AFTERNOON_ROUND, DAY, JUDGED, MORNING, MORNING_ROUND, PUBLIC_AREAS as PUBLIC, roundUsers, seedRoundCity,
} from './disinfection-support.ts';
import { SWEEP_QUEUES, json, tasksOfCampaign } from './sweep-support.ts';

let stack: TestStack;
const clockAt = (iso: string) => setClock(() => new Date(iso));

beforeAll(async () => {
  stack = await startTestStack({ users: roundUsers, seed: seedRoundCity, queueOptions: SWEEP_QUEUES });
  clockAt(MORNING);
  const city = await stack.as('city');
  expect((await city.post('/v1/cases', { caseId: 'r1', compoundId: 'c_a', buildingId: 'b_a1', date: DAY, kind: 'confirmed', count: 1 })).status).toBe(201);
  expect(await startRound(MORNING)).toMatchObject({ started: true });
  await stack.queues.drain({ timeoutMs: 30_000 });
  clockAt(AFTERNOON);
  expect(await startRound(AFTERNOON)).toMatchObject({ started: true });
  await stack.queues.drain({ timeoutMs: 30_000 });
  clockAt(MORNING);
}, 60_000);
afterAll(async () => {
  resetClock();
  await stack.stop();
});

describe('the public log\'s required rounds', () => {
  it('are the day\'s slots for a compound under closure, none for one under normal management', async () => {
    const log = async (id: string, query = '') => json<PublicDisinfectionLog>(await stack.anonymous().get(`/public/compounds/${id}/disinfection-log${query}`));
    expect((await log('c_a')).requiredRounds).toBe(2); // closed
    expect((await log('c_b')).requiredRounds).toBe(2); // lockdown
    expect((await log('c_c')).requiredRounds).toBe(0); // normal
    expect((await log('c_e')).requiredRounds).toBe(0); // normal
    // A past day with no round for the compound required none of it.
    expect((await log('c_a', '?date=2026-11-20')).requiredRounds).toBe(0);
  });
});

describe('a case report\'s day', () => {
  it('is judged in China time: the China day that began at 16:00 UTC is not the future', async () => {
    const city = await stack.as('city');
    const body = { compoundId: 'c_d', buildingId: 'b_d2', date: '2026-11-24', kind: 'asymptomatic', count: 1 };
    clockAt('2026-11-23T15:59:00.000Z'); // 23:59 on the 23rd in China
    const early = await city.post('/v1/cases', body);
    expect(early.status).toBe(400);
    expect(JSON.stringify(await early.json())).toContain('body.date');
    clockAt('2026-11-23T16:00:00.000Z'); // 00:00 on the 24th in China
    expect((await city.post('/v1/cases', body)).status).toBe(201);
    clockAt(MORNING);
  });
});

describe('case buildings of a round', () => {
  it('are not kept on the campaign item every fan-out counter transaction writes', async () => {
    const campaign = (await scanTable()).find((i) => i.type === 'campaign' && i.id === MORNING_ROUND);
    expect(campaign).toBeDefined();
    expect(campaign).not.toHaveProperty('caseBuildings');
    // …and the case building still got its task.
    expect((await tasksOfCampaign(MORNING_ROUND)).map((t) => t.targetId).sort()).toEqual(['b_a1', 'c_a', 'c_b', 'c_d', 'c_np']);
  });
});

describe('round tasks of another compound', () => {
  it('cannot be completed by staff of a different compound: 403, nothing written', async () => {
    const other = await stack.as('disinfection-a'); // c_a and c_b
    const before = (await tasksOfCampaign(MORNING_ROUND)).find((t) => t.targetId === 'c_d');
    const response = await other.post(`/v1/tasks/${MORNING_ROUND}.c_d/complete`, { areas: PUBLIC });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect((await tasksOfCampaign(MORNING_ROUND)).find((t) => t.targetId === 'c_d')).toEqual(before);
  });
});

describe('a household visit sent to a round task', () => {
  it('is 4xx problem+json, nothing written: a round has no households', async () => {
    const staff = await stack.as('disinfection-c');
    expect((await staff.post(`/v1/tasks/${MORNING_ROUND}.c_d/claim`)).status).toBe(200);
    const before = (await tasksOfCampaign(MORNING_ROUND)).find((t) => t.targetId === 'c_d');
    const response = await staff.post(`/v1/tasks/${MORNING_ROUND}.c_d/visits`, { visitId: 'v_round1', householdId: '1-1-101', outcome: 'seen_all', peopleSeen: 2 });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.stringify(await response.json())).toContain('body.householdId');
    expect((await tasksOfCampaign(MORNING_ROUND)).find((t) => t.targetId === 'c_d')).toEqual(before);
    expect((await scanTable()).filter((i) => i.type === 'visit')).toEqual([]);
  });
});

describe('a round completed after the day-end judgement', () => {
  it('updates the compound\'s missed entry, and takes it off the list once the required rounds are done', async () => {
    clockAt(JUDGED);
    await recordMissedRounds();
    const missed = async () => (await json<{ items: MissedRound[] }>(await (await stack.as('city')).get(`/v1/missed-rounds?date=${DAY}`))).items;
    expect((await missed()).find((m) => m.compoundId === 'c_a')).toMatchObject({ required: 2, completed: 0 });

    const staff = await stack.as('disinfection-a');
    for (const [round, left] of [[MORNING_ROUND, 1], [AFTERNOON_ROUND, 0]] as const) {
      clockAt('2026-11-23T16:20:00.000Z');
      expect((await staff.post(`/v1/tasks/${round}.c_a/claim`)).status).toBe(200);
      const done = await staff.post(`/v1/tasks/${round}.c_a/complete`, { areas: PUBLIC });
      expect(done.status, await done.clone().text()).toBe(200);
      const entry = (await missed()).find((m) => m.compoundId === 'c_a');
      if (left > 0) expect(entry).toMatchObject({ required: 2, completed: 1 });
      else expect(entry).toBeUndefined();
    }
    // The same completion resent changes nothing.
    expect((await staff.post(`/v1/tasks/${AFTERNOON_ROUND}.c_a/complete`, { areas: PUBLIC })).status).toBe(200);
    expect((await missed()).map((m) => m.compoundId)).toEqual(['c_b', 'c_np', 'c_d']);

    // Both of c_b's rounds completed at once: the losing transaction reads the entry again.
    for (const round of [MORNING_ROUND, AFTERNOON_ROUND]) expect((await staff.post(`/v1/tasks/${round}.c_b/claim`)).status).toBe(200);
    const both = await Promise.all([MORNING_ROUND, AFTERNOON_ROUND].map((round) => staff.post(`/v1/tasks/${round}.c_b/complete`, { areas: PUBLIC })));
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    // The other compounds stay listed; judging again agrees.
    expect((await missed()).map((m) => m.compoundId)).toEqual(['c_np', 'c_d']);
    await recordMissedRounds(DAY);
    expect((await missed()).map((m) => m.compoundId)).toEqual(['c_np', 'c_d']);
  });
});
