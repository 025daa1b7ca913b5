/**
 * Translations: Chinese (zh-CN) by default, English on request. The choice persists in
 * localStorage; the document's title and lang follow it. Numbers are formatted by i18next's
 * `number` formatter (Intl) in the current language, e.g. `{{value, number}}`.
 *
 * The languages are the API's (shared/messages/language.ts): the client sends the current one
 * as Accept-Language, so what the API says comes in the language the app shows.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from './locales/index.ts';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from '#shared/messages/language.ts';

const STORAGE_KEY = 'cordon.language';

function savedLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return isLanguage(saved) ? saved : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export async function initI18n(): Promise<typeof i18next> {
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
    document.title = i18next.t('app.documentTitle');
  });
  await i18next.use(initReactI18next).init({
    resources,
    lng: savedLanguage(),
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode may refuse storage; the switch still works for this page.
  }
  await i18next.changeLanguage(language);
}

export const currentLanguage = (): Language => (isLanguage(i18next.language) ? i18next.language : DEFAULT_LANGUAGE);
