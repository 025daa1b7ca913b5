/**
 * The map's filters as one value, and the pure functions over it: which compounds pass, which
 * are in view, which match a name search. Search runs over the compounds already loaded (the
 * map opens on the whole jurisdiction, so that is every compound of it, as dots far out): no
 * request per keystroke, and it finds what the map can show.
 */
import type { CompoundSummary } from './data.ts';
import type { CompoundStatus } from './status.ts';
import { geometryBbox, intersects, type Bbox } from './tiles.ts';

export interface Filters {
  readonly hidden: ReadonlySet<CompoundStatus>;
  readonly streetId: string | undefined;
  readonly communityId: string | undefined;
  readonly gridId: string | undefined;
}

export const NO_FILTERS: Filters = { hidden: new Set(), streetId: undefined, communityId: undefined, gridId: undefined };

/** Passes street, community and grid (status is counted before it hides, so the legend can say what it hides). */
export function inPlace(compound: CompoundSummary, filters: Filters): boolean {
  const p = compound.properties;
  return (
    (filters.streetId === undefined || p.streetId === filters.streetId) &&
    (filters.communityId === undefined || p.communityId === filters.communityId) &&
    (filters.gridId === undefined || p.gridIds.includes(filters.gridId))
  );
}

/** Whether a compound reaches into the bbox — as the API's bbox filter decides it, on the shape it sent. */
export const inBbox = (compound: CompoundSummary, bbox: Bbox): boolean => intersects(geometryBbox(compound.geometry), bbox);

/** Whether a point ([lng, lat]: an exit, a building) lies in the bbox. */
export const pointInBbox = ([lng, lat]: readonly number[], bbox: Bbox): boolean =>
  intersects([lng as number, lat as number, lng as number, lat as number], bbox);

/** At most this many search results are listed. */
export const SEARCH_LIMIT = 20;

/** Compounds whose name contains the text (Chinese names: a substring, any position), names starting with it first. */
export function searchByName(compounds: readonly CompoundSummary[], text: string): CompoundSummary[] {
  const query = text.trim().toLowerCase();
  if (!query) return [];
  const hits = compounds.filter((c) => c.properties.name.toLowerCase().includes(query));
  const rank = (c: CompoundSummary) => (c.properties.name.toLowerCase().startsWith(query) ? 0 : 1);
  return hits.sort((a, b) => rank(a) - rank(b) || a.properties.name.localeCompare(b.properties.name, 'zh-CN')).slice(0, SEARCH_LIMIT);
}
