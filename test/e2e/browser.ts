/**
 * Helpers for the end-to-end tests: Debian's Chromium driven by playwright-core (Playwright's
 * own browser download cannot work here), one per test file with a fresh context per test, the
 * app's sign-in, and reading the map's state — the compound shapes, the legend, the bbox the app
 * asked for and the view it has painted — so tests wait for conditions, never for durations, and
 * open compounds by name or from the list, or click one where the painted view has drawn it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '#infra/local/setup.ts';
import { createApiClient, type ApiClient } from '#web/src/api/client.ts';
import zhMap from '#web/src/locales/zh-CN/map.json' with { type: 'json' };
import { AREA_ZOOM } from '#web/src/map/tiles.ts';
import { paintedView, type PaintedView, type Pixel } from './canvas-point.ts';

const RESULTS = path.resolve(import.meta.dirname, '../../test-results/e2e');

/** Playwright gives each launch a fresh, empty profile directory; `args` adds flags (a fake camera). */
export function launchChromium(args: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS, ...args] });
}

/** The screens the journeys use: an official's laptop and a worker's or resident's phone. */
export const LAPTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN' };
export const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, locale: 'zh-CN', isMobile: true, hasTouch: true };

export interface FileBrowser {
  /** A fresh context (empty storage, a laptop unless told) and its page at the app's `path`. */
  open(path?: string, options?: BrowserContextOptions): Promise<Page>;
}

/**
 * One Chromium for a test file and a fresh context per test, closed after it: registers the
 * file's hooks, so call it at the top level of the file.
 */
export function browserPerFile(webUrl: string): FileBrowser {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async open(at = '', options = LAPTOP) {
      if (!browser) throw new Error('no browser: browserPerFile opens pages inside tests only');
      context = await browser.newContext(options);
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error('page error:', error));
      await page.goto(webUrl + at);
      return page;
    },
  };
}

/**
 * Waits until the page could start again with no network: the service worker installed and
 * controlling it, and the runtime config kept in its cache (web/src/pwa/register.ts).
 */
export async function untilOfflineReady(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.waitForFunction(async () => (await caches.match('/config.json')) !== undefined, undefined, { polling: 100 });
}

/** Signs in with the keyboard only: search for the user, Tab to their button, Enter. */
export async function signIn(page: Page, username: string): Promise<void> {
  const search = page.locator('#user-search');
  await search.fill(username);
  await page.locator(`button[data-username="${username}"]`).waitFor();
  await search.focus();
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.username);
  if (focused !== username) throw new Error(`Tab from the search box reached ${focused ?? 'nothing'}, not ${username}`);
  await page.keyboard.press('Enter');
}

interface LegendEntry {
  readonly status: string;
  readonly label: string;
  readonly count: number;
}

export interface MapState {
  readonly bbox: string;
  readonly legend: readonly LegendEntry[];
  readonly total: number;
  readonly shapes: readonly { id: string; status: string; communityId: string }[];
}

/**
 * Waits until the compounds for the current viewport are loaded and drawn (the map draws on a
 * canvas, so the compounds in view are read from the page's list of them, which mirrors the
 * legend, and the canvas holds at least as many) and the map says it has painted its view,
 * and reads the map in that same moment, so bbox, legend and shapes belong together even if
 * the map moves on right after.
 */
export async function settledMap(page: Page): Promise<MapState> {
  const settled = await page.waitForFunction((): MapState | false => {
    const area = document.querySelector<HTMLElement>('.map-area');
    if (area?.dataset.state !== 'ready') return false;
    const countOf = (li: Element) => Number(li.querySelector<HTMLElement>('.legend-count')?.dataset.count);
    const entries = [...document.querySelectorAll<HTMLElement>('.legend li[data-status]:not(.legend-total)')];
    const shapes = [...document.querySelectorAll<HTMLElement>('.compound-list-box details .compound-item[data-compound-id], details.compound-list-box .compound-item[data-compound-id]')].map((el) => ({
      id: el.dataset.compoundId ?? '',
      status: el.dataset.status ?? '',
      communityId: el.dataset.communityId ?? '',
    }));
    const shown = entries.filter((li) => !li.classList.contains('legend-hidden')).reduce((sum, li) => sum + countOf(li), 0);
    const map = document.querySelector<HTMLElement>('.compound-map');
    const drawn = Number(map?.dataset.drawn ?? -1);
    if (shapes.length !== shown || drawn < shown || map?.dataset.painted === undefined) return false;
    const total = document.querySelector('.legend-total');
    return {
      bbox: area.dataset.bbox ?? '',
      legend: entries.map((li) => ({ status: li.dataset.status ?? '', label: li.querySelector('.legend-label')?.textContent ?? '', count: countOf(li) })),
      total: total ? countOf(total) : Number.NaN,
      shapes,
    };
  });
  return (await settled.jsonValue()) as MapState;
}

/** Finds a compound by its name in the map's search and opens it from the results (the map flies to it). */
export async function findAndOpen(page: Page, name: string, id: string): Promise<Locator> {
  await page.getByLabel(zhMap.map.search.label).fill(name);
  const result = page.locator(`section.compound-list-box .compound-item[data-compound-id="${id}"]`);
  await result.waitFor();
  if ((await result.locator('.compound-item-name').textContent()) !== name) throw new Error(`the search for ${name} found another name`);
  await result.click();
  const panel = page.locator(`.compound-panel[data-compound-id="${id}"]`);
  await panel.waitFor();
  return panel;
}

/** Opens the first compound of the list of compounds in view, the map's way in for keyboards (no pixels involved). */
export async function openFirstInView(page: Page): Promise<{ id: string; panel: Locator }> {
  await page.locator('details.compound-list-box summary').click();
  const item = page.locator('details.compound-list-box .compound-item[data-compound-id]').first();
  const id = (await item.getAttribute('data-compound-id')) ?? '';
  await item.click();
  const panel = page.locator(`.compound-panel[data-compound-id="${id}"]`);
  await panel.waitFor();
  return { id, panel };
}

/**
 * Waits until the map has painted, close in (outlines), a view that holds `bbox` (west, south,
 * east, north on the map) with everything in view loaded (web/src/map/DrawnSignal.tsx), and
 * returns that view with the map container's box on the page.
 */
export async function paintedViewHolding(page: Page, bbox: readonly [number, number, number, number]): Promise<PaintedView> {
  const handle = await page.waitForFunction(([[w, s, e, n], closeIn]) => {
    const map = document.querySelector<HTMLElement>('.compound-map');
    const area = document.querySelector<HTMLElement>('.map-area');
    const painted = map?.dataset.painted;
    if (!map || !painted || area?.dataset.state !== 'ready' || Number(area.dataset.zoom) < closeIn) return false;
    const [west, south, east, north] = painted.split(',').map(Number) as [number, number, number, number];
    if (!(west <= w && south <= s && east >= e && north >= n)) return false;
    const box = map.getBoundingClientRect();
    return { painted, left: box.left + map.clientLeft, top: box.top + map.clientTop, width: map.clientWidth, height: map.clientHeight };
  }, [bbox, AREA_ZOOM] as const);
  const { painted, ...box } = (await handle.jsonValue()) as { painted: string; left: number; top: number; width: number; height: number };
  return paintedView(painted, box);
}

/** The first of the points where nothing lies over the map's canvas (a label, a marker, the legend). */
export async function firstOnCanvas(page: Page, points: readonly Pixel[]): Promise<Pixel | undefined> {
  const index = await page.evaluate((candidates) =>
    candidates.findIndex(({ x, y }) => document.elementFromPoint(x, y)?.tagName === 'CANVAS'), points);
  return points[index];
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * The app's own API client, signed in as a demo user, to ask the local API directly what the
 * page should show; in `language` when given (Accept-Language), else the API's default.
 */
export async function apiAs(apiUrl: string, username: string, language?: string): Promise<ApiClient> {
  const client = (token?: string) => createApiClient({
    baseUrl: apiUrl, getToken: () => token, onUnauthorized: () => undefined, ...(language ? { getLanguage: () => language } : {}),
  });
  const { token } = await client().call('issueLocalToken', { body: { username } });
  return client(token);
}
