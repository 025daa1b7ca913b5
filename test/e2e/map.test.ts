/**
 * The web app's first slice in a real Chromium against the whole local stack and the demo
 * city: sign-in as a demo user, the map of compounds coloured by status with a legend that
 * agrees with the API, a compound's details, filters, jurisdiction, the English switch, and the
 * return to sign-in when the API refuses the token. Screenshots land in test-results/e2e/.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { demoCity, demoUsers } from '#infra/local/demo/users.ts';
import { createLocalIdentity } from '#infra/local/identity.ts';
import { COMPOUND_STATUSES, CompoundStatus } from '#shared/schemas/compound.ts';
import type { LocalUser } from '#shared/schemas/local.ts';
import { allFeatures } from '#web/src/api/client.ts';
import en from '#web/src/locales/en/core.json' with { type: 'json' };
import zhCN from '#web/src/locales/zh-CN/core.json' with { type: 'json' };
import { mapShift, type TileCrs } from '#web/src/map/coords.ts';
import { apiAs, browserPerFile, findAndOpen, firstOnCanvas, openFirstInView, paintedViewHolding, screenshot, settledMap, signIn } from './browser.ts';
import { clickPoints, mapBounds, pixelPolygons } from './canvas-point.ts';

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');

/** The statuses' names in the legend's order, as the app's locale says them. */
const statusNames = (locale: { status: Record<CompoundStatus, string> }) => COMPOUND_STATUSES.map((s) => locale.status[s]);

const users = demoUsers();
const userOf = (role: LocalUser['role']): LocalUser => {
  const user = users.find((u) => u.role === role);
  if (!user) throw new Error(`the demo city has no ${role} user`);
  return user;
};
const cityUser = userOf('city');
const communityUser = userOf('community');

/**
 * The compound clicked on the map: an outline with exits that are never unresolved (a normal
 * compound's), so close in its exits are drawn as rings beside it. Read only, like the rest of
 * this file.
 */
const city = demoCity();
const clickTarget = (() => {
  const found = city.compounds.find((c) => c.status === 'normal' && c.geometry?.type === 'Polygon' && city.exits.some((e) => e.compoundId === c.id));
  if (!found) throw new Error('the demo city has no normal compound with an outline and exits');
  return found;
})();

const { open } = browserPerFile(webUrl);

async function signedIn(user: LocalUser): Promise<Page> {
  const page = await open();
  await signIn(page, user.username);
  return page;
}

const countsByStatus = (statuses: readonly string[]) =>
  statuses.reduce<Record<string, number>>((counts, s) => ({ ...counts, [s]: (counts[s] ?? 0) + 1 }), {});

describe('sign-in', () => {
  it('offers the demo users grouped by role, in Chinese by default', async () => {
    const page = await open();
    await page.locator(`button[data-username="${cityUser.username}"]`).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.title()).toContain('小区封闭管理');
    const groups = await page.locator('.user-group h2 .role-badge').allTextContents();
    expect(groups).toEqual(expect.arrayContaining(['市防控指挥部', '督查人员', '社区工作人员', '网格员', '卡口值守人员', '消杀人员']));
    await screenshot(page, 'login-zh');
  });

  it('narrows the list to the users a search matches', async () => {
    const page = await open();
    await page.locator('#user-search').fill(communityUser.username);
    await page.locator(`button[data-username="${communityUser.username}"]`).waitFor();
    const shown = await page.locator('button.user-button').evaluateAll((buttons) =>
      buttons.map((b) => (b as HTMLElement).dataset.username ?? ''));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(users.length);
    for (const username of shown) {
      const user = users.find((u) => u.username === username);
      expect(`${user?.name} ${username} ${user?.jurisdiction.communityId}`.toLowerCase()).toContain(communityUser.username.toLowerCase());
    }
  });
});

describe('map as city staff', () => {
  it('shows who is signed in and draws the city\'s compounds by status', async () => {
    const page = await signedIn(cityUser);
    const map = await settledMap(page);
    expect(await page.locator('[data-testid="user-name"]').textContent()).toBe(cityUser.name);
    expect(await page.locator('[data-testid="user-role"]').textContent()).toBe('市防控指挥部');
    expect(map.shapes.length).toBeGreaterThanOrEqual(150);
    const statuses = new Set(map.shapes.map((s) => s.status));
    expect([...statuses].every((s) => CompoundStatus.safeParse(s).success)).toBe(true);
    expect(statuses.size).toBeGreaterThan(1);
    await screenshot(page, 'map-city-zh');
  });

  it('counts each status in the legend, in Chinese, as the API does for the same bbox', async () => {
    const page = await signedIn(cityUser);
    const map = await settledMap(page);
    const api = await apiAs(apiUrl, cityUser.username);
    const features = await allFeatures(api, 'listCompounds', { query: { bbox: map.bbox } });
    const expected = countsByStatus(features.map((f) => f.properties.status));

    expect(map.legend.map((e) => e.label)).toEqual(statusNames(zhCN));
    for (const entry of map.legend) expect(entry.count, entry.status).toBe(expected[entry.status] ?? 0);
    expect(map.total).toBe(features.length);
    expect(map.legend.reduce((sum, e) => sum + e.count, 0)).toBe(features.length);
  });

  it('shows a compound\'s name, status and building count when it is chosen from the compounds in view', async () => {
    const page = await signedIn(cityUser);
    await settledMap(page);
    const { id, panel } = await openFirstInView(page);

    const api = await apiAs(apiUrl, cityUser.username);
    const compound = await api.call('getCompound', { params: { id } });
    const buildings = await allFeatures(api, 'listCompoundBuildings', { params: { id } });
    expect(await panel.locator('h2').textContent()).toBe(compound.properties.name);
    expect(await panel.locator('.status-pill').textContent()).toBe(zhCN.status[compound.properties.status]);
    const count = panel.locator('[data-testid="buildings"] dd');
    await count.filter({ hasText: /^[\d,]+$/ }).waitFor();
    expect(Number((await count.textContent())?.replace(/,/g, ''))).toBe(buildings.length);
    await screenshot(page, 'map-city-compound-zh');

    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
  });

  it('opens the compound a click lands on, once the map has drawn it with everything around it', async () => {
    const page = await signedIn(cityUser);
    await settledMap(page);
    await findAndOpen(page, clickTarget.name, clickTarget.id);
    await page.keyboard.press('Escape');
    await page.locator('.compound-panel').waitFor({ state: 'detached' });

    // The map flew to the compound; the click waits until it and what lies around it (its
    // neighbours, exits and labels) are drawn, then aims at a point of the compound that no
    // neighbour, outline or marker shares.
    const api = await apiAs(apiUrl, cityUser.username);
    const { geometry } = await api.call('getCompound', { params: { id: clickTarget.id } });
    const shift = mapShift((await (await fetch(`${webUrl}/config.json`)).json() as { tileCrs?: TileCrs }).tileCrs);
    const view = await paintedViewHolding(page, mapBounds(geometry, shift));
    const [west, south] = shift.fromMap({ lng: view.west, lat: view.south });
    const [east, north] = shift.fromMap({ lng: view.east, lat: view.north });
    const around = await allFeatures(api, 'listCompounds', { query: { bbox: [west, south, east, north].join(',') } });
    const others = around.filter((c) => c.id !== clickTarget.id).flatMap((c) => pixelPolygons(view, shift, c.geometry));
    const at = await firstOnCanvas(page, clickPoints(view, pixelPolygons(view, shift, geometry), others));
    if (!at) throw new Error(`no point of ${clickTarget.id} lies clear on the map`);

    await page.mouse.click(at.x, at.y);
    const panel = page.locator(`.compound-panel[data-compound-id="${clickTarget.id}"]`);
    await panel.waitFor();
    expect(await panel.locator('h2').textContent()).toBe(clickTarget.name);
    await screenshot(page, 'map-city-clicked-zh');
  });

  it('hides the compounds of a status whose filter is unchecked', async () => {
    const page = await signedIn(cityUser);
    const before = await settledMap(page);
    const closed = before.shapes.filter((s) => s.status === 'closed').length;
    expect(closed).toBeGreaterThan(0);

    await page.getByRole('checkbox', { name: '封闭管理' }).uncheck();
    const after = await settledMap(page);
    expect(after.shapes.some((s) => s.status === 'closed')).toBe(false);
    expect(after.shapes.length).toBe(before.shapes.length - closed);
  });

  it('shows one community\'s compounds when it is chosen', async () => {
    const page = await signedIn(cityUser);
    await settledMap(page);
    await page.getByLabel('社区', { exact: true }).selectOption(communityUser.jurisdiction.communityId ?? '');
    await page.waitForFunction(
      (id) => [...document.querySelectorAll<HTMLElement>('details.compound-list-box .compound-item[data-compound-id]')]
        .every((p) => p.dataset.communityId === id),
      communityUser.jurisdiction.communityId,
    );
    const map = await settledMap(page);
    expect(map.shapes.length).toBeGreaterThan(0);
    expect(new Set(map.shapes.map((s) => s.communityId))).toEqual(new Set([communityUser.jurisdiction.communityId]));
  });

  it('switches to English, legend and title included, and keeps it after a reload', async () => {
    const page = await signedIn(cityUser);
    await settledMap(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');

    const english = await settledMap(page);
    expect(english.legend.map((e) => e.label)).toEqual(statusNames(en));
    expect(await page.title()).toContain('Compound closed management');
    expect(await page.locator('[data-testid="user-role"]').textContent()).toBe('City command');
    await screenshot(page, 'map-city-en');

    await page.reload();
    const reloaded = await settledMap(page);
    expect(reloaded.legend.map((e) => e.label)).toEqual(statusNames(en));
  });
});

describe('map as community staff', () => {
  it('shows only the own community\'s compounds, fewer than the city\'s', async () => {
    const city = await apiAs(apiUrl, cityUser.username);
    const everything = await allFeatures(city, 'listCompounds', {});

    const page = await signedIn(communityUser);
    const map = await settledMap(page);
    expect(await page.locator('[data-testid="user-role"]').textContent()).toBe('社区工作人员');
    expect(map.shapes.length).toBeGreaterThan(0);
    expect(map.shapes.length).toBeLessThan(everything.length);
    expect(new Set(map.shapes.map((s) => s.communityId))).toEqual(new Set([communityUser.jurisdiction.communityId]));
    expect(map.total).toBe(map.shapes.length);
    await screenshot(page, 'map-community-zh');
  });
});

describe('session', () => {
  it('returns to sign-in, saying why, when the API refuses the token', async () => {
    // A token as the local API issues it, but signed by another issuer's key, which it does not trust.
    const stranger = await createLocalIdentity({ users: [cityUser] });
    const forged = (await stranger.issue(cityUser.username))?.token;
    if (!forged) throw new Error(`the other issuer has no ${cityUser.username}`);
    const page = await open();
    await page.evaluate((token) => localStorage.setItem('cordon.token', token), forged);
    await page.reload();

    await page.locator('.login-card .notice', { hasText: '登录已过期' }).waitFor();
    await page.locator(`button[data-username="${cityUser.username}"]`).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('cordon.token'))).toBeNull();
  });
});
