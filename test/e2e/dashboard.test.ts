/**
 * The city dashboard (指挥大屏) against the whole local stack, on a laptop: city staff open
 * /dashboard, its charts draw (their canvases hold painted pixels), its figures of today are the
 * numbers the API answered the page (GET /v1/dashboard), and drilling down street → community
 * changes the heading and the data down to the community's compounds, the map beside the charts
 * drawing the compounds of the place shown; a street official sees
 * their street's dashboard; a grid worker asking for /dashboard is sent to their home view.
 *
 * Read only: nothing is changed, so any journey's data may be on the dashboard at the same time;
 * the page is compared with the answer it was given, never with a count fixed here.
 */
import type { Page, Response } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { demoCity } from '#infra/local/demo/users.ts';
import type { Dashboard } from '#shared/schemas/dashboard.ts';
import { apiAs, browserPerFile, LAPTOP, screenshot, signIn } from './browser.ts';

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');
const city = demoCity();
const firstOf = (role: string) => {
  const user = city.users.find((u) => u.role === role);
  if (!user) throw new Error(`the demo city has no ${role} user`);
  return user;
};

const { open } = browserPerFile(webUrl);

/** The page's next answer from GET /v1/dashboard, its query holding `wanted` (empty: none). */
function nextDashboard(page: Page, wanted = ''): Promise<Response> {
  return page.waitForResponse((r) => {
    const url = new URL(r.url());
    return r.request().method() === 'GET' && url.pathname === '/v1/dashboard' && r.ok() && url.search.includes(wanted);
  }, { timeout: 60_000 });
}

/** Painted (not transparent) pixels on the canvases of a chart's section. */
function paintedPixels(page: Page, chart: string): Promise<number> {
  return page.evaluate((name) => {
    let painted = 0;
    for (const canvas of document.querySelectorAll<HTMLCanvasElement>(`[data-chart="${name}"] canvas`)) {
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0 || canvas.height === 0) continue;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted += 1;
    }
    return painted;
  }, chart);
}

/** The tiles of today as the page should show them from the API's answer. */
function tilesOf(data: Dashboard): Record<string, string> {
  const f = data.today.figures;
  return {
    compounds: String(data.today.compounds),
    cases: String(f.cases.confirmed + f.cases.suspected + f.cases.asymptomatic),
    entries: String(f.entries.in),
    fevers: String(f.entries.fevers),
    rounds: `${f.rounds.done}/${f.rounds.required}`,
    openAlerts: String(f.alerts.open),
  };
}

/** Waits for the page to show `data`: ready, today's tiles equal to its figures, one row per place below. */
async function showing(page: Page, data: Dashboard): Promise<void> {
  await page.locator('.dashboard-page[data-state="ready"]').waitFor({ timeout: 60_000 });
  for (const [key, value] of Object.entries(tilesOf(data))) {
    await expect.poll(() => page.locator(`.dashboard-tile[data-figure="${key}"] dd`).textContent(), { timeout: 30_000 }).toBe(value);
  }
  await expect.poll(() => page.locator('.dashboard-children tr[data-child]').count(), { timeout: 30_000 }).toBe(data.children.length);
}

/** Waits until both charts have drawn (the alerts one only when there were alerts to draw). */
async function chartsDrawn(page: Page, data: Dashboard): Promise<void> {
  await expect.poll(() => paintedPixels(page, 'trend'), { timeout: 30_000 }).toBeGreaterThan(0);
  if (data.alerts.length > 0) await expect.poll(() => paintedPixels(page, 'alerts'), { timeout: 30_000 }).toBeGreaterThan(0);
  else await page.locator('[data-chart="alerts"]').getByText('近14日无预警。').waitFor();
}

describe('the city dashboard', () => {
  it('city staff see the charts drawn, today\'s figures as the API answers, and drill down street → community', async () => {
    const staff = firstOf('city');
    const page = await open('/dashboard', LAPTOP);
    const first = nextDashboard(page);
    await signIn(page, staff.username);
    await page.waitForURL('**/dashboard');
    const cityData = (await (await first).json()) as Dashboard;
    expect(cityData.level).toBe('city');
    expect(cityData.trend).toHaveLength(14);
    await page.getByRole('heading', { name: '指挥大屏', level: 1, exact: true }).waitFor();
    await showing(page, cityData);
    await chartsDrawn(page, cityData);
    // The map beside the charts draws the city's compounds, with the status legend in words.
    await expect.poll(async () => Number(await page.locator('.dashboard-map-area').getAttribute('data-compounds')), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.locator('.dashboard-map-area [data-testid="legend"]').getByRole('button', { name: '小区状态' }).waitFor();
    // The API asked directly answers the same place with the same compounds and places.
    const api = await apiAs(apiUrl, staff.username);
    const direct = await api.call('getDashboard', { query: {} });
    expect(direct.today.compounds).toBe(cityData.today.compounds);
    expect(direct.children.map((c) => c.id)).toEqual(cityData.children.map((c) => c.id));
    await screenshot(page, 'dashboard-city');

    // Down to a street: the one with the most compounds under closure.
    const street = [...cityData.children].filter((c) => c.id !== null).sort((a, b) => b.compounds - a.compounds)[0];
    if (!street?.id) throw new Error('the city dashboard lists no street');
    const streetAnswer = nextDashboard(page, `streetId=${street.id}`);
    await page.locator(`.dashboard-children tr[data-child="${street.id}"]`).getByRole('button', { name: street.name }).click();
    const streetData = (await (await streetAnswer).json()) as Dashboard;
    expect(streetData).toMatchObject({ level: 'street', place: { id: street.id, name: street.name } });
    await page.getByRole('heading', { name: `指挥大屏 · ${street.name}`, level: 1 }).waitFor();
    await page.getByRole('heading', { name: '各社区' }).waitFor();
    await showing(page, streetData);
    await chartsDrawn(page, streetData);
    expect(streetData.children.every((c) => c.level === 'community')).toBe(true);

    // Down to a community: its compounds are the rows, counted live.
    const community = [...streetData.children].filter((c) => c.id !== null).sort((a, b) => b.compounds - a.compounds)[0];
    if (!community?.id) throw new Error(`the street ${street.name} lists no community`);
    const communityAnswer = nextDashboard(page, `communityId=${community.id}`);
    await page.locator(`.dashboard-children tr[data-child="${community.id}"]`).getByRole('button', { name: community.name }).click();
    const communityData = (await (await communityAnswer).json()) as Dashboard;
    expect(communityData).toMatchObject({ level: 'community', place: { id: community.id, name: community.name }, today: { source: 'live' } });
    await page.getByRole('heading', { name: `指挥大屏 · ${community.name}`, level: 1 }).waitFor();
    await page.getByRole('heading', { name: '各小区' }).waitFor();
    await showing(page, communityData);
    await chartsDrawn(page, communityData);
    // Its compounds under closure (other journeys may seal or lift some meanwhile: only whose they are is fixed).
    const theirs = new Set(city.compounds.filter((c) => c.communityId === community.id).map((c) => c.id));
    expect(communityData.children.length).toBeGreaterThan(0);
    expect(communityData.children.every((c) => c.level === 'compound' && theirs.has(c.id ?? ''))).toBe(true);
    // The map keeps to the community's compounds: all its own, those under closure among them.
    await expect.poll(async () => Number(await page.locator('.dashboard-map-area').getAttribute('data-compounds')), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(communityData.children.length);
    await screenshot(page, 'dashboard-community');

    // Down to a compound: its six-in-place scorecard opens under the table, six items judged.
    const opened = communityData.children[0]!;
    await page.locator(`tr[data-child="${opened.id}"] button`).click();
    const card = page.locator(`.scorecard[data-compound="${opened.id}"]`);
    await card.waitFor();
    await expect.poll(() => card.locator('[data-key]').count(), { timeout: 60_000 }).toBe(6);

    // Back up the trail to the city.
    await page.getByRole('navigation', { name: '层级' }).getByRole('button', { name: '辖区' }).click();
    await page.getByRole('heading', { name: '指挥大屏', level: 1, exact: true }).waitFor();
    await page.getByRole('heading', { name: '各街道' }).waitFor();
  }, 180_000);

  it('a street official sees their street\'s dashboard', async () => {
    const official = city.users.find((u) => u.username === 'official-street');
    if (!official) throw new Error('the demo city has no official-street');
    const page = await open('/dashboard', LAPTOP);
    const first = nextDashboard(page);
    await signIn(page, official.username);
    await page.waitForURL('**/dashboard');
    const data = (await (await first).json()) as Dashboard;
    expect(data).toMatchObject({ level: 'street', place: { id: official.jurisdiction.streetId ?? '' } });
    await showing(page, data);
    await chartsDrawn(page, data);
  }, 180_000);

  it('a grid worker asking for it is sent to their home view', async () => {
    const page = await open('/dashboard', LAPTOP);
    await signIn(page, firstOf('grid').username);
    await page.waitForURL('**/tasks', { timeout: 60_000 });
    expect(await page.locator('.dashboard-page').count()).toBe(0);
  }, 180_000);
});
