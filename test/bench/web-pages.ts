/**
 * What a phone gets from `npm start` against `npm run dev` (issue 14: a resident waited 30 s for
 * first paint on Vite's dev server): the resident page and a grid worker's /tasks, served in the
 * same run by the production build (Vite preview, `npm start`) and by Vite's dev server, both
 * proxying to one local runtime on the demo city. Each load runs in a 360×740 phone context on a
 * throttled network (1.6 Mbps down, 750 kbps up, 150 ms RTT) and a 4× slower CPU, with service
 * workers blocked so both servers are measured from the network: requests, bytes transferred,
 * first contentful paint, time until the page's content is there and cumulative layout shift —
 * the median of 3 loads after a warm-up (the dev server compiles on first request), the first
 * load of the resident page ever made to each server reported apart as "cold".
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoCity } from '#infra/local/demo/users.ts';
import { seedCity } from '#infra/local/demo/seed.ts';
import { startLocalRuntime } from '#infra/local/runtime.ts';
import { startWebServer, type WebServer } from '#infra/local/web-server.ts';
import { launchChromium, PHONE } from '../e2e/browser.ts';
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
const MEASURED_LOADS = 3;

/** Adds up layout shifts from the start of the page (not those right after an input, as CLS does). */
const SHIFT_RECORDER = `
  window.benchShift = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.benchShift += e.value; }).observe({ type: 'layout-shift', buffered: true });
`;

/**
 * When the page's content is there: the compound's name and status (they come together) and
 * today's counts (web/src/public/ResidentPage.tsx, CaseCounts.tsx); the worker's open tasks.
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
async function measureServer(browser: Browser, web: WebServer, compoundId: string, username: string): Promise<Record<'resident' | 'tasks', PageFigures>> {
  const residentUrl = `${web.url}/c/${encodeURIComponent(compoundId)}`;
  const resident = await phoneContext(browser);
  let residentFigures: PageFigures;
  try {
    const cold = await measureLoad(resident, residentUrl, RESIDENT_READY);
    const loads: Load[] = [];
    for (let i = 0; i < MEASURED_LOADS; i++) loads.push(await measureLoad(resident, residentUrl, RESIDENT_READY));
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
    for (let i = 0; i < MEASURED_LOADS; i++) loads.push(await measureLoad(worker, `${web.url}/tasks`, [TASKS_READY]));
    return { resident: residentFigures, tasks: { loads } };
  } finally {
    await worker.close();
  }
}

const median = (loads: readonly Load[], figure: keyof Load) => percentile(loads.map((l) => l[figure]), 50);

function report(ctx: BenchContext, page: string, prod: PageFigures, dev: PageFigures) {
  const rows: readonly [string, keyof Load, string, (v: number) => number, string][] = [
    ['requests', 'requests', '', (v) => v, ''],
    ['bytes transferred', 'bytes', 'KB', (v) => v / 1024, 'encoded, headers included'],
    ['first contentful paint', 'fcpMs', 'ms', (v) => v, 'from navigation start'],
    ['content there', 'contentMs', 'ms', (v) => v, 'from navigation start'],
    ['cumulative layout shift', 'cls', '', (v) => v, 'to load + 0.5 s'],
  ];
  for (const [name, figure, unit, shown, note] of rows) {
    const p = median(prod.loads, figure);
    const d = median(dev.loads, figure);
    ctx.report('web-pages', `${page} ${name}: npm start`, shown(p), unit, `median of ${prod.loads.length}`);
    ctx.report('web-pages', `${page} ${name}: npm run dev`, shown(d), unit, `median of ${dev.loads.length}`);
    ctx.report('web-pages', `${page} ${name}: dev / start`, p === 0 ? '-' : d / p, p === 0 ? '' : '×', note);
    if (prod.cold && dev.cold && figure !== 'cls') {
      ctx.report('web-pages', `${page} ${name} cold: npm start`, shown(prod.cold[figure]), unit, 'first load on the server');
      ctx.report('web-pages', `${page} ${name} cold: npm run dev`, shown(dev.cold[figure]), unit, `${(dev.cold[figure] / prod.cold[figure]).toFixed(1)}× start`);
    }
  }
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
      const devServer = await startWebServer({ port: 0, apiUrl: runtime.api.url, mode: 'dev' });
      servers.push(devServer);
      const prod = await measureServer(browser, prodServer, compound.id, grid.username);
      const dev = await measureServer(browser, devServer, compound.id, grid.username);
      report(ctx, 'resident /c/{id}', prod.resident, dev.resident);
      report(ctx, 'grid /tasks', prod.tasks, dev.tasks);
    } finally {
      await browser.close();
      for (const server of servers) await server.close();
      await runtime.stop();
    }
  },
};
