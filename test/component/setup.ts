/**
 * Set-up for the component tests, in the browser before each file: the app's translations
 * (zh-CN, as a new user sees them; a test may switch) and its styles, so what is measured or
 * clicked is laid out as in the app.
 */
import 'leaflet/dist/leaflet.css';
import '#web/src/styles/base.css';
import { initI18n, loadFeatures } from '#web/src/i18n.ts';
import { FEATURES } from '#web/src/view-features.ts';

await initI18n();
// The app loads a view's strings with its chunk (web/src/App.tsx); a test renders views directly.
await loadFeatures(FEATURES);
