/**
 * Start-up: translations first (so even a failed start speaks the user's language), then the
 * runtime config, then the app; then, on the staff side (sign-in and the signed-in views), the
 * service worker, which keeps the app for offline starts and announces new versions through the
 * update banner. The open pages (report and household links; the resident page is an entry of its
 * own, web/src/resident/main.ts) install none: it precaches every chunk (the staff views, Leaflet,
 * echarts: over a megabyte), which a resident's phone would download in the background on a first
 * visit for a page it opens once (issue 19). The view's chunk and strings are asked
 * for as soon as the shell's strings are in, alongside the config, not after it.
 *
 * Only the styles every page shares are here; the staff side's (Leaflet's, the map's, sign-in)
 * come with it (web/src/layout/StaffApp.tsx), so the open pages do not wait for them.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/base.css';
import './styles/pwa.css';
import { App, preloadView } from './App.tsx';
import { loadConfig } from './config.ts';
import { initI18n } from './i18n.ts';
import { isOpenPage, routeOf } from './layout/navigation.ts';
import { registerServiceWorker } from './pwa/register.ts';
import { UpdateBanner } from './pwa/UpdateBanner.tsx';
import { createAppUpdates } from './pwa/updates.ts';
import { createServices, ServicesProvider } from './services.tsx';

async function start(root: HTMLElement): Promise<void> {
  const i18n = await initI18n();
  const route = routeOf(window.location.pathname, window.location.search);
  preloadView(route);
  const view = createRoot(root);
  const updates = createAppUpdates();
  try {
    const services = createServices(await loadConfig());
    view.render(
      <StrictMode>
        <ServicesProvider services={services}>
          <App />
          <UpdateBanner updates={updates} />
        </ServicesProvider>
      </StrictMode>,
    );
  } catch (error) {
    console.error(error);
    view.render(
      <>
        <main className="startup-error" role="alert">
          <h1>{i18n.t('app.startFailed')}</h1>
          <p>{error instanceof Error ? error.message : String(error)}</p>
        </main>
        <UpdateBanner updates={updates} />
      </>,
    );
  }
  // Also after a failed start: a fixed version can still arrive and be offered.
  if (!isOpenPage(route)) registerServiceWorker(updates);
}

const root = document.getElementById('root');
if (root) void start(root);
