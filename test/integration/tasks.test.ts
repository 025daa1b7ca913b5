import type { ScheduledEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handler as expireLeasesJob } from '#functions/jobs/expire-leases.ts';
import { resetClock, setClock } from '#functions/platform/clock.ts';
import { lambdaContext } from '#infra/local/lambda-context.ts';
import { claimTask } from '#functions/stores/task-actions.ts';
import { getTask, type TaskRecord } from '#functions/stores/task-records.ts';
import type { Caller } from '#shared/roles.ts';
import type { Task, TaskSummary } from '#shared/schemas/task.ts';
import { scanTable, tableFingerprint } from '../support/table-scan.ts';
import type { Client, TestStack } from '../support/stack.ts';
import { CM1, campaignOf, json, launchAndDrain, startSweepStack } from './sweep-support.ts';

let stack: TestStack;
let campaignId: string;
let otherCampaignId: string;
const taskA1 = () => `${campaignId}.b_a1`;
const taskA2 = () => `${campaignId}.b_a2`;

beforeAll(async () => {
  const started = await startSweepStack();
  stack = started.stack;
  const city = started.city;
  campaignId = (await launchAndDrain(stack, city, { kind: 'sweep', scope: { type: 'community', id: 'cm1' } })).id;
  otherCampaignId = (await launchAndDrain(stack, city, { kind: 'sweep', scope: { type: 'community', id: 'cm2' } })).id;
});
afterAll(() => stack.stop());
afterEach(() => {
  resetClock();
  delete process.env.TASK_LIMIT_PER_WORKER;
});

const audits = async (entityId: string, action: string) =>
  (await scanTable()).filter((i) => i.type === 'audit' && i.entityId === entityId && i.action === action);
const held = async (username: string) => (await scanTable()).find((i) => i.pk === `WORKER#${username}`)?.held as number | undefined;
const household = (id: string, outcome = 'seen_all', peopleSeen = 2) => ({ visitId: `v-${id}-${outcome}`, householdId: id, outcome, peopleSeen });
/** b_a2: one unit, five floors, two households a floor. */
const A2_HOUSEHOLDS = [1, 2, 3, 4, 5].flatMap((f) => [`1-${f}-${f}01`, `1-${f}-${f}02`]);

describe('a grid worker', () => {
  it('lists only the own grid\'s tasks, open first, in walking order', async () => {
    const worker = await stack.as('grid-g1');
    const list = await json<{ items: TaskSummary[] }>(await worker.get(`/v1/tasks?campaignId=${campaignId}`));
    // The walk starts at the open east gate (e_a1), which 2栋 stands nearer to.
    expect(list.items.map((t) => t.buildingId)).toEqual(['b_a2', 'b_a1']);
    expect(list.items.map((t) => t.order)).toEqual([0, 1]);
    expect(list.items.every((t) => t.gridId === 'g1')).toBe(true);
    const all = await json<{ items: TaskSummary[] }>(await worker.get('/v1/tasks'));
    expect(all.items.every((t) => t.gridId === 'g1')).toBe(true);
    expect(all.items.some((t) => t.campaignId === otherCampaignId)).toBe(false);
  });

  it('is denied another grid\'s task: 403 on read and on every action, absent from lists', async () => {
    const stranger = await stack.as('grid-g2');
    expect((await stranger.get(`/v1/tasks/${taskA1()}`)).status).toBe(403);
    for (const action of ['claim', 'extend', 'release', 'complete']) {
      expect((await stranger.post(`/v1/tasks/${taskA1()}/${action}`)).status, action).toBe(403);
    }
    expect((await stranger.post(`/v1/tasks/${taskA1()}/visits`, household('1-1-101'))).status).toBe(403);
    const list = await json<{ items: TaskSummary[] }>(await stranger.get(`/v1/tasks?campaignId=${campaignId}`));
    expect(list.items).toEqual([]);
    expect((await stranger.get(`/v1/tasks/${campaignId}.b_nope`)).status).toBe(404);
  });
});

describe('claims', () => {
  it('of 50 concurrent claims exactly one wins; the rest get 409', async () => {
    const workers = await Promise.all(Array.from({ length: 50 }, (_, i) => stack.as(`grid-g1-${i}`)));
    const responses = await Promise.all(workers.map((w) => w.post(`/v1/tasks/${taskA1()}/claim`)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const winner = await json<TaskSummary>(responses[statuses.indexOf(200)] as Response);
    expect(await audits(taskA1(), 'claim')).toMatchObject([{ actor: winner.holder }]);
    expect(await held(winner.holder as string)).toBe(1);
    const release = await (await stack.as(winner.holder as string)).post(`/v1/tasks/${taskA1()}/release`);
    expect(release.status).toBe(200);
    expect(await json<TaskSummary>(release)).toMatchObject({ status: 'open', holder: null });
    expect(await held(winner.holder as string)).toBe(0);
    expect(await audits(taskA1(), 'release')).toHaveLength(1);
  });

  it('holds at most the configured number of tasks per worker', async () => {
    process.env.TASK_LIMIT_PER_WORKER = '1';
    const worker = await stack.as('grid-g1-7');
    expect((await worker.post(`/v1/tasks/${taskA1()}/claim`)).status).toBe(200);
    const second = await worker.post(`/v1/tasks/${taskA2()}/claim`);
    expect(second.status).toBe(409);
    expect(await json(second)).toMatchObject({ type: '/problems/task-limit' });
    expect((await json<Task>(await worker.get(`/v1/tasks/${taskA2()}`))).status).toBe('open');
    expect((await worker.post(`/v1/tasks/${taskA1()}/release`)).status).toBe(200);
    expect((await worker.post(`/v1/tasks/${taskA2()}/claim`)).status).toBe(200);
    expect((await worker.post(`/v1/tasks/${taskA2()}/release`)).status).toBe(200);
  });

  it('a claim whose transaction loses the race says why from the task read again, and writes nothing', async () => {
    const gridWorker = (username: string): Caller => ({ userId: username, username, role: 'grid', jurisdiction: { streetId: 's1', communityId: 'cm1', gridId: 'g1' } });
    // Read before the winner's claim: the transaction, conditional on this version, is refused.
    const stale = await getTask(taskA1(), campaignId, 'b_a1') as TaskRecord;
    expect(stale.status).toBe('open');
    const winner = await stack.as('grid-g1-11');
    expect((await winner.post(`/v1/tasks/${taskA1()}/claim`)).status).toBe(200);
    const claims = (await audits(taskA1(), 'claim')).length;
    const before = await tableFingerprint();
    // Another's: the refusal a claim arriving now gets, with the lease's end.
    await expect(claimTask(stale, gridWorker('grid-g1-12'))).rejects.toMatchObject({ name: 'ConflictError', said: { key: 'task.taken' } });
    // The winner's own duplicate: already theirs (a phone's outbox takes it as done).
    await expect(claimTask(stale, gridWorker('grid-g1-11'))).rejects.toMatchObject({ name: 'ConflictError', said: { key: 'task.held-by-you' } });
    // A task that is not there: gone.
    const nowhere = { ...stale, id: `${campaignId}.b_nope`, targetId: 'b_nope' };
    await expect(claimTask(nowhere, gridWorker('grid-g1-12'))).rejects.toMatchObject({ name: 'NotFoundError', said: { key: 'task.gone' } });
    expect(await tableFingerprint()).toBe(before);
    // Claimable again (released meanwhile), but not the task that was read: claimed meanwhile.
    expect((await winner.post(`/v1/tasks/${taskA1()}/release`)).status).toBe(200);
    await expect(claimTask(stale, gridWorker('grid-g1-12'))).rejects.toMatchObject({ name: 'ConflictError', said: { key: 'task.claimed-meanwhile' } });
    expect(await held('grid-g1-12')).toBeUndefined();
    expect(await audits(taskA1(), 'claim')).toHaveLength(claims);
  });

  it('of racing claims, one wins and each loser is told the task is taken (or already theirs)', async () => {
    const others = await Promise.all(Array.from({ length: 10 }, (_, i) => stack.as(`grid-g1-${20 + i}`)));
    const same = await stack.as('grid-g1-30');
    const responses = await Promise.all([...others, same, same].map((w) => w.post(`/v1/tasks/${taskA1()}/claim`)));
    const winners = responses.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    const holder = (await json<TaskSummary>(winners[0] as Response)).holder as string;
    const claimants = [...Array.from({ length: others.length }, (_, i) => `grid-g1-${20 + i}`), 'grid-g1-30', 'grid-g1-30'];
    const refusals = await Promise.all(responses.map(async (r, i) => (r.status === 200 ? undefined : {
      status: r.status, code: (await json<{ code: string }>(r)).code, expected: claimants[i] === holder ? 'task.held-by-you' : 'task.taken',
    })));
    // Losers in another's name hear it is taken; the winner's own second claim, that it is theirs already.
    for (const refusal of refusals.filter((x) => x !== undefined)) expect(refusal).toEqual({ status: 409, code: refusal.expected, expected: refusal.expected });
    expect(await held(holder)).toBe(1);
    expect((await (await stack.as(holder)).post(`/v1/tasks/${taskA1()}/release`)).status).toBe(200);
  });

  it('a lapsed lease goes back to open on the schedule, with an audit record', async () => {
    const worker = await stack.as('grid-g1-3');
    const claimed = await json<TaskSummary>(await worker.post(`/v1/tasks/${taskA1()}/claim`));
    expect(claimed.leaseSecondsLeft).toBeGreaterThan(7190);
    const extended = await json<TaskSummary>(await worker.post(`/v1/tasks/${taskA1()}/extend`));
    expect(extended.leaseExpiresAt! >= claimed.leaseExpiresAt!).toBe(true);
    const later = Date.parse(extended.leaseExpiresAt as string) + 60_000;
    setClock(() => new Date(later));
    expect((await worker.post(`/v1/tasks/${taskA1()}/visits`, household('1-1-101'))).status).toBe(409);
    await expireLeasesJob({ time: new Date(later).toISOString() } as ScheduledEvent, lambdaContext('expire-leases', 60_000));
    const task = await json<Task>(await worker.get(`/v1/tasks/${taskA1()}`));
    expect(task).toMatchObject({ status: 'open', holder: null, leaseExpiresAt: null });
    expect(await audits(taskA1(), 'expire')).toMatchObject([{ actor: 'system', changes: { holder: { from: 'grid-g1-3', to: null } } }]);
    expect(await held('grid-g1-3')).toBe(0);
    // Run again: nothing left to expire, nothing written.
    const before = await tableFingerprint();
    await expireLeasesJob({ time: new Date(later).toISOString() } as ScheduledEvent, lambdaContext('expire-leases', 60_000));
    expect(await tableFingerprint()).toBe(before);
  });
});

describe('visits and completion', () => {
  let worker: Client;
  const post = (body: unknown) => worker.post(`/v1/tasks/${taskA2()}/visits`, body);
  const unvisited = async () => {
    const admin = await stack.as('community-cm1');
    const body = await json<{ features: { properties: { buildingId: string } }[] }>(await admin.get(`/v1/campaigns/${campaignId}/unvisited-buildings?bbox=112.50,31.10,112.55,31.15`));
    return body.features.map((f) => f.properties.buildingId).sort();
  };

  beforeAll(async () => {
    worker = await stack.as('grid-g1');
    expect((await worker.post(`/v1/tasks/${taskA2()}/claim`)).status).toBe(200);
  });

  it('rejects bad input with 400 naming the field, writing nothing', async () => {
    const before = await tableFingerprint();
    const cases: [unknown, string][] = [
      [{ ...household('9-9-999') }, 'body.householdId'],
      [{ ...household('1-1-101'), outcome: 'seen_all', peopleSeen: 0 }, 'body.peopleSeen'],
      [{ ...household('1-1-101'), outcome: 'no_answer', peopleSeen: 2 }, 'body.peopleSeen'],
      [{ ...household('1-1-101'), outcome: 'maybe' }, 'body.outcome'],
      [{ ...household('1-1-101'), symptoms: ['sneeze'] }, 'body.symptoms.0'],
      [{ ...household('1-1-101'), flags: [{ type: 'returnee', origin: '武汉' }] }, 'body.flags.0.date'],
      [{ ...household('1-1-101'), visitId: 'no spaces allowed' }, 'body.visitId'],
    ];
    for (const [body, field] of cases) {
      const response = await post(body);
      expect(response.status, field).toBe(400);
      expect((await json<{ errors: { field: string }[] }>(response)).errors.map((e) => e.field), field).toContain(field);
    }
    expect(await tableFingerprint()).toBe(before);
  });

  it('is idempotent by visit id: a resend answers the same and counts nothing twice; a different body is 409', async () => {
    const body = { ...household('1-1-101', 'seen_some', 2), flags: [{ type: 'returnee', origin: '武汉', date: '2026-11-10' }] };
    const first = await post(body);
    expect(first.status).toBe(201);
    const stored = await json(first);
    const resends = await Promise.all([post(body), post({ ...body, flags: [...body.flags] })]);
    for (const resend of resends) {
      expect(resend.status).toBe(201);
      expect(await json(resend)).toEqual(stored);
    }
    expect((await post({ ...body, peopleSeen: 3 })).status).toBe(409);
    const campaign = await campaignOf(await stack.as('city'), campaignId);
    expect(campaign.progress).toMatchObject({ householdsVisited: 1, peopleSeen: 2 });
    expect(campaign.flags).toMatchObject({ returnee: 1 });
    expect(await audits(taskA2(), 'visit')).toHaveLength(1);
  });

  it('blocks completion until every household is accounted for; no answer needs a revisit; the unvisited map shrinks', async () => {
    expect(await unvisited()).toEqual(['b_a1', 'b_a2']);
    for (const id of A2_HOUSEHOLDS.slice(1, 9)) expect((await post(household(id, id.endsWith('02') ? 'vacant' : 'seen_all', id.endsWith('02') ? 0 : 3))).status).toBe(201);
    expect((await post(household(A2_HOUSEHOLDS[9] as string, 'no_answer', 0))).status).toBe(201);

    const blocked = await worker.post(`/v1/tasks/${taskA2()}/complete`);
    expect(blocked.status).toBe(409);
    const problem = await json<{ type: string; errors: { field: string; message: string }[] }>(blocked);
    expect(problem.type).toBe('/problems/unaccounted-households');
    // Why, as a stable code; the message says it to a person (in English here, the test client's language).
    expect(problem.errors).toEqual([{ field: `households.${A2_HOUSEHOLDS[9]}`, message: 'no answer: visit again', code: 'task.household.no_answer' }]);
    expect(await unvisited()).toEqual(['b_a1', 'b_a2']);

    const revisit = { ...household(A2_HOUSEHOLDS[9] as string, 'seen_all', 1), visitId: 'v-revisit', symptoms: ['fever', 'cough'] };
    expect((await post(revisit)).status).toBe(201);
    expect(await unvisited()).toEqual(['b_a1']);

    const task = await json<Task>(await worker.get(`/v1/tasks/${taskA2()}`));
    expect(task).toMatchObject({ householdsTotal: 10, householdsVisited: 10, covered: true, coverage: 1 });
    expect(task.households.map((h) => h.id)).toEqual(A2_HOUSEHOLDS);
    expect(task.visits).toHaveLength(11);

    const done = await worker.post(`/v1/tasks/${taskA2()}/complete`);
    expect(done.status).toBe(200);
    expect(await json(done)).toMatchObject({ status: 'done' });
    expect(await audits(taskA2(), 'complete')).toHaveLength(1);
    expect(await held('grid-g1')).toBe(0);

    // 1-1-101 saw 2, four floors' door 01 saw 3 each, the revisit 1: 2 + 12 + 1.
    const campaign = await campaignOf(await stack.as('city'), campaignId);
    expect(campaign).toMatchObject({
      status: 'active',
      progress: { tasksDone: 1, buildingsVisited: 1, householdsVisited: 10, peopleSeen: 15 },
      totals: { households: CM1.households },
    });
    expect(campaign.flags).toMatchObject({ symptoms: 1, returnee: 1 });
    const coverage = await json<{ items: { id: string; householdsVisited: number; buildingsVisited: number }[] }>(
      await (await stack.as('city')).get(`/v1/campaigns/${campaignId}/coverage?by=grid`),
    );
    expect(coverage.items).toMatchObject([{ id: 'g1', householdsVisited: 10, buildingsVisited: 1 }]);
  });

  it('raises a symptoms alert for the community, once', async () => {
    const alerts = await json<{ items: { kind: string; source: { id: string }; buildingId: string }[] }>(await (await stack.as('community-cm1')).get('/v1/alerts'));
    expect(alerts.items).toMatchObject([{ kind: 'symptoms', source: { type: 'visit', id: 'v-revisit' }, buildingId: 'b_a2' }]);
  });

  it('answers a resend after completion with the stored visit, while a new visit is refused', async () => {
    const resend = await post(household(A2_HOUSEHOLDS[1] as string, 'vacant', 0));
    expect(resend.status).toBe(201);
    expect((await post({ ...household(A2_HOUSEHOLDS[1] as string), visitId: 'v-late' })).status).toBe(409);
  });
});
