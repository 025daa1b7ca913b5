/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Registers the service worker the build generates (web/vite.config.ts) and turns its news into
 * AppUpdates. A new version waits ("prompt"): the page reloads only after this page's user asked
 * for it — when another tab applies the update, this page keeps what is typed into it and still
 * offers the reload. In the dev server the registration is a no-op (the plugin's dev module).
 */
import { registerSW } from 'virtual:pwa-register';
import { loadConfig } from '../config.ts';
import type { AppUpdatesControl } from './updates.ts';

/** How often a long-open page asks the server for a new version (the browser also checks on each navigation). */
const CHECK_EVERY_MS = 60 * 60 * 1000;

export function registerServiceWorker(updates: AppUpdatesControl): void {
  if (!('serviceWorker' in navigator)) return;
  const { serviceWorker } = navigator;
  let asked = false;
  let takenOver = false;
  // Reloads are ours, on this page's click only: the plugin's own reload (onNeedReload) would also
  // follow a click in another tab, and it misses an update to a page the first install took over.
  let controller = serviceWorker.controller;
  serviceWorker.addEventListener('controllerchange', () => {
    const replaced = controller !== null;
    controller = serviceWorker.controller;
    // The first install taking the page is no new version.
    if (!replaced) return;
    takenOver = true;
    if (asked) window.location.reload();
  });
  const skipWaiting = registerSW({
    onNeedRefresh: () => updates.announce(apply),
    onNeedReload: () => undefined,
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      void keepConfigForOffline();
      setInterval(() => {
        if (navigator.onLine) void registration.update().catch(() => undefined);
      }, CHECK_EVERY_MS);
    },
  });

  async function apply(): Promise<void> {
    asked = true;
    // Another tab may have applied it already: nothing waits any more, only the reload is left.
    if (takenOver) window.location.reload();
    else await skipWaiting();
  }
}

/**
 * The app read /config.json before the first service worker took the page, so the worker has not
 * kept a copy yet: ask again once the page is controlled, through the worker's network-first
 * route, so the next start finds it offline.
 */
async function keepConfigForOffline(): Promise<void> {
  const { serviceWorker } = navigator;
  // Controlled from the start: the app's own read went through the worker.
  if (serviceWorker.controller) return;
  await new Promise<void>((resolve) => serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
  await loadConfig().catch(() => undefined);
}
