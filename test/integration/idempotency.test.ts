/**
 * Idempotency-Key on the holder's task actions (claim, extend, release, complete), through the
 * local API on DynamoDB Local: a resend answers the stored answer and acts once (held counter,
 * campaign's tasksDone, audit records), also after a later action and under racing duplicates;
 * a reused key is a 422, a malformed one a 400, both writing nothing; keys are per user.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetClock, setClock } from '#functions/platform/clock.ts';
import type { TaskSummary } from '#shared/schemas/task.ts';
import { expectProblem } from '../support/problem.ts';
import { scanTable, tableFingerprint } from '../support/table-scan.ts';
import { startTestStack, type Client, type TestStack } from '../support/stack.ts';
import { campaignOf, json, launchAndDrain, seedSweepCity, SWEEP_QUEUES, sweepUsers } from './sweep-support.ts';

let stack: TestStack;
let campaignId: string;
const taskA1 = () => `${campaignId}.b_a1`;
const taskA2 = () => `${campaignId}.b_a2`;
/** b_a2: one unit, five floors, two households a floor. */
const A2_HOUSEHOLDS = [1, 2, 3, 4, 5].flatMap((f) => [`1-${f}-${f}01`, `1-${f}-${f}02`]);

beforeAll(async () => {
  stack = await startTestStack({ users: sweepUsers, seed: () => seedSweepCity(), queueOptions: SWEEP_QUEUES });
  campaignId = (await launchAndDrain(stack, await stack.as('city'), { kind: 'sweep', scope: { type: 'community', id: 'cm1' } })).id;
});
afterAll(() => stack.stop());
afterEach(() => resetClock());

type Action = 'claim' | 'extend' | 'release' | 'complete';
const act = (client: Client, task: string, action: Action, key: string, body?: unknown) =>
  client.request('POST', `/v1/tasks/${task}/${action}`, { body, headers: { 'Idempotency-Key': key } });

const audits = async (entityId: string, action: string) =>
  (await scanTable()).filter((i) => i.type === 'audit' && i.entityId === entityId && i.action === action).length;
const held = async (username: string) => (await scanTable()).find((i) => i.pk === `WORKER#${username}`)?.held as number | undefined;
const replayed = (res: Response) => res.headers.get('idempotent-replayed');

/** The answer, its body as sent (a replay is the same bytes), and whether it was a replay. */
async function answer(res: Response): Promise<{ status: number; text: string; replayed: string | null }> {
  return { status: res.status, text: await res.text(), replayed: replayed(res) };
}

describe('a resend with the same Idempotency-Key', () => {
  it('answers a claim, an extend and a release again, each acting once', async () => {
    const worker = await stack.as('grid-g1-1');
    for (const [action, key, counts] of [
      ['claim', 'claim-key-0001', { held: 1 }],
      ['extend', 'extend-key-0001', { held: 1 }],
      ['release', 'release-key-0001', { held: 0 }],
    ] as const) {
      const first = await answer(await act(worker, taskA1(), action, key));
      expect(first, action).toMatchObject({ status: 200, replayed: null });
      const again = await answer(await act(worker, taskA1(), action, key));
      expect(again, action).toEqual({ ...first, replayed: 'true' });
      expect(await audits(taskA1(), action), action).toBe(1);
      expect(await held('grid-g1-1'), action).toBe(counts.held);
    }
  });

  it('answers the claim\'s answer after a later extend (the lost answer), and changes nothing', async () => {
    const worker = await stack.as('grid-g1-2');
    const claimed = await answer(await act(worker, taskA1(), 'claim', 'lost-claim-0001'));
    expect(claimed.status).toBe(200);
    const extended = await act(worker, taskA1(), 'extend', 'lost-extend-0001');
    expect(extended.status).toBe(200);
    const before = await tableFingerprint();
    const resent = await answer(await act(worker, taskA1(), 'claim', 'lost-claim-0001'));
    expect(resent).toEqual({ ...claimed, replayed: 'true' });
    expect((JSON.parse(resent.text) as TaskSummary).holder).toBe('grid-g1-2');
    expect(await tableFingerprint()).toBe(before);
    expect(await held('grid-g1-2')).toBe(1);
    expect((await act(worker, taskA1(), 'release', 'lost-release-0001')).status).toBe(200);
  });

  it('acts once when five duplicates race: one acts, four replay its answer', async () => {
    const worker = await stack.as('grid-g1-3');
    const claimsBefore = await audits(taskA1(), 'claim');
    const claims = await Promise.all(Array.from({ length: 5 }, () => act(worker, taskA1(), 'claim', 'race-claim-0001').then(answer)));
    expect(claims.map((c) => c.status), JSON.stringify(claims)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(claims.map((c) => c.text)).size).toBe(1);
    expect(claims.filter((c) => c.replayed === 'true')).toHaveLength(4);
    expect(await audits(taskA1(), 'claim')).toBe(claimsBefore + 1);
    expect(await held('grid-g1-3')).toBe(1);

    const releasesBefore = await audits(taskA1(), 'release');
    const releases = await Promise.all(Array.from({ length: 5 }, () => act(worker, taskA1(), 'release', 'race-release-0001').then(answer)));
    expect(releases.map((c) => c.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(releases.map((c) => c.text)).size).toBe(1);
    expect(await audits(taskA1(), 'release')).toBe(releasesBefore + 1);
    expect(await held('grid-g1-3')).toBe(0);
  });

  it('completes a sweep task once: tasksDone, held and the audit count it once, racing or resent', async () => {
    const worker = await stack.as('grid-g1-4');
    expect((await act(worker, taskA2(), 'claim', 'done-claim-0001')).status).toBe(200);
    for (const id of A2_HOUSEHOLDS) {
      const visit = await worker.post(`/v1/tasks/${taskA2()}/visits`, { visitId: `v-${id}`, householdId: id, outcome: 'vacant', peopleSeen: 0 });
      expect(visit.status).toBe(201);
    }
    const racing = await Promise.all(Array.from({ length: 5 }, () => act(worker, taskA2(), 'complete', 'done-complete-0001').then(answer)));
    expect(racing.map((c) => c.status), JSON.stringify(racing)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(racing.map((c) => c.text)).size).toBe(1);
    expect(racing.filter((c) => c.replayed === null)).toHaveLength(1);
    const later = await answer(await act(worker, taskA2(), 'complete', 'done-complete-0001'));
    expect(later).toEqual({ ...racing[0], replayed: 'true' });
    expect(JSON.parse(later.text)).toMatchObject({ status: 'done', holder: null });
    expect(await audits(taskA2(), 'complete')).toBe(1);
    expect(await held('grid-g1-4')).toBe(0);
    expect((await campaignOf(await stack.as('city'), campaignId)).progress).toMatchObject({ tasksDone: 1 });
  });

  it('is a new action once its answer has expired (24 h)', async () => {
    const worker = await stack.as('grid-g1-5');
    const claimsBefore = await audits(taskA1(), 'claim');
    expect((await act(worker, taskA1(), 'claim', 'expiring-claim-01')).status).toBe(200);
    expect((await act(worker, taskA1(), 'release', 'expiring-release-01')).status).toBe(200);
    setClock(() => new Date(Date.now() + 24 * 3600_000 + 1000));
    const again = await act(worker, taskA1(), 'claim', 'expiring-claim-01');
    expect(again.status).toBe(200);
    expect(replayed(again)).toBeNull();
    expect(await audits(taskA1(), 'claim')).toBe(claimsBefore + 2);
    expect((await act(worker, taskA1(), 'release', 'expiring-release-02')).status).toBe(200);
  });
});

describe('a key', () => {
  it('used for another request is a 422 naming headers.idempotency-key, and nothing is written', async () => {
    const worker = await stack.as('grid-g1-6');
    expect((await act(worker, taskA1(), 'claim', 'reused-claim-0001')).status).toBe(200);
    const before = await tableFingerprint();
    // The same key on another task's claim.
    const otherTask = await expectProblem(await act(worker, `${campaignId}.b_nope`, 'claim', 'reused-claim-0001'), 422);
    expect(otherTask.errors?.map((e) => e.field)).toEqual(['headers.idempotency-key']);
    expect(await tableFingerprint()).toBe(before);
    expect((await act(worker, taskA1(), 'release', 'reused-release-0001')).status).toBe(200);
  });

  it('used with another body on the same task is a 422, and nothing is written', async () => {
    const worker = await stack.as('grid-g1-4');
    const before = await tableFingerprint();
    // done-complete-0001 completed b_a2 with no body (above).
    const problem = await expectProblem(await act(worker, taskA2(), 'complete', 'done-complete-0001', { note: '再次提交' }), 422);
    expect(problem.errors?.map((e) => e.field)).toEqual(['headers.idempotency-key']);
    expect(await tableFingerprint()).toBe(before);
  });

  it('that is malformed is a 400 naming headers.idempotency-key, and nothing is written', async () => {
    const worker = await stack.as('grid-g1-7');
    const before = await tableFingerprint();
    for (const key of ['short', 'has spaces in it', 'x'.repeat(101), 'slash/in/the/key']) {
      const problem = await expectProblem(await act(worker, taskA1(), 'claim', key), 400);
      expect(problem.errors?.map((e) => e.field), key).toContain('headers.idempotency-key');
    }
    expect(await tableFingerprint()).toBe(before);
  });

  it('is the caller\'s own: another user with the same key acts anew', async () => {
    const first = await stack.as('grid-g1-8');
    const second = await stack.as('grid-g1-9');
    expect((await act(first, taskA1(), 'claim', 'shared-key-0001')).status).toBe(200);
    expect((await act(first, taskA1(), 'release', 'shared-key-0002')).status).toBe(200);
    const theirs = await act(second, taskA1(), 'claim', 'shared-key-0001');
    expect(theirs.status).toBe(200);
    expect(replayed(theirs)).toBeNull();
    expect((await json<TaskSummary>(theirs)).holder).toBe('grid-g1-9');
    expect(await held('grid-g1-9')).toBe(1);
    expect((await act(second, taskA1(), 'release', 'shared-key-0002')).status).toBe(200);
  });

  it('is optional: without it a resent claim is refused as before (409)', async () => {
    const worker = await stack.as('grid-g1-10');
    expect((await worker.post(`/v1/tasks/${taskA1()}/claim`)).status).toBe(200);
    expect((await worker.post(`/v1/tasks/${taskA1()}/claim`)).status).toBe(409);
    expect((await worker.post(`/v1/tasks/${taskA1()}/release`)).status).toBe(200);
  });
});
