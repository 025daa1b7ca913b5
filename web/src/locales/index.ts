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
import inboxEn from './en/inbox.json' with { type: 'json' };
import noticesEn from './en/notices.json' with { type: 'json' };
import reportsEn from './en/reports.json' with { type: 'json' };
import inspectionsEn from './en/inspections.json' with { type: 'json' };
import dashboardEn from './en/dashboard.json' with { type: 'json' };
import ordersEn from './en/orders.json' with { type: 'json' };
import householdEn from './en/household.json' with { type: 'json' };
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
import inboxZh from './zh-CN/inbox.json' with { type: 'json' };
import noticesZh from './zh-CN/notices.json' with { type: 'json' };
import reportsZh from './zh-CN/reports.json' with { type: 'json' };
import inspectionsZh from './zh-CN/inspections.json' with { type: 'json' };
import dashboardZh from './zh-CN/dashboard.json' with { type: 'json' };
import ordersZh from './zh-CN/orders.json' with { type: 'json' };
import householdZh from './zh-CN/household.json' with { type: 'json' };

/** Each language's feature files, in one order. */
export const FEATURE_FILES = {
  'zh-CN': [coreZh, mapZh, tasksZh, boardZh, publicZh, pwaZh, gateZh, passesZh, reportZh, peopleZh, inboxZh, noticesZh, reportsZh, inspectionsZh, dashboardZh, householdZh, ordersZh],
  en: [coreEn, mapEn, tasksEn, boardEn, publicEn, pwaEn, gateEn, passesEn, reportEn, peopleEn, inboxEn, noticesEn, reportsEn, inspectionsEn, dashboardEn, householdEn, ordersEn],
} as const;

export const resources = {
  'zh-CN': { translation: Object.assign({}, ...FEATURE_FILES['zh-CN']) as Record<string, unknown> },
  en: { translation: Object.assign({}, ...FEATURE_FILES.en) as Record<string, unknown> },
};
