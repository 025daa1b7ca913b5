/**
 * The React app's translations: web/src/translations.ts (loading per feature, the language
 * switch) with react-i18next plugged in, so components read strings through useTranslation and
 * re-render on a switch. Kept apart so that a page without React (the resident page, issue 19)
 * loads the same translations without react-i18next.
 */
import type i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { startTranslations } from './translations.ts';

export { changeLanguage, currentLanguage, loadFeatures } from './translations.ts';

export const initI18n = (): Promise<typeof i18next> => startTranslations(initReactI18next);
