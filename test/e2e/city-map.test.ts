/**
 * The city map end to end, as city staff: sealed compounds on the map, the status filter, a
 * compound found by its Chinese name and opened (its exits and panel as the API has them),
 * then sealed and lifted from the panel, with its exits judged again on the way.
 *
 * Shared stack: this file seals and lifts ONE compound, chosen from the demo city as the last
 * normal compound with two or more open exits outside the first community's and the first grid
 * worker's area (other journeys resolve an exit, claim a grid task, read a case compound). It
 * ends lifted. One sweep is launched, of a compound no other journey uses (see the journey's
 * note below): a sweep gives its grid's workers new tasks.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { demoCity } from '#infra/local/demo/users.ts';
import { allFeatures } from '#web/src/api/client.ts';
import enCore from '#web/src/locales/en/core.json' with { type: 'json' };
import zhCN from '#web/src/locales/zh-CN/core.json' with { type: 'json' };
import zhMap from '#web/src/locales/zh-CN/map.json' with { type: 'json' };
import { apiAs, browserPerFile, findAndOpen, PHONE, screenshot, settledMap, signIn } from './browser.ts';

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');

const city = demoCity();
const cityUser = city.users.find((u) => u.role === 'city');
const official = city.users.find((u) => u.role === 'official' && !u.jurisdiction.streetId);
const firstCommunity = city.users.find((u) => u.role === 'community')?.jurisdiction.communityId;
const firstGrid = city.users.find((u) => u.role === 'grid')?.jurisdiction.communityId;
const openExits = (id: string) => city.exits.filter((e) => e.compoundId === id && e.status === 'open').length;
const target = [...city.compounds]
  .reverse()
  .find((c) => c.status === 'normal' && c.communityId !== firstCommunity && c.communityId !== firstGrid && openExits(c.id) >= 2);

beforeAll(() => {
  if (!target || !cityUser) throw new Error('the demo city has no normal compound with two open exits for this journey');
});
const { open } = browserPerFile(webUrl);

async function signedIn(username: string): Promise<Page> {
  const page = await open();
  await signIn(page, username);
  // An official's home is the board: the map is a click away.
  const mapLink = page.getByRole('link', { name: zhCN.nav.map });
  if (await mapLink.getAttribute('aria-current') !== 'page') await mapLink.click();
  await settledMap(page);
  return page;
}

const pill = (page: Page) => page.locator('.compound-panel .status-pill');

describe('city map as city staff', () => {
  it('shows the sealed compounds, and hides the normal ones when that status is unchecked', async () => {
    const page = await signedIn(cityUser?.username ?? '');
    const map = await settledMap(page);
    const sealed = map.shapes.filter((s) => s.status === 'closed' || s.status === 'lockdown');
    expect(sealed.length).toBeGreaterThan(0);
    expect(map.legend.find((e) => e.status === 'closed')?.count).toBe(map.shapes.filter((s) => s.status === 'closed').length);
    const counts = page.getByTestId('city-counts');
    expect(Number(await counts.locator('li[data-status="closed"] strong').getAttribute('data-count'))).toBe(
      map.shapes.filter((s) => s.status === 'closed').length,
    );
    await screenshot(page, 'city-map-zh');

    await page.getByRole('checkbox', { name: zhCN.status.normal }).uncheck();
    const after = await settledMap(page);
    expect(after.shapes.some((s) => s.status === 'normal')).toBe(false);
    expect(after.shapes.length).toBe(map.shapes.length - map.shapes.filter((s) => s.status === 'normal').length);
  });

  it('finds a compound by its Chinese name and shows its exits and panel as the API has them', async () => {
    if (!target || !cityUser) throw new Error('no target');
    const page = await signedIn(cityUser.username);
    const panel = await findAndOpen(page, target.name, target.id);
    const api = await apiAs(apiUrl, cityUser.username);
    const exits = await allFeatures(api, 'listCompoundExits', { params: { id: target.id } });
    const rows = panel.locator('[data-testid="exits"] > li[data-exit-id]');
    await expect.poll(() => rows.count()).toBe(exits.length);
    expect((await rows.evaluateAll((li) => li.map((l) => (l as HTMLElement).dataset.exitId))).sort()).toEqual(exits.map((e) => e.id).sort());
    expect(await pill(page).textContent()).toBe(zhCN.status.normal);
    // The map flew to it: close in, every exit of the compounds in view is drawn.
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('.map-area')?.dataset.zoom) >= 16);
    await expect.poll(() => page.locator('.leaflet-exits-pane, .leaflet-marker-pane').count()).toBeGreaterThan(0);
    await screenshot(page, 'city-map-compound-zh');
  });

  it('seals the compound (its surplus open exits turn unresolved with reasons), then lifts it', async () => {
    if (!target || !cityUser) throw new Error('no target');
    const page = await signedIn(cityUser.username);
    const panel = await findAndOpen(page, target.name, target.id);

    await panel.getByRole('button', { name: zhMap.map.actions.seal }).click();
    await panel.getByLabel(zhMap.map.actions.level).selectOption('closed');
    await panel.getByLabel(zhMap.map.actions.reason).fill('辖区出现确诊病例，实行封闭管理');
    await panel.getByRole('button', { name: zhMap.map.actions.confirmSeal }).click();
    await expect.poll(() => pill(page).textContent()).toBe(zhCN.status.closed);
    const unresolvedRows = panel.locator('[data-testid="exits"] > li[data-unresolved="true"]');
    await expect.poll(() => unresolvedRows.count()).toBeGreaterThan(0);

    const api = await apiAs(apiUrl, cityUser.username);
    const compound = await api.call('getCompound', { params: { id: target.id } });
    expect(compound.properties.status).toBe('closed');
    const firstUnresolved = await unresolvedRows.first().getAttribute('data-exit-id');
    const standing = await api.call('getExit', { params: { id: firstUnresolved ?? '' } });
    expect(standing.unresolved).toBe(true);
    const codes = await unresolvedRows.first().locator('.exit-reasons li').evaluateAll((li) => li.map((l) => (l as HTMLElement).dataset.code));
    expect(codes).toEqual(standing.reasons.map((r) => r.code));
    await expect.poll(async () => Number(await page.getByTestId('unresolved-count').locator('strong').getAttribute('data-count'))).toBeGreaterThan(0);
    await page.locator('.exit-marker.exit-unresolved').first().waitFor();
    await screenshot(page, 'city-map-sealed-zh');

    await panel.getByRole('button', { name: zhMap.map.actions.lift }).click();
    await panel.getByLabel(zhMap.map.actions.reason).fill('连续14天无新增病例，解除封闭管理');
    await panel.getByRole('button', { name: zhMap.map.actions.confirmLift }).click();
    await expect.poll(() => pill(page).textContent()).toBe(zhCN.status.lifted);
    await expect.poll(() => unresolvedRows.count()).toBe(0);
    expect((await api.call('getCompound', { params: { id: target.id } })).properties.status).toBe('lifted');
    const history = panel.getByTestId('history').locator('li');
    await expect.poll(() => history.count()).toBeGreaterThanOrEqual(2);
    expect(await history.first().textContent()).toContain(zhCN.status.lifted);
  });

  it('offers an official no seal or lift, only a sweep', async () => {
    if (!target || !official) throw new Error('no official');
    const page = await signedIn(official.username);
    const panel = await findAndOpen(page, target.name, target.id);
    await panel.getByRole('button', { name: zhMap.map.actions.sweep }).waitFor();
    expect(await panel.getByRole('button', { name: zhMap.map.actions.seal }).count()).toBe(0);
    expect(await panel.getByRole('button', { name: zhMap.map.actions.lift }).count()).toBe(0);
  });
});

/**
 * A sweep launched from the panel (issue 14): confirmed with its size, then its fan-out shown
 * until the API reports it active, and the picker, the panel and the counts following the API.
 * The compound is a closed one of a grid no other journey uses (not the grid worker's
 * g-xianling-4, nor the communities above), with the fewest buildings: its grid's workers get
 * new tasks, nobody else's.
 */
const usedCommunities = new Set([firstCommunity, firstGrid, target?.communityId]);
const sweepTarget = city.compounds
  .filter((c) => c.status === 'closed' && !usedCommunities.has(c.communityId ?? undefined) && c.gridIds.length > 0 && !c.gridIds.some((g) => g.startsWith('g-xianling')))
  .map((c) => ({ compound: c, buildings: city.buildings.filter((b) => b.compoundId === c.id).length }))
  .filter((c) => c.buildings > 0)
  .sort((a, b) => a.buildings - b.buildings || a.compound.id.localeCompare(b.compound.id))[0]?.compound;
/**
 * Signing in and opening the panel, the fan-out (up to 45 s) and the reads that follow, on a
 * loaded 2-core machine: longer than the e2e default, and longer than its own waits put together.
 */
const SWEEP_JOURNEY = 120_000;

describe('launching a sweep from the map', () => {
  it('confirms the scope and size, then shows the fan-out until the API reports it active', async () => {
    if (!sweepTarget || !cityUser) throw new Error('the demo city has no closed compound for the sweep journey');
    const page = await signedIn(cityUser.username);
    const panel = await findAndOpen(page, sweepTarget.name, sweepTarget.id);
    const api = await apiAs(apiUrl, cityUser.username);
    const buildings = await allFeatures(api, 'listCompoundBuildings', { params: { id: sweepTarget.id } });
    const households = buildings.reduce((sum, b) => sum + b.properties.households, 0);

    await panel.getByRole('button', { name: zhMap.map.actions.sweep }).click();
    const confirm = panel.getByTestId('sweep-confirm');
    await expect.poll(() => confirm.textContent()).toContain(`${buildings.length} 栋楼（${households.toLocaleString('zh-CN')} 户）`);
    await confirm.getByRole('button', { name: zhMap.map.actions.confirmSweep }).click();

    // Progress from the launch on, until the API says active.
    const progress = panel.getByTestId('sweep-progress');
    await progress.waitFor();
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 45_000 }).toBe('active');
    const campaigns = await api.call('listCampaigns', { query: { limit: 5 } });
    const launched = campaigns.items.find((c) => c.scope.type === 'compound' && c.scope.id === sweepTarget.id);
    expect(launched?.status).toBe('active');
    expect(await progress.textContent()).toContain(`${launched?.progress.tasksCreated ?? -1} 项任务已派发`);
    await screenshot(page, 'city-map-sweep-active-zh');

    // The picker, the panel and the counts say what the API says, without a reload.
    const picker = page.locator('#campaign-picker');
    expect(await picker.inputValue()).toBe(launched?.id);
    expect(await picker.locator('option:checked').textContent()).toContain(zhMap.map.layers.campaignStatus.active);
    await expect.poll(() => panel.getByTestId('compound-coverage').locator('dd').textContent()).toContain(`0/${households.toLocaleString('zh-CN')} 户`);
    await expect.poll(() => page.getByTestId('coverage').textContent()).toContain(`0/${households.toLocaleString('zh-CN')} 户`);
  }, SWEEP_JOURNEY);
});

/** The header and the legend on a phone (360×740), in both languages. */
describe('the map on a phone', () => {
  const heightOf = (page: Page, selector: string) => page.locator(selector).evaluate((el) => el.getBoundingClientRect().height);

  it('keeps the header to one line and the legend folded, the map mostly visible', async () => {
    if (!cityUser) throw new Error('no city user');
    const page = await open('', PHONE);
    await signIn(page, cityUser.username);
    await settledMap(page);

    expect(await heightOf(page, '.app-header')).toBeLessThanOrEqual(56);
    const legend = page.getByTestId('legend');
    expect(await legend.getAttribute('data-open')).toBe('false');
    const map = await page.locator('.map-area').evaluate((el) => el.getBoundingClientRect());
    const folded = await legend.evaluate((el) => el.getBoundingClientRect());
    expect(map.height).toBeGreaterThan(250);
    expect(folded.width * folded.height).toBeLessThan(0.1 * map.width * map.height);
    await screenshot(page, 'map-phone-zh');

    // Unfolded on request, and folded again.
    await legend.getByRole('button', { name: zhMap.legend.title }).click();
    expect(await legend.getAttribute('data-open')).toBe('true');
    await legend.locator('li[data-status="closed"]').waitFor();
    await legend.getByRole('button', { name: zhMap.legend.title }).click();
    expect(await legend.getAttribute('data-open')).toBe('false');

    // English through the header's menu: still one line, the name cut with an ellipsis rather than wrapped.
    await page.getByRole('button', { name: zhCN.header.menu }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    // The header drawn again in English before it is measured.
    await page.getByRole('button', { name: enCore.header.menu, exact: true }).waitFor();
    expect(await heightOf(page, '.app-header')).toBeLessThanOrEqual(56);
    const name = page.getByTestId('user-name');
    expect(await name.getAttribute('title')).toBe(cityUser.name);
    expect(await name.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('nowrap');
    await screenshot(page, 'map-phone-en');
  });
});
