/**
 * A grid worker's day with no signal, on a phone (360×740), against the whole local stack: after
 * one online visit of /tasks (the app, the list and the building kept on the phone), the network
 * goes and the app is opened again from cold (a new page, served by the service worker); the
 * worker claims the building (shown under 我的任务 as 待确认), records every household and
 * completes the task, all into the phone's one outbox, the header counting what waits. Back
 * online, everything is sent once, in order: the API shows the task done by this worker with each
 * household's visit once, and the page got exactly one answer to the claim and the completion.
 *
 * Then a conflict: the worker claims another building offline and records a visit behind the
 * claim, while the same building is claimed, visited and completed online from elsewhere (the
 * worker's other device: every grid of the demo city has one grid worker, so no colleague can
 * claim it). Back online, the refused claim is shown plainly in the failed list, the visit behind
 * it waits (blocked, never sent), nothing is retried on its own, and the worker discards both.
 *
 * Entities (all e2e files share one seeded stack): grid g-mochou-2 and its grid worker, and its
 * compound holding the grid's smallest building; the sweep is launched for that compound only.
 * No other journey uses this grid.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { demoCity } from '#infra/local/demo/users.ts';
import type { ApiClient } from '#web/src/api/client.ts';
import zh from '#web/src/locales/zh-CN/tasks.json' with { type: 'json' };
import { apiAs, browserPerFile, PHONE, screenshot, signIn, untilOfflineReady } from './browser.ts';
import { household, recordVisit, syncState, taskWrites } from './tasks-phone.ts';

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');

const GRID = 'g-mochou-2';
const city = demoCity();
const worker = city.users.find((u) => u.role === 'grid' && u.jurisdiction.gridId === GRID);
const cityUser = city.users.find((u) => u.role === 'city');
const [smallest] = city.buildings.filter((b) => b.gridId === GRID).sort((a, b) => a.households - b.households || a.id.localeCompare(b.id));
/** The compound's buildings, smallest first: the first for the offline day, the second for the conflict. */
const buildings = city.buildings
  .filter((b) => b.compoundId === smallest?.compoundId && b.gridId === GRID)
  .sort((a, b) => a.households - b.households || a.id.localeCompare(b.id));

/** A fan-out through the queue runner, polled: on a loaded machine it may take a while, never a fixed time. */
const FAN_OUT = { timeout: 45_000, interval: 200 };
/** Sending a day's outbox once the network is back. */
const SYNC = { timeout: 90_000 };
/**
 * A whole journey — a building's every household recorded by taps, then a sync — on a loaded
 * 2-core machine: longer than the e2e default, and longer than its own waits put together.
 */
const JOURNEY = 240_000;

const files = browserPerFile(webUrl);
let workerApi: ApiClient;
let campaignId: string;

beforeAll(async () => {
  if (!worker || !cityUser || buildings.length < 3) throw new Error(`the demo city has no grid worker or too few buildings in ${GRID}`);
  const boss = await apiAs(apiUrl, cityUser.username);
  workerApi = await apiAs(apiUrl, worker.username);
  ({ id: campaignId } = await boss.call('createCampaign', { body: { kind: 'sweep', scope: { type: 'compound', id: buildings[0]?.compoundId ?? '' } } }));
  await vi.waitFor(async () => {
    const { status } = await boss.call('getCampaign', { params: { id: campaignId } });
    if (status !== 'active') throw new Error(`campaign ${campaignId} is still ${status}`);
  }, FAN_OUT);
}, 120_000);

const taskOf = (index: number) => `${campaignId}.${buildings[index]?.id ?? ''}`;

/** Signed in on a phone at /tasks, the building opened once online (so its households are on the phone), back at the list. */
async function onlineFirstVisit(taskId: string): Promise<{ page: Page; writes: ReturnType<typeof taskWrites> }> {
  const page = await files.open('', PHONE);
  const writes = taskWrites(page);
  await signIn(page, worker?.username ?? '');
  await page.waitForURL(/\/tasks$/);
  const card = page.locator(`[data-section="open"] .task-card[data-task-id="${taskId}"]`);
  await card.getByRole('button', { name: zh.tasks.actions.view, exact: false }).click();
  await page.locator(`.task-detail[data-task-id="${taskId}"] .household`).first().waitFor();
  await page.getByRole('button', { name: zh.tasks.actions.back, exact: false }).click();
  await card.waitFor();
  return { page, writes };
}

/** Claims the task from the list with no network: it shows under 我的任务 as 待确认. */
async function claimOffline(page: Page, taskId: string) {
  await page.locator(`[data-section="open"] .task-card[data-task-id="${taskId}"] [data-action="claim"]`).click();
  const mine = page.locator(`[data-section="mine"] .task-card[data-task-id="${taskId}"]`);
  await mine.waitFor();
  await page.locator('[data-feedback="queued"][data-action="claim"]').waitFor();
  expect(await mine.getAttribute('data-unconfirmed')).toBe('claim');
  expect(await mine.locator('.task-unconfirmed').textContent()).toBe(zh.tasks.card.unconfirmed.claim);
  return mine;
}

const householdIds = (page: Page) => page.locator('.household').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.householdId ?? ''));
const syncText = (page: Page) => page.locator('.sync-status .sync-text').textContent();

describe('a grid worker with no signal', () => {
  it('claims, records every household and completes offline; back online everything is sent once', async () => {
    const building = buildings[0];
    if (!building) throw new Error('no building');
    const taskId = taskOf(0);
    const online = await onlineFirstVisit(taskId);
    await untilOfflineReady(online.page);

    // The network goes and the app is closed; it opens again from cold, straight at /tasks.
    const context = online.page.context();
    await context.setOffline(true);
    await online.page.close();
    const page = await context.newPage();
    const writes = taskWrites(page);
    await page.goto(`${webUrl}/tasks`);
    await page.locator(`[data-section="open"] .task-card[data-task-id="${taskId}"]`).waitFor();
    expect(await page.locator('.offline-note').first().textContent()).toMatch(/^离线：显示 \d{2}:\d{2} 加载的数据$/);

    const mine = await claimOffline(page, taskId);
    expect(await syncText(page)).toBe('1 条待同步');
    await screenshot(page, 'field-offline-claimed');

    await mine.getByRole('button', { name: zh.tasks.actions.view, exact: false }).click();
    await page.locator(`.task-detail[data-task-id="${taskId}"]`).waitFor();
    expect(await page.locator('.offline-note').textContent()).toMatch(/^离线：显示 \d{2}:\d{2} 加载的数据$/);
    const ids = await householdIds(page);
    expect(ids).toHaveLength(building.households);
    for (const id of ids) await recordVisit(page, id, 'seen_all');
    expect(await household(page, ids.at(-1) ?? '').getAttribute('data-mark')).toBe('pending');
    expect(await syncText(page)).toBe(`${building.households + 1} 条待同步`);
    await screenshot(page, 'field-offline-visited');

    await page.locator('[data-action="complete"]').click();
    await page.locator('[data-feedback="queued"][data-action="complete"]').waitFor();
    expect(await syncText(page)).toBe(`${building.households + 2} 条待同步`);
    // The API has heard nothing yet.
    const meanwhile = await workerApi.call('getTask', { params: { id: taskId } });
    expect(meanwhile).toMatchObject({ status: 'open', householdsVisited: 0 });
    expect(writes).toEqual([]);

    await page.context().setOffline(false);
    await expect.poll(() => syncState(page), SYNC).toBe('synced');
    await screenshot(page, 'field-offline-synced');

    const done = await workerApi.call('getTask', { params: { id: taskId } });
    expect(done).toMatchObject({ status: 'done', householdsVisited: building.households });
    expect(done.visits).toHaveLength(building.households);
    expect(new Set(done.visits.map((v) => v.householdId)).size).toBe(building.households);
    const campaign = await workerApi.call('getCampaign', { params: { id: campaignId } });
    expect(campaign.progress).toMatchObject({ tasksDone: 1, householdsVisited: building.households });
    // One answer each to the claim and the completion, and one per visit: sent once, the claim first.
    const answered = (suffix: string) => writes.filter((w) => w.path === `/v1/tasks/${taskId}/${suffix}`);
    expect(answered('claim').map((w) => w.status)).toEqual([200]);
    expect(answered('complete').map((w) => w.status)).toEqual([200]);
    expect(answered('visits').map((w) => w.status)).toEqual(ids.map(() => 201));
    expect(answered('claim')[0]?.idempotencyKey).toMatch(/^[A-Za-z0-9_.:-]{8,100}$/);
    expect(writes[0]?.path).toBe(`/v1/tasks/${taskId}/claim`);
    expect(writes.at(-1)?.path).toBe(`/v1/tasks/${taskId}/complete`);
    expect(await page.locator(`.task-card[data-task-id="${taskId}"]`).count()).toBe(0);
  }, JOURNEY);

  it('shows a claim that lost to work done online meanwhile as a conflict, holds what waits behind it, and never retries it', async () => {
    const taskId = taskOf(1);
    const { page, writes } = await onlineFirstVisit(taskId);

    await page.context().setOffline(true);
    const mine = await claimOffline(page, taskId);
    await mine.getByRole('button', { name: zh.tasks.actions.view, exact: false }).click();
    // The building is read from the phone first: its households are there once the detail is.
    await page.locator(`.task-detail[data-task-id="${taskId}"]`).waitFor();
    const [first] = await householdIds(page);
    await recordVisit(page, first ?? '', 'seen_all');
    expect(await syncText(page)).toBe('2 条待同步');

    // Meanwhile, online, the building is claimed, visited and completed from the worker's other device.
    await workerApi.call('claimTask', { params: { id: taskId } });
    const { households } = await workerApi.call('getTask', { params: { id: taskId } });
    for (const h of households) {
      await workerApi.call('recordVisit', {
        params: { id: taskId },
        body: { visitId: crypto.randomUUID(), householdId: h.id, outcome: 'vacant', peopleSeen: 0, symptoms: [], flags: [] },
      });
    }
    await workerApi.call('completeTask', { params: { id: taskId }, body: undefined });

    await page.context().setOffline(false);
    await expect.poll(() => syncState(page), SYNC).toBe('failed');
    const refused = page.locator('.failed-visits li[data-kind="claim"]');
    await refused.waitFor();
    expect(await refused.locator('.failed-reason').textContent()).not.toBe('');
    expect(await refused.locator('.failed-blocked').getAttribute('data-blocked')).toBe('1');
    expect(await syncText(page)).toBe('同步失败 1 条');
    await screenshot(page, 'field-offline-conflict');

    // The claim was answered once (refused); the visit behind it was never sent.
    const claims = writes.filter((w) => w.path === `/v1/tasks/${taskId}/claim`);
    expect(claims.map((w) => w.status)).toEqual([409]);
    expect(writes.filter((w) => w.path.endsWith('/visits'))).toEqual([]);
    // The browser says it is online again: still nothing is sent on its own.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => page.locator('.sync-status').getAttribute('data-phase')).toBe('idle');
    expect(writes.filter((w) => w.path.startsWith(`/v1/tasks/${taskId}/`))).toHaveLength(1);

    await refused.getByRole('button', { name: '连同其后记录一起放弃（2 条）' }).click();
    await expect.poll(() => syncState(page)).toBe('synced');
    const done = await workerApi.call('getTask', { params: { id: taskId } });
    expect(done.status).toBe('done');
    expect(done.visits).toHaveLength(households.length);
    expect(done.visits.every((v) => v.outcome === 'vacant')).toBe(true);
  }, JOURNEY);
});
