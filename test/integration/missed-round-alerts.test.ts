/**
 * missed_round alerts, on DynamoDB Local with the clock injected: the day-end judgement raises one
 * alert per compound that missed rounds, in its community's inbox, with the day and the rounds
 * missed; none for a compound whose rounds were done; none twice when judged again; a round
 * completed after the judgement leaves the alert as it was (the day's rounds were missed on time).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordMissedRounds } from '#functions/jobs/missed-rounds.ts';
import { startRound } from '#functions/jobs/start-rounds.ts';
import { resetClock, setClock } from '#functions/platform/clock.ts';
import type { Alert } from '#shared/schemas/alert.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { scanTable } from '../support/table-scan.ts';
import {
  AFTERNOON, AFTERNOON_ROUND, DAY, JUDGED, MORNING, MORNING_ROUND, PUBLIC_AREAS as PUBLIC, roundUsers, seedRoundCity,
} from './disinfection-support.ts';
import { SWEEP_QUEUES, json } from './sweep-support.ts';

let stack: TestStack;
const clockAt = (iso: string) => setClock(() => new Date(iso));

beforeAll(async () => {
  stack = await startTestStack({ users: roundUsers, seed: seedRoundCity, queueOptions: SWEEP_QUEUES });
  clockAt(MORNING);
  expect(await startRound(MORNING)).toMatchObject({ started: true });
  await stack.queues.drain({ timeoutMs: 30_000 });
  clockAt(AFTERNOON);
  expect(await startRound(AFTERNOON)).toMatchObject({ started: true });
  await stack.queues.drain({ timeoutMs: 30_000 });
}, 60_000);
afterAll(async () => {
  resetClock();
  await stack.stop();
});

async function complete(round: string, compoundId: string): Promise<void> {
  const staff = await stack.as('disinfection-a');
  expect((await staff.post(`/v1/tasks/${round}.${compoundId}/claim`)).status).toBe(200);
  const done = await staff.post(`/v1/tasks/${round}.${compoundId}/complete`, { areas: PUBLIC });
  expect(done.status, await done.clone().text()).toBe(200);
}

const alertsOf = async (username: string) =>
  (await json<{ items: Alert[] }>(await (await stack.as(username)).get('/v1/alerts?kind=missed_round'))).items;
const storedAlerts = async () => (await scanTable()).filter((i) => i.type === 'alert' && i.kind === 'missed_round');

describe('the day-end judgement of rounds', () => {
  it('raises one missed_round alert per compound that missed rounds, none for one whose rounds were done, none twice', async () => {
    clockAt(AFTERNOON);
    await complete(MORNING_ROUND, 'c_a');
    await complete(AFTERNOON_ROUND, 'c_a');
    await complete(MORNING_ROUND, 'c_b');

    clockAt(JUDGED);
    const first = await recordMissedRounds();
    expect(first).toMatchObject({ day: DAY, raised: first.missed });
    const inbox = await alertsOf('community-cm1');
    expect(inbox.map((a) => a.compoundId).sort()).toEqual(['c_b', 'c_np']); // c_a did both rounds
    expect(inbox.find((a) => a.compoundId === 'c_b')).toMatchObject({
      kind: 'missed_round', status: 'open', level: 'community', communityId: 'cm1', source: { type: 'round' },
      details: { day: DAY, required: 2, completed: 1, rounds: ['16:00'] },
    });
    expect(inbox.find((a) => a.compoundId === 'c_np')?.details).toMatchObject({ day: DAY, required: 2, completed: 0, rounds: ['08:00', '16:00'] });
    const raised = await storedAlerts();
    expect(raised).toHaveLength(first.missed);

    // Judged again: the same entries, no alert raised twice.
    expect(await recordMissedRounds(DAY)).toMatchObject({ missed: first.missed, raised: 0 });
    expect(await storedAlerts()).toEqual(raised);

    // A round completed late updates the entry (it leaves the list) and leaves the alert as it was.
    clockAt('2026-11-23T16:20:00.000Z');
    await complete(AFTERNOON_ROUND, 'c_b');
    const missed = await json<{ items: { compoundId: string }[] }>(await (await stack.as('city')).get(`/v1/missed-rounds?date=${DAY}`));
    expect(missed.items.map((m) => m.compoundId)).not.toContain('c_b');
    expect(await storedAlerts()).toEqual(raised);
  });
});
