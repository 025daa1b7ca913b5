/**
 * Idempotency-Key on a round's completion (disinfection), on DynamoDB Local: racing and resent
 * completions under one key complete the task once (the compound's rounds of the day, the campaign's
 * tasksDone, the audit record), all answering the same bytes; the key with other areas is a 422.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRound } from '#functions/jobs/start-rounds.ts';
import { resetClock, setClock } from '#functions/platform/clock.ts';
import { expectProblem } from '../support/problem.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { scanTable, tableFingerprint } from '../support/table-scan.ts';
import { DAY, MORNING, roundUsers, seedRoundCity } from './disinfection-support.ts';
import { SWEEP_QUEUES, campaignOf } from './sweep-support.ts';

let stack: TestStack;
const ROUND = 'rd_20261123_0800';
const PUBLIC = ['corridor', 'elevator', 'guard_room', 'garbage_point', 'public_area'];
const task = (target: string) => `${ROUND}.${target}`;

beforeAll(async () => {
  stack = await startTestStack({ users: roundUsers, seed: seedRoundCity, queueOptions: SWEEP_QUEUES });
  setClock(() => new Date(MORNING));
  expect(await startRound(MORNING)).toEqual({ id: ROUND, started: true });
  await stack.queues.drain({ timeoutMs: 30_000 });
});
afterAll(async () => {
  resetClock();
  await stack.stop();
});

const complete = async (body: unknown, key: string) => {
  const res = await (await stack.as('disinfection-a')).request('POST', `/v1/tasks/${task('c_a')}/complete`, { body, headers: { 'Idempotency-Key': key } });
  return { status: res.status, text: await res.text(), replayed: res.headers.get('idempotent-replayed') };
};

describe('a round completion under one Idempotency-Key', () => {
  it('completes once when raced and resent, every answer the same', async () => {
    const staff = await stack.as('disinfection-a');
    expect((await staff.request('POST', `/v1/tasks/${task('c_a')}/claim`, { headers: { 'Idempotency-Key': 'round-claim-01' } })).status).toBe(200);
    const body = { areas: PUBLIC, note: '含氯消毒液 500mg/L' };
    const racing = await Promise.all(Array.from({ length: 5 }, () => complete(body, 'round-done-01')));
    expect(racing.map((a) => a.status), JSON.stringify(racing)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(racing.map((a) => a.text)).size).toBe(1);
    const resent = await complete({ note: '含氯消毒液 500mg/L', areas: [...PUBLIC] }, 'round-done-01');
    expect(resent).toEqual({ status: 200, text: racing[0]?.text, replayed: 'true' });
    expect(JSON.parse(resent.text)).toMatchObject({ status: 'done', areasDone: PUBLIC, partial: false });

    const items = await scanTable();
    expect(items.filter((i) => i.type === 'audit' && i.entityId === task('c_a') && i.action === 'complete')).toHaveLength(1);
    expect(items.find((i) => i.pk === `ROUNDS#${DAY}` && i.sk === 'c_a')?.completed).toBe(1);
    expect(items.find((i) => i.pk === 'WORKER#disinfection-a')?.held).toBe(0);
    expect((await campaignOf(await stack.as('city'), ROUND)).progress).toMatchObject({ tasksDone: 1 });
  });

  it('used for other areas is a 422 naming headers.idempotency-key, writing nothing', async () => {
    const before = await tableFingerprint();
    const problem = await expectProblem(
      await (await stack.as('disinfection-a')).request('POST', `/v1/tasks/${task('c_a')}/complete`, {
        body: { areas: ['corridor'], reason: '电梯停运' }, headers: { 'Idempotency-Key': 'round-done-01' },
      }),
      422,
    );
    expect(problem.errors?.map((e) => e.field)).toEqual(['headers.idempotency-key']);
    expect(await tableFingerprint()).toBe(before);
  });
});
