/**
 * The web app's production build, split by view (issue 19): the resident page, a report link
 * and a household's page load no Leaflet, no React-Leaflet, no staff code (the map, the board,
 * the dashboard's charts, the header and sign-in) and no zod or catalogue schemas — checked on
 * the modules the build put in each page's chunks (its manifest and source maps), so whatever
 * import brings them back fails here, not on a resident's phone. The resident page, an HTML entry
 * of its own, loads no React either and stays within its aim of 60 KB gzip; the main entry within
 * its 150 KB. Built once into a folder of its own (not web/dist, which a running server may serve).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webConfig } from '#web/vite.config.ts';
import { buildWebApp } from '#infra/local/web-server.ts';
import { entryFiles, modulesOf, PAGE_ENTRIES, PAGE_VIEWS, pageLoad, readManifest, WEB_AIMS_KB, weigh, type PageName } from '#test/support/web-chunks.ts';

const OPEN_PAGES: readonly PageName[] = ['resident', 'report', 'household'];

/**
 * What an open page must not carry, by module path as the source maps name it. The app's services
 * (web/src/services.tsx), made before any view, still hold the session store, the sign-in adapters
 * and the outbox's wipe on sign-out: those few modules (≈ 4 KB gzip) are allowed until the
 * services are split too.
 */
const FORBIDDEN: readonly [string, RegExp][] = [
  ['Leaflet', /node_modules\/leaflet\//],
  ['React-Leaflet', /node_modules\/(react-leaflet|@react-leaflet)\//],
  ['echarts', /node_modules\/(echarts|zrender|echarts-for-react)\//],
  ['zod', /node_modules\/zod\//],
  ['the catalogue', /shared\/catalogue\/(?!paths\.ts$)/],
  ['a schema', /shared\/schemas\/(?!constants\.ts$)/],
  ['the server messages', /shared\/messages\/catalogue\.ts$/],
  ['a staff view', /web\/src\/(map|board|dashboard|tasks|gate|passes|people|inbox|reports|inspections|orders|auth)\/(?!(session|adapter|cognito|outbox|offline-db|offline-reads)\.ts$)/],
  ['the staff shell', /web\/src\/layout\/(StaffApp|AppHeader|MainNav)\.tsx$/],
];

/** What the resident page carries no more than the other open pages: React, whose runtime alone is beyond the page's aim. */
const NOT_ON_THE_RESIDENT_PAGE: readonly [string, RegExp][] = [
  ['React', /node_modules\/(react|react-dom|scheduler|react-i18next)\//],
  ['a React module of the app', /web\/src\/.*\.tsx$/],
  ['the app\'s services', /web\/src\/(services\.tsx|auth\/)/],
];

/** The modules bundled in what `page` loads, as the source maps name them. */
const pageModules = (page: PageName): string[] => pageLoad(readManifest(dist), page).js.flatMap((file) => modulesOf(dist, file));

let dist = '';

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), 'cordon-web-chunks-'));
  const config = webConfig({ apiUrl: '' });
  await buildWebApp({ ...config, configFile: false, logLevel: 'error', build: { ...config.build, outDir: dist } });
}, 600_000);

afterAll(() => {
  if (dist) rmSync(dist, { recursive: true, force: true });
});

describe('the web build, split by view', () => {
  // A build under Vitest's NODE_ENV=test once compiled JSX for React's development runtime, which
  // the production React lacks: every page threw "jsxDEV is not a function".
  it("is compiled for React's production runtime, also when made under Vitest", () => {
    const assets = path.join(dist, 'assets');
    const scripts = readdirSync(assets).filter((file) => file.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((file) => readFileSync(path.join(assets, file), 'utf8').includes('jsxDEV'))).toEqual([]);
  });

  it.each(OPEN_PAGES)('loads no Leaflet, staff code, zod or schema on the %s page', (page) => {
    const modules = pageModules(page);
    // The page's own view is there: the check reads real module paths.
    expect(modules.some((m) => m.endsWith(PAGE_VIEWS[page]))).toBe(true);
    const found = FORBIDDEN.flatMap(([what, pattern]) => modules.filter((m) => pattern.test(m)).map((m) => `${what}: ${m}`));
    expect(found).toEqual([]);
  });

  it('builds the resident page as an HTML entry of its own, without React, within 60 KB gzip', () => {
    const manifest = readManifest(dist);
    expect(manifest[PAGE_ENTRIES.resident]?.isEntry).toBe(true);
    const modules = pageModules('resident');
    // i18next comes in its own graph, with the page's parts: the check reads the whole page.
    expect(modules.some((m) => /node_modules\/i18next\//.test(m))).toBe(true);
    expect(modules.some((m) => m.endsWith('src/resident/main.ts'))).toBe(true);
    const found = NOT_ON_THE_RESIDENT_PAGE.flatMap(([what, pattern]) => modules.filter((m) => pattern.test(m)).map((m) => `${what}: ${m}`));
    expect(found).toEqual([]);
    expect(weigh(dist, pageLoad(manifest, 'resident').js).gzip).toBeLessThanOrEqual(WEB_AIMS_KB.resident * 1024);
  });

  it('keeps Leaflet for the views that draw maps', () => {
    const manifest = readManifest(dist);
    const mapModules = Object.values(manifest)
      .filter((chunk) => chunk.file.endsWith('.js'))
      .flatMap((chunk) => modulesOf(dist, chunk.file));
    expect(mapModules.some((m) => /node_modules\/leaflet\//.test(m))).toBe(true);
  });

  it('keeps the main entry, with what it imports statically, within 150 KB gzip', () => {
    const manifest = readManifest(dist);
    expect(weigh(dist, entryFiles(manifest)).gzip).toBeLessThanOrEqual(WEB_AIMS_KB.entry * 1024);
  });

  it('styles the open pages without Leaflet\'s or the map\'s CSS', () => {
    for (const page of OPEN_PAGES) {
      const css = pageLoad(readManifest(dist), page).css.map((file) => readFileSync(path.join(dist, file), 'utf8')).join('\n');
      expect(css, page).not.toContain('.leaflet-');
    }
  });
});
