/**
 * The residents' routes end to end: cases reported and a round completed through the staff API
 * show up on the public answers, which need no token, hold only allow-listed keys and nothing
 * personal, validate the day asked for, answer 404 for an unknown compound, are cacheable
 * (Cache-Control, ETag, 304) and leave no personal data in the logs.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setClock, resetClock } from '#functions/platform/clock.ts';
import { chinaDay } from '#shared/domain/china-time.ts';
import { dayBefore } from '#shared/domain/disinfection.ts';
import type { PublicCases, PublicDisinfectionLog } from '#shared/schemas/public.ts';
import { fixtureUsers, seedFixtureCity } from '../support/fixture-city.ts';
import { captureLogs } from '../support/logs.ts';
import { keysOf, leakedKeys } from '../support/public-keys.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { json, launch } from './sweep-support.ts';

vi.hoisted(() => {
  process.env.LOG_LEVEL = 'INFO';
});

/** 10:00 in China on 2026-11-23. */
const NOW = '2026-11-23T02:00:00.000Z';
const today = chinaDay(NOW);
const staff = { username: 'disinfection-a', name: '张消杀', role: 'disinfection' as const, jurisdiction: { compoundIds: ['c_a'] } };
const NOTE = '王五 13812345678 已通知';
const SECRETS = [staff.username, staff.name, '13812345678', '王五', 'community-cm1', 'city'];

let stack: TestStack;

const casesPath = (id = 'c_a') => `/public/compounds/${id}/cases`;
const logPath = (id = 'c_a', query = '') => `/public/compounds/${id}/disinfection-log${query}`;

async function ok<T>(response: Response): Promise<T> {
  expect(response.status, await response.clone().text()).toBe(200);
  return json<T>(response);
}

async function report(body: Record<string, unknown>): Promise<void> {
  const response = await (await stack.as('community-cm1')).post('/v1/cases', body);
  expect(response.status, await response.clone().text()).toBeLessThan(300);
}

beforeAll(async () => {
  setClock(() => new Date(NOW));
  stack = await startTestStack({ users: [...fixtureUsers, staff], seed: seedFixtureCity, queueOptions: { timeScale: 0.001, pollIntervalMs: 5 } });
  await report({ caseId: 'case_t1', compoundId: 'c_a', buildingId: 'b_a1', date: today, kind: 'confirmed', count: 2 });
  await report({ caseId: 'case_t2', compoundId: 'c_a', buildingId: 'b_a1', date: today, kind: 'asymptomatic', count: 1 });
  await report({ caseId: 'case_t3', compoundId: 'c_a', buildingId: 'b_a2', date: dayBefore(today, 3), kind: 'suspected', count: 1 });

  // A manual round after the reports: a public-areas task and one for the case building b_a1.
  const campaignId = await launch(await stack.as('city'), { kind: 'disinfection', scope: { type: 'compound', id: 'c_a' } });
  await stack.queues.drain({ timeoutMs: 30_000 });
  const worker = await stack.as(staff.username);
  const tasks = await ok<{ items: { id: string; buildingId?: string | null }[] }>(await worker.get(`/v1/tasks?campaignId=${campaignId}`));
  expect(tasks.items.length).toBeGreaterThanOrEqual(2);
  const publicTask = tasks.items.find((task) => !task.buildingId) ?? tasks.items[0];
  const buildingTask = tasks.items.find((task) => task !== publicTask);
  for (const [task, body] of [
    [publicTask, { areas: ['corridor', 'elevator', 'guard_room', 'garbage_point', 'public_area'], note: NOTE }],
    [buildingTask, { areas: ['corridor'], reason: `电梯停运，${NOTE}` }],
  ] as const) {
    if (!task) continue;
    expect((await worker.post(`/v1/tasks/${task.id}/claim`)).status).toBe(200);
    const done = await worker.post(`/v1/tasks/${task.id}/complete`, body);
    expect(done.status, await done.clone().text()).toBe(200);
  }
}, 60_000);

afterAll(async () => {
  await stack.stop();
  resetClock();
});

describe('the allow-list walker', () => {
  it('finds keys at any depth, off the allow-list or personal', () => {
    expect(leakedKeys({ compound: { name: 'x' }, rounds: [{ slot: '08:00', claimedBy: 'u' }], phone: '1' })).toEqual(['$.rounds[0].claimedBy', '$.phone']);
    expect(leakedKeys({ compound: { id: 'c', name: 'n', status: 'closed' }, rounds: [{ areas: ['corridor'] }] })).toEqual([]);
  });
});

describe('GET /public/compounds/{id}/cases', () => {
  it('answers anyone, with or without a token, the same counts', async () => {
    const anonymous = await ok<PublicCases>(await stack.anonymous().get(casesPath()));
    const signedIn = await ok<PublicCases>(await (await stack.as('city')).get(casesPath()));
    expect(signedIn).toEqual(anonymous);
  });

  it('gives the compound, today\'s counts and the last 14 China days, oldest first', async () => {
    const cases = await ok<PublicCases>(await stack.anonymous().get(casesPath()));
    expect(cases.compound).toEqual({ id: 'c_a', name: '阳光花园', status: 'closed' });
    expect(cases.today).toBe(today);
    expect(cases.todayCounts).toEqual({ confirmed: 2, suspected: 0, asymptomatic: 1 });
    expect(cases.days.map((d) => d.day)).toEqual(Array.from({ length: 14 }, (_, i) => dayBefore(today, 13 - i)));
    expect(cases.days.find((d) => d.day === dayBefore(today, 3))).toEqual({ day: dayBefore(today, 3), confirmed: 0, suspected: 1, asymptomatic: 0 });
    expect(cases.days.filter((d) => d.confirmed + d.suspected + d.asymptomatic > 0)).toHaveLength(2);
  });

  it('holds only allow-listed keys and nothing personal', async () => {
    const response = await stack.anonymous().get(casesPath());
    const text = await response.clone().text();
    expect(leakedKeys(await response.json())).toEqual([]);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).not.toContain('case_t1');
  });
});

describe('GET /public/compounds/{id}/disinfection-log', () => {
  it('shows the completed round with its areas and time, and the day\'s required against completed', async () => {
    const log = await ok<PublicDisinfectionLog>(await stack.anonymous().get(logPath()));
    expect(log).toMatchObject({ compound: { id: 'c_a', name: '阳光花园', status: 'closed' }, date: today, today, completedRounds: 1 });
    expect(log.requiredRounds).toBeGreaterThanOrEqual(2);
    const publicRound = log.rounds.find((r) => r.target === 'public_areas');
    expect(publicRound).toMatchObject({ slot: '10:00', status: 'done', areas: ['corridor', 'elevator', 'guard_room', 'garbage_point', 'public_area'], completedAt: NOW });
    const buildingRound = log.rounds.find((r) => r.target === 'building');
    expect(buildingRound).toMatchObject({ status: 'partial', areas: ['corridor'], buildingName: '1栋' });
  });

  it('holds only allow-listed keys, names only the compound, and nothing personal', async () => {
    const response = await stack.anonymous().get(logPath());
    const text = await response.clone().text();
    const body: unknown = await response.json();
    expect(leakedKeys(body)).toEqual([]);
    expect(keysOf(body).filter((k) => k.key === 'name').map((k) => k.path)).toEqual(['$.compound.name']);
    for (const secret of [...SECRETS, '电梯停运']) expect(text).not.toContain(secret);
  });

  it('answers an earlier day within 30 days, empty when nothing happened', async () => {
    const log = await ok<PublicDisinfectionLog>(await stack.anonymous().get(logPath('c_a', `?date=${dayBefore(today, 30)}`)));
    expect(log).toMatchObject({ date: dayBefore(today, 30), today, rounds: [], completedRounds: 0 });
  });

  it.each([
    ['tomorrow', () => dayBefore(today, -1), /future/],
    ['31 days back', () => dayBefore(today, 31), /30 days/],
    ['not a day', () => '2026-13-01', /./],
    ['not a date at all', () => 'today', /./],
  ])('refuses a date %s with 400 naming query.date', async (_, date, message) => {
    const response = await stack.anonymous().get(logPath('c_a', `?date=${date()}`));
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = await json<{ errors: { field: string; message: string }[] }>(response);
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'query.date', message: expect.stringMatching(message) })]);
  });
});

describe('unknown compounds', () => {
  it.each([casesPath('c_nope'), logPath('c_nope')])('answers 404 problem+json for %s', async (path) => {
    const response = await stack.anonymous().get(path);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await json<{ detail: string }>(response)).toMatchObject({ status: 404, detail: expect.stringContaining('c_nope') });
  });

  it('answers 400 naming params.id for an id that cannot be one', async () => {
    const response = await stack.anonymous().get(casesPath('c%20a'));
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('params.id');
  });
});

describe('caching', () => {
  it('says public with a short max-age for today and a longer one for past days', async () => {
    for (const path of [casesPath(), logPath()]) {
      expect((await stack.anonymous().get(path)).headers.get('cache-control')).toBe('public, max-age=60');
    }
    const past = await stack.anonymous().get(logPath('c_a', `?date=${dayBefore(today, 2)}`));
    expect(past.headers.get('cache-control')).toBe('public, max-age=600');
  });

  it('answers 304 with no body to the current ETag, and a new ETag once the data changes', async () => {
    const first = await stack.anonymous().get(casesPath());
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await stack.anonymous().request('GET', casesPath(), { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    const weak = await stack.anonymous().request('GET', casesPath(), { headers: { 'if-none-match': `"other", W/${etag}` } });
    expect(weak.status).toBe(304);
    const stale = await stack.anonymous().request('GET', casesPath(), { headers: { 'if-none-match': '"stale"' } });
    expect(stale.status).toBe(200);

    await report({ caseId: 'case_t4', compoundId: 'c_a', buildingId: 'b_a2', date: today, kind: 'suspected', count: 3 });
    const changed = await stack.anonymous().request('GET', casesPath(), { headers: { 'if-none-match': etag ?? '' } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect((await json<PublicCases>(changed)).todayCounts.suspected).toBe(3);
  });
});

describe('logs', () => {
  it('write no personal data while the public routes answer', async () => {
    const logs = await captureLogs(async () => {
      await stack.anonymous().get(casesPath());
      await stack.anonymous().get(logPath());
      await stack.anonymous().get(logPath('c_a', '?date=1999-01-01'));
      await stack.anonymous().get(casesPath('c_nope'));
    });
    const lines = logs.split('\n').filter((l) => l.trim() !== '');
    expect(lines.some((l) => l.includes('getPublicDisinfectionLog'))).toBe(true);
    for (const secret of [...SECRETS, '电梯停运', '阳光花园']) expect(logs).not.toContain(secret);
  });
});
