/**
 * What a phone gets from `npm start` against `npm run dev` (issue 14: a resident waited 30 s for
 * first paint on Vite's dev server): the resident page and a grid worker's /tasks, served in the
 * same run by the production build (Vite preview, `npm start`) and by Vite's dev server, both
 * proxying to one local runtime on the demo city. Each load runs in a 360×740 phone context on a
 * throttled network (1.6 Mbps down, 750 kbps up, 150 ms RTT) and a 4× slower CPU, with service
 * workers blocked so both servers are measured from the network: requests, bytes transferred,
 * first contentful paint, time until the page's content is there and cumulative layout shift —
 * the median of 3 loads after a warm-up (the dev server compiles on first request), the first
 * load of the resident page ever made to each server reported apart as "cold". Under --quick:
 * `npm start`'s server alone, one load (the dev server's compile is most of the module's time).
 *
 * Then issue 19's figures, on the production build: the JavaScript each page loads on a first
 * visit (gzip, and brotli as CloudFront serves it), read from the build's manifest
 * (test/support/web-chunks.ts), against the aims — the main entry ≤ 150 KB and the resident page
 * ≤ 60 KB gzip; and Lighthouse 12.2.3's default (mobile) run on the resident page in Debian's
 * Chromium: performance score, FCP, LCP, TBT, CLS and the script bytes it transferred.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '#infra/local/setup.ts';
import { demoCity } from '#infra/local/demo/users.ts';
import { seedCity } from '#infra/local/demo/seed.ts';
import { startLocalRuntime } from '#infra/local/runtime.ts';
import { startWebServer, type WebServer } from '#infra/local/web-server.ts';
import { WEB_DIST } from '#web/vite.config.ts';
import { launchChromium, PHONE } from '../e2e/browser.ts';
import { entryFiles, pageLoad, PAGE_VIEWS, readManifest, WEB_AIMS_KB, weigh, type PageName } from '../support/web-chunks.ts';
import { percentile, type Bench, type BenchContext } from './context.ts';

/** The figures of one load. */
interface Load {
  readonly requests: number;
  readonly bytes: number;
  readonly fcpMs: number;
  readonly contentMs: number;
  readonly cls: number;
}

/** Lighthouse's mobile profile ("slow 4G"), in the units of Network.emulateNetworkConditions. */
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 4;
/** Loads measured per page and server (after the cold one): the median of three, one under --quick. */
const MEASURED_LOADS = { full: 3, quick: 1 };

/** Adds up layout shifts from the start of the page (not those right after an input, as CLS does). */
const SHIFT_RECORDER = `
  window.benchShift = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.benchShift += e.value; }).observe({ type: 'layout-shift', buffered: true });
`;

/**
 * When the page's content is there: the compound's name and status (they come together) and
 * today's counts (web/src/resident/page.ts, cases.ts); the worker's open tasks.
 */
const RESIDENT_READY = ['.resident-page .resident-status-pill[data-status]', '.resident-page [data-testid="case-today"]'];
const TASKS_READY = '.tasks-page .task-section[data-section="open"]';

/**
 * One load of `url` in a new page of `context`, throttled, measured from navigation until every
 * selector of `readyAll` matches, then until the load event and a moment more for late shifts.
 */
async function measureLoad(context: BrowserContext, url: string, readyAll: readonly string[]): Promise<Load> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // A fresh load from the network, as a new user's phone makes it (a signed-in context has the app in its HTTP cache).
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const sent = new Set<string>();
    let bytes = 0;
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.request.url.startsWith('http')) sent.add(e.requestId);
    });
    cdp.on('Network.loadingFinished', (e) => {
      if (sent.has(e.requestId)) bytes += e.encodedDataLength;
    });
    await page.goto(url, { waitUntil: 'commit', timeout: 300_000 });
    const contentMs = await readyAt(page, readyAll);
    await page.waitForLoadState('load', { timeout: 300_000 });
    await page.waitForTimeout(500);
    const { fcpMs, cls } = await page.evaluate(() => ({
      fcpMs: Math.round(performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN),
      cls: (window as unknown as { benchShift: number }).benchShift,
    }));
    return { requests: sent.size, bytes, fcpMs, contentMs, cls };
  } finally {
    await page.close();
  }
}

/** performance.now() of the first frame in which every selector matches (the dev server may reload the page once). */
async function readyAt(page: Page, selectors: readonly string[]): Promise<number> {
  const handle = await page.waitForFunction(
    (all) => (all.every((s) => document.querySelector(s)) ? performance.now() : false),
    selectors,
    { polling: 'raf', timeout: 300_000 },
  );
  return Math.round((await handle.jsonValue()) as number);
}

async function phoneContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
  await context.addInitScript(SHIFT_RECORDER);
  return context;
}

interface PageFigures {
  readonly cold?: Load;
  readonly loads: readonly Load[];
}

/** Both pages on one server: the resident page (its first load the server's cold one), then /tasks after sign-in. */
async function measureServer(browser: Browser, web: WebServer, compoundId: string, username: string, measured: number): Promise<Record<'resident' | 'tasks', PageFigures>> {
  const residentUrl = `${web.url}/c/${encodeURIComponent(compoundId)}`;
  const resident = await phoneContext(browser);
  let residentFigures: PageFigures;
  try {
    const cold = await measureLoad(resident, residentUrl, RESIDENT_READY);
    const loads: Load[] = [];
    for (let i = 0; i < measured; i++) loads.push(await measureLoad(resident, residentUrl, RESIDENT_READY));
    residentFigures = { cold, loads };
  } finally {
    await resident.close();
  }

  const worker = await phoneContext(browser);
  try {
    const signIn = await worker.newPage();
    await signIn.goto(`${web.url}/login?user=${encodeURIComponent(username)}`);
    await signIn.locator(TASKS_READY).waitFor({ timeout: 300_000 });
    await signIn.close();
    // The warm-up: /tasks opened once unthrottled, so the dev server has compiled what it needs.
    const warm = await worker.newPage();
    await warm.goto(`${web.url}/tasks`);
    await warm.locator(TASKS_READY).waitFor({ timeout: 300_000 });
    await warm.close();
    const loads: Load[] = [];
    for (let i = 0; i < measured; i++) loads.push(await measureLoad(worker, `${web.url}/tasks`, [TASKS_READY]));
    return { resident: residentFigures, tasks: { loads } };
  } finally {
    await worker.close();
  }
}

const median = (loads: readonly Load[], figure: keyof Load) => percentile(loads.map((l) => l[figure]), 50);

/** The pages' figures on each server; `dev` absent under --quick (start's figures alone). */
function report(ctx: BenchContext, page: string, prod: PageFigures, dev: PageFigures | undefined) {
  const rows: readonly [string, keyof Load, string, (v: number) => number, string][] = [
    ['requests', 'requests', '', (v) => v, ''],
    ['bytes transferred', 'bytes', 'KB', (v) => v / 1024, 'encoded, headers included'],
    ['first contentful paint', 'fcpMs', 'ms', (v) => v, 'from navigation start'],
    ['content there', 'contentMs', 'ms', (v) => v, 'from navigation start'],
    ['cumulative layout shift', 'cls', '', (v) => v, 'to load + 0.5 s'],
  ];
  for (const [name, figure, unit, shown, note] of rows) {
    const p = median(prod.loads, figure);
    ctx.report('web-pages', `${page} ${name}: npm start`, shown(p), unit, `median of ${prod.loads.length}`);
    if (!dev) continue;
    const d = median(dev.loads, figure);
    ctx.report('web-pages', `${page} ${name}: npm run dev`, shown(d), unit, `median of ${dev.loads.length}`);
    ctx.report('web-pages', `${page} ${name}: dev / start`, p === 0 ? '-' : d / p, p === 0 ? '' : '×', note);
    if (prod.cold && dev.cold && figure !== 'cls') {
      ctx.report('web-pages', `${page} ${name} cold: npm start`, shown(prod.cold[figure]), unit, 'first load on the server');
      ctx.report('web-pages', `${page} ${name} cold: npm run dev`, shown(dev.cold[figure]), unit, `${(dev.cold[figure] / prod.cold[figure]).toFixed(1)}× start`);
    }
  }
}

/** Issue 19's aims, gzip. */
const { entry: ENTRY_AIM_KB, resident: RESIDENT_AIM_KB } = WEB_AIMS_KB;
const LIGHTHOUSE_AIM = { performance: 90, cls: 0.05 };

/** Each page's JavaScript on a first visit, from the build that `npm start` serves. */
function reportWeights(ctx: BenchContext) {
  const manifest = readManifest(WEB_DIST);
  const entry = weigh(WEB_DIST, entryFiles(manifest));
  const kb = (bytes: number) => bytes / 1024;
  ctx.report('web-pages', 'main entry JS gzip', kb(entry.gzip), 'KB', `aim ≤ ${ENTRY_AIM_KB} KB: ${(entry.gzip / 1024 / ENTRY_AIM_KB).toFixed(2)}× the aim; raw ${kb(entry.raw).toFixed(0)} KB`);
  ctx.report('web-pages', 'main entry JS brotli', kb(entry.brotli), 'KB', 'quality 11');
  for (const page of Object.keys(PAGE_VIEWS) as PageName[]) {
    const load = pageLoad(manifest, page);
    const js = weigh(WEB_DIST, load.js);
    const css = weigh(WEB_DIST, load.css);
    const aim = page === 'resident' ? ` aim ≤ ${RESIDENT_AIM_KB} KB: ${(js.gzip / 1024 / RESIDENT_AIM_KB).toFixed(2)}× the aim;` : '';
    const name = page === 'staff' ? 'signed-in shell (before a view)' : `${page} page`;
    ctx.report('web-pages', `${name} JS gzip`, kb(js.gzip), 'KB', `${js.files} files, raw ${kb(js.raw).toFixed(0)} KB;${aim} CSS ${kb(css.gzip).toFixed(1)} KB gzip`);
    ctx.report('web-pages', `${name} JS brotli`, kb(js.brotli), 'KB', 'what CloudFront sends a browser that accepts br');
  }
}

/** The figures of one Lighthouse run. */
interface LighthouseFigures {
  readonly performance: number;
  readonly fcpMs: number;
  readonly lcpMs: number;
  readonly tbtMs: number;
  readonly cls: number;
  readonly scriptBytes: number;
  readonly scripts: number;
}

/**
 * Lighthouse's default run (the mobile preset: a Moto G power's screen, simulated slow 4G and a
 * 4× slower CPU) of `url`, performance only, in its own Debian Chromium.
 */
async function runLighthouse(url: string): Promise<LighthouseFigures> {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: [...CHROMIUM_FLAGS] });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
    if (!result) throw new Error('Lighthouse gave no result');
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
    const value = (audit: string) => lhr.audits[audit]?.numericValue ?? Number.NaN;
    const requests = (lhr.audits['network-requests']?.details as { items?: { resourceType?: string; transferSize?: number }[] } | undefined)?.items ?? [];
    const scripts = requests.filter((r) => r.resourceType === 'Script');
    return {
      performance: Math.round((lhr.categories.performance?.score ?? Number.NaN) * 100),
      fcpMs: value('first-contentful-paint'),
      lcpMs: value('largest-contentful-paint'),
      tbtMs: value('total-blocking-time'),
      cls: value('cumulative-layout-shift'),
      scriptBytes: scripts.reduce((sum, r) => sum + (r.transferSize ?? 0), 0),
      scripts: scripts.length,
    };
  } finally {
    chrome.kill();
  }
}

function reportLighthouse(ctx: BenchContext, url: string, figures: LighthouseFigures) {
  const { performance, cls } = LIGHTHOUSE_AIM;
  ctx.report('web-pages', 'Lighthouse resident page: performance', figures.performance, '', `mobile preset; aim ≥ ${performance} (${figures.performance >= performance ? 'met' : 'missed'}); ${url}`);
  ctx.report('web-pages', 'Lighthouse resident page: FCP', figures.fcpMs, 'ms', 'simulated slow 4G, 4× CPU');
  ctx.report('web-pages', 'Lighthouse resident page: LCP', figures.lcpMs, 'ms');
  ctx.report('web-pages', 'Lighthouse resident page: TBT', figures.tbtMs, 'ms');
  ctx.report('web-pages', 'Lighthouse resident page: CLS', figures.cls, '', `aim ≤ ${cls} (${figures.cls <= cls ? 'met' : 'missed'})`);
  ctx.report('web-pages', 'Lighthouse resident page: script transferred', figures.scriptBytes / 1024, 'KB', `${figures.scripts} scripts, as the preview server sends them (gzip)`);
}

export const bench: Bench = {
  name: 'web-pages',
  async run(ctx) {
    const city = demoCity();
    const tableName = await ctx.freshTable('webpages');
    await seedCity(city);
    const compound = city.compounds[0];
    const grid = city.users.find((u) => u.role === 'grid');
    if (!compound || !grid) throw new Error('the demo city has no compound or no grid worker');
    ctx.report('web-pages', 'demo city seeded', city.compounds.length, 'compounds', `resident page ${compound.id}, /tasks as ${grid.username}`);
    const runtime = await startLocalRuntime({ endpoint: ctx.endpoint, tableName, apiPort: 0, users: city.users });
    const servers: WebServer[] = [];
    const browser = await launchChromium();
    try {
      const started = performance.now();
      let built = false;
      const prodServer = await startWebServer({ port: 0, apiUrl: runtime.api.url, mode: 'preview', log: () => (built = true) });
      servers.push(prodServer);
      ctx.report('web-pages', 'production build served', (performance.now() - started) / 1000, 's', built ? 'built first (missing or stale)' : 'up to date, not rebuilt');
      // Under --quick the dev server is left out: its first request compiles the whole app, most of
      // this module's minutes, for a comparison the full run makes.
      const devServer = ctx.sized({ full: true, quick: false }) ? await startWebServer({ port: 0, apiUrl: runtime.api.url, mode: 'dev' }) : undefined;
      if (devServer) servers.push(devServer);
      reportWeights(ctx);
      const residentUrl = `${prodServer.url}/c/${encodeURIComponent(compound.id)}`;
      reportLighthouse(ctx, residentUrl, await runLighthouse(residentUrl));
      const measured = ctx.sized(MEASURED_LOADS);
      const prod = await measureServer(browser, prodServer, compound.id, grid.username, measured);
      const dev = devServer ? await measureServer(browser, devServer, compound.id, grid.username, measured) : undefined;
      report(ctx, 'resident /c/{id}', prod.resident, dev?.resident);
      report(ctx, 'grid /tasks', prod.tasks, dev?.tasks);
    } finally {
      await browser.close();
      for (const server of servers) await server.close();
      await runtime.stop();
    }
  },
};
