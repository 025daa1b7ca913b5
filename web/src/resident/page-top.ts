/**
 * The top of the resident page: a small kicker, the title (the compound's name once known), and
 * the language switch, as web/src/public/PageTop.tsx and LanguageSwitch.tsx draw them in the React
 * pages. Its elements stay while the page changes, so the switch keeps focus after a click.
 */
import type { TFunction } from 'i18next';
import { changeLanguage, currentLanguage } from '../translations.ts';
import { h, setAttributes } from './dom.ts';

export interface PageTop {
  readonly element: HTMLElement;
  /** Shows `title` under the kicker, and the switch to the other language, in the current one. */
  update(t: TFunction, title: string): void;
}

export function pageTop(): PageTop {
  const kicker = h('p', { class: 'resident-kicker' });
  const title = h('h1');
  const other = () => (currentLanguage() === 'zh-CN' ? 'en' : 'zh-CN');
  const toggle = h('button', { type: 'button', class: 'button button-quiet', onclick: () => void changeLanguage(other()) });
  return {
    element: h('header', { class: 'resident-top' }, h('div', {}, kicker, title), toggle),
    update(t, text) {
      kicker.textContent = t('public.title');
      title.textContent = text;
      setAttributes(toggle, { lang: other(), title: t('language.switchLabel'), 'data-language': currentLanguage() });
      toggle.textContent = t('language.switchTo');
    },
  };
}
