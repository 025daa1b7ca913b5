/**
 * The one DynamoDB table: its key schema and indexes, read by the local bootstrap and by CDK,
 * and the key strings every item carries. Single-table design; see DESIGN.md, Data.
 */

export interface IndexDefinition {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** What the index is for, in one line. */
  readonly purpose: string;
}

export const TABLE = {
  /** Base name; stages and tests prefix or replace it. */
  name: 'cordon',
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Attributes that hold key strings; all are strings. */
  indexes: {
    byParent: {
      name: 'byParent', partitionKey: 'gsi1pk', sortKey: 'gsi1sk',
      purpose: 'children of a place: compounds of a community, communities of a street, buildings of a grid',
    },
    byGeo: {
      name: 'byGeo', partitionKey: 'gsi2pk', sortKey: 'gsi2sk',
      purpose: 'viewport queries: geohash-5 cell of the centroid, then the full geohash in the sort key',
    },
    byStreet: {
      name: 'byStreet', partitionKey: 'gsi3pk', sortKey: 'gsi3sk',
      purpose: 'compounds of a street by status; later exits and tasks by status',
    },
  },
  ttlAttribute: 'expiresAt',
} as const satisfies {
  name: string;
  partitionKey: string;
  sortKey: string;
  indexes: Record<string, IndexDefinition>;
  ttlAttribute: string;
};

export type IndexName = keyof typeof TABLE.indexes;

/** The sentinel used where a compound has no street or community yet. */
export const UNASSIGNED = 'UNASSIGNED';
export const META = 'META';

/** Geohash length of the geo index's partition key (≈ 4.9 km × 4.9 km cells). */
export const GEO_PARTITION_PRECISION = 5;
/** Geohash length stored in the geo index's sort key (≈ 1.2 m cells). */
export const GEO_SORT_PRECISION = 10;

/** What the audit trail records changes of; each entity's records share one partition. */
export type AuditEntity =
  | 'STREET' | 'COMMUNITY' | 'GRID' | 'COMPOUND' | 'BUILDING' | 'EXIT'
  | 'CAMPAIGN' | 'TASK' | 'ALERT';
export const auditPartition = (entity: AuditEntity, entityId: string): string => `AUDIT#${entity}#${entityId}`;

/** Sort-key prefixes of the items kept under a compound's partition. */
export const CHILD_PREFIX = { building: 'BUILDING#', exit: 'EXIT#' } as const;

export const keys = {
  street: (id: string) => ({ pk: `STREET#${id}`, sk: META }),
  community: (id: string) => ({ pk: `COMMUNITY#${id}`, sk: META }),
  grid: (id: string) => ({ pk: `GRID#${id}`, sk: META }),
  compound: (id: string) => ({ pk: `COMPOUND#${id}`, sk: META }),
  building: (compoundId: string, id: string) => ({ pk: `COMPOUND#${compoundId}`, sk: `${CHILD_PREFIX.building}${id}` }),
  exit: (compoundId: string, id: string) => ({ pk: `COMPOUND#${compoundId}`, sk: `${CHILD_PREFIX.exit}${id}` }),
  /** Append-only; the sort key orders records by time and keeps same-millisecond records apart. */
  audit: (entity: AuditEntity, entityId: string, at: string, unique: string) => ({
    pk: auditPartition(entity, entityId),
    sk: `${at}#${unique}`,
  }),
  import: (id: string) => ({ pk: `IMPORT#${id}`, sk: META }),
  alert: (id: string) => ({ pk: `ALERT#${id}`, sk: META }),
  /** Marks a table the demo city was seeded into. */
  seed: (name: string) => ({ pk: `SEED#${name}`, sk: META }),
} as const;

/** Partition keys of the secondary indexes, by what they group. */
export const indexKeys = {
  streetsOfCity: () => 'CITY',
  communitiesOfStreet: (streetId: string) => `STREET#${streetId}`,
  gridsOfCommunity: (communityId: string) => `COMMUNITY#${communityId}#GRIDS`,
  compoundsOfCommunity: (communityId: string | null) => `COMMUNITY#${communityId ?? UNASSIGNED}`,
  compoundsOfStreet: (streetId: string | null) => `STREET#${streetId ?? UNASSIGNED}#COMPOUNDS`,
  buildingsOfGrid: (gridId: string | null) => `GRID#${gridId ?? UNASSIGNED}#BUILDINGS`,
  compoundGeoCell: (geohash5: string) => `CGEO#${geohash5}`,
  alertsOfCommunity: (communityId: string | null) => `COMMUNITY#${communityId ?? UNASSIGNED}#ALERTS`,
  alertsOfStreet: (streetId: string | null) => `STREET#${streetId ?? UNASSIGNED}#ALERTS`,
} as const;

/** Sort keys within those partitions. */
export const indexSortKeys = {
  street: (id: string) => `STREET#${id}`,
  community: (id: string) => `COMMUNITY#${id}`,
  grid: (id: string) => `GRID#${id}`,
  /** Status first, so a status filter is a begins_with. */
  compoundByStatus: (status: string, id: string) => `${status}#${id}`,
  buildingOfGrid: (compoundId: string, id: string) => `BUILDING#${compoundId}#${id}`,
  compoundGeo: (geohash: string, id: string) => `${geohash}#${id}`,
  /** Status first (open before closed), then time, so a page reads newest first within a status. */
  alert: (status: string, raisedAt: string, id: string) => `${status}#${raisedAt}#${id}`,
  alertsWithStatus: (status: string) => `${status}#`,
} as const;
