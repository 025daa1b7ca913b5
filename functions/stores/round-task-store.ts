/**
 * Whose round tasks a disinfection worker lists: property staff their compounds (jurisdiction
 * compoundIds); a community's team (jurisdiction communityId) the community's compounds without
 * property management, read from the community's compound index. Both may be set on one user.
 */
import type { Caller } from '#shared/roles.ts';
import { indexKeys } from '#shared/table.ts';
import { queryAll, type Item } from '../platform/table.ts';

export async function roundCompoundsOf(caller: Caller): Promise<string[]> {
  const j = caller.jurisdiction;
  const own = [...(j.compoundIds ?? [])];
  if (!j.communityId) return own;
  const compounds = await queryAll<Item>({ index: 'byParent', partition: indexKeys.compoundsOfCommunity(j.communityId) });
  const team = compounds.filter((c) => c.propertyManaged === false).map((c) => c.id as string);
  return [...new Set([...own, ...team])];
}
