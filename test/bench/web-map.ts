/**
 * The city map in headless Chromium on the benchmark city, against a plain GeoJSON baseline
 * drawn in the same run (every compound fetched in one go, one SVG L.geoJSON layer): time from
 * load to the city view fully drawn, the longest frame of a scripted pan/zoom sequence
 * (requestAnimationFrame gaps, and the longest long task), bytes the city view transferred, and
 * the JS bundle's gzip size — side by side, with the ratios.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { streetDotsChanged } from '#functions/stores/street-dots-store.ts';
import { startLocalRuntime } from '#infra/local/runtime.ts';
import { startWebServer } from '#infra/local/web-server.ts';
import { WEB_DIST } from '#web/vite.config.ts';
import { launchChromium } from '../e2e/browser.ts';
import { cityToken, seededCity, walkFeaturePages, type Bench, type BenchContext } from './context.ts';

/** Every figure of one page. */
interface Figures {
  readonly drawnMs: number;
  readonly dataBytes: number;
  readonly totalBytes: number;
  readonly longestFrameMs: number;
  readonly longestTaskMs: number;
  readonly bundleGzip: number;
}

/** Records rAF gaps and long tasks once `window.benchFrames.on` is set (before any script runs). */
const FRAME_RECORDER = `
  window.benchFrames = { on: false, longest: 0, longTask: 0 };
  let last = 0;
  const tick = (t) => { if (window.benchFrames.on && last) window.benchFrames.longest = Math.max(window.benchFrames.longest, t - last); last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => { if (!window.benchFrames.on) return; for (const e of list.getEntries()) window.benchFrames.longTask = Math.max(window.benchFrames.longTask, e.duration); }).observe({ type: 'longtask', buffered: false });
`;

/** Bytes over the wire per request, from the DevTools protocol (headers and body as sent). */
async function countBytes(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const urls = new Map<string, string>();
  let data = 0;
  let total = 0;
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => {
    total += e.encodedDataLength;
    if (new URL(urls.get(e.requestId) ?? 'http://x/').pathname.startsWith('/v1/')) data += e.encodedDataLength;
  });
  return () => ({ data, total });
}

/**
 * The pan/zoom sequence: drags of a third of the map each way, wheel zooms in (to outlines)
 * and back out, each step followed by `settle` (the app loads the cells it uncovered).
 */
async function panAndZoom(page: Page, selector: string, settle: () => Promise<void>): Promise<{ longestFrameMs: number; longestTaskMs: number }> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not on the page`);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.evaluate(() => ((window as unknown as { benchFrames: { on: boolean } }).benchFrames.on = true));
  const profiler = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : undefined;
  if (profiler) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.start');
  }
  const debug = async (step: string) => {
    if (!process.env.BENCH_DEBUG) return;
    console.log(step, await page.evaluate(() => {
      const f = (window as unknown as { benchFrames: { longest: number; longTask: number } }).benchFrames;
      return `${Math.round(f.longest)} ms frame, ${Math.round(f.longTask)} ms task so far, zoom ${document.querySelector<HTMLElement>('.map-area')?.dataset.zoom ?? '-'}`;
    }));
  };
  const drag = async (dx: number, dy: number) => {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + dx, cy + dy, { steps: 12 });
    await page.mouse.up();
    await settle();
    await debug('drag');
  };
  const wheel = async (dy: number) => {
    await page.mouse.move(cx, cy);
    for (let i = 0; i < 3; i++) await page.mouse.wheel(0, dy);
    await page.waitForTimeout(400);
    await settle();
    await debug('wheel');
  };
  await drag(box.width / 3, 0);
  await drag(-box.width / 3, box.height / 4);
  await wheel(-300);
  await drag(box.width / 4, -box.height / 4);
  await wheel(-300);
  await drag(-box.width / 3, 0);
  await wheel(300);
  await wheel(300);
  await drag(box.width / 3, box.height / 4);
  if (profiler) {
    const { profile } = await profiler.send('Profiler.stop');
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const dt = profile.timeDeltas ?? [];
    (profile.samples ?? []).forEach((id, i) => {
      const n = byId.get(id);
      const key = `${n?.callFrame.functionName || '(anon)'} ${n?.callFrame.url.split('/').pop()}:${n?.callFrame.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
    });
    console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(0)} ms ${k}`).join('\n'));
  }
  return page.evaluate(() => {
    const f = (window as unknown as { benchFrames: { longest: number; longTask: number } }).benchFrames;
    return { longestFrameMs: f.longest, longestTaskMs: f.longTask };
  });
}

function gzipOf(files: readonly string[]): number {
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0);
}

async function measureApp(browser: Browser, webUrl: string, token: string, options: { panAndZoom?: boolean } = {}): Promise<Figures> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await context.addInitScript((t) => localStorage.setItem('cordon.token', t), token);
  await context.addInitScript(FRAME_RECORDER);
  const page = await context.newPage();
  const bytes = await countBytes(page);
  await page.goto(`${webUrl}/map`);
  // Drawn: the view's data loaded and the canvas holding at least what the legend counts. The
  // city view counts some compounds; a view after a pan or zoom may hold none (a small city).
  const ready = (first = false) =>
    page.waitForFunction((atLoad) => {
      const area = document.querySelector<HTMLElement>('.map-area');
      const total = Number(document.querySelector<HTMLElement>('.legend-total .legend-count')?.dataset.count ?? -1);
      const drawn = Number(document.querySelector<HTMLElement>('.compound-map')?.dataset.drawn ?? -1);
      return area?.dataset.state === 'ready' && (atLoad ? total > 0 : total >= 0) && drawn >= total;
    }, first, { timeout: 120_000 });
  await ready(true);
  const drawnMs = await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())))));
  if (process.env.BENCH_DEBUG) console.log(await page.evaluate(() => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => `${Math.round(r.startTime)}-${Math.round(r.responseEnd)} ${r.encodedBodySize} ${r.name.replace(location.origin, '')}`).join('\n')));
  await page.waitForTimeout(300);
  const sent = bytes();
  const frames = options.panAndZoom === false
    ? { longestFrameMs: Number.NaN, longestTaskMs: Number.NaN }
    : await panAndZoom(page, '.compound-map', async () => {
      await page.waitForTimeout(250);
      await ready();
    });
  const assets = path.join(WEB_DIST, 'assets');
  const js = readdirSync(assets).filter((f) => f.endsWith('.js')).map((f) => path.join(assets, f));
  await context.close();
  return { drawnMs, dataBytes: sent.data, totalBytes: sent.total, ...frames, bundleGzip: gzipOf(js) };
}

async function measureBaseline(browser: Browser, webUrl: string, token: string, ctx: BenchContext): Promise<Figures> {
  const outfile = path.join(ctx.workDir, 'web-map-baseline.js');
  await build({ entryPoints: [path.resolve(import.meta.dirname, 'web-map-baseline.ts')], bundle: true, minify: true, format: 'esm', target: 'es2022', outfile, logLevel: 'silent' });
  const leafletCss = readFileSync(path.resolve(import.meta.dirname, '../../node_modules/leaflet/dist/leaflet.css'), 'utf8');
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>${leafletCss} html,body,#map{margin:0;height:100%}</style></head><body><div id="map"></div><script type="module" src="/bench-baseline.js"></script></body></html>`;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await context.addInitScript((t) => ((window as unknown as { benchToken: string }).benchToken = t), token);
  await context.addInitScript(FRAME_RECORDER);
  // Served at the app's origin, so its API calls go through the same proxy as the app's.
  await context.route(`${webUrl}/bench-baseline.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await context.route(`${webUrl}/bench-baseline.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: readFileSync(outfile) }));
  const page = await context.newPage();
  const bytes = await countBytes(page);
  await page.goto(`${webUrl}/bench-baseline.html`);
  await page.waitForFunction(() => (window as unknown as { cityDrawn?: number }).cityDrawn !== undefined, undefined, { timeout: 300_000 });
  const drawnMs = await page.evaluate(() => (window as unknown as { cityDrawn: number }).cityDrawn);
  await page.waitForTimeout(300);
  const sent = bytes();
  const frames = await panAndZoom(page, '#map', () => page.waitForTimeout(250));
  await context.close();
  // The baseline's page and script come from the route, not the wire: count the script as the app's assets are counted.
  const script = readFileSync(outfile).length;
  return { drawnMs, dataBytes: sent.data, totalBytes: sent.total + script + html.length, ...frames, bundleGzip: gzipOf([outfile]) };
}

export const bench: Bench = {
  name: 'web-map',
  async run(ctx) {
    const { city, tableName, seconds } = await seededCity(ctx, 'webmap');
    ctx.report('web-map', 'city seeded', city.compounds.length, 'compounds', `${city.buildings.length.toLocaleString('en-US')} buildings, ${seconds.toFixed(1)} s`);
    const runtime = await startLocalRuntime({ endpoint: ctx.endpoint, tableName, apiPort: 0, users: city.users });
    const web = await startWebServer({ port: 0, apiUrl: runtime.api.url, mode: 'preview' });
    const browser = await launchChromium();
    try {
      const token = await cityToken(runtime, city.users);
      // Warm the API (handler modules, places cache, DynamoDB Local's pages) as a warm Lambda
      // and table would be, for both alike: every compound listed once as the baseline lists
      // them (one listing, whole), and once as the app does (street by street, as dots; web/src/map/data.ts).
      await fetch(`${runtime.api.url}/v1/communities`, { headers: { authorization: `Bearer ${token}` } });
      const listed = (query: string) => walkFeaturePages('warm-up', (next) => fetch(
        `${runtime.api.url}/v1/compounds?limit=1000${query}${next ? `&nextToken=${encodeURIComponent(next)}` : ''}`,
        { headers: { authorization: `Bearer ${token}` } },
      ));
      await listed('');
      // Street by street, as the app asks: the first pass reads each street's compounds and stores
      // its dots (functions/stores/street-dots-store.ts), the second reads the stored dots.
      const streetIds = [...new Set(city.communities.map((c) => c.streetId))];
      const everyStreet = async () => {
        const t0 = performance.now();
        for (const streetId of streetIds) await listed(`&shape=point&streetId=${encodeURIComponent(streetId)}`);
        return performance.now() - t0;
      };
      const [built, stored] = [await everyStreet(), await everyStreet()];
      ctx.report('web-map', 'street dots, every street: compounds read', built, 'ms', `${streetIds.length} streets one after another; the dots stored`);
      ctx.report('web-map', 'street dots, every street: stored dots', stored, 'ms', `${(stored / built).toFixed(2)}× the read`);
      await listed('&shape=point&unassigned=true');
      const app = await measureApp(browser, web.url, token);
      const base = await measureBaseline(browser, web.url, token, ctx);
      // The first view after compounds of every street were written: no street's dots stored.
      await streetDotsChanged(streetIds);
      const cold = await measureApp(browser, web.url, token, { panAndZoom: false });
      const row = (name: string, unit: string, a: number, b: number, note = '') => {
        ctx.report('web-map', `${name}: app`, a, unit);
        ctx.report('web-map', `${name}: GeoJSON baseline`, b, unit);
        ctx.report('web-map', `${name}: app / baseline`, a / b, '×', note);
      };
      row('city view drawn', 'ms', app.drawnMs, base.drawnMs, 'from navigation start, the streets\' dots stored; aim < 1');
      row('city view drawn, no dots stored', 'ms', cold.drawnMs, base.drawnMs, 'the first view after every street had a compound written');
      row('pan/zoom longest frame', 'ms', app.longestFrameMs, base.longestFrameMs, 'rAF gap; aim < 1');
      row('pan/zoom longest task', 'ms', app.longestTaskMs, Math.max(1, base.longestTaskMs), 'long tasks ≥ 50 ms');
      row('city view data', 'KB', app.dataBytes / 1024, base.dataBytes / 1024, 'API responses as sent');
      row('city view bytes', 'KB', app.totalBytes / 1024, base.totalBytes / 1024, 'everything, uncompressed assets');
      row('JS bundle', 'KB gzip', app.bundleGzip / 1024, base.bundleGzip / 1024, 'the app does far more than draw');
    } finally {
      await browser.close();
      await web.close();
      await runtime.stop();
    }
  },
};
