/**
 * The schemas' word lists and limits, without zod: the web app's public pages (the resident page,
 * a report link, a household's page) import these to name kinds and count days, and importing
 * them from the schema modules would pull zod and every schema those modules define into the
 * pages' chunks (issue 19: the resident page light), and the stores read them so that a Lambda
 * function with no schema of its own (a job) carries no zod. The schema modules re-export them.
 */

/** The kinds of case a building's report counts (病例). */
export const CASE_KINDS = ['confirmed', 'suspected', 'asymptomatic'] as const;
/** How far back the public log reaches; older days are not posted. */
export const PUBLIC_LOG_DAYS = 30;
/** Days of case counts the public page shows, today included. */
export const PUBLIC_CASE_DAYS = 14;
/** What a resident asks help for (紧急救助). */
export const HELP_KINDS = ['medical', 'medicine', 'other'] as const;
export const HELP_URGENCIES = ['normal', 'high'] as const;
/** 发热、乏力、咳嗽、呼吸困难 */
export const SYMPTOMS = ['fever', 'fatigue', 'cough', 'breathing_difficulty'] as const;
/** What a household orders (代购配送). */
export const ORDER_KINDS = ['groceries', 'medicine', 'other'] as const;
/** Coordinate systems: of an imported file's coordinates, and of a basemap's tiles (/config.json's tileCrs). */
export const CRS = ['wgs84', 'gcj02', 'bd09'] as const;
/** The header as sent; the edge reads it lower-cased, as every header. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** The responsibility list's roles (包保责任人), in the order the notice posts them: ResponsibilityPut's keys. */
export const RESPONSIBILITY_ROLES = ['streetLeader', 'communityLeader', 'responsiblePerson'] as const;
/** How long the answer under a key is kept: a phone offline longer resends into a new action. */
export const IDEMPOTENCY_TTL_HOURS = 24;
