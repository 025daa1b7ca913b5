/**
 * Helpers for the end-to-end tests: Debian's Chromium driven by playwright-core (Playwright's
 * own browser download cannot work here), the app's sign-in, and reading the map's state — the
 * compound shapes, the legend and the bbox the app asked for — so tests wait for conditions,
 * never for durations.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { CompoundCollection } from '../../shared/schemas/compound.ts';

type CompoundFeature = CompoundCollection['features'][number];

export const CHROMIUM = '/usr/bin/chromium';

/** The machine has no network beyond localhost: no background traffic, no QUIC, no sync. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const RESULTS = path.resolve(import.meta.dirname, '../../test-results/e2e');

/** Playwright gives each launch a fresh, empty profile directory. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

/** A fresh context (empty storage) and page, sized like a laptop screen. */
export async function openPage(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(url);
  return { context, page };
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

export interface LegendEntry {
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
 * Waits until the compounds for the current viewport are loaded and drawn (as many shapes as
 * the legend counts in shown statuses), and reads the map in that same moment, so bbox, legend
 * and shapes belong together even if the map moves on right after.
 */
export async function settledMap(page: Page): Promise<MapState> {
  const settled = await page.waitForFunction((): MapState | false => {
    const area = document.querySelector<HTMLElement>('.map-area');
    if (area?.dataset.state !== 'ready') return false;
    const countOf = (li: Element) => Number(li.querySelector<HTMLElement>('.legend-count')?.dataset.count);
    const entries = [...document.querySelectorAll<HTMLElement>('.legend li[data-status]:not(.legend-total)')];
    const shapes = [...document.querySelectorAll<SVGElement>('.leaflet-compounds-pane path[data-compound-id]')].map((el) => ({
      id: el.dataset.compoundId ?? '',
      status: el.dataset.status ?? '',
      communityId: el.dataset.communityId ?? '',
    }));
    const shown = entries.filter((li) => !li.classList.contains('legend-hidden')).reduce((sum, li) => sum + countOf(li), 0);
    if (shapes.length !== shown) return false;
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

/** A compound shape whose centre is not covered by anything else, to click like a user would. */
export async function clickableCompound(page: Page): Promise<{ id: string; x: number; y: number }> {
  const target = await page.evaluate(() => {
    const shapes = [...document.querySelectorAll<SVGElement>('.leaflet-compounds-pane path[data-compound-id]')];
    for (const shape of shapes) {
      const box = shape.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      if (document.elementFromPoint(x, y) === shape) return { id: shape.dataset.compoundId ?? '', x, y };
    }
    return undefined;
  });
  if (!target) throw new Error('no compound shape can be clicked at its centre');
  return target;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Talks to the local API directly, as a demo user, to know what the page should show. */
export async function apiAs(apiUrl: string, username: string) {
  const issued = await fetch(`${apiUrl}/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!issued.ok) throw new Error(`no token for ${username}: ${issued.status}`);
  const { token } = (await issued.json()) as { token: string };
  const get = async <T>(pathAndQuery: string): Promise<T> => {
    const response = await fetch(`${apiUrl}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET ${pathAndQuery}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  /** Every feature of a paged collection. */
  const all = async <F = CompoundFeature>(pathAndQuery: string): Promise<F[]> => {
    const features: F[] = [];
    let next: string | undefined;
    do {
      const separator = pathAndQuery.includes('?') ? '&' : '?';
      const page = await get<{ features: F[]; nextToken?: string }>(next ? `${pathAndQuery}${separator}nextToken=${encodeURIComponent(next)}` : pathAndQuery);
      features.push(...page.features);
      next = page.nextToken;
    } while (next);
    return features;
  };
  return { token, get, all };
}
