/**
 * What changed between two versions of an entity, for the audit trail (who, when, what).
 */
export type Changes = Record<string, { from: unknown; to: unknown }>;

/** Fields whose values differ (deep, by JSON), with before and after. */
export function diff<T extends object>(before: Partial<T> | undefined, after: T, fields: readonly (keyof T & string)[]): Changes {
  const changes: Changes = {};
  for (const field of fields) {
    const from = before?.[field];
    const to = after[field];
    if (JSON.stringify(from ?? null) !== JSON.stringify(to ?? null)) changes[field] = { from: from ?? null, to: to ?? null };
  }
  return changes;
}
