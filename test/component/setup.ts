/**
 * Set-up for the component tests, in the browser before each file: the app's translations
 * (zh-CN, as a new user sees them; a test may switch) and its styles, so what is measured or
 * clicked is laid out as in the app.
 */
import 'leaflet/dist/leaflet.css';
import '#web/src/styles/base.css';
import { initI18n } from '#web/src/i18n.ts';

await initI18n();
