/**
 * The visit outbox in real Chromium: the IndexedDB store (order, one entry per visitId, still
 * there after a "restart"), and the tasks view over it — a visit recorded with no network shows
 * at once as pending (楼栋 view and the header's sync state), is sent when the browser is back
 * online, and a visit the API refuses (409) is shown as failed, not retried.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { claimsFor } from '#shared/claims.ts';
import type { Task, TaskSummary } from '#shared/schemas/task.ts';
import type { VisitCreate } from '#shared/schemas/visit.ts';
import { sessionFromToken } from '#web/src/auth/session.ts';
import { createServices } from '#web/src/services.tsx';
import { createIndexedDbOutbox, OUTBOX_DATABASE } from '#web/src/tasks/outbox.ts';
import { TasksPage } from '#web/src/tasks/TasksPage.tsx';
import { renderWithServices, type Call } from './render.tsx';

const visit = (visitId: string, householdId = '1-1-101'): VisitCreate => ({
  visitId, householdId, outcome: 'seen_all', peopleSeen: 1, symptoms: [], flags: [],
});

describe('IndexedDB outbox', () => {
  it('keeps queueing order and one entry per visitId, across a reopen', async () => {
    const name = `outbox-test-${crypto.randomUUID()}`;
    const store = createIndexedDbOutbox(name);
    const first = await store.add({ taskId: 'c.b', username: 'u', body: visit('a') });
    await store.add({ taskId: 'c.b', username: 'u', body: visit('b', '1-1-102') });
    await store.add({ taskId: 'c.b', username: 'u', body: visit('c', '1-2-201') });
    expect(await store.add({ taskId: 'c.b', username: 'u', body: { ...visit('a'), peopleSeen: 4 } })).toEqual(first);

    // Concurrent adds of one visit still make one entry.
    await Promise.all([1, 2, 3].map(() => store.add({ taskId: 'c.b', username: 'u', body: visit('d', '1-2-202') })));
    await store.update('b', { state: 'failed', attempts: 1, failure: { status: 409, title: 'Conflict' } });
    await store.remove('c');

    const reopened = createIndexedDbOutbox(name);
    const entries = await reopened.list();
    expect(entries.map((e) => [e.visitId, e.state, e.body.peopleSeen])).toEqual([['a', 'pending', 1], ['b', 'failed', 1], ['d', 'pending', 1]]);
    expect(entries[1]?.failure).toEqual({ status: 409, title: 'Conflict' });
  });
});

// ---- the tasks view over the outbox, against a scripted API ----

const user = { userId: 'u1', username: 'grid-test-1', role: 'grid' as const, jurisdiction: { streetId: 'st', communityId: 'cm', gridId: 'g1' } };
const b64 = (value: object) => btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value)))).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const token = `${b64({ alg: 'none' })}.${b64({ ...claimsFor(user), name: '测试网格员', exp: Math.floor(Date.now() / 1000) + 3600 })}.x`;

const summary = (over: Partial<TaskSummary>): TaskSummary => ({
  id: 'cp1.b1', campaignId: 'cp1', kind: 'sweep', targetId: 'b1', buildingId: 'b1', buildingName: '5栋', compoundId: 'c1',
  compoundName: '粮食局宿舍区', communityId: 'cm', streetId: 'st', gridId: 'g1', order: 0, location: [112.58, 31.17],
  status: 'claimed', holder: user.username, leaseExpiresAt: new Date(Date.now() + 3_600_000).toISOString(), leaseSecondsLeft: 3600,
  householdsTotal: 4, householdsVisited: 0, peopleSeen: 0, coverage: 0, covered: false, ...over,
});

/** A tiny API: one held task with four households, visits stored by id (a resend answers the same). */
function fakeApi() {
  const outcomes = new Map<string, string>();
  const visits = new Map<string, VisitCreate>();
  const state = { offline: false, refuse: new Set<string>() };
  const task = (): Task => ({
    ...summary({ householdsVisited: outcomes.size }),
    households: ['1-1-101', '1-1-102', '1-2-201', '1-2-202'].map((id) => {
      const [unit, floor, room] = id.split('-');
      return { id, unit: Number(unit), floor: Number(floor), room: room ?? '', outcome: outcomes.get(id) ?? null };
    }),
    visits: [],
  });
  const answer = (call: Call): unknown => {
    if (state.offline) throw new TypeError('Failed to fetch');
    if (call.path.startsWith('/v1/tasks?')) return { items: [task(), summary({ id: 'cp1.b2', targetId: 'b2', buildingName: '6栋', status: 'open', holder: null, leaseSecondsLeft: null, leaseExpiresAt: null })] };
    if (call.path === '/v1/tasks/cp1.b1') return task();
    if (call.path === '/v1/tasks/cp1.b1/visits') {
      const body = call.body as VisitCreate;
      if (state.refuse.has(body.householdId)) {
        return Response.json({ type: '/problems/conflict', title: 'Conflict', status: 409, detail: 'you do not hold this task; claim it first' },
          { status: 409, headers: { 'content-type': 'application/problem+json' } });
      }
      visits.set(body.visitId, body);
      outcomes.set(body.householdId, body.outcome);
      return Response.json({ ...body, taskId: 'cp1.b1', recordedAt: new Date().toISOString(), recordedBy: user.username }, { status: 201 });
    }
    return Response.json({ type: '/problems/not-found', title: 'Not found', status: 404 }, { status: 404, headers: { 'content-type': 'application/problem+json' } });
  };
  return { answer, state, visits };
}

async function clearOutbox() {
  const store = createIndexedDbOutbox(OUTBOX_DATABASE);
  for (const entry of await store.list()) await store.remove(entry.visitId);
}

afterEach(async () => {
  window.history.replaceState(null, '', '/');
  await clearOutbox();
});

async function openPage(api: ReturnType<typeof fakeApi>) {
  await clearOutbox();
  const rendered = renderWithServices(<TasksPage />, (call) => api.answer(call));
  const session = sessionFromToken(token);
  if (!session) throw new Error('the test token does not make a session');
  rendered.services.sessions.start(session);
  await rendered.screen;
  return rendered;
}

async function recordSeenAll(householdRoom: string) {
  await userEvent.click(page.getByRole('button', { name: new RegExp(`^${householdRoom}`) }));
  await userEvent.click(page.getByRole('radio', { name: '见到全部' }));
  await userEvent.click(page.getByRole('button', { name: '保存' }));
}

const syncState = () => document.querySelector<HTMLElement>('.sync-status')?.dataset.syncState;
const markOf = (householdId: string) => document.querySelector<HTMLElement>(`.household[data-household-id="${householdId}"]`)?.dataset.mark;

describe('tasks view with the outbox', () => {
  it('shows a visit recorded offline as pending at once, and sends it when back online', async () => {
    const api = fakeApi();
    await openPage(api);
    await expect.element(page.getByRole('heading', { name: '粮食局宿舍区 5栋' })).toBeVisible();
    await expect.element(page.getByText('剩余 60 分钟')).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: '查看 粮食局宿舍区 5栋' }));
    await expect.element(page.getByRole('heading', { name: '1 单元' })).toBeVisible();
    expect(page.getByRole('group', { name: '1 层' }).elements()).toHaveLength(1);
    await expect.element(page.getByText('已同步')).toBeVisible();

    api.state.offline = true;
    await recordSeenAll('101');
    await expect.element(page.getByText('1 条待同步')).toBeVisible();
    await expect.poll(() => markOf('1-1-101')).toBe('pending');
    expect(syncState()).toBe('pending');
    await expect.element(page.getByRole('status').filter({ hasText: '已登记，待同步' })).toBeVisible();
    expect(api.visits.size).toBe(0);
    // The complete button waits for the outbox.
    await expect.element(page.getByRole('button', { name: '完成任务' })).toBeDisabled();

    api.state.offline = false;
    window.dispatchEvent(new Event('online'));
    await expect.element(page.getByText('已同步')).toBeVisible();
    await expect.poll(() => markOf('1-1-101')).toBe('recorded');
    expect([...api.visits.values()].map((v) => v.householdId)).toEqual(['1-1-101']);
  });

  it('shows a visit the API refuses as failed, says why, and does not retry it on its own', async () => {
    const api = fakeApi();
    api.state.refuse.add('1-1-102');
    await openPage(api);
    await userEvent.click(page.getByRole('button', { name: '查看 粮食局宿舍区 5栋' }));
    await recordSeenAll('102');
    await expect.element(page.getByText('同步失败 1 条')).toBeVisible();
    await expect.element(page.getByRole('heading', { name: '以下走访记录未能提交' })).toBeVisible();
    await expect.element(page.getByText(/claim it first/)).toBeVisible();
    await expect.poll(() => markOf('1-1-102')).toBe('failed');

    // Once the worker has put it right, a retry sends it.
    api.state.refuse.clear();
    await userEvent.click(page.getByRole('button', { name: '重试' }));
    await expect.element(page.getByText('已同步')).toBeVisible();
    expect([...api.visits.values()].map((v) => v.householdId)).toEqual(['1-1-102']);
  });
});

describe('the outbox and sign-out', () => {
  it('forgets a worker\'s unsent visits when they sign out, but keeps them when the session only expired', async () => {
    await clearOutbox();
    const store = createIndexedDbOutbox(OUTBOX_DATABASE);
    await store.add({ taskId: 'cp1.b1', username: user.username, body: visit('mine') });
    await store.add({ taskId: 'cp1.b1', username: 'grid-other', body: visit('theirs', '1-1-102') });
    const other = { ...user, userId: 'u2', username: 'grid-other' };
    const otherToken = `${b64({ alg: 'none' })}.${b64({ ...claimsFor(other), exp: Math.floor(Date.now() / 1000) + 3600 })}.x`;
    const services = createServices({ apiUrl: '' });
    const start = (jwt: string) => {
      const session = sessionFromToken(jwt);
      if (!session) throw new Error('the test token does not make a session');
      services.sessions.start(session);
    };
    const ids = async () => (await store.list()).map((e) => e.visitId);

    // An expired session: the visits wait for their user to sign in again.
    start(otherToken);
    services.sessions.end('expired');
    // A sign-out: the phone keeps none of that user's visits (they hold households' health).
    start(token);
    await services.auth.signOut();
    await expect.poll(ids).toEqual(['theirs']);
  });
});
