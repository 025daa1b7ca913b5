/**
 * The languages Cordon speaks and the one choice of language from an Accept-Language header,
 * shared by the API edge (which answers in it) and the web app (which sends its own choice).
 *
 * The choice, per RFC 9110 §12.5.4: ranges in order of their q-value (q=0 means "not this"),
 * ties in the order written. Any Chinese (zh, zh-CN, zh-Hans, zh-TW, zh-HK) is zh-CN: Cordon has
 * no Traditional text, and a reader of Traditional reads Simplified better than English. Any
 * English (en, en-US, en-GB) is en. `*`, a missing header, or only languages Cordon does not
 * speak give zh-CN, the app's own default, so a caller that expresses no preference sees what
 * the app shows by default.
 */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export const isLanguage = (value: unknown): value is Language => (LANGUAGES as readonly unknown[]).includes(value);

/** Cordon's language for one language range, or undefined when it speaks none that fits. */
function languageOfRange(range: string): Language | undefined {
  const primary = range.toLowerCase().split('-')[0];
  if (primary === 'zh') return 'zh-CN';
  if (primary === 'en') return 'en';
  if (primary === '*') return DEFAULT_LANGUAGE;
  return undefined;
}

/** The language to answer in, given the request's Accept-Language header (see the module's comment). */
export function negotiateLanguage(acceptLanguage: string | undefined): Language {
  const ranges = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [range = '', ...params] = part.split(';').map((p) => p.trim());
      const q = params.find((p) => /^q=/i.test(p));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { range, weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.range !== '' && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { range } of ranges) {
    const language = languageOfRange(range);
    if (language) return language;
  }
  return DEFAULT_LANGUAGE;
}
