/**
 * The resident page's start-up (/c/{compoundId}, web/resident.html): an entry of its own, without
 * React, so that a resident's phone on a first visit downloads the page and i18next, well under
 * issue 19's 60 KB gzip, instead of the app's shell. Its Chinese comes inside this script, so the
 * first paint (the final layout, blank) waits for no fetch; /config.json, which says where the API
 * is, loads meanwhile. No service worker: the staff app's precaches every view (over a megabyte),
 * which a phone would download behind a page it opens once.
 */
import '../styles/base.css';
import '../styles/public.css';
import '../notices/notices.css';
import noticesZh from '../locales/zh-CN/notices.json' with { type: 'json' };
import publicZh from '../locales/zh-CN/public.json' with { type: 'json' };
import { DEFAULT_LANGUAGE } from '#shared/messages/language.ts';
import { createApiClient } from '../api/client.ts';
import { loadConfig } from '../config.ts';
import { compoundIdOfPath } from '../public/resident-path.ts';
import { bundleStrings, currentLanguage, loadFeatures, startTranslations } from '../translations.ts';
import { VIEW_FEATURES } from '../view-features.ts';
import { h } from './dom.ts';
import { createResidentPage } from './page.ts';

bundleStrings('zh-CN', 'public', publicZh);
bundleStrings('zh-CN', 'notices', noticesZh);

async function start(root: HTMLElement): Promise<void> {
  const i18n = await startTranslations();
  try {
    await loadFeatures(VIEW_FEATURES.resident);
  } catch (error) {
    // The saved language's strings could not be fetched (offline, a deploy removed them): the
    // page in its Chinese, which this script carries, rather than no page. Not saved.
    console.error(error);
    await i18n.changeLanguage(DEFAULT_LANGUAGE);
    await loadFeatures(VIEW_FEATURES.resident);
  }
  const page = createResidentPage(compoundIdOfPath(window.location.pathname));
  root.replaceChildren(h('div', { class: 'app app-public' }, page.element));
  try {
    const config = await loadConfig();
    // No session on this page: no token, and no 401 to act on (the public routes answer none).
    page.load(createApiClient({ baseUrl: config.apiUrl, getToken: () => undefined, getLanguage: currentLanguage, onUnauthorized: () => undefined }));
  } catch (error) {
    console.error(error);
    page.destroy();
    root.replaceChildren(
      h('main', { class: 'startup-error', role: 'alert' }, h('h1', {}, i18n.t('app.startFailed')), h('p', {}, error instanceof Error ? error.message : String(error))),
    );
  }
}

const root = document.getElementById('root');
if (root) void start(root);
