/**
 * The grid worker's journey on a phone (360×740), against the whole local stack: city staff
 * launch a sweep over one compound; the grid worker sees the building among the grid's open
 * tasks, claims it, records a visit for every household — one of them with the phone offline,
 * shown pending until the network is back and then synced — is told which household is still
 * missing when completing too early, completes, and the building leaves the campaign's
 * unvisited list (asked of the API) and the map's unvisited layer (city staff on a laptop, the
 * campaign chosen, zoomed to the compound: the layer's count of buildings in view drops by
 * one). Screenshots of each view land in test-results/e2e/.
 *
 * The same view serves disinfection staff: a round launched over one compound, claimed and
 * completed with the areas done (one left out, with the reason), as the API then says.
 *
 * Entities (all e2e files share one seeded stack): grid g-xianling-4 (the 4th grid of 显陵社区)
 * and its grid worker, and the smallest building of that grid — one unit, five floors, two
 * households a floor — and its compound. No other journey uses this grid; the sweep is launched
 * for the compound only, so no other grid gets tasks from it. For the round: 显陵社区's
 * disinfection team and the first of its compounds other than the sweep's.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { demoCity } from '#infra/local/demo/users.ts';
import type { ApiClient } from '#web/src/api/client.ts';
import { AREA_ZOOM } from '#web/src/map/tiles.ts';
import zhCore from '#web/src/locales/zh-CN/core.json' with { type: 'json' };
import zhMap from '#web/src/locales/zh-CN/map.json' with { type: 'json' };
import zh from '#web/src/locales/zh-CN/tasks.json' with { type: 'json' };
import { apiAs, LAPTOP, launchChromium, PHONE, screenshot, settledMap, signIn } from './browser.ts';
import { household as phoneHousehold, markOf as phoneMarkOf, recordVisit as phoneRecordVisit, syncState as phoneSyncState } from './tasks-phone.ts';

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');

const GRID = 'g-xianling-4';
const city = demoCity();
const worker = city.users.find((u) => u.role === 'grid' && u.jurisdiction.gridId === GRID);
const building = city.buildings
  .filter((b) => b.gridId === GRID)
  .sort((a, b) => a.households - b.households || a.id.localeCompare(b.id))[0];
const cityUser = city.users.find((u) => u.role === 'city');
const compound = city.compounds.find((c) => c.id === building?.compoundId);
const team = city.users.find((u) => u.role === 'disinfection' && u.username === 'disinfection-xianling');
const roundCompound = team?.jurisdiction.compoundIds?.find((id) => id !== building?.compoundId);

let browser: Browser;
let context: BrowserContext;
let page: Page;
let boss: ApiClient;
let workerApi: ApiClient;
let campaignId: string;
let taskId: string;
/** Unvisited buildings in view on the city staff's map before the task was completed. */
let unvisitedBefore: number;

/** A fan-out through the queue runner, polled: on a loaded machine it may take a while, never a fixed time. */
const FAN_OUT = { timeout: 45_000, interval: 200 };

/** A box around the building, for the unvisited-buildings query. */
const bboxAround = ([lng, lat]: readonly [number, number]) => [lng - 0.002, lat - 0.002, lng + 0.002, lat + 0.002].join(',');

async function unvisitedIds(bbox = building ? bboxAround(building.location) : ''): Promise<string[]> {
  if (!building) return [];
  const answer = await boss.call('listUnvisitedBuildings', { params: { id: campaignId }, query: { bbox } });
  return answer.features.map((f) => f.properties.buildingId ?? '');
}

/**
 * City staff's map on a laptop: the campaign chosen in the unvisited layer's picker, the
 * compound found by its name and opened (the map flies to it); the layer's count of the
 * campaign's unvisited buildings in view and the view's bbox, read together once the view holds
 * the building and the layer's cells are loaded.
 */
async function unvisitedOnMap(shot: string): Promise<{ count: number; bbox: string }> {
  if (!cityUser || !compound || !building) throw new Error('no city user or compound');
  const context = await browser.newContext(LAPTOP);
  try {
    const map = await context.newPage();
    map.on('pageerror', (error) => console.error('page error:', error));
    await map.goto(`${webUrl}/map`);
    await signIn(map, cityUser.username);
    const mapLink = map.getByRole('link', { name: zhCore.nav.map });
    if (await mapLink.getAttribute('aria-current') !== 'page') await mapLink.click();
    await settledMap(map);
    await map.getByLabel(zhMap.map.layers.campaign).selectOption(campaignId);
    await map.getByLabel(zhMap.map.search.label).fill(compound.name);
    await map.locator(`section.compound-list-box .compound-item[data-compound-id="${compound.id}"]`).click();
    await map.locator(`.compound-panel[data-compound-id="${compound.id}"]`).waitFor();
    const read = await map.waitForFunction(([[lng, lat], closeIn]) => {
      const area = document.querySelector<HTMLElement>('.map-area');
      const [west, south, east, north] = (area?.dataset.bbox ?? '').split(',').map(Number);
      const counted = document.querySelector<HTMLElement>('[data-testid="unvisited-count"]');
      if (area?.dataset.state !== 'ready' || Number(area.dataset.zoom) < closeIn || !counted || counted.getAttribute('aria-busy') !== 'false') return false;
      if (!(lng >= (west as number) && lng <= (east as number) && lat >= (south as number) && lat <= (north as number))) return false;
      return { count: Number(counted.querySelector<HTMLElement>('strong')?.dataset.count), bbox: area.dataset.bbox ?? '' };
    }, [building.location, AREA_ZOOM] as const);
    await screenshot(map, shot);
    return (await read.jsonValue()) as { count: number; bbox: string };
  } finally {
    await context.close();
  }
}

/** A phone-sized page, signed out, Chinese. */
async function phone(options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...PHONE, ...options });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(webUrl);
  return { context, page };
}

const household = (id: string) => phoneHousehold(page, id);
const markOf = (id: string) => phoneMarkOf(page, id);
const syncState = () => phoneSyncState(page);
const recordVisit = (id: string, outcome: keyof typeof zh.tasks.outcome, people = 0) => phoneRecordVisit(page, id, outcome, people);

beforeAll(async () => {
  if (!worker || !building || !cityUser) throw new Error(`the demo city has no grid worker or building in ${GRID}`);
  boss = await apiAs(apiUrl, cityUser.username);
  workerApi = await apiAs(apiUrl, worker.username);
  ({ id: campaignId } = await boss.call('createCampaign', { body: { kind: 'sweep', scope: { type: 'compound', id: building.compoundId } } }));
  taskId = `${campaignId}.${building.id}`;
  // The fan-out runs on the queue runner: wait until the campaign's tasks are written.
  await vi.waitFor(async () => {
    const { status } = await boss.call('getCampaign', { params: { id: campaignId } });
    if (status !== 'active') throw new Error(`campaign ${campaignId} is still ${status}`);
  }, FAN_OUT);
  browser = await launchChromium();
  // The phone stands at the building, and may say so (for "nearest first").
  ({ context, page } = await phone({
    geolocation: { longitude: building.location[0], latitude: building.location[1] }, permissions: ['geolocation'],
  }));
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('grid worker on a phone', () => {
  it('city staff see the building in the campaign\'s unvisited layer on the map', async () => {
    const before = await unvisitedOnMap('grid-worker-map-unvisited');
    const listed = await unvisitedIds(before.bbox);
    expect(listed).toContain(building?.id);
    expect(before.count).toBe(listed.length);
    unvisitedBefore = before.count;
  });

  it('sees the building among the grid\'s open tasks and claims it', async () => {
    expect(await unvisitedIds()).toContain(building?.id);
    await signIn(page, worker?.username ?? '');
    await page.waitForURL(/\/tasks$/);
    const card = page.locator(`[data-section="open"] .task-card[data-task-id="${taskId}"]`);
    await card.waitFor();
    expect(await page.locator('.sync-status').textContent()).toContain(zh.tasks.sync.synced);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'grid-worker-tasks');

    // Nearest first: the building the phone stands at comes first, about 0 m away.
    await page.getByRole('button', { name: zh.tasks.order.nearest }).click();
    const first = page.locator('[data-section="open"] .task-card').first();
    await expect.poll(() => first.getAttribute('data-task-id')).toBe(taskId);
    expect(await first.locator('.task-distance').textContent()).toBe('约 0 米');

    await card.locator('[data-action="claim"]').click();
    await page.locator(`[data-section="mine"] .task-card[data-task-id="${taskId}"]`).waitFor();
    await page.locator('[data-feedback="claimed"]').waitFor();
    const mine = page.locator(`[data-section="mine"] .task-card[data-task-id="${taskId}"]`);
    expect(await mine.locator('.task-lease').textContent()).toMatch(/剩余 \d+ 分钟/);
    expect((await workerApi.call('getTask', { params: { id: taskId } })).holder).toBe(worker?.username);
    await screenshot(page, 'grid-worker-claimed');
  });

  it('records every household, one of them offline, and completes the task', async () => {
    if (!building) throw new Error('no building');
    const mine = page.locator(`[data-section="mine"] .task-card[data-task-id="${taskId}"]`);
    await mine.getByRole('button', { name: zh.tasks.actions.view, exact: false }).click();
    await page.locator(`.task-detail[data-task-id="${taskId}"]`).waitFor();
    const ids = await page.locator('.household').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.householdId ?? ''));
    expect(ids).toHaveLength(building.households);
    expect(await page.locator('.unit').count()).toBe(building.units);
    expect(await page.locator('.floor').count()).toBe(building.units * building.floors);
    await screenshot(page, 'grid-worker-building');
    // The phone's back button returns to the list, forward to the building (the URL names the task).
    expect(new URL(page.url()).searchParams.get('task')).toBe(taskId);
    await page.goBack();
    await mine.waitFor();
    await page.goForward();
    await page.locator(`.task-detail[data-task-id="${taskId}"]`).waitFor();

    const [first, second, offline, ...rest] = ids;
    const last = rest.pop();
    if (!first || !second || !offline || !last) throw new Error('the building has too few households for this journey');

    await household(first).click();
    await page.getByRole('radio', { name: zh.tasks.outcome.seen_all }).check();
    await page.getByRole('checkbox', { name: zh.tasks.symptom.cough }).check();
    await screenshot(page, 'grid-worker-visit-form');
    await page.getByRole('button', { name: zh.tasks.visit.save }).click();
    await expect.poll(() => markOf(first)).toBe('recorded');

    await recordVisit(second, 'vacant');
    await expect.poll(() => markOf(second)).toBe('recorded');

    // No network: the visit is queued on the phone and shown as pending at once.
    await context.setOffline(true);
    await recordVisit(offline, 'seen_some', 2);
    expect(await markOf(offline)).toBe('pending');
    await expect.poll(syncState).toBe('pending');
    expect(await page.locator('.sync-status').textContent()).toContain('1 条待同步');
    await screenshot(page, 'grid-worker-offline-pending');
    const whileOffline = await workerApi.call('getTask', { params: { id: taskId } });
    expect(whileOffline.households.find((h) => h.id === offline)?.outcome).toBeNull();

    // Back online: the outbox sends it, the header says so, the household shows the API's outcome.
    await context.setOffline(false);
    await expect.poll(syncState, { timeout: 30_000 }).toBe('synced');
    await expect.poll(() => markOf(offline), { timeout: 30_000 }).toBe('recorded');
    expect(await page.locator('.sync-status').textContent()).toContain(zh.tasks.sync.synced);
    const synced = await workerApi.call('getTask', { params: { id: taskId } });
    expect(synced.households.find((h) => h.id === offline)?.outcome).toBe('seen_some');
    expect(synced.visits.filter((v) => v.householdId === offline)).toHaveLength(1);
    expect(synced.peopleSeen).toBe(3);
    await screenshot(page, 'grid-worker-synced');

    for (const id of rest) await recordVisit(id, 'seen_all');
    await expect.poll(syncState).toBe('synced');

    // Completing too early: the API's 409 names the household still missing.
    await page.locator('[data-action="complete"]').click();
    const unaccounted = page.locator('[data-testid="unaccounted"]');
    await unaccounted.waitFor();
    expect(await unaccounted.locator('li').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.householdId))).toEqual([last]);
    expect(await unaccounted.textContent()).toContain(zh.tasks.building.reason.not_visited);
    await screenshot(page, 'grid-worker-unaccounted');
    expect(await unvisitedIds()).toContain(building.id);

    await recordVisit(last, 'refused');
    await expect.poll(() => markOf(last)).toBe('recorded');
    await expect.poll(syncState).toBe('synced');
    expect(await page.locator('.building-left').getAttribute('data-left')).toBe('0');
    await page.locator('[data-action="complete"]').click();
    await page.locator('[data-feedback="completed"]').waitFor();
    await screenshot(page, 'grid-worker-completed');

    const done = await workerApi.call('getTask', { params: { id: taskId } });
    expect(done.status).toBe('done');
    expect(done.householdsVisited).toBe(building.households);
    expect(done.visits).toHaveLength(building.households);
    expect(await unvisitedIds()).not.toContain(building.id);
    expect(await page.locator(`.task-card[data-task-id="${taskId}"]`).count()).toBe(0);
  });

  it('city staff no longer see the building in the unvisited layer', async () => {
    const after = await unvisitedOnMap('grid-worker-map-visited');
    expect(await unvisitedIds(after.bbox)).not.toContain(building?.id);
    expect(after.count).toBe(unvisitedBefore - 1);
  });
});

describe('disinfection staff on a phone', () => {
  it('claims a round and completes it with the areas done, one left out with a reason', async () => {
    if (!team || !roundCompound) throw new Error('the demo city has no disinfection team for 显陵社区');
    const { id: roundId } = await boss.call('createCampaign', { body: { kind: 'disinfection', scope: { type: 'compound', id: roundCompound } } });
    const staff = await apiAs(apiUrl, team.username);
    const round = await vi.waitFor(async () => {
      const [task] = (await staff.call('listTasks', { query: { campaignId: roundId } })).items;
      if (!task) throw new Error(`round ${roundId} made no task for ${roundCompound} yet`);
      return task;
    }, FAN_OUT);
    const planned = round.round?.planned ?? [];
    expect(planned.length).toBeGreaterThan(1);

    const opened = await phone();
    const staffPage = opened.page;
    try {
      await signIn(staffPage, team.username);
      const card = staffPage.locator(`[data-section="open"] .task-card[data-task-id="${round.id}"]`);
      await card.waitFor();
      expect(await staffPage.locator('#tasks-open').textContent()).toBe(zh.tasks.openRounds);
      await card.locator('[data-action="claim"]').click();
      const mine = staffPage.locator(`[data-section="mine"] .task-card[data-task-id="${round.id}"]`);
      await mine.waitFor();
      await mine.getByRole('button', { name: zh.tasks.actions.view, exact: false }).click();
      const left = planned.at(-1) as keyof typeof zh.tasks.round.area;
      await staffPage.getByRole('checkbox', { name: zh.tasks.round.area[left] }).uncheck();
      await staffPage.getByRole('button', { name: zh.tasks.round.submit }).click();
      await staffPage.getByRole('alert').filter({ hasText: zh.tasks.round.reasonNeeded }).waitFor();
      await staffPage.getByRole('textbox', { name: zh.tasks.round.reason }).fill('设备故障，下一轮补做');
      await screenshot(staffPage, 'disinfection-round-form');
      await staffPage.getByRole('button', { name: zh.tasks.round.submit }).click();
      await staffPage.locator('[data-feedback="completed"]').waitFor();
      await screenshot(staffPage, 'disinfection-completed');

      const done = await staff.call('getTask', { params: { id: round.id } });
      expect(done.status).toBe('done');
      expect(done.partial).toBe(true);
      expect(done.areasDone).toEqual(planned.slice(0, -1));
      expect(done.reason).toBe('设备故障，下一轮补做');
    } finally {
      await opened.context.close();
    }
  });
});
