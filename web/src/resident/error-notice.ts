/**
 * A part of the resident page that failed to load, said in the reader's language with a retry:
 * the DOM twin of web/src/layout/ErrorNotice.tsx, with the same words (error-words.ts) and markup,
 * so the page's styles and tests read it alike.
 */
import type { TFunction } from 'i18next';
import { apiErrorWords } from '../layout/error-words.ts';
import { h } from './dom.ts';

export function errorNotice(t: TFunction, title: string, error: unknown, onRetry: () => void): HTMLElement {
  return h(
    'div',
    { class: 'notice notice-error', role: 'alert' },
    h('p', {}, h('strong', {}, title), ' ', apiErrorWords(t, error) ?? t('errors.unknown')),
    h('button', { type: 'button', class: 'button', onclick: onRetry }, t('errors.retry')),
  );
}
