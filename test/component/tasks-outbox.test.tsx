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
import { createServices } from '#web/src/services.tsx';
import { createIndexedDbOutbox, OUTBOX_DATABASE } from '#web/src/tasks/outbox.ts';
import { createIndexedDbReads } from '#web/src/tasks/offline-reads.ts';
import { TasksPage } from '#web/src/tasks/TasksPage.tsx';
import { clearPhone, renderWithServices, signInWith, type Call } from './render.tsx';

const visit = (visitId: string, householdId = '1-1-101'): VisitCreate => ({
  visitId, householdId, outcome: 'seen_all', peopleSeen: 1, symptoms: [], flags: [],
});

describe('IndexedDB outbox', () => {
  it('keeps queueing order and one entry per visitId, across a reopen', async () => {
    const name = `outbox-test-${crypto.randomUUID()}`;
    const store = createIndexedDbOutbox(name);
    const first = await store.add({ kind: 'visit', subject: 'c.b', username: 'u', id: 'a', body: visit('a') });
    await store.add({ kind: 'visit', subject: 'c.b', username: 'u', id: 'b', body: visit('b', '1-1-102') });
    await store.add({ kind: 'visit', subject: 'c.b', username: 'u', id: 'c', body: visit('c', '1-2-201') });
    expect(await store.add({ kind: 'visit', subject: 'c.b', username: 'u', id: 'a', body: { ...visit('a'), peopleSeen: 4 } })).toEqual(first);

    // Concurrent adds of one visit still make one entry.
    await Promise.all([1, 2, 3].map(() => store.add({ kind: 'visit', subject: 'c.b', username: 'u', id: 'd', body: visit('d', '1-2-202') })));
    await store.update('b', { state: 'failed', attempts: 1, failure: { status: 409, title: 'Conflict' } });
    await store.remove('c');

    const reopened = createIndexedDbOutbox(name);
    const entries = await reopened.list();
    expect(entries.map((e) => [e.id, e.state, (e.body as VisitCreate).peopleSeen])).toEqual([['a', 'pending', 1], ['b', 'failed', 1], ['d', 'pending', 1]]);
    expect(entries[1]?.failure).toEqual({ status: 409, title: 'Conflict' });
  });
});

describe('offline database upgrade', () => {
  it('moves the visits an older app queued (version 1) into the one outbox, nothing lost', async () => {
    const name = `outbox-v1-${crypto.randomUUID()}`;
    // The database as version 1 of the app left it: a 'visits' store keyed by visitId.
    const v1 = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore('visits', { keyPath: 'visitId' }).createIndex('seq', 'seq');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = v1.transaction('visits', 'readwrite');
      tx.objectStore('visits').put({ visitId: 'old-2', taskId: 'cp1.b1', username: 'u', body: visit('old-2', '1-1-102'), seq: 2, queuedAt: 'x', state: 'pending', attempts: 3 });
      tx.objectStore('visits').put({ visitId: 'old-1', taskId: 'cp1.b1', username: 'u', body: visit('old-1'), seq: 1, queuedAt: 'x', state: 'failed', attempts: 1, failure: { status: 409, title: 'Conflict' } });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    v1.close();

    const entries = await createIndexedDbOutbox(name).list();
    expect(entries.map((e) => [e.id, e.kind, e.subject, e.state, e.attempts, (e.body as VisitCreate).householdId])).toEqual([
      ['old-1', 'visit', 'cp1.b1', 'failed', 1, '1-1-101'],
      ['old-2', 'visit', 'cp1.b1', 'pending', 3, '1-1-102'],
    ]);
    expect(entries[0]?.failure).toEqual({ status: 409, title: 'Conflict' });
    // And the offline copies have their store.
    const reads = createIndexedDbReads(name);
    await reads.put('u', 'tasks:list', [1], 5);
    expect(await reads.get('u', 'tasks:list')).toEqual({ value: [1], at: 5 });
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

const problem = (status: number, detail: string) =>
  Response.json({ type: '/problems/conflict', title: 'Conflict', status, detail }, { status, headers: { 'content-type': 'application/problem+json' } });

/**
 * A tiny API: one held task with four households, visits stored by id (a resend answers the
 * same), and an open task 6栋 that a claim takes — unless another worker holds it (`takenBy`);
 * claims are kept by Idempotency-Key, so a resend is answered, not applied twice.
 */
function fakeApi() {
  const outcomes = new Map<string, string>();
  const visits = new Map<string, VisitCreate>();
  const claims: { key: string | undefined }[] = [];
  const state = { offline: false, refuse: new Set<string>(), b2Holder: null as string | null, takenBy: undefined as string | undefined };
  const b2 = () => summary({
    id: 'cp1.b2', targetId: 'b2', buildingName: '6栋', status: state.b2Holder ? 'claimed' : 'open', holder: state.b2Holder,
    leaseSecondsLeft: state.b2Holder ? 7200 : null, leaseExpiresAt: null,
  });
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
    if (call.path.startsWith('/v1/tasks?')) return { items: [task(), b2()] };
    if (call.path === '/v1/tasks/cp1.b2/claim') {
      claims.push({ key: call.idempotencyKey });
      if (state.takenBy) {
        state.b2Holder = state.takenBy;
        return problem(409, 'the task is held by another worker');
      }
      state.b2Holder = user.username;
      return b2();
    }
    if (call.path === '/v1/tasks/cp1.b1') return task();
    if (call.path === '/v1/tasks/cp1.b2') {
      return { ...b2(), households: [{ id: '1-1-101', unit: 1, floor: 1, room: '101', outcome: null }], visits: [] } satisfies Task;
    }
    if (call.path === '/v1/tasks/cp1.b2/visits') {
      if (state.b2Holder !== user.username) return problem(409, 'you do not hold this task; claim it first');
      const body = call.body as VisitCreate;
      visits.set(body.visitId, body);
      return Response.json({ ...body, taskId: 'cp1.b2', recordedAt: new Date().toISOString(), recordedBy: user.username }, { status: 201 });
    }
    if (call.path === '/v1/tasks/cp1.b1/visits') {
      const body = call.body as VisitCreate;
      if (state.refuse.has(body.householdId)) {
        return problem(409, 'you do not hold this task; claim it first');
      }
      visits.set(body.visitId, body);
      outcomes.set(body.householdId, body.outcome);
      return Response.json({ ...body, taskId: 'cp1.b1', recordedAt: new Date().toISOString(), recordedBy: user.username }, { status: 201 });
    }
    return Response.json({ type: '/problems/not-found', title: 'Not found', status: 404 }, { status: 404, headers: { 'content-type': 'application/problem+json' } });
  };
  return { answer, state, visits, claims };
}

const clearOutbox = () => clearPhone(user.username);

afterEach(async () => {
  window.history.replaceState(null, '', '/');
  await clearOutbox();
});

/** The tasks view for the test user; `keep` leaves what an earlier render saved on the "phone". */
async function openPage(api: ReturnType<typeof fakeApi>, { keep = false } = {}) {
  if (!keep) await clearOutbox();
  const rendered = renderWithServices(<TasksPage />, (call) => api.answer(call));
  signInWith(rendered.services, token);
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
    // Completing is queued behind the visits, and says so.
    await expect.element(page.getByText('还有 1 条走访记录待同步；完成任务会排在它们之后提交。')).toBeVisible();

    api.state.offline = false;
    window.dispatchEvent(new Event('online'));
    await expect.element(page.getByText('已同步')).toBeVisible();
    await expect.poll(() => markOf('1-1-101')).toBe('recorded');
    expect([...api.visits.values()].map((v) => v.householdId)).toEqual(['1-1-101']);
    // The line under the saved visit follows the outbox, no longer saying it waits.
    await expect.element(page.getByRole('status').filter({ hasText: '已登记并同步' })).toBeVisible();
    expect(page.getByRole('status').filter({ hasText: '已登记，待同步' }).elements()).toHaveLength(0);
  });

  it('shows a visit the API refuses as failed, says why, and does not retry it on its own', async () => {
    const api = fakeApi();
    api.state.refuse.add('1-1-102');
    await openPage(api);
    await userEvent.click(page.getByRole('button', { name: '查看 粮食局宿舍区 5栋' }));
    await recordSeenAll('102');
    await expect.element(page.getByText('同步失败 1 条')).toBeVisible();
    await expect.element(page.getByRole('heading', { name: '以下记录未能提交' })).toBeVisible();
    await expect.element(page.getByText(/claim it first/)).toBeVisible();
    await expect.poll(() => markOf('1-1-102')).toBe('failed');

    // Once the worker has put it right, a retry sends it.
    api.state.refuse.clear();
    await userEvent.click(page.getByRole('button', { name: '重试' }));
    await expect.element(page.getByText('已同步')).toBeVisible();
    expect([...api.visits.values()].map((v) => v.householdId)).toEqual(['1-1-102']);
  });
});

/** Back online: the network answers and the browser says so. */
function reconnect(api: ReturnType<typeof fakeApi>) {
  api.state.offline = false;
  window.dispatchEvent(new Event('online'));
}

const cardIn = (section: 'mine' | 'open', name: string) =>
  page.getByRole('region', { name: section === 'mine' ? '我认领的任务' : '本网格待认领任务' }).getByRole('listitem').filter({ hasText: name });

/** Opens 6栋 once while online (so its households are on the phone) and goes back to the list. */
async function viewSixOnline() {
  await userEvent.click(page.getByRole('button', { name: '查看 粮食局宿舍区 6栋' }));
  await expect.element(page.getByRole('heading', { name: '1 单元' })).toBeVisible();
  await userEvent.click(page.getByRole('button', { name: /返回任务列表/ }));
}

describe('every field action through the outbox', () => {
  it('claims offline: 待确认 under 我的任务, visits recorded behind the claim, all sent once and in order when back online', async () => {
    const api = fakeApi();
    const { calls } = await openPage(api);
    await viewSixOnline();

    api.state.offline = true;
    await userEvent.click(cardIn('open', '6栋').getByRole('button', { name: '认领' }));
    await expect.element(page.getByRole('status').filter({ hasText: '已记下认领' })).toBeVisible();
    const claimed = cardIn('mine', '6栋');
    await expect.element(claimed.getByText('待确认')).toBeVisible();
    // The claimed task is brought into view and holds the focus.
    await expect.element(claimed).toHaveFocus();
    await expect.element(page.getByText('1 条待同步')).toBeVisible();

    await userEvent.click(page.getByRole('button', { name: '查看 粮食局宿舍区 6栋' }));
    await expect.element(page.getByText(/^离线：显示 \d{2}:\d{2} 加载的数据$/)).toBeVisible();
    await recordSeenAll('101');
    await expect.element(page.getByText('2 条待同步')).toBeVisible();
    expect(api.claims).toEqual([]);

    reconnect(api);
    await expect.element(page.getByText('已同步')).toBeVisible();
    expect(api.claims).toHaveLength(1);
    expect(api.claims[0]?.key).toMatch(/^[A-Za-z0-9_.:-]{8,100}$/);
    // Tried while offline too, each time with the same key; the claim always before the visit.
    const writes = calls.filter((c) => c.method === 'POST');
    expect([...new Set(writes.map((c) => c.path))]).toEqual(['/v1/tasks/cp1.b2/claim', '/v1/tasks/cp1.b2/visits']);
    expect(new Set(writes.filter((c) => c.path.endsWith('/claim')).map((c) => c.idempotencyKey))).toEqual(new Set([api.claims[0]?.key]));
    await expect.element(page.getByText('待确认')).not.toBeInTheDocument();
  });

  it('shows a claim someone else won meanwhile plainly, holds the task\'s later entries, and never retries on its own', async () => {
    const api = fakeApi();
    const { calls } = await openPage(api);
    await viewSixOnline();
    api.state.offline = true;
    await userEvent.click(cardIn('open', '6栋').getByRole('button', { name: '认领' }));
    await userEvent.click(page.getByRole('button', { name: '查看 粮食局宿舍区 6栋' }));
    await recordSeenAll('101');
    await expect.element(page.getByText('2 条待同步')).toBeVisible();

    api.state.takenBy = 'grid-other';
    reconnect(api);
    await expect.element(page.getByText('同步失败 1 条')).toBeVisible();
    const failed = page.getByRole('region', { name: '以下记录未能提交' });
    await expect.element(failed.getByText('粮食局宿舍区 6栋 · 认领')).toBeVisible();
    await expect.element(failed.getByText('这个任务已被其他人认领')).toBeVisible();
    await expect.element(failed.getByText('（其后 1 条记录在等待，暂不提交）')).toBeVisible();
    // The visit behind it was never sent; nothing is sent again on its own.
    window.dispatchEvent(new Event('online'));
    await expect.element(page.getByText('同步失败 1 条')).toBeVisible();
    expect(api.claims).toHaveLength(1);
    expect(calls.filter((c) => c.path.endsWith('/visits'))).toEqual([]);
    await expect.poll(() => markOf('1-1-101')).toBe('pending');

    await userEvent.click(failed.getByRole('button', { name: '连同其后记录一起放弃（2 条）' }));
    await expect.element(page.getByText('已同步')).toBeVisible();
    expect(api.claims).toHaveLength(1);
  });

  it('shows the list and each opened task from the phone when the network fails, and what the list knows of a task never opened', async () => {
    const api = fakeApi();
    const first = await openPage(api);
    await userEvent.click(page.getByRole('button', { name: '查看 粮食局宿舍区 5栋' }));
    await expect.element(page.getByRole('heading', { name: '1 单元' })).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: /返回任务列表/ }));
    await expect.element(page.getByRole('button', { name: '查看 粮食局宿舍区 6栋' })).toBeVisible();
    (await first.screen).unmount();

    // The app opened again with no network.
    api.state.offline = true;
    await openPage(api, { keep: true });
    await expect.element(page.getByText(/^离线：显示 \d{2}:\d{2} 加载的数据$/)).toBeVisible();
    await expect.element(cardIn('mine', '5栋')).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: '查看 粮食局宿舍区 6栋' }));
    await expect.element(page.getByText('这个任务还没有在联网时打开过，住户名单尚未下载；以下是任务列表中的信息。')).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: /返回任务列表/ }));
    await userEvent.click(page.getByRole('button', { name: '查看 粮食局宿舍区 5栋' }));
    // The building is drawn from the phone's copy after the click: wait for it before counting its floors.
    await expect.element(page.getByRole('heading', { name: '1 单元' })).toBeVisible();
    expect(page.getByRole('group', { name: '1 层' }).elements()).toHaveLength(1);
    await expect.element(page.getByRole('button', { name: /^101/ })).toBeEnabled();
  });
});

describe('the outbox and sign-out', () => {
  it('forgets a worker\'s unsent visits when they sign out, but keeps them when the session only expired', async () => {
    await clearOutbox();
    const store = createIndexedDbOutbox(OUTBOX_DATABASE);
    await store.add({ kind: 'visit', subject: 'cp1.b1', username: user.username, id: 'mine', body: visit('mine') });
    await store.add({ kind: 'visit', subject: 'cp1.b1', username: 'grid-other', id: 'theirs', body: visit('theirs', '1-1-102') });
    const other = { ...user, userId: 'u2', username: 'grid-other' };
    const otherToken = `${b64({ alg: 'none' })}.${b64({ ...claimsFor(other), exp: Math.floor(Date.now() / 1000) + 3600 })}.x`;
    const services = createServices({ apiUrl: '' });
    const start = (jwt: string) => signInWith(services, jwt);
    const ids = async () => (await store.list()).map((e) => e.id);
    const reads = createIndexedDbReads(OUTBOX_DATABASE);
    await reads.put(user.username, 'tasks:list', [], Date.now());
    await reads.put('grid-other', 'tasks:list', [], Date.now());

    // An expired session: the visits wait for their user to sign in again.
    start(otherToken);
    services.sessions.end('expired');
    // A sign-out: the phone keeps none of that user's visits (they hold households' health).
    start(token);
    await services.auth.signOut();
    await expect.poll(ids).toEqual(['theirs']);
    // Their offline copies of tasks and households go too.
    await expect.poll(() => reads.get(user.username, 'tasks:list')).toBeUndefined();
    expect(await reads.get('grid-other', 'tasks:list')).toBeDefined();
  });
});
