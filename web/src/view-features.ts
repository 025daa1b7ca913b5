/**
 * Which strings each part of the app shows, by feature file (web/src/locales/<language>/<feature>.json):
 * web/src/i18n.ts loads a view's features with its chunk, so an open page brings only its own
 * (issue 19). Plain data, no Vite or React: the build checks and the web-pages bench read it too
 * (test/support/web-chunks.ts).
 */

/** The feature files, one per feature and language (test/unit/web-view-features.test.ts checks the list against the folder). */
export const FEATURES = [
  'core', 'pwa', 'map', 'tasks', 'board', 'public', 'gate', 'passes', 'report', 'people', 'inbox', 'notices', 'reports', 'inspections', 'dashboard', 'household', 'orders',
] as const;
export type Feature = (typeof FEATURES)[number];

/** What every view shows, in the app from the start: the header, sign-in, roles, statuses, errors; the update banner. */
export const SHELL_FEATURES = ['core', 'pwa'] as const satisfies readonly Feature[];

/*
 * The strings each open page shows: its own, and those of the parts it borrows (the resident
 * page the notices' responsibility list, the report link the visit form's symptom names).
 * test/unit/web-view-features.test.ts checks each page's modules against its list.
 */
export const VIEW_FEATURES = {
  resident: ['public', 'notices'],
  report: ['report', 'public', 'tasks'],
  household: ['household', 'public'],
  // The signed-in views cross each other's strings at every turn: all of them, in one language.
  staff: FEATURES,
} as const satisfies Record<string, readonly Feature[]>;
