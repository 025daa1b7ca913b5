/**
 * Grids (网格) named in imported files: a grid is known by its id or, within one community, by its
 * name; a new one gets the file's code as its id when that is a valid id, else an id made from
 * its community and name, so the same file names the same grid every time.
 */
import { Id } from '../schemas/common.ts';
import { normaliseName, stableHash } from './ids.ts';

export function gridIdFor(communityId: string, value: string): string {
  const trimmed = value.trim();
  return Id.safeParse(trimmed).success ? trimmed : `g_${stableHash(`${communityId}:${normaliseName(trimmed)}`)}`;
}

/** The grid of a community whose id or name is the value, if any. */
export function findGrid<G extends { readonly id: string; readonly name: string }>(grids: readonly G[], value: string): G | undefined {
  const wanted = normaliseName(value);
  return grids.find((g) => g.id === value.trim()) ?? grids.find((g) => normaliseName(g.name) === wanted);
}
