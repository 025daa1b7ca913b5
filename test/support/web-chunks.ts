/**
 * What each page of the production build loads, read from the build itself: Vite's manifest
 * (.vite/manifest.json) gives each view's chunks and their static imports, the source maps the
 * modules in each chunk. Used by test/infra/web-chunks.test.ts (the open pages load no Leaflet,
 * no staff code, no zod) and the web-pages bench (each page's JavaScript, gzip and brotli, against
 * issue 19's aims). A page loads the entry's graph, its view's graph and its strings in Chinese
 * (web/src/view-features.ts) — what a resident's phone fetches on a first visit, and all of it:
 * the open pages install no service worker, so nothing else downloads behind them (web/src/main.tsx).
 */

/** Issue 19's aims for what a phone downloads, gzip: the main entry, and everything the resident page loads. */
export const WEB_AIMS_KB = { entry: 150, resident: 60 } as const;
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { VIEW_FEATURES } from '#web/src/view-features.ts';

interface ManifestChunk {
  readonly file: string;
  readonly src?: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
  readonly css?: readonly string[];
}
type Manifest = Readonly<Record<string, ManifestChunk>>;

/** The pages measured: the open ones by their view's module; `staff` is the signed-in side before any view. */
export const PAGE_VIEWS = {
  resident: 'src/public/ResidentPage.tsx',
  report: 'src/report/ReportPage.tsx',
  household: 'src/household/HouseholdPage.tsx',
  staff: 'src/layout/StaffApp.tsx',
} as const;
export type PageName = keyof typeof PAGE_VIEWS;

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

/** The chunk key of the HTML entry. */
const ENTRY = 'index.html';

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

/** What `page` loads in Chinese: the entry's graph, its view's, its strings'. */
export function pageLoad(manifest: Manifest, page: PageName): PageLoad {
  // The shell's Chinese is in the entry (web/src/i18n.ts), not a file of its own.
  const stringKeys = VIEW_FEATURES[page].map((feature) => `src/locales/zh-CN/${feature}.json`).filter((key) => manifest[key]);
  const keys = closure(manifest, [ENTRY, PAGE_VIEWS[page], ...stringKeys]);
  const chunks = keys.map((key) => manifest[key]!);
  return { js: [...new Set(chunks.map((c) => c.file))], css: [...new Set(chunks.flatMap((c) => c.css ?? []))] };
}

/** The entry chunk alone (the main entry of issue 19's aim). */
export const entryFile = (manifest: Manifest): string => manifest[ENTRY]!.file;

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
