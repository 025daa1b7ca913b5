/**
 * The one DynamoDB table: its key schema and indexes, read by the local bootstrap and by CDK,
 * and the key strings every item carries. Single-table design; see DESIGN.md, Data.
 */
import { shardOf } from './domain/ids.ts';

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
  | 'CAMPAIGN' | 'TASK' | 'ALERT' | 'CASE' | 'STAFF' | 'HELP' | 'PERSON' | 'INSPECTION' | 'ORDER';
export const auditPartition = (entity: AuditEntity, entityId: string): string => `AUDIT#${entity}#${entityId}`;

/** Partitions a report slot's due index is spread over (keys.slotDue). */
export const SLOT_DUE_SHARDS = 16;
const slotDuePartition = (date: string, slot: string, shard: number): string => `SLOTDUE#${date}#${slot}#${shard}`;

/** Sort-key prefixes of the items kept under a compound's partition. */
export const CHILD_PREFIX = { building: 'BUILDING#', exit: 'EXIT#', pass: 'PASS#', revokedPass: 'REVOKEDPASS#', dropOff: 'DROPOFF#' } as const;

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
  /**
   * One notice of an alert to one person on one channel at one level (issue 17), in the alert's
   * partition: who was told, when and how is the alert's record; the key makes a rerun write none twice.
   */
  alertNotice: (alertId: string, level: string, username: string, channel: string) => ({ pk: `ALERT#${alertId}`, sk: `NOTICE#${level}#${username}#${channel}` }),
  /**
   * The alert job's sparse index (functions/stores/alert-store.ts): an alert's next work (its
   * notice to send, its escalation due) under the UTC day it falls due, sorted by due time, so a
   * run reads only what is due.
   */
  alertDue: (day: string, dueAt: string, alertId: string, work: string) => ({ pk: `ALERTDUE#${day}`, sk: `${dueAt}#${alertId}#${work}` }),
  campaign: (id: string) => ({ pk: `CAMPAIGN#${id}`, sk: META }),
  /** Deterministic: a redelivered fan-out message rewrites the same task, never adds one. */
  task: (campaignId: string, targetId: string) => ({ pk: `CAMPAIGN#${campaignId}`, sk: `TASK#${targetId}` }),
  /**
   * A campaign's coverage counters for one place (compound, grid, community). The compound's item
   * is also its fan-out marker: its state flips to expanded once, with the counters' ADD.
   */
  cover: (campaignId: string, level: string, placeId: string) => ({ pk: `CAMPAIGN#${campaignId}`, sk: `COVER#${level}#${placeId}` }),
  /** Keyed by the client's visit id, so a resent visit finds itself. */
  visit: (taskId: string, visitId: string) => ({ pk: `TASK#${taskId}`, sk: `VISIT#${visitId}` }),
  /** How many tasks a worker holds, kept beside each claim in one transaction. */
  workerTasks: (username: string) => ({ pk: `WORKER#${username}`, sk: 'TASKS' }),
  /**
   * The answer to one field action under the caller's Idempotency-Key, per operation: a partition
   * each, so a busy worker's keys spread over the table. Expires by the table's TTL.
   */
  idempotency: (username: string, operationId: string, key: string) => ({ pk: `IDEMPOTENCY#${username}#${operationId}#${key}`, sk: META }),
  /** A staff member's directory entry, keyed by username: a username is taken once. */
  staff: (username: string) => ({ pk: `STAFF#${username}`, sk: META }),
  /** Marks a table the demo city was seeded into. */
  seed: (name: string) => ({ pk: `SEED#${name}`, sk: META }),
  /** Exits: duty shifts, entries and hourly counts live in the exit's own partition. */
  shift: (exitId: string, start: string, id: string) => ({ pk: `EXIT#${exitId}`, sk: `SHIFT#${start}#${id}` }),
  entry: (exitId: string, entryId: string) => ({ pk: `EXIT#${exitId}`, sk: `ENTRY#${entryId}` }),
  exitHour: (exitId: string, hour: string) => ({ pk: `EXIT#${exitId}`, sk: `COUNT#${hour}` }),
  /** A rule group's (compound's or enclosure's) input revision and next re-evaluation time. */
  exitRules: (groupId: string) => ({ pk: `RULES#${groupId}`, sk: META }),
  responsibility: (compoundId: string) => ({ pk: `COMPOUND#${compoundId}`, sk: 'RESPONSIBILITY' }),
  /**
   * A street's compounds as map dots, kept whole in one item beside the street and dropped by a
   * version every compound write moves (functions/stores/street-dots-store.ts).
   */
  streetDots: (streetId: string) => ({ pk: `STREET#${streetId}`, sk: 'DOTS' }),
  /** The compound's fan-out plan: its buildings and exits as the task builders read them (functions/stores/plan-store.ts). */
  fanOutPlan: (compoundId: string) => ({ pk: `COMPOUND#${compoundId}`, sk: 'PLAN' }),
  /** The hotlines a compound's gate notice posts (community office, property, epidemic hotline). */
  hotlines: (compoundId: string) => ({ pk: `COMPOUND#${compoundId}`, sk: 'HOTLINES' }),
  /** A printing or posting of the compound's gate notice; a China day's are one begins_with. */
  noticePosted: (compoundId: string, day: string, at: string, unique: string) => ({ pk: `COMPOUND#${compoundId}`, sk: `NOTICE#${day}#${at}#${unique}` }),
  noticePostedDay: (compoundId: string, day: string) => ({ pk: `COMPOUND#${compoundId}`, beginsWith: `NOTICE#${day}#` }),
  pass: (compoundId: string, passId: string) => ({ pk: `COMPOUND#${compoundId}`, sk: `${CHILD_PREFIX.pass}${passId}` }),
  /**
   * A revoked pass, beside the pass in its compound's partition: the gate's offline key reads the
   * revocations alone (one short query), not every pass of the compound. Renewal deletes it.
   */
  passRevocation: (compoundId: string, passId: string) => ({ pk: `COMPOUND#${compoundId}`, sk: `${CHILD_PREFIX.revokedPass}${passId}` }),
  /** A compound's drop-off point; a compound's points are one begins_with under its partition. */
  dropOff: (compoundId: string, id: string) => ({ pk: `COMPOUND#${compoundId}`, sk: `${CHILD_PREFIX.dropOff}${id}` }),
  enclosure: (id: string) => ({ pk: `ENCLOSURE#${id}`, sk: META }),
  /** Present while the compound is a member of an enclosure. */
  enclosureOf: (compoundId: string) => ({ pk: `COMPOUND#${compoundId}`, sk: 'ENCLOSURE' }),
  /** A case report, keyed by its (client's) id so a resent report finds itself. */
  caseReport: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: META }),
  /** Guards the one open lockdown suggestion of a compound: names the alert raised last. */
  lockdownSuggestion: (compoundId: string) => ({ pk: `COMPOUND#${compoundId}`, sk: 'LOCKDOWN_SUGGESTION' }),
  /** A compound's public-area rounds completed on a China day (the day-end job's input). */
  roundsDone: (day: string, compoundId: string) => ({ pk: `ROUNDS#${day}`, sk: compoundId }),
  /** A compound that missed rounds on a China day: sorted by street and community, like unresolved exits. */
  missedRound: (day: string, streetId: string | null, communityId: string | null, compoundId: string) => ({
    pk: `MISSED#${day}`,
    sk: `${streetId ?? UNASSIGNED}#${communityId ?? UNASSIGNED}#${compoundId}`,
  }),
  /**
   * A person under care (重点人员) and, in the same partition, what the period gathers: a slot's
   * report or judgement (keyed by day and slot, so a resend rewrites it), a test (by due day), a contact.
   */
  person: (id: string) => ({ pk: `PERSON#${id}`, sk: META }),
  personSlot: (id: string, date: string, slot: string) => ({ pk: `PERSON#${id}`, sk: `SLOT#${date}#${slot}` }),
  personTest: (id: string, due: string) => ({ pk: `PERSON#${id}`, sk: `TEST#${due}` }),
  personContact: (id: string, at: string, unique: string) => ({ pk: `PERSON#${id}`, sk: `CONTACT#${at}#${unique}` }),
  /** A resident's link record, named by the token's hash (the token itself is never stored). */
  link: (hash: string) => ({ pk: `LINK#${hash}`, sk: META }),
  /** Names the subject's current link of a purpose, so issuing again or revoking finds it. */
  linkOf: (purpose: string, subjectId: string) => ({ pk: `LINKOF#${purpose}#${subjectId}`, sk: META }),
  /**
   * The judgement job's sparse index: one item per slot of a person's period, written at enrolment
   * and deleted once the slot is judged, so after a window closes the job reads only the people
   * still due that slot (functions/stores/slot-due-store.ts). A slot's items are spread over
   * SLOT_DUE_SHARDS partitions by person, so 50,000 people due one evening are not one hot key for
   * the enrolments' writes and the job's deletes, and the job reads the shards side by side.
   */
  slotDue: (date: string, slot: string, personId: string) => ({ pk: slotDuePartition(date, slot, shardOf(personId, SLOT_DUE_SHARDS)), sk: personId }),
  slotDueShard: (date: string, slot: string, shard: number) => ({ pk: slotDuePartition(date, slot, shard) }),
  /**
   * The automatic release's sparse index: a person under observation under the China day their
   * period ends (moved on to the next day while a condition still fails), so the release job reads
   * only the people whose period is over (functions/stores/release-due-store.ts).
   */
  releaseDue: (day: string, personId: string) => ({ pk: `RELEASEDUE#${day}`, sk: personId }),
  /**
   * A person under observation in a compound, named by their ID number's hash: the pass issue
   * looks it up (one read) to refuse a pass until release, which deletes it.
   */
  observedId: (compoundId: string, idHash: string) => ({ pk: `OBSERVED#${compoundId}#${idHash}`, sk: META }),
  /** Public report-route calls of one link in one minute (a per-token rate limit; expires by TTL). */
  linkRate: (hash: string, minute: string) => ({ pk: `LINKRATE#${hash}`, sk: minute }),
  /** An emergency help request (紧急救助), keyed by its (client's) id so a resent request finds itself. */
  helpRequest: (id: string) => ({ pk: `HELP#${id}`, sk: META }),
  /** An inspection (督导检查) of a compound. */
  inspection: (id: string) => ({ pk: `INSPECTION#${id}`, sk: META }),
  /** A household's order (代购配送), keyed by its (client's) id so a resent order finds itself. */
  order: (id: string) => ({ pk: `ORDER#${id}`, sk: META }),
  /** A household (compound, building, room) as its link names it: the link's subject. */
  household: (householdId: string) => ({ pk: `HOUSEHOLD#${householdId}`, sk: META }),
  /**
   * The overdue job's sparse index: a requested order under the UTC day its acceptance falls due,
   * sorted by that time; removed when the order is accepted or cancelled, so a run reads only what is due.
   */
  orderDue: (day: string, acceptBy: string, orderId: string) => ({ pk: `ORDERDUE#${day}`, sk: `${acceptBy}#${orderId}` }),
  /** How many of a compound's orders are open (requested to delivered): +1 placed, −1 collected or cancelled (its daily report's figure). */
  ordersOpen: (compoundId: string) => ({ pk: `COMPOUND#${compoundId}`, sk: 'ORDERS_OPEN' }),
  /** A community's order figures of a China day: counters ADDed with each step (daily report, dashboard). */
  orderDay: (day: string, communityId: string | null) => ({ pk: `ORDERDAY#${day}`, sk: communityId ?? UNASSIGNED }),
  /** A compound's daily report (日报告) of a China day: the day's partition, sorted by street and community like missed rounds. */
  dailyReport: (day: string, streetId: string | null, communityId: string | null, compoundId: string) => ({
    pk: `DAILYREPORT#${day}`,
    sk: `${streetId ?? UNASSIGNED}#${communityId ?? UNASSIGNED}#${compoundId}`,
  }),
  /** A vulnerable person whose cadre logged no contact on a China day: sorted by street and community, like missed rounds. */
  unreachedPair: (day: string, streetId: string | null, communityId: string | null, personId: string) => ({
    pk: `UNREACHED#${day}`,
    sk: `${streetId ?? UNASSIGNED}#${communityId ?? UNASSIGNED}#${personId}`,
  }),
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
  /** byGeo (alerts have no points on the map): a grid's alerts, sorted like a community's, for its grid worker. */
  alertsOfGrid: (gridId: string) => `GRID#${gridId}#ALERTS`,
  /** byParent: a person's notices, newest first (their inbox). */
  inbox: (username: string) => `INBOX#${username}`,
  /** byStreet, sparse: a person's in-app notices not yet read (removed when read), for the unread count. */
  unread: (username: string) => `UNREAD#${username}`,
  /** byParent / byStreet: help requests of a community or street, sorted like alerts (open first, then time). */
  helpOfCommunity: (communityId: string | null) => `COMMUNITY#${communityId ?? UNASSIGNED}#HELP`,
  helpOfStreet: (streetId: string | null) => `STREET#${streetId ?? UNASSIGNED}#HELP`,
  /** byParent: a community's orders of one status, medicine and urgent first, then oldest first (indexSortKeys.order). */
  ordersOfCommunity: (communityId: string | null, status: string) => `COMMUNITY#${communityId ?? UNASSIGNED}#ORDERS#${status}`,
  /** byGeo (orders have no points): a household's orders, newest last by requestedAt (its link's page). */
  ordersOfHousehold: (householdId: string) => `HOUSEHOLD#${householdId}#ORDERS`,
  /** byStreet, sparse: a compound's delivered orders waiting at its drop-off points, by point then deliveredAt. */
  waitingAtCompound: (compoundId: string) => `COMPOUND#${compoundId}#WAITING`,
  /** byStreet: a street's inspections, sorted by community, compound and time (indexSortKeys.inspection). */
  inspectionsOfStreet: (streetId: string | null) => `STREET#${streetId ?? UNASSIGNED}#INSPECTIONS`,
  /** byParent, sparse: open inspections with a deadline, by deadline, for the overdue job. */
  inspectionsDue: () => 'INSPECTIONS#DUE',
  /** byParent: a compound's people under care, by status (the person item only). */
  peopleOfCompound: (compoundId: string) => `COMPOUND#${compoundId}#PEOPLE`,
  /** byStreet: a community's people under care, by status, then grid and compound. */
  peopleOfCommunity: (communityId: string | null) => `COMMUNITY#${communityId ?? UNASSIGNED}#PEOPLE`,
  /** byGeo (people have no points on the map): a grid's people under care, by status, for the grid worker's today list. */
  peopleOfGrid: (gridId: string | null) => `GRID#${gridId ?? UNASSIGNED}#PEOPLE`,
  /** byParent: an exit by its id alone (every exit item carries it). */
  exitById: (exitId: string) => `EXIT#${exitId}`,
  /**
   * byStreet, sparse: the city's unresolved exits in one partition, sorted by street and community.
   * Only exits that break a rule are in it (a few thousand in a city of 10,000 compounds, changing
   * when a judgement changes), so one partition serves every jurisdiction with a begins_with.
   */
  unresolvedExits: () => 'XUNRESOLVED',
  /** byGeo, sparse: unresolved exits by geohash-5 cell of their location. */
  unresolvedExitGeoCell: (geohash5: string) => `XGEO#${geohash5}`,
  /** byParent, sparse: rule groups due for re-evaluation, by UTC day of the due time. */
  exitRulesDue: (day: string) => `XDUE#${day}`,
  /** byParent: an exit's entries of one UTC day, in time order. */
  entriesOfExitDay: (exitId: string, day: string) => `EXITLOG#${exitId}#${day}`,
  /** byParent: the whole staff directory in one partition by username; lists filter it by jurisdiction (a city has a few thousand staff). */
  staffDirectory: () => 'STAFF',
  /** All campaigns, newest first (byParent); lists filter them by jurisdiction, there are few. */
  campaigns: () => 'CAMPAIGNS',
  /** A grid's tasks (byParent), sorted by status, campaign, compound and walking order. */
  tasksOfGrid: (gridId: string | null) => `GRID#${gridId ?? UNASSIGNED}#TASKS`,
  /** Sparse (byGeo): an entry per task not yet covered, removed when its building is covered. */
  unvisitedCell: (campaignId: string, geohash5: string) => `CAMPAIGN#${campaignId}#UNVISITED#${geohash5}`,
  /** Sparse (byStreet): every claimed task by lease end, for the lease-expiry job. */
  leases: () => 'LEASES',
  /** byParent: a compound's case reports by China day (one query for the public counts). */
  casesOfCompound: (compoundId: string) => `COMPOUND#${compoundId}#CASES`,
  /** byStreet, sparse: confirmed and suspected reports of a China day, read once when a round is planned. */
  caseBuildingsOfDay: (day: string) => `CASEDAY#${day}`,
  /** byParent: a compound's disinfection tasks (instead of a grid's), sorted like a grid's tasks. */
  roundTasksOfCompound: (compoundId: string) => `COMPOUND#${compoundId}#ROUNDTASKS`,
  /** byGeo (disinfection tasks never use the unvisited-buildings cells): a compound's round tasks of a China day. */
  roundLog: (compoundId: string, day: string) => `RLOG#${compoundId}#${day}`,
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
  /** An inspection in its street's partition: one begins_with finds a community's or a compound's. */
  inspection: (communityId: string | null, compoundId: string, at: string, id: string) => `${communityId ?? UNASSIGNED}#${compoundId}#${at}#${id}`,
  notice: (at: string, alertId: string, level: string, channel: string) => `${at}#${alertId}#${level}#${channel}`,
  exitById: () => 'EXIT',
  /** Street, then community: a jurisdiction's unresolved exits are one begins_with. */
  unresolvedExit: (streetId: string | null, communityId: string | null, compoundId: string, exitId: string) =>
    `${streetId ?? UNASSIGNED}#${communityId ?? UNASSIGNED}#${compoundId}#${exitId}`,
  unresolvedExitsOfStreet: (streetId: string) => `${streetId}#`,
  unresolvedExitsOfCommunity: (streetId: string, communityId: string) => `${streetId}#${communityId}#`,
  unresolvedExitGeo: (geohash: string, exitId: string) => `${geohash}#${exitId}`,
  exitRulesDue: (dueAt: string, groupId: string) => `${dueAt}#${groupId}`,
  entryAt: (at: string, entryId: string) => `${at}#${entryId}`,
  campaign: (createdAt: string, id: string) => `${createdAt}#${id}`,
  /** Walking order padded, so the sort key sorts as the route walks. */
  taskOfGrid: (status: string, campaignId: string, compoundId: string, order: number, targetId: string) =>
    `${status}#${campaignId}#${compoundId}#${String(order).padStart(5, '0')}#${targetId}`,
  tasksWithStatus: (status: string, campaignId?: string) => (campaignId ? `${status}#${campaignId}#` : `${status}#`),
  unvisited: (geohash: string, targetId: string) => `${geohash}#${targetId}`,
  lease: (leaseExpiresAt: string, taskId: string) => `${leaseExpiresAt}#${taskId}`,
  caseOfDay: (day: string, caseId: string) => `${day}#${caseId}`,
  caseBuilding: (compoundId: string, buildingId: string, caseId: string) => `${compoundId}#${buildingId}#${caseId}`,
  roundLogEntry: (slot: string, campaignId: string, targetId: string) => `${slot}#${campaignId}#${targetId}`,
  /** Status first, so a status filter is a begins_with; then grid and compound, so a community's list groups them. */
  person: (status: string, gridId: string | null, compoundId: string, id: string) => `${status}#${gridId ?? UNASSIGNED}#${compoundId}#${id}`,
  peopleWithStatus: (status: string) => `${status}#`,
  /** An order in its community's queue of one status: rank (0 urgent medicine … 3 the rest, shared/domain/orders.ts orderRank), then oldest first. */
  order: (rank: number, requestedAt: string, id: string) => `${rank}#${requestedAt}#${id}`,
  /** An order among its household's, by time (newest last). */
  orderOfHousehold: (requestedAt: string, id: string) => `${requestedAt}#${id}`,
  /** A delivered order among what waits at its compound's points: by point, then oldest first. */
  orderWaiting: (dropOffPointId: string | undefined, deliveredAt: string, id: string) => `${dropOffPointId ?? UNASSIGNED}#${deliveredAt}#${id}`,
  missedOfStreet: (streetId: string) => `${streetId}#`,
  missedOfCommunity: (streetId: string | null, communityId: string) => `${streetId ?? UNASSIGNED}#${communityId}#`,
} as const;
