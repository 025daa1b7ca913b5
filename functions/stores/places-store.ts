/**
 * Streets, communities and grids: few and read often (every placement and jurisdiction check),
 * so they are cached per container for a short while.
 */
import type { CommunityRef } from '#shared/domain/compounds.ts';
import { communityIdFor } from '#shared/domain/ids.ts';
import type { Community, Grid, Street } from '#shared/schemas/places.ts';
import { indexKeys, indexSortKeys, keys } from '#shared/table.ts';
import turfBbox from '@turf/bbox';
import type { Bbox } from '#shared/schemas/common.ts';
import { batchWrite, getItem, queryAll, type Item } from '../platform/table.ts';

export interface Places {
  readonly streets: readonly Street[];
  readonly communities: readonly (Community & CommunityRef)[];
  readonly communityById: ReadonlyMap<string, Community & CommunityRef>;
  readonly streetById: ReadonlyMap<string, Street>;
}

const TTL_MS = 30_000;
let cache: { at: number; places: Promise<Places> } | undefined;

export function loadPlaces(options: { fresh?: boolean } = {}): Promise<Places> {
  const now = Date.now();
  if (!cache || options.fresh || now - cache.at > TTL_MS) {
    const places = readPlaces();
    cache = { at: now, places };
    places.catch(() => {
      if (cache?.places === places) cache = undefined;
    });
  }
  return cache.places;
}

export function forgetPlaces(): void {
  cache = undefined;
}

async function readPlaces(): Promise<Places> {
  const streets = (await queryAll<Item>({ index: 'byParent', partition: indexKeys.streetsOfCity() })).map(toStreet);
  const perStreet = await Promise.all(
    streets.map((s) => queryAll<Item>({ index: 'byParent', partition: indexKeys.communitiesOfStreet(s.id) })),
  );
  const communities = perStreet.flat().map(toCommunity);
  return {
    streets,
    communities,
    communityById: new Map(communities.map((c) => [c.id, c])),
    streetById: new Map(streets.map((s) => [s.id, s])),
  };
}

const toStreet = (item: Item): Street => ({ id: item.id as string, name: item.name as string });

function toCommunity(item: Item): Community & CommunityRef {
  const boundary = (item.boundary as Community['boundary']) ?? null;
  return {
    id: item.id as string,
    name: item.name as string,
    streetId: item.streetId as string,
    boundary,
    ...(boundary ? { bbox: turfBbox(boundary) as unknown as Bbox } : {}),
  };
}

/**
 * The community id a file means: a known id as it stands (files exported from Cordon name
 * communities by id), else the id the value makes as an external id.
 */
export const communityIdOf = (places: Places, value: string): string =>
  places.communityById.has(value) ? value : communityIdFor(value);

export function streetItem(street: Street): Item {
  return { ...keys.street(street.id), type: 'street', gsi1pk: indexKeys.streetsOfCity(), gsi1sk: indexSortKeys.street(street.id), ...street };
}

export function communityItem(community: Community): Item {
  return {
    ...keys.community(community.id),
    type: 'community',
    gsi1pk: indexKeys.communitiesOfStreet(community.streetId),
    gsi1sk: indexSortKeys.community(community.id),
    ...community,
  };
}

export function gridItem(grid: Grid & { compoundIds?: readonly string[] }): Item {
  const { compoundIds, ...rest } = grid;
  return {
    ...keys.grid(grid.id),
    type: 'grid',
    gsi1pk: indexKeys.gridsOfCommunity(grid.communityId),
    gsi1sk: indexSortKeys.grid(grid.id),
    ...rest,
    ...(compoundIds && compoundIds.length > 0 ? { compoundIds: new Set(compoundIds) } : {}),
  };
}

export function gridFromItem(item: Item): Grid & { compoundIds: string[] } {
  const compoundIds = item.compoundIds;
  return {
    id: item.id as string,
    name: item.name as string,
    communityId: item.communityId as string,
    streetId: item.streetId as string,
    workers: (item.workers as string[] | undefined) ?? [],
    compoundIds: compoundIds instanceof Set ? [...(compoundIds as Set<string>)].sort() : [],
  };
}

export async function getGrid(id: string): Promise<(Grid & { compoundIds: string[] }) | undefined> {
  const item = await getItem<Item>(keys.grid(id));
  return item ? gridFromItem(item) : undefined;
}

export async function gridsOfCommunity(communityId: string): Promise<(Grid & { compoundIds: string[] })[]> {
  const items = await queryAll<Item>({ index: 'byParent', partition: indexKeys.gridsOfCommunity(communityId) });
  return items.map(gridFromItem);
}

export async function putPlaces(items: readonly Item[]): Promise<void> {
  await batchWrite(items);
  forgetPlaces();
}
