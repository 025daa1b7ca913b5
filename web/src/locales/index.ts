/**
 * The translations, one file per feature and language (web/src/locales/<language>/<feature>.json),
 * so each view owns its strings. Every feature file holds its own top-level keys; a test checks
 * that no two files claim the same one.
 */
import boardEn from './en/board.json' with { type: 'json' };
import coreEn from './en/core.json' with { type: 'json' };
import gateEn from './en/gate.json' with { type: 'json' };
import passesEn from './en/passes.json' with { type: 'json' };
import mapEn from './en/map.json' with { type: 'json' };
import publicEn from './en/public.json' with { type: 'json' };
import pwaEn from './en/pwa.json' with { type: 'json' };
import reportEn from './en/report.json' with { type: 'json' };
import peopleEn from './en/people.json' with { type: 'json' };
import tasksEn from './en/tasks.json' with { type: 'json' };
import boardZh from './zh-CN/board.json' with { type: 'json' };
import coreZh from './zh-CN/core.json' with { type: 'json' };
import gateZh from './zh-CN/gate.json' with { type: 'json' };
import passesZh from './zh-CN/passes.json' with { type: 'json' };
import mapZh from './zh-CN/map.json' with { type: 'json' };
import publicZh from './zh-CN/public.json' with { type: 'json' };
import pwaZh from './zh-CN/pwa.json' with { type: 'json' };
import reportZh from './zh-CN/report.json' with { type: 'json' };
import peopleZh from './zh-CN/people.json' with { type: 'json' };
import tasksZh from './zh-CN/tasks.json' with { type: 'json' };

/** Each language's feature files, in one order. */
export const FEATURE_FILES = {
  'zh-CN': [coreZh, mapZh, tasksZh, boardZh, publicZh, pwaZh, gateZh, passesZh, reportZh, peopleZh],
  en: [coreEn, mapEn, tasksEn, boardEn, publicEn, pwaEn, gateEn, passesEn, reportEn, peopleEn],
} as const;

export const resources = {
  'zh-CN': { translation: Object.assign({}, ...FEATURE_FILES['zh-CN']) as Record<string, unknown> },
  en: { translation: Object.assign({}, ...FEATURE_FILES.en) as Record<string, unknown> },
};
