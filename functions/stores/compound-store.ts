/**
 * Compounds, their buildings and exits in the table: item shapes, the index attributes each
 * carries, and the queries that answer lists (community, street, grid, geo cells). A compound's
 * write moves its streets' dots version (street-dots-store.ts) once it has landed.
 */
import type { Changes } from '#shared/domain/audit.ts';
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import { coverBbox, encodeGeohash, expandBbox, intersects } from '#shared/geo/geohash.ts';
import { shapeOf } from '#shared/geo/shape.ts';
import { areaProblems, NO_LIMITS, outerRingsOnly, validPosition } from '#shared/geo/validate.ts';
import { listScope, type Caller } from '#shared/roles.ts';
import type { Building } from '#shared/schemas/building.ts';
import type { Bbox } from '#shared/schemas/common.ts';
import type { CompoundStatus } from '#shared/schemas/compound.ts';
import type { Exit } from '#shared/schemas/exit.ts';
import {
  CHILD_PREFIX, GEO_PARTITION_PRECISION, GEO_SORT_PRECISION, indexKeys, indexSortKeys, keys, TABLE,
} from '#shared/table.ts';
import { auditItem } from './audit-store.ts';
import { streetDotsChanged } from './street-dots-store.ts';
import { getGrid, type Places } from './places-store.ts';
import { withoutKeys, type Source } from '../platform/list-sources.ts';
import { logger } from '../platform/logger.ts';
import { inParallel } from '#shared/parallel.ts';
import { batchGet, getItem, queryAll, queryPage, transactWrite, type Item, type TransactOp } from '../platform/table.ts';
import type { Detail } from '../platform/errors.ts';

/**
 * How far beyond a bbox the geo query looks for centroids, so that a compound whose polygon
 * reaches into the box from outside is still found (≈ 400 m; larger compounds are rare).
 */
export const GEO_MARGIN_DEG = 0.004;
/** Finest geohash cell the bbox cover uses, and how many ranges (queries) it may need. */
export const GEO_COVER = { partitionPrecision: GEO_PARTITION_PRECISION, maxPrecision: 7, maxRanges: 32 } as const;

/** The item to write; gridIds goes out as a string set, so buildings can ADD to it idempotently. */
export function compoundWriteItem(compound: CompoundRecord): Item {
  const hash = encodeGeohash(compound.location[0], compound.location[1], GEO_SORT_PRECISION);
  const { gridIds, ...rest } = compound;
  return {
    ...keys.compound(compound.id),
    type: 'compound',
    gsi1pk: indexKeys.compoundsOfCommunity(compound.communityId),
    gsi1sk: indexSortKeys.compoundByStatus(compound.status, compound.id),
    gsi2pk: indexKeys.compoundGeoCell(hash.slice(0, GEO_PARTITION_PRECISION)),
    gsi2sk: indexSortKeys.compoundGeo(hash, compound.id),
    gsi3pk: indexKeys.compoundsOfStreet(compound.streetId),
    gsi3sk: indexSortKeys.compoundByStatus(compound.status, compound.id),
    ...rest,
    // DynamoDB refuses an empty set: no grids means no attribute.
    ...(gridIds.length > 0 ? { gridIds: new Set(gridIds) } : {}),
  };
}

export function compoundFromItem(item: Item): CompoundRecord {
  const compound = withoutKeys<CompoundRecord>(item);
  const grids = item.gridIds;
  return repaired({ ...compound, gridIds: grids instanceof Set ? [...(grids as Set<string>)].sort() : ((grids as string[]) ?? []) });
}

/**
 * A compound stored before geometry was checked at the edge (a hole outside its ring left a
 * negative area and a centroid on another continent, and broke every list that met it) is
 * answered repaired: its holes dropped when that leaves a valid area, else its polygon dropped and
 * its point kept; area, centroid and bbox worked out again. The item stays as it is until its next
 * change, which writes the repaired compound. With neither a valid polygon nor a valid point
 * nothing can be made of it: lists skip it (see compoundSummaryFeature).
 */
function repaired(compound: CompoundRecord): CompoundRecord {
  const fault = faultOf(compound);
  if (fault === undefined) return compound;
  const geometry = compound.geometry ? outerRingsOnly(compound.geometry) ?? null : null;
  const located = geometry !== null || validPosition(compound.location);
  warnOnce(compound.id, located ? `${fault}; answered repaired` : `${fault}; lists skip it`);
  if (!located) return compound;
  const declared = compound.areaSource === 'declared' && compound.areaM2 > 0 ? compound.areaM2 : undefined;
  const shape = shapeOf({ geometry, location: geometry ? undefined : compound.location, areaM2: declared });
  const { location, bbox, areaM2, areaSource } = shape;
  return { ...compound, geometry: shape.geometry, location, bbox, areaM2, areaSource };
}

/**
 * What about the stored compound breaks the contract, if anything: the first fault found. Every
 * read of every compound passes here, so the full geometry check runs only when the cheap
 * signs of a broken shape show: a bad shape's centroid lands outside its own bbox (a centroid
 * of a sound polygon never does).
 */
function faultOf(compound: CompoundRecord): string | undefined {
  const fault = pointFault(compound.location, compound.areaM2);
  if (fault) return fault;
  if (!compound.geometry || (compound.bbox && centroidInBbox(compound.location, compound.bbox as Bbox))) return undefined;
  const [problem] = areaProblems(compound.geometry, NO_LIMITS);
  return problem ? `geometry.${problem.path.join('.')}: ${problem.message}` : undefined;
}

/**
 * What a list of dots (`shape=point`) reads of each compound: where it is and what the list
 * filters on, and the keys (a page's cursor is its last item's keys); not the polygon and the
 * rest, most of the item's bytes (the benchmark city's streets: 2.8 MB read whole, 1.1 MB so).
 */
const POINT_ATTRIBUTES = [
  TABLE.partitionKey, TABLE.sortKey, ...Object.values(TABLE.indexes).flatMap((index) => [index.partitionKey, index.sortKey]),
  'id', 'name', 'status', 'communityId', 'streetId', 'unassigned', 'gridIds', 'location', 'areaM2', 'bbox',
];

/** These sources read as a list of dots needs them (POINT_ATTRIBUTES); key lists read whole items. */
export const pointSources = (sources: readonly Source[]): Source[] =>
  sources.map((source) => (source.kind === 'query' ? { ...source, query: { ...source.query, attributes: POINT_ATTRIBUTES } } : source));

/**
 * A street's compounds as its dots read them (POINT_ATTRIBUTES without the keys, grids as a sorted
 * list: what street-dots-store.ts keeps), in the street list's order; undefined when there are
 * `max` or more, or one must be read whole: those streets are listed page by page as before.
 */
export async function readStreetDotItems(streetId: string, max: number): Promise<Item[] | undefined> {
  const source = streetSource(streetId);
  if (source.kind !== 'query') return undefined;
  const page = await queryPage<Item>({ ...source.query, attributes: POINT_ATTRIBUTES, limit: max });
  if (page.lastKey !== undefined || page.items.some(needsWholeItem)) return undefined;
  return page.items.map((item) => {
    const dot = withoutKeys<Item>(item);
    if (item.gridIds instanceof Set) dot.gridIds = [...(item.gridIds as Set<string>)].sort();
    return dot;
  });
}

/**
 * Whether a compound read without its polygon shows the signs {@link faultOf} looks for (then
 * {@link repaired} needs the polygon): such a one is read whole. The check is faultOf's cheap
 * part, so a sound compound is never read twice.
 */
export function needsWholeItem(item: Item): boolean {
  if (pointFault(item.location, item.areaM2)) return true;
  const bbox = item.bbox as Bbox | undefined;
  return bbox !== undefined && !centroidInBbox(item.location as [number, number], bbox);
}

/** The faults a compound's point and area can show without its polygon (faultOf's first checks). */
function pointFault(location: unknown, areaM2: unknown): string | undefined {
  if (!validPosition(location)) return 'location is not [lng, lat] in range';
  if (!(typeof areaM2 === 'number' && Number.isFinite(areaM2) && areaM2 >= 0)) return 'areaM2 is not a number of m² (negative?)';
  return undefined;
}

/** Whether the compound's point lies in its bbox: a sound polygon's centroid always does. */
const centroidInBbox = ([lng, lat]: readonly [number, number], bbox: Bbox): boolean => intersects([lng, lat, lng, lat], bbox);

/** Compounds already reported by this process: a map that reloads every minute logs a bad one once. */
const reported = new Set<string>();

function warnOnce(compoundId: string, fault: string): void {
  if (reported.has(compoundId)) return;
  if (reported.size >= 10_000) reported.clear();
  reported.add(compoundId);
  // The id and where the geometry is at fault: no name, address or other text of the item.
  logger.warn('stored compound breaks the contract', { compoundId, fault });
}

export async function getCompound(id: string, options: { consistent?: boolean } = {}): Promise<CompoundRecord | undefined> {
  const item = await getItem<Item>(keys.compound(id), options);
  return item ? compoundFromItem(item) : undefined;
}

export async function getCompounds(ids: readonly string[]): Promise<CompoundRecord[]> {
  const items = await batchGet<Item>(ids.map((id) => keys.compound(id)));
  return items.map(compoundFromItem);
}

/**
 * Writes a new compound and its audit record in one transaction, only if its id is new: the id
 * comes from its external id, or its name and place, so a second one fails with a ConflictError.
 */
export async function createCompound(
  compound: CompoundRecord,
  audit: { readonly caller: Pick<Caller, 'username' | 'role'>; readonly at: string; readonly changes: Changes },
): Promise<void> {
  await transactWrite(
    [
      { put: compoundWriteItem(compound), condition: 'attribute_not_exists(pk)' },
      { put: auditItem({ entity: 'COMPOUND', entityId: compound.id, action: 'create', ...audit }) },
    ],
    `compound ${compound.id} already exists (same external id, or same name at the same place)`,
  );
  await streetDotsChanged([compound.streetId]);
}

/**
 * Writes a changed compound and its audit record in one transaction, conditional on the version
 * that was read (and on `condition`, when given): a compound changed meanwhile fails the write
 * with a ConflictError saying `conflict`, and nothing is written.
 */
export async function saveCompound(
  current: CompoundRecord,
  next: CompoundRecord,
  audit: { readonly action: string; readonly caller: Pick<Caller, 'username' | 'role'>; readonly at: string; readonly changes: Changes; readonly source?: string },
  options: {
    readonly conflict: Detail;
    readonly condition?: string;
    readonly values?: Record<string, unknown>;
    /** Writes that must land with the change (sealing marks the compound's exits for re-evaluation). */
    readonly with?: readonly TransactOp[];
  },
): Promise<void> {
  await transactWrite(
    [
      {
        put: compoundWriteItem(next),
        condition: options.condition ? `version = :v AND ${options.condition}` : 'version = :v',
        values: { ':v': current.version, ...options.values },
      },
      { put: auditItem({ entity: 'COMPOUND', entityId: next.id, ...audit }) },
      ...(options.with ?? []),
    ],
    options.conflict,
  );
  await streetDotsChanged([current.streetId, next.streetId]);
}

export function buildingItem(building: Building): Item {
  return {
    ...keys.building(building.compoundId, building.id),
    type: 'building',
    gsi1pk: indexKeys.buildingsOfGrid(building.gridId),
    gsi1sk: indexSortKeys.buildingOfGrid(building.compoundId, building.id),
    ...building,
  };
}
export const buildingFromItem = (item: Item): Building => withoutKeys<Building>(item);

export async function getBuilding(compoundId: string, id: string): Promise<Building | undefined> {
  const item = await getItem<Item>(keys.building(compoundId, id));
  return item ? buildingFromItem(item) : undefined;
}

/** A compound's buildings, exits, passes or drop-off points: the items under the compound's partition, by sort-key prefix. */
export const childSource = (compoundId: string, child: keyof typeof CHILD_PREFIX): Source => ({
  kind: 'query',
  query: { partition: keys.compound(compoundId).pk, beginsWith: CHILD_PREFIX[child] },
});

/** Every exit carries its id in the byParent index, so GET /v1/exits/{id} finds it without its compound. */
export function exitItem(exit: Exit): Item {
  return {
    ...keys.exit(exit.compoundId, exit.id), type: 'exit',
    gsi1pk: indexKeys.exitById(exit.id), gsi1sk: indexSortKeys.exitById(),
    ...exit,
  };
}
export const exitFromItem = (item: Item): Exit => withoutKeys<Exit>(item);

/** The compounds of a community (null: those held at city level), by status when `prefix` is given. */
export const communitySource = (communityId: string | null, prefix?: string): Source => ({
  kind: 'query',
  query: { index: 'byParent', partition: indexKeys.compoundsOfCommunity(communityId), beginsWith: prefix },
});

/** The compounds of a street (null: those in no street), by status when `prefix` is given. */
export const streetSource = (streetId: string | null, prefix?: string): Source => ({
  kind: 'query',
  query: { index: 'byStreet', partition: indexKeys.compoundsOfStreet(streetId), beginsWith: prefix },
});

/**
 * Where the compounds of the caller's jurisdiction are read from: the narrowest index their
 * {@link listScope} allows (its reads are then filtered with canSeeCompound).
 */
export async function scopeSources(caller: Caller, places: Places, prefix?: string): Promise<Source[]> {
  const scope = listScope(caller);
  switch (scope.level) {
    case 'city':
      return [...places.streets.map((s) => streetSource(s.id, prefix)), streetSource(null, prefix)];
    case 'street':
      return [streetSource(scope.streetId, prefix)];
    case 'community':
      return [communitySource(scope.communityId, prefix)];
    case 'grid': {
      const grid = await getGrid(scope.gridId);
      return [{ kind: 'keys', keys: (grid?.compoundIds ?? []).map((id) => keys.compound(id)) }];
    }
    case 'compounds':
      return [{ kind: 'keys', keys: scope.compoundIds.map((id) => keys.compound(id)) }];
  }
}

/** Street queries in flight while the city's compounds are listed. */
const STREETS_IN_FLIGHT = 10;

/**
 * The city's compounds from the street index, one query per street (and the unassigned), or only
 * those in the given statuses (a begins_with each: the sort key starts with the status).
 */
export async function cityCompounds(statuses?: readonly CompoundStatus[]): Promise<CompoundRecord[]> {
  const streets = await queryAll<Item>({ index: 'byParent', partition: indexKeys.streetsOfCity() });
  const partitions = [...streets.map((s) => indexKeys.compoundsOfStreet(s.id as string)), indexKeys.compoundsOfStreet(null)];
  const queries = partitions.flatMap((partition) =>
    (statuses ?? [undefined]).map((status) => ({ index: 'byStreet' as const, partition, beginsWith: statusPrefix(status) })));
  return (await inParallel(queries, STREETS_IN_FLIGHT, (query) => queryAll<Item>(query))).flat().map(compoundFromItem);
}

/** Every compound of a street (null: those in no street). */
export const compoundsOfStreet = async (streetId: string | null): Promise<CompoundRecord[]> =>
  (await queryAll<Item>({ index: 'byStreet', partition: indexKeys.compoundsOfStreet(streetId) })).map(compoundFromItem);

/** Every compound of a community (null: those held at city level). */
export const compoundsOfCommunity = async (communityId: string | null): Promise<CompoundRecord[]> =>
  (await queryAll<Item>({ index: 'byParent', partition: indexKeys.compoundsOfCommunity(communityId) })).map(compoundFromItem);

/** The begins_with that filters an index sorted by {@link indexSortKeys.compoundByStatus}. */
export const statusPrefix = (status: CompoundStatus | undefined): string | undefined =>
  status === undefined ? undefined : indexSortKeys.compoundByStatus(status, '');

/** Sources for compounds whose centroid lies in the bbox widened by the margin. */
export function geoSources(bbox: Bbox): Source[] {
  return coverBbox(expandBbox(bbox, GEO_MARGIN_DEG), GEO_COVER).map((range) => ({
    kind: 'query',
    query: { index: 'byGeo', partition: indexKeys.compoundGeoCell(range.partition), between: [range.from, range.to] },
  }));
}

/** Whether a compound read from the geo index reaches into the bbox. */
export const compoundInBbox = (compound: CompoundRecord, bbox: Bbox): boolean =>
  intersects((compound.bbox ?? [...compound.location, ...compound.location]) as Bbox, bbox);
