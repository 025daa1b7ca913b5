/**
 * Helpers for the end-to-end tests: Debian's Chromium driven by playwright-core (Playwright's
 * own browser download cannot work here), one per test file with a fresh context per test, the app's sign-in, and reading the map's state — the
 * compound shapes, the legend and the bbox the app asked for — so tests wait for conditions,
 * never for durations.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '#infra/local/setup.ts';
import { createApiClient, type ApiClient } from '#web/src/api/client.ts';

const RESULTS = path.resolve(import.meta.dirname, '../../test-results/e2e');

/** Playwright gives each launch a fresh, empty profile directory. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
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
 * legend, and the canvas holds at least as many), and reads the map in that same moment, so
 * bbox, legend and shapes belong together even if the map moves on right after.
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
    const drawn = Number(document.querySelector<HTMLElement>('.compound-map')?.dataset.drawn ?? -1);
    if (shapes.length !== shown || drawn < shown) return false;
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

/**
 * A compound to click on the map like a user would: the canvas has no element per shape, so
 * the compound is first chosen from the in-view list (the map flies to it), its panel closed,
 * and the map's centre — now the compound's — is the point to click.
 */
export async function clickableCompound(page: Page): Promise<{ id: string; x: number; y: number }> {
  const item = page.locator('details.compound-list-box .compound-item[data-compound-id]').first();
  const id = (await item.getAttribute('data-compound-id')) ?? '';
  await page.locator('details.compound-list-box summary').click();
  await item.click();
  const panel = page.locator(`.compound-panel[data-compound-id="${id}"]`);
  await panel.waitFor();
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  await page.locator('details.compound-list-box summary').click();
  await settledMap(page);
  const box = await page.locator('.compound-map').boundingBox();
  if (!id || !box) throw new Error('no compound to click');
  // The map centres the compound; a community label or an exit badge may sit on top of that
  // very point, so take the nearest point where the click reaches the canvas underneath.
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const onCanvas = await page.evaluate(({ x, y }) => {
    for (let r = 0; r <= 12; r += 2) {
      for (const [dx, dy] of [[0, 0], [r, 0], [-r, 0], [0, r], [0, -r], [r, r], [-r, -r], [r, -r], [-r, r]] as const) {
        if (document.elementFromPoint(x + dx, y + dy)?.tagName === 'CANVAS') return { x: x + dx, y: y + dy };
      }
    }
    return undefined;
  }, centre);
  return { id, ...(onCanvas ?? centre) };
}

/**
 * Clicks the map at the centred compound and returns the compound whose panel the click opened.
 * The compound's point need not lie inside its outline, and a neighbour may be drawn over it, so
 * the click may open a neighbour (the test then checks that one against the API) or nothing, when
 * it is tried a few pixels around.
 */
export async function clickCompoundOpen(page: Page, at: { x: number; y: number }): Promise<{ id: string; panel: Locator }> {
  const panel = page.locator('.compound-panel[data-compound-id]');
  const around = [[0, 0], [6, 0], [-6, 0], [0, 6], [0, -6], [12, 12], [-12, -12], [12, -12], [-12, 12]] as const;
  for (const [dx, dy] of around) {
    await page.mouse.click(at.x + dx, at.y + dy);
    try {
      await panel.waitFor({ timeout: 3_000 });
      return { id: (await panel.getAttribute('data-compound-id')) ?? '', panel };
    } catch {
      // Nothing there: try the next point.
    }
  }
  throw new Error(`no compound opened by a click around ${at.x},${at.y}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * The app's own API client, signed in as a demo user, to ask the local API directly what the
 * page should show.
 */
export async function apiAs(apiUrl: string, username: string): Promise<ApiClient> {
  const client = (token?: string) => createApiClient({ baseUrl: apiUrl, getToken: () => token, onUnauthorized: () => undefined });
  const { token } = await client().call('issueLocalToken', { body: { username } });
  return client(token);
}
