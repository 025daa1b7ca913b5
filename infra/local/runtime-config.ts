/**
 * The local web servers' /config.json: the app's file (web/public/config.json) plus `publicUrl`,
 * the address the gate QR code prints, so a phone scanning a code printed from this machine
 * opens the resident page instead of its own 127.0.0.1. Answered per request, because which
 * address a phone can reach depends on how the page was opened:
 * - `--public-url` / PUBLIC_URL given: that, always (a tunnel, a reverse proxy, a DNS name);
 * - the page opened on a loopback name (localhost, 127.0.0.1) of a server listening on every
 *   interface (--host 0.0.0.0): the machine's LAN address, same port;
 * - otherwise none, and the app uses the origin it was opened at (a LAN address opened from a
 *   phone is already right; a server on loopback only is reachable from nowhere else, which the
 *   QR code's panel says).
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import type { Plugin } from 'vite';
import { isLoopbackHost, RuntimeConfig } from '#shared/runtime-config.ts';

export interface RuntimeConfigOptions {
  /** The web app's root (web/), whose public/config.json is the base. */
  readonly webRoot: string;
  /** The interface the server listens on. */
  readonly host: string;
  readonly publicUrl?: string | undefined;
}

const ALL_INTERFACES = new Set(['0.0.0.0', '::', '']);

/** The name part of a Host header: `127.0.0.1:5173` → `127.0.0.1`, `[::1]:5173` → `[::1]`. */
const hostName = (host: string): string => (host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0] ?? '');

/** The machine's first IPv4 address on a network (not loopback), if it has one. */
export function lanAddress(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    const found = addresses?.find((a) => a.family === 'IPv4' && !a.internal);
    if (found) return found.address;
  }
  return undefined;
}

/** The public URL for a request that opened the page at `host` (its Host header) on `port`. */
export function publicUrlFor(options: Pick<RuntimeConfigOptions, 'host' | 'publicUrl'>, request: { host: string; port: number }): string | undefined {
  if (options.publicUrl) return options.publicUrl.replace(/\/+$/, '');
  if (!isLoopbackHost(hostName(request.host)) || !ALL_INTERFACES.has(options.host)) return undefined;
  const lan = lanAddress();
  return lan ? `http://${lan}:${request.port}` : undefined;
}

/** A Vite plugin answering /config.json on the dev and preview servers, before their static files. */
export function runtimeConfigPlugin(options: RuntimeConfigOptions): Plugin {
  // Checked once at start: a bad --public-url stops `npm start` with the reason, not a broken app.
  const base = RuntimeConfig.parse({
    ...JSON.parse(readFileSync(path.join(options.webRoot, 'public', 'config.json'), 'utf8')),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
  });
  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const publicUrl = publicUrlFor(options, { host: request.headers.host ?? '', port: request.socket.localPort ?? 0 });
    response.setHeader('content-type', 'application/json');
    response.setHeader('cache-control', 'no-store');
    response.end(JSON.stringify({ ...base, ...(publicUrl ? { publicUrl } : {}) }));
  };
  const serve = (server: { middlewares: { use(path: string, handler: typeof answer): unknown } }) => {
    server.middlewares.use('/config.json', answer);
  };
  return { name: 'cordon-local-runtime-config', configureServer: serve, configurePreviewServer: serve };
}
