/**
 * The web app's Vite configuration. `webConfig` is shared by this file (for the `vite` CLI and
 * `npm run build:web`) and by infra/local/web-server.ts, which serves the app next to the local
 * API. The API's URL is not baked into the build: the app reads /config.json at start, and the
 * dev and preview servers proxy the API's paths to the local API so that "" means same origin.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type InlineConfig, type ProxyOptions } from 'vite';
import { routes } from '#shared/catalogue/index.ts';

export const WEB_ROOT = fileURLToPath(new URL('.', import.meta.url));
/** Where the production build goes; CORDON_WEB_DIST moves it (two checkouts' test runs building side by side). */
export const WEB_DIST = process.env.CORDON_WEB_DIST ?? fileURLToPath(new URL('./dist', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The first segments of the catalogue's paths (/v1, /local, /health …): the API's; everything else is the app. */
const API_PATHS = [...new Set(Object.values(routes).map((route) => `/${route.path.split('/')[1]}`))];

function apiProxy(apiUrl: string): Record<string, ProxyOptions> {
  return Object.fromEntries(API_PATHS.map((p) => [p, { target: apiUrl, changeOrigin: true }]));
}

export function webConfig(options: { apiUrl: string }): InlineConfig {
  const proxy = apiProxy(options.apiUrl);
  return {
    root: WEB_ROOT,
    // The app imports the catalogue and schemas from shared/, outside web/.
    server: { proxy, fs: { allow: [REPO_ROOT] } },
    preview: { proxy },
    plugins: [react()],
    build: { outDir: WEB_DIST, emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1024 },
    logLevel: 'warn',
  };
}

export default defineConfig(webConfig({ apiUrl: process.env.CORDON_API_URL ?? 'http://localhost:3000' }));
