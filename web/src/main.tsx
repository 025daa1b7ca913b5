/**
 * Start-up: translations first (so even a failed start speaks the user's language), then the
 * runtime config, then the app; then the service worker, which keeps the app for offline starts
 * and announces new versions through the update banner.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'leaflet/dist/leaflet.css';
import './styles/base.css';
import './styles/login.css';
import './styles/map.css';
import './styles/pwa.css';
import { App } from './App.tsx';
import { loadConfig } from './config.ts';
import { initI18n } from './i18n.ts';
import { registerServiceWorker } from './pwa/register.ts';
import { UpdateBanner } from './pwa/UpdateBanner.tsx';
import { createAppUpdates } from './pwa/updates.ts';
import { createServices, ServicesProvider } from './services.tsx';

async function start(root: HTMLElement): Promise<void> {
  const i18n = await initI18n();
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
  registerServiceWorker(updates);
}

const root = document.getElementById('root');
if (root) void start(root);
