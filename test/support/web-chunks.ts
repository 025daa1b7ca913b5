/**
 * What each page of the production build loads, read from the build itself: Vite's manifest
 * (.vite/manifest.json) gives each HTML entry's and view's chunks and their static imports, the
 * source maps the modules in each chunk. Used by test/infra/web-chunks.test.ts (the open pages load
 * no Leaflet, no staff code, no zod; the resident page no React either) and the web-pages bench
 * (each page's JavaScript, gzip and brotli, against issue 19's aims). A page of the app
 * (index.html) loads the entry's graph, its view's graph and its strings in Chinese
 * (web/src/view-features.ts); the resident page, an entry of its own (resident.html), loads its
 * entry's graph, its Chinese strings included — what a resident's phone fetches on a first visit,
 * and all of it: the open pages install no service worker, so nothing else downloads behind them
 * (web/src/main.tsx, web/src/resident/main.ts).
 */

/** Issue 19's aims for what a phone downloads, gzip: the main entry, and everything the resident page loads. */
export const WEB_AIMS_KB = { entry: 150, resident: 60 } as const;
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { VIEW_FEATURES } from '#web/src/view-features.ts';
import { RESIDENT_HTML } from '#web/src/public/resident-path.ts';

interface ManifestChunk {
  readonly file: string;
  readonly name?: string;
  readonly src?: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
  readonly css?: readonly string[];
}
type Manifest = Readonly<Record<string, ManifestChunk>>;

/** The pages measured: the open ones by their view's module; `staff` is the signed-in side before any view. */
export const PAGE_VIEWS = {
  resident: 'src/resident/page.ts',
  report: 'src/report/ReportPage.tsx',
  household: 'src/household/HouseholdPage.tsx',
  staff: 'src/layout/StaffApp.tsx',
} as const;
export type PageName = keyof typeof PAGE_VIEWS;

/** The chunk key of the app's HTML entry. */
const ENTRY = 'index.html';

/** Each page's HTML entry: the app's, but the resident page's own (web/resident.html). */
export const PAGE_ENTRIES: Readonly<Record<PageName, string>> = { resident: RESIDENT_HTML, report: ENTRY, household: ENTRY, staff: ENTRY };

export interface Weight {
  readonly files: number;
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
}

export interface PageLoad {
  /** The JavaScript files, entry first. */
  readonly js: readonly string[];
  readonly css: readonly string[];
}

export function readManifest(dist: string): Manifest {
  return JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
}

/** `keys`' chunks and, recursively, what they import statically (what the browser must fetch before they run). */
function closure(manifest: Manifest, keys: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the build's manifest has no chunk ${key}`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return [...seen];
}

/**
 * The chunk of each feature's Chinese strings, by feature: what web/src/translations.ts imports
 * when a view asks for them (the chunk whose dynamic imports are the locale files). A file the
 * resident page's entry imports too is a shared chunk with no `src` of its own, keyed by its
 * hash; its name is still the feature's. The shell's Chinese, in the entry already, has none.
 */
function chineseStrings(manifest: Manifest): Map<string, string> {
  const loader = Object.values(manifest).find((chunk) => chunk.dynamicImports?.includes('src/locales/en/core.json'));
  if (!loader) throw new Error('the build\'s manifest has no chunk loading the translations');
  const keys = (loader.dynamicImports ?? []).filter((key) => !key.startsWith('src/locales/en/'));
  return new Map(keys.map((key) => [manifest[key]?.name ?? key, key]));
}

/** The chunks of a view's Chinese strings. (The resident page's entry imports its own: web/src/resident/main.ts.) */
function viewStrings(manifest: Manifest, page: PageName): string[] {
  const strings = chineseStrings(manifest);
  return VIEW_FEATURES[page].flatMap((feature) => strings.get(feature) ?? []);
}

/** What `page` loads in Chinese: its entry's graph; for a view of the app, its view's and its strings' too. */
export function pageLoad(manifest: Manifest, page: PageName): PageLoad {
  const entry = PAGE_ENTRIES[page];
  const keys = closure(manifest, entry === ENTRY ? [ENTRY, PAGE_VIEWS[page], ...viewStrings(manifest, page)] : [entry]);
  const chunks = keys.map((key) => manifest[key]!);
  return { js: [...new Set(chunks.map((c) => c.file))], css: [...new Set(chunks.flatMap((c) => c.css ?? []))] };
}

/**
 * The app's entry and what it imports statically (the main entry of issue 19's aim): what
 * index.html fetches before any view, the chunks it shares with the resident page included.
 */
export const entryFiles = (manifest: Manifest): string[] => closure(manifest, [ENTRY]).map((key) => manifest[key]!.file);

/** Bytes of `files` raw, gzip (level 9) and brotli (quality 11, as CloudFront's compression is close to). */
export function weigh(dist: string, files: readonly string[]): Weight {
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const file of files) {
    const bytes = readFileSync(path.join(dist, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length;
  }
  return { files: files.length, raw, gzip, brotli };
}

/** The source modules bundled in `file`, from its source map (paths as the map names them). */
export function modulesOf(dist: string, file: string): string[] {
  const mapFile = path.join(dist, `${file}.map`);
  // The bundler's own runtime chunk has no map, and no module of the app.
  if (!existsSync(mapFile)) return [];
  return (JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[] }).sources;
}
