/**
 * Serves the web app next to the local API, through Vite's JS API: `preview` (the production
 * build with its service worker, built here first when web/dist is missing or older than its
 * sources; what `npm start`, the tests and demos serve) or `dev` (Vite's dev server with hot
 * reload and no service worker, `npm run dev`). Both proxy the API's paths to the local API, so
 * the app's runtime config can say "same origin" ("apiUrl": ""), and answer the resident page's
 * paths (/c/…) with its own entry, resident.html, not the app's shell (webConfig's plugins).
 */
import { readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build, createServer, preview, type InlineConfig } from 'vite';
import { WEB_DIST, WEB_ROOT, webConfig } from '#web/vite.config.ts';
import { runtimeConfigPlugin } from './runtime-config.ts';

export interface WebServerOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  /** The local API the servers proxy to. */
  readonly apiUrl: string;
  /** @default 'dev' */
  readonly mode?: 'dev' | 'preview';
  /** Told when the production build is (re)made, which takes a while. */
  readonly log?: (line: string) => void;
  /** The address phones reach the app at, for the gate QR code (runtime-config.ts); else found per request. */
  readonly publicUrl?: string | undefined;
}

export interface WebServer {
  readonly url: string;
  close(): Promise<void>;
}

/** What the build is made of: a change to any of these makes web/dist stale. */
const SOURCES = [WEB_ROOT, path.resolve(WEB_ROOT, '../shared')];
const IGNORED = new Set(['dist', 'node_modules']);

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1';
  const app = webConfig({ apiUrl: options.apiUrl });
  // /config.json answered per request, with the public URL the gate QR code prints.
  const plugins = [...(app.plugins ?? []), runtimeConfigPlugin({ webRoot: WEB_ROOT, host, publicUrl: options.publicUrl })];
  const config: InlineConfig = { ...app, plugins, configFile: false };
  if (options.mode === 'preview') {
    if (buildIsStale()) {
      const where = path.relative(process.cwd(), WEB_DIST);
      options.log?.(`Building the web app into ${where.startsWith('..') ? WEB_DIST : where} (missing or older than its sources) …`);
      await buildWebApp(config);
    }
    const server = await preview({ ...config, preview: { ...config.preview, port: options.port, host, strictPort: true } });
    return { url: urlOf(host, server.httpServer.address()), close: () => server.close() };
  }
  const server = await createServer({ ...config, server: { ...config.server, port: options.port, host, strictPort: true } });
  await server.listen();
  return { url: urlOf(host, server.httpServer?.address()), close: () => server.close() };
}

/**
 * Builds the app as phones get it. Vite takes "production" from NODE_ENV whenever it is set, and
 * Vitest sets it to "test": a build made under Vitest (the e2e tests', the bench's) would compile
 * JSX for React's development runtime. Tests must see what `npm start` serves.
 */
export async function buildWebApp(config: InlineConfig): Promise<void> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build(config);
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}

/** Whether web/dist is missing or older than any of its sources. */
function buildIsStale(): boolean {
  const built = mtimeOf(path.join(WEB_DIST, 'index.html'));
  return built === undefined || SOURCES.some((dir) => newestIn(dir) > built);
}

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (path.relative(dir, file).split(path.sep).some((part) => IGNORED.has(part))) continue;
    newest = Math.max(newest, mtimeOf(file) ?? 0);
  }
  return newest;
}

function mtimeOf(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function urlOf(host: string, address: AddressInfo | string | null | undefined): string {
  const port = typeof address === 'object' && address ? address.port : 0;
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}
