/// <reference types="vite/client" />
/**
 * Translations without React: Chinese (zh-CN) by default, English on request. The choice persists
 * in localStorage; the document's title and lang follow it. Numbers are formatted by i18next's
 * `number` formatter (Intl) in the current language, e.g. `{{value, number}}`. The React app binds
 * it to its components (web/src/i18n.ts); the resident page, which has no React (issue 19), uses it
 * as it is (web/src/resident/main.ts).
 *
 * The languages are the API's (shared/messages/language.ts): the client sends the current one
 * as Accept-Language, so what the API says comes in the language the app shows.
 *
 * Each feature's strings (web/src/locales/<language>/<feature>.json) load with the view that
 * needs them, in the current language only (issue 19: the resident page brings the resident
 * page's strings, not those of the whole app in two languages). The shell's own (core, pwa) in
 * Chinese come with every page, and a page may bring more of its own in its script
 * (`bundleStrings`); a view asks for its features before it shows (`loadFeatures`), and a switch
 * of language loads every feature asked for so far in the new language first.
 */
import i18next, { type ThirdPartyModule } from 'i18next';
import coreZh from './locales/zh-CN/core.json' with { type: 'json' };
import pwaZh from './locales/zh-CN/pwa.json' with { type: 'json' };
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from '#shared/messages/language.ts';
import { SHELL_FEATURES, type Feature } from './view-features.ts';

const STORAGE_KEY = 'cordon.language';

type Strings = Record<string, unknown>;

/** Each file a chunk of its own, fetched when asked for; the shell's Chinese is in the app already. */
const FILES = import.meta.glob<Strings>(['./locales/*/*.json', '!./locales/zh-CN/core.json', '!./locales/zh-CN/pwa.json'], { import: 'default' });
/** Strings a page's script carries, by `language/feature`: no fetch for them. */
const bundled = new Map<string, Strings>([['zh-CN/core', coreZh], ['zh-CN/pwa', pwaZh]]);

/** The features asked for so far, whatever the language: a language switch brings them all. */
const wanted = new Set<Feature>(SHELL_FEATURES);
/** What is in i18next (or on its way), by `language/feature`. */
const loading = new Map<string, Promise<void>>();

/** Strings a page brings in its own script (imported statically), so its first paint waits for no fetch of them. */
export function bundleStrings(language: Language, feature: Feature, strings: Strings): void {
  bundled.set(`${language}/${feature}`, strings);
}

function loadFile(language: Language, feature: Feature): Promise<void> {
  const key = `${language}/${feature}` as const;
  let done = loading.get(key);
  if (!done) {
    const inScript = bundled.get(key);
    const load = FILES[`./locales/${key}.json`];
    if (!inScript && !load) throw new Error(`no translations for ${key}`);
    done = (inScript ? Promise.resolve(inScript) : load!()).then((strings) => {
      // Deep, not overwriting: each feature file holds its own top-level keys.
      i18next.addResourceBundle(language, 'translation', strings, true, false);
    });
    // A failed fetch (offline, a new deploy) may be tried again.
    done.catch(() => loading.delete(key));
    loading.set(key, done);
  }
  return done;
}

const loadAll = async (language: Language, features: Iterable<Feature>) => {
  await Promise.all([...features].map((feature) => loadFile(language, feature)));
};

/** The language a switch (`changeLanguage`) is loading, until it has switched. */
let switchingTo: Language | undefined;

/** Brings `features`' strings in the current language; a view awaits it before it shows. */
export async function loadFeatures(features: readonly Feature[]): Promise<void> {
  for (const feature of features) wanted.add(feature);
  const current = currentLanguage();
  // Asked for during a switch: the switch's `wanted` may have been taken already, and the view may
  // show after the switch, so the new language's strings too (or an English user sees bare keys).
  const languages = switchingTo && switchingTo !== current ? [current, switchingTo] : [current];
  await Promise.all(languages.map((language) => loadAll(language, features)));
}

function savedLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return isLanguage(saved) ? saved : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/** Starts i18next in the saved language with the shell's strings; `bindings` (React's) are plugged in first. */
export async function startTranslations(...bindings: ThirdPartyModule[]): Promise<typeof i18next> {
  let language = savedLanguage();
  for (const binding of bindings) i18next.use(binding);
  await i18next.init({
    resources: {},
    // Bundles arrive later (addResourceBundle), never through a backend.
    partialBundledLanguages: true,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  try {
    await loadAll(language, SHELL_FEATURES);
  } catch (error) {
    // The saved language's shell strings could not be fetched (offline before the service worker
    // kept them, a deploy removed them): start in the bundled Chinese rather than not at all.
    // Not saved: the next start tries the user's language again.
    console.error(error);
    language = DEFAULT_LANGUAGE;
    await loadAll(language, SHELL_FEATURES);
    await i18next.changeLanguage(language);
  }
  // Strings loaded after init: the title and lang set now that the shell's strings are there,
  // and on each switch after (not before: the title would be the bare key).
  document.documentElement.lang = language;
  document.title = i18next.t('app.documentTitle');
  i18next.on('languageChanged', (changed) => {
    document.documentElement.lang = changed;
    document.title = i18next.t('app.documentTitle');
  });
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode may refuse storage; the switch still works for this page.
  }
  // The new language's strings first, so nothing shows a bare key in between.
  switchingTo = language;
  try {
    await loadAll(language, wanted);
    await i18next.changeLanguage(language);
  } finally {
    if (switchingTo === language) switchingTo = undefined;
  }
}

export const currentLanguage = (): Language => (isLanguage(i18next.language) ? i18next.language : DEFAULT_LANGUAGE);
