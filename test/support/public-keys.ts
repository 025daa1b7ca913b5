/**
 * What a public (no-login) answer may hold: every key of it, at any depth, must be on the
 * allow-list, and none may look like personal data (a person's name, phone, ID number, note,
 * the staff or resident it came from). Shared by the integration tests and the e2e journey.
 */
export const PUBLIC_KEYS = new Set([
  'compound', 'id', 'name', 'status', 'today', 'todayCounts', 'confirmed', 'suspected', 'asymptomatic',
  'days', 'day', 'date', 'requiredRounds', 'completedRounds', 'rounds', 'slot', 'target', 'buildingName',
  'planned', 'areas', 'completedAt', 'dueAt', 'items', 'hours', 'location', 'description',
]);

/** Key fragments that could carry personal data (compared case-insensitively). */
export const DENIED_KEY_PARTS = [
  'person', 'phone', 'mobile', 'idnumber', 'idhash', 'idlast', 'note', 'reason', 'agent', 'actor', 'staff',
  'user', 'claimed', 'completedby', 'reportedby', 'createdby', 'updatedby', 'holder', 'lease', 'household',
  'resident', 'visit', 'worker', 'assignee', 'contact', 'address',
];

/** Every key of a JSON value, recursively, with its path. */
export function keysOf(value: unknown, path = '$'): { key: string; path: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => keysOf(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [{ key, path: `${path}.${key}` }, ...keysOf(inner, `${path}.${key}`)]);
}

/** Keys that break the rules: off the allow-list, or on the deny-list. */
export function leakedKeys(value: unknown): string[] {
  return keysOf(value)
    .filter(({ key }) => !PUBLIC_KEYS.has(key) || DENIED_KEY_PARTS.some((part) => key.toLowerCase().includes(part)))
    .map(({ path }) => path);
}
