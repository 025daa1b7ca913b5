/**
 * Disinfection rounds on DynamoDB Local, through the schedule's job, the queues and the API: a
 * round makes one task per compound under closure plus one per case building; a slot fired twice
 * (or by two runners at once) makes one round; staff of the compound (or the community's team)
 * work the tasks; completion — whole, partial with a reason, retried, racing — flows into the
 * compound's day log; overdue tasks are listed; missed rounds are judged at day end (clock
 * injected) and listed by jurisdiction.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordMissedRounds } from '#functions/jobs/missed-rounds.ts';
import { startRound } from '#functions/jobs/start-rounds.ts';
import { resetClock, setClock } from '#functions/platform/clock.ts';
import { disinfectionDay, disinfectionLog } from '#functions/stores/disinfection-log-store.ts';
import type { Campaign } from '#shared/schemas/campaign.ts';
import type { MissedRound } from '#shared/schemas/disinfection.ts';
import type { TaskSummary } from '#shared/schemas/task.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { scanTable, tableFingerprint } from '../support/table-scan.ts';
import { DAY, MORNING, roundUsers, seedRoundCity } from './disinfection-support.ts';
import { SWEEP_QUEUES, campaignOf, json, launch, tasksOfCampaign } from './sweep-support.ts';

let stack: TestStack;
const clockAt = (iso: string) => setClock(() => new Date(iso));
const PUBLIC = ['corridor', 'elevator', 'guard_room', 'garbage_point', 'public_area'];
const MORNING_ROUND = 'rd_20261123_0800';
const NOON_ROUND = 'rd_20261123_1200';
let manualRound = '';

beforeAll(async () => {
  stack = await startTestStack({ users: roundUsers, seed: seedRoundCity, queueOptions: SWEEP_QUEUES });
  clockAt(MORNING);
  const city = await stack.as('city');
  const cases = [
    { caseId: 'x1', compoundId: 'c_a', buildingId: 'b_a1', date: '2026-11-21', kind: 'confirmed', count: 1 },
    // 14 days back from DAY still counts; 19 days back does not; asymptomatic never adds rounds.
    { caseId: 'x2', compoundId: 'c_d', buildingId: 'b_d1', date: '2026-11-10', kind: 'suspected', count: 1 },
    { caseId: 'x3', compoundId: 'c_np', buildingId: 'b_np1', date: '2026-11-04', kind: 'confirmed', count: 1 },
    { caseId: 'x4', compoundId: 'c_d', buildingId: 'b_d2', date: '2026-11-22', kind: 'asymptomatic', count: 2 },
  ];
  for (const body of cases) expect((await city.post('/v1/cases', body)).status).toBe(201);
});
afterAll(async () => {
  resetClock();
  await stack.stop();
});
afterEach(() => clockAt(MORNING));

const targets = async (campaignId: string) => (await tasksOfCampaign(campaignId)).map((t) => t.targetId as string).sort();
const drain = () => stack.queues.drain({ timeoutMs: 30_000 });

describe('the schedule', () => {
  it('starts the current slot\'s round: a task per compound under closure and per case building', async () => {
    expect(await startRound('2026-11-22T23:59:00.000Z')).toBeUndefined(); // 07:59 in China: no slot yet today
    expect(await startRound(MORNING)).toEqual({ id: MORNING_ROUND, started: true });
    await drain();
    // c_a closed, c_b lockdown, c_d closed, c_np closed; c_c and c_e are normal. Case buildings: b_a1, b_d1.
    expect(await targets(MORNING_ROUND)).toEqual(['b_a1', 'b_d1', 'c_a', 'c_b', 'c_d', 'c_np']);
    const campaign = await campaignOf(await stack.as('city'), MORNING_ROUND);
    expect(campaign).toMatchObject({ kind: 'disinfection', status: 'active', totals: { tasks: 6 }, round: { day: DAY, slot: '08:00', publicAreas: true, caseBuildings: true, scheduled: true } });
    const tasks = await tasksOfCampaign(MORNING_ROUND);
    const a = tasks.find((t) => t.targetId === 'c_a');
    // Due when the next public-area slot (16:00 China) starts; the building task at the next case slot (12:00).
    expect(a?.round).toMatchObject({ day: DAY, slot: '08:00', target: 'public_areas', dueAt: '2026-11-23T08:00:00.000Z', planned: PUBLIC });
    expect(tasks.find((t) => t.targetId === 'b_a1')?.round).toMatchObject({ target: 'building', dueAt: '2026-11-23T04:00:00.000Z', planned: ['corridor', 'elevator', 'public_area'] });
  });

  it('fired again for the same slot — late, or by two runners at once — makes no second round', async () => {
    const before = await tableFingerprint();
    const again = await Promise.all([startRound(MORNING), startRound('2026-11-23T03:59:00.000Z'), startRound(MORNING)]);
    expect(again).toEqual(Array(3).fill({ id: MORNING_ROUND, started: false }));
    await drain();
    expect(await tableFingerprint()).toBe(before);
    // A new slot fired by two runners at once: one starts it.
    const noon = await Promise.all([startRound('2026-11-23T04:30:00.000Z'), startRound('2026-11-23T04:31:00.000Z')]);
    expect(noon.map((r) => r?.started).sort()).toEqual([false, true]);
    await drain();
    // 12:00 is an extra slot: case buildings only.
    expect(await targets(NOON_ROUND)).toEqual(['b_a1', 'b_d1']);
    const rounds = (await scanTable()).filter((i) => i.type === 'campaign' && i.kind === 'disinfection');
    expect(rounds.map((r) => r.id).sort()).toEqual([MORNING_ROUND, NOON_ROUND]);
  });

  it('a manual round covers the launched scope, whatever its compounds\' status', async () => {
    const admin = await stack.as('community-cm2');
    const id = await launch(admin, { kind: 'disinfection', scope: { type: 'compound', id: 'c_c' } });
    manualRound = id;
    await drain();
    expect(await targets(id)).toEqual(['c_c']);
    expect((await campaignOf(admin, id)).round).toMatchObject({ day: DAY, slot: '08:30', scheduled: false });
    expect((await admin.post('/v1/campaigns', { kind: 'disinfection', scope: { type: 'compound', id: 'c_a' } })).status).toBe(403);
  });
});

describe('round tasks', () => {
  const task = (target: string, round = MORNING_ROUND) => `${round}.${target}`;

  it('are listed to the compound\'s staff: property staff their compounds, the community\'s team those without property management', async () => {
    const ids = async (user: string, query = '') => (await json<{ items: TaskSummary[] }>(await (await stack.as(user)).get(`/v1/tasks${query}`))).items.map((t) => t.id).sort();
    expect(await ids('disinfection-a')).toEqual([task('b_a1'), task('b_a1', NOON_ROUND), task('c_a'), task('c_b')].sort());
    expect(await ids('team-cm1')).toEqual([task('c_np')]);
    expect(await ids('disinfection-c', `?campaignId=${MORNING_ROUND}`)).toEqual([task('b_d1'), task('c_d')].sort());
    // Overseers list a round by its id, within their jurisdiction.
    expect(await ids('community-cm1', `?campaignId=${MORNING_ROUND}`)).toEqual([task('b_a1'), task('c_a'), task('c_b'), task('c_np')].sort());
    const staff = await stack.as('disinfection-a');
    expect((await staff.get(`/v1/tasks/${task('c_d')}`)).status).toBe(403);
    expect((await staff.post(`/v1/tasks/${task('c_np')}/claim`)).status).toBe(403);
    expect((await (await stack.as('grid-g1')).post(`/v1/tasks/${task('c_a')}/claim`)).status).toBe(403);
    expect((await staff.get(`/v1/tasks/${MORNING_ROUND}.c_nope`)).status).toBe(404);
  });

  it('complete with the areas done: the day log shows it, with no staff name, id or note', async () => {
    const staff = await stack.as('disinfection-a');
    expect((await staff.post(`/v1/tasks/${task('c_a')}/claim`)).status).toBe(200);
    clockAt('2026-11-23T01:10:00.000Z');
    const done = await staff.post(`/v1/tasks/${task('c_a')}/complete`, { areas: PUBLIC, note: '含氯消毒液 500mg/L' });
    expect(done.status, await done.clone().text()).toBe(200);
    expect(await json<TaskSummary>(done)).toMatchObject({ status: 'done', areasDone: PUBLIC, partial: false });
    const log = await disinfectionLog('c_a', DAY);
    const entry = log.find((e) => e.campaignId === MORNING_ROUND && e.target === 'public_areas');
    expect(entry).toEqual({ campaignId: MORNING_ROUND, slot: '08:00', target: 'public_areas', status: 'done', planned: PUBLIC, areas: PUBLIC, completedAt: '2026-11-23T01:10:00.000Z', dueAt: '2026-11-23T08:00:00.000Z' });
    expect(JSON.stringify(log)).not.toMatch(/disinfection-a|holder|completedBy|note|消毒液/);
    expect(log.map((e) => e.slot)).toEqual(['08:00', '08:00', '12:00']);
    expect((await disinfectionDay('c_a', DAY, 'closed'))).toMatchObject({ requiredRounds: 2, completedRounds: 1 });
    // The staff's own view keeps the note.
    expect((await json<{ note?: string }>(await staff.get(`/v1/tasks/${task('c_a')}`))).note).toBe('含氯消毒液 500mg/L');
  });

  it('partial completion needs a reason; an area outside the set, or a sweep body mix, is 400 naming the field', async () => {
    const staff = await stack.as('disinfection-a');
    await staff.post(`/v1/tasks/${task('b_a1')}/claim`);
    const before = await tableFingerprint();
    const fields = async (body?: unknown) => {
      const response = await staff.post(`/v1/tasks/${task('b_a1')}/complete`, body);
      expect(response.status).toBe(400);
      return ((await response.json()) as { errors: { field: string }[] }).errors.map((e) => e.field);
    };
    expect(await fields({ areas: ['corridor'] })).toEqual(['body.reason']);
    expect(await fields({ areas: ['corridor', 'guard_room'], reason: 'x' })).toEqual(['body.areas']);
    expect(await fields({ areas: ['roof'] })).toEqual(['body.areas.0']);
    expect(await fields()).toEqual(['body.areas']);
    expect(await fields({ areas: ['corridor'], reason: 'x', holder: 'me' })).toEqual(['body.holder']);
    expect(await tableFingerprint()).toBe(before);
    const partial = await staff.post(`/v1/tasks/${task('b_a1')}/complete`, { areas: ['elevator', 'corridor'], reason: '电梯停运检修中，仅消杀楼道' });
    expect(await json<TaskSummary>(partial)).toMatchObject({ status: 'done', partial: true, areasDone: ['corridor', 'elevator'] });
    expect((await disinfectionLog('c_a', DAY)).find((e) => e.target === 'building' && e.slot === '08:00')).toMatchObject({ status: 'partial', areas: ['corridor', 'elevator'] });
  });

  it('racing and retried completions of one task complete it once; another completion of a done task is 409', async () => {
    const staff = await stack.as('disinfection-a');
    await staff.post(`/v1/tasks/${task('c_b')}/claim`);
    const body = { areas: PUBLIC };
    const answers = await Promise.all(Array.from({ length: 6 }, () => staff.post(`/v1/tasks/${task('c_b')}/complete`, body)));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
    expect((await staff.post(`/v1/tasks/${task('c_b')}/complete`, body)).status).toBe(200);
    expect((await staff.post(`/v1/tasks/${task('c_b')}/complete`, { areas: ['corridor'], reason: 'x' })).status).toBe(409);
    const items = await scanTable();
    expect(items.filter((i) => i.type === 'audit' && i.entityId === task('c_b') && i.action === 'complete')).toHaveLength(1);
    expect(items.find((i) => i.pk === `ROUNDS#${DAY}` && i.sk === 'c_b')?.completed).toBe(1);
    expect(items.find((i) => i.pk === 'WORKER#disinfection-a')?.held).toBe(0);
    const campaign: Campaign = await campaignOf(await stack.as('city'), MORNING_ROUND);
    expect(campaign.progress.tasksDone).toBe(3);
  });

  it('a sweep task keeps its rule: no body, and areas are 400', async () => {
    const sweep = await launch(await stack.as('city'), { kind: 'sweep', scope: { type: 'compound', id: 'c_a' } });
    await drain();
    const worker = await stack.as('grid-g1');
    expect((await worker.post(`/v1/tasks/${sweep}.b_a2/claim`)).status).toBe(200);
    const response = await worker.post(`/v1/tasks/${sweep}.b_a2/complete`, { areas: ['corridor'] });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['body.areas']);
    expect((await worker.post(`/v1/tasks/${sweep}.b_a2/complete`)).status).toBe(409); // households unaccounted for
  });

  it('open and claimed tasks past due are overdue: listed with ?status=overdue and in the log', async () => {
    clockAt('2026-11-23T08:30:00.000Z'); // 16:30 in China: the 08:00 round's public tasks are past due
    const overdue = await json<{ items: TaskSummary[] }>(await (await stack.as('disinfection-c')).get('/v1/tasks?status=overdue'));
    // c_c's manual round (08:30) was due at 12:30.
    expect(overdue.items.map((t) => t.id).sort()).toEqual([task('b_d1'), task('b_d1', NOON_ROUND), task('c_d'), `${manualRound}.c_c`].sort());
    expect(overdue.items.every((t) => t.overdue === true)).toBe(true);
    expect((await disinfectionLog('c_d', DAY)).map((e) => e.status)).toEqual(['overdue', 'overdue', 'overdue']);
    const fresh = await json<{ items: TaskSummary[] }>(await (await stack.as('disinfection-a')).get('/v1/tasks?status=overdue'));
    expect(fresh.items.map((t) => t.id)).toEqual([task('b_a1', NOON_ROUND)]);
  });
});

describe('missed rounds', () => {
  it('are judged at day end and listed to overseers by jurisdiction, paged', async () => {
    clockAt('2026-11-23T16:10:00.000Z'); // 00:10 on the 24th in China
    expect(await recordMissedRounds()).toMatchObject({ day: DAY, missed: 4 });
    const list = async (user: string, query = '') => {
      const response = await (await stack.as(user)).get(`/v1/missed-rounds${query}`);
      expect(response.status, await response.clone().text()).toBe(200);
      return json<{ items: MissedRound[]; nextToken?: string }>(response);
    };
    const all = await list('city');
    expect(all.items.map((m) => m.compoundId)).toEqual(['c_a', 'c_b', 'c_np', 'c_d']); // by street, community
    expect(all.items[0]).toEqual({ compoundId: 'c_a', compoundName: '阳光花园', communityId: 'cm1', streetId: 's1', date: DAY, required: 2, completed: 1 });
    expect((await list('community-cm1')).items.map((m) => m.compoundId)).toEqual(['c_a', 'c_b', 'c_np']);
    expect((await list('official-s1')).items.map((m) => m.compoundId)).toEqual(['c_a', 'c_b', 'c_np']);
    expect((await list('community-cm2')).items).toEqual([]);
    expect((await list('city', '?streetId=s2')).items.map((m) => m.compoundId)).toEqual(['c_d']);
    expect((await list('city', `?date=2026-11-22`)).items).toEqual([]);
    const first = await list('city', '?limit=2');
    expect(first.items).toHaveLength(2);
    const second = await list('city', `?limit=2&nextToken=${encodeURIComponent(first.nextToken ?? '')}`);
    expect([...first.items, ...second.items].map((m) => m.compoundId)).toEqual(all.items.map((m) => m.compoundId));
    const cm2 = await stack.as('community-cm2');
    expect((await cm2.get('/v1/missed-rounds?communityId=cm1')).status).toBe(403);
    expect((await cm2.get('/v1/missed-rounds?date=24-11-2026')).status).toBe(400);
    expect((await (await stack.as('disinfection-a')).get('/v1/missed-rounds')).status).toBe(403);
    // Judged again: the same list.
    await recordMissedRounds(DAY);
    expect((await list('city')).items).toEqual(all.items);
  });
});
