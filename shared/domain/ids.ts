/**
 * Deterministic ids: the same source record always gets the same id, so re-imports and
 * redelivered messages rewrite an item instead of adding one.
 */

/** 64-bit FNV-1a of a UTF-8 string, as 13 base-36 digits. Pure and the same in browser and Node. */
export function stableHash(text: string): string {
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * prime) & 0xffffffffffffffffn;
  }
  return hash.toString(36).padStart(13, '0');
}

/**
 * JSON with every object's keys in order, so two values equal but for key order (the table gives
 * maps back in its own order; clients build bodies in theirs) give the same text.
 */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  ) ?? '';

/** Names compare after trimming, NFKC (full-width → half-width) and removing inner spaces. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/**
 * The id of a registry entity: from its external id when the source has one, else from its
 * name and location rounded to 1e-4° (about 10 m), so the same row always lands on the same item.
 */
export function entityId(
  prefix: 'c' | 'b' | 'e' | 'cm',
  source: { readonly externalId?: string | undefined; readonly name: string; readonly location: readonly [number, number]; readonly scope?: string },
): string {
  const basis =
    source.externalId !== undefined && source.externalId !== ''
      ? `ext:${source.scope ?? ''}:${source.externalId.trim()}`
      : `loc:${source.scope ?? ''}:${normaliseName(source.name)}@${source.location[0].toFixed(4)},${source.location[1].toFixed(4)}`;
  return `${prefix}_${stableHash(basis)}`;
}

/**
 * Which of `shards` partitions a key's items go to: spreads a partition that would take every
 * item of a busy moment (a hot key) over several, the same shard for the same id every time.
 */
export function shardOf(id: string, shards: number): number {
  return Number.parseInt(stableHash(id).slice(-6), 36) % shards;
}

/**
 * The id of a compound's building or exit: its external id (else its name and place) within its
 * compound, so another compound's row with the same external id makes an item of its own, with
 * its own tasks, shifts and entries. Ids made before issue 13 came from the external id alone
 * (memberIdFor in compounds.ts, as the demo city still makes them); items stored under them keep
 * them, and the importer finds them there.
 */
export function memberId(
  kind: 'building' | 'exit',
  compoundId: string,
  source: { readonly externalId?: string | undefined; readonly name: string },
  location: readonly [number, number],
): string {
  return entityId(MEMBER_PREFIX[kind], { externalId: source.externalId, name: source.name, location, scope: compoundId });
}

const MEMBER_PREFIX = { building: 'b', exit: 'e' } as const;

/**
 * The id a community gets from its external id: stable, and the same the demo city's generator
 * gives (entityId of the external id alone).
 */
export function communityIdFor(externalId: string): string {
  return entityId('cm', { externalId: externalId.trim(), name: '', location: [0, 0] });
}
