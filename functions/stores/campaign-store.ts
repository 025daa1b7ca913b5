/**
 * Campaigns in the table: the campaign item and its counters, the coverage items per place, the
 * status that follows from the counters, and transactions retried when DynamoDB cancels them
 * for a conflicting transaction on the same item (counters are hot items).
 *
 * The campaign item keeps its counters as top-level numbers, so each change is one `ADD`;
 * the API's nested shape (totals, progress) is built on read.
 *
 * Longer than most stores, on purpose: the campaign item, its coverage items and the counter
 * update they share live in one partition and change in the same transactions.
 */
import type { ScopePlace } from '#shared/domain/campaigns.ts';
import type { CampaignRound } from '#shared/domain/disinfection.ts';
import { settledStatus } from '#shared/domain/campaigns.ts';
import { coverageRatio } from '#shared/domain/visits.ts';
import { coverBbox } from '#shared/geo/geohash.ts';
import type { Campaign, CampaignKind, CampaignScope, CampaignStatus, Coverage, CoverageLevel, FailedCompound } from '#shared/schemas/campaign.ts';
import type { Bbox } from '#shared/schemas/common.ts';
import { indexKeys, indexSortKeys, keys, UNASSIGNED } from '#shared/table.ts';
import { ConflictError } from '../platform/errors.ts';
import { logger } from '../platform/logger.ts';
import type { Caller } from '#shared/roles.ts';
import { auditItem } from './audit-store.ts';
import { GEO_COVER } from './compound-store.ts';
import type { Source } from '../platform/list-sources.ts';
import { getItem, queryAll, transactWrite, updateItem, type Item, type Key, type TransactOp } from '../platform/table.ts';

/** The campaign as stored: its scope resolved to places, and flat counters. */
export interface CampaignRecord {
  readonly id: string;
  readonly kind: CampaignKind;
  readonly scope: CampaignScope;
  readonly place: ScopePlace;
  readonly status: CampaignStatus;
  readonly dueAt?: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly cancelledAt?: string;
  readonly cancelledBy?: string;
  readonly compoundsPlanned: number | null;
  readonly compoundsExpanded: number;
  readonly compoundsFailed: number;
  readonly totalTasks: number;
  readonly totalBuildings: number;
  readonly totalHouseholds: number;
  readonly tasksCreated: number;
  readonly tasksDone: number;
  readonly buildingsVisited: number;
  readonly householdsVisited: number;
  readonly peopleSeen: number;
  readonly failed: readonly FailedCompound[];
  readonly flags: Readonly<Record<string, number>>;
  /** Disinfection: the round's slot and due times (its case buildings travel in the level-2 messages). */
  readonly round?: CampaignRound;
  /** When the restartCampaigns schedule last sent the plan message again. */
  readonly replannedAt?: string;
}

/** Counter attributes of a campaign, named once. */
const COUNTERS = [
  'compoundsExpanded', 'compoundsFailed', 'totalTasks', 'totalBuildings', 'totalHouseholds',
  'tasksCreated', 'tasksDone', 'buildingsVisited', 'householdsVisited', 'peopleSeen',
] as const;
const FLAG_PREFIX = 'flag_';

export function newCampaignItem(campaign: Pick<CampaignRecord, 'id' | 'kind' | 'scope' | 'place' | 'dueAt' | 'createdAt' | 'createdBy' | 'round'>): Item {
  return {
    ...keys.campaign(campaign.id),
    type: 'campaign',
    gsi1pk: indexKeys.campaigns(),
    gsi1sk: indexSortKeys.campaign(campaign.createdAt, campaign.id),
    ...campaign,
    status: 'fanning-out',
    ...Object.fromEntries(COUNTERS.map((c) => [c, 0])),
    failed: [],
  };
}

/**
 * Writes a new campaign (conditional: its id is new) with its audit record. ConflictError when the
 * id exists — a round's deterministic id says its slot was started already. Its plan message is
 * functions/flows/campaign-launch.ts's to send.
 */
export async function writeNewCampaign(
  campaign: Parameters<typeof newCampaignItem>[0],
  caller: Pick<Caller, 'username' | 'role'>,
): Promise<void> {
  await transactWrite([
    { put: newCampaignItem(campaign), condition: 'attribute_not_exists(pk)' },
    {
      put: auditItem({
        entity: 'CAMPAIGN', entityId: campaign.id, action: 'create', caller, at: campaign.createdAt,
        changes: { kind: { from: null, to: campaign.kind }, scope: { from: null, to: campaign.scope }, status: { from: null, to: 'fanning-out' } },
      }),
    },
  ], `campaign ${campaign.id} exists already`);
}

/** A counter attribute; 0 until its first ADD creates it. */
const counter = (item: Item, name: string): number => (typeof item[name] === 'number' ? (item[name] as number) : 0);

export function campaignFromItem(item: Item): CampaignRecord {
  const flags: Record<string, number> = {};
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(FLAG_PREFIX) && typeof value === 'number') flags[name.slice(FLAG_PREFIX.length)] = value;
  }
  return {
    id: item.id as string,
    kind: item.kind as CampaignKind,
    scope: item.scope as CampaignScope,
    place: item.place as ScopePlace,
    status: item.status as CampaignStatus,
    ...(item.dueAt ? { dueAt: item.dueAt as string } : {}),
    createdAt: item.createdAt as string,
    createdBy: item.createdBy as string,
    ...(item.cancelledAt ? { cancelledAt: item.cancelledAt as string, cancelledBy: item.cancelledBy as string } : {}),
    compoundsPlanned: typeof item.compoundsPlanned === 'number' ? item.compoundsPlanned : null,
    ...(Object.fromEntries(COUNTERS.map((c) => [c, counter(item, c)])) as Record<(typeof COUNTERS)[number], number>),
    failed: (item.failed as FailedCompound[] | undefined) ?? [],
    flags,
    ...(item.round ? { round: item.round as CampaignRound } : {}),
    ...(item.replannedAt ? { replannedAt: item.replannedAt as string } : {}),
  };
}

/** The contract's shape (DESIGN.md, API contract). */
export function campaignView(c: CampaignRecord): Campaign {
  return {
    id: c.id,
    kind: c.kind,
    scope: c.scope,
    status: c.status,
    ...(c.dueAt ? { dueAt: c.dueAt } : {}),
    totals: { buildings: c.totalBuildings, households: c.totalHouseholds, tasks: c.totalTasks },
    progress: {
      tasksCreated: c.tasksCreated,
      tasksDone: c.tasksDone,
      buildingsVisited: c.buildingsVisited,
      householdsVisited: c.householdsVisited,
      peopleSeen: c.peopleSeen,
    },
    coverage: coverageRatio(c.householdsVisited, c.totalHouseholds),
    compounds: { planned: c.compoundsPlanned, expanded: c.compoundsExpanded, failed: c.compoundsFailed },
    failed: [...c.failed],
    flags: { ...c.flags },
    createdAt: c.createdAt,
    createdBy: c.createdBy,
    ...(c.cancelledAt ? { cancelledAt: c.cancelledAt, cancelledBy: c.cancelledBy } : {}),
    ...(c.round ? { round: { day: c.round.day, slot: c.round.slot, publicAreas: c.round.publicAreas, caseBuildings: c.round.caseBuildings, scheduled: c.round.scheduled } } : {}),
  };
}

export async function getCampaign(id: string, options: { consistent?: boolean } = {}): Promise<CampaignRecord | undefined> {
  const item = await getItem<Item>(keys.campaign(id), options);
  return item ? campaignFromItem(item) : undefined;
}

/** Every campaign, newest first, from its own index partition (there are few; lists filter them). */
export const campaignsSource = (): Source => ({ kind: 'query', query: { index: 'byParent', partition: indexKeys.campaigns(), newestFirst: true } });

/** The campaigns created from `from` to `to` (ISO times, both included), oldest first. */
export async function campaignsCreatedBetween(from: string, to: string): Promise<CampaignRecord[]> {
  const items = await queryAll<Item>({ index: 'byParent', partition: indexKeys.campaigns(), between: [from, indexSortKeys.campaign(to, '~')] });
  return items.map(campaignFromItem);
}

/**
 * Cancels a campaign that is still fanning out or active, with its audit record: one conditional
 * write, so a campaign that finished or was cancelled meanwhile fails with a ConflictError. Its
 * open tasks leave the task lists at read time. Returns the campaign as cancelled.
 */
export async function cancelCampaign(campaign: CampaignRecord, caller: Pick<Caller, 'username' | 'role'>, at: string): Promise<CampaignRecord> {
  await transactWrite(
    [
      {
        update: {
          Key: keys.campaign(campaign.id),
          UpdateExpression: 'SET #status = :cancelled, cancelledAt = :at, cancelledBy = :by',
          ConditionExpression: '#status IN (:fanning, :active)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled', ':at': at, ':by': caller.username, ':fanning': 'fanning-out', ':active': 'active' },
        },
      },
      { put: auditItem({ entity: 'CAMPAIGN', entityId: campaign.id, action: 'cancel', caller, at, changes: { status: { from: campaign.status, to: 'cancelled' } } }) },
    ],
    `campaign ${campaign.id} finished or was cancelled meanwhile`,
  );
  return { ...campaign, status: 'cancelled', cancelledAt: at, cancelledBy: caller.username };
}

/**
 * Records that the plan message is sent again, conditional on the campaign still fanning out and
 * on the resend it was read with: of two runs at once one records it (true), the other finds it
 * recorded (false), as does a campaign that moved on.
 */
export async function markReplanned(campaign: CampaignRecord, at: string): Promise<boolean> {
  const previous = campaign.replannedAt;
  try {
    await updateItem(
      {
        Key: keys.campaign(campaign.id),
        UpdateExpression: 'SET replannedAt = :at ADD replans :one',
        ConditionExpression: `#status = :fanning AND ${previous ? 'replannedAt = :previous' : 'attribute_not_exists(replannedAt)'}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':at': at, ':one': 1, ':fanning': 'fanning-out', ...(previous ? { ':previous': previous } : {}) },
      },
      'campaign moved on',
    );
    return true;
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
}

export interface CounterUpdate {
  /** Numbers to ADD; zeros are left out (a no-op ADD still takes part in conflicts). */
  readonly add?: Readonly<Record<string, number>>;
  /** Attributes set only when missing (what a counter item is created with). */
  readonly init?: Readonly<Record<string, unknown>>;
  /** Attributes set always. */
  readonly set?: Readonly<Record<string, unknown>>;
  readonly condition?: { readonly expression: string; readonly values?: Record<string, unknown>; readonly names?: Record<string, string> };
}

/** An update that adds to counters: `ADD` is commutative, so racing writers never lose a count. */
export function addOp(key: Key, update: CounterUpdate): TransactOp {
  const names: Record<string, string> = { ...update.condition?.names };
  const values: Record<string, unknown> = { ...update.condition?.values };
  const addParts: string[] = [];
  const setParts: string[] = [];
  let i = 0;
  const name = (attribute: string, value: unknown) => {
    names[`#u${i}`] = attribute;
    values[`:u${i}`] = value;
    return i++;
  };
  for (const [attribute, value] of Object.entries(update.add ?? {})) {
    if (value === 0) continue;
    const n = name(attribute, value);
    addParts.push(`#u${n} :u${n}`);
  }
  for (const [attribute, value] of Object.entries(update.init ?? {})) {
    const n = name(attribute, value);
    setParts.push(`#u${n} = if_not_exists(#u${n}, :u${n})`);
  }
  for (const [attribute, value] of Object.entries(update.set ?? {})) {
    const n = name(attribute, value);
    setParts.push(`#u${n} = :u${n}`);
  }
  const expression = [setParts.length ? `SET ${setParts.join(', ')}` : '', addParts.length ? `ADD ${addParts.join(', ')}` : '']
    .filter(Boolean)
    .join(' ');
  return {
    update: {
      Key: key,
      UpdateExpression: expression,
      ConditionExpression: update.condition?.expression,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: Object.keys(values).length ? values : undefined,
    },
  };
}

/** Campaign counters to ADD, flags under their prefix. */
export const campaignAdds = (adds: Readonly<Record<string, number>>, flags: Readonly<Record<string, number>> = {}) => ({
  ...adds,
  ...Object.fromEntries(Object.entries(flags).map(([name, n]) => [`${FLAG_PREFIX}${name}`, n])),
});

/** The coverage item of a place, created on first ADD with what a list needs to filter it. */
export function coverOp(
  campaignId: string,
  level: CoverageLevel,
  placeId: string | null,
  adds: Readonly<Record<string, number>>,
  place: { readonly streetId: string | null; readonly communityId: string | null },
): TransactOp {
  const id = placeId ?? UNASSIGNED;
  return addOp(keys.cover(campaignId, level, id), { add: adds, init: coverInit(campaignId, level, id, place) });
}

/** What a coverage item is created with: enough for a list to filter it by jurisdiction. */
export const coverInit = (
  campaignId: string,
  level: CoverageLevel,
  placeId: string,
  place: { readonly streetId: string | null; readonly communityId: string | null },
) => ({ type: 'cover', campaignId, level, placeId, streetId: place.streetId, communityId: place.communityId });

/** A campaign's coverage items of one level (compound, grid, community): one partition, one begins_with. */
export const coverageSource = (campaignId: string, level: CoverageLevel): Source => ({
  kind: 'query',
  query: { partition: keys.campaign(campaignId).pk, beginsWith: keys.cover(campaignId, level, '').sk },
});

/**
 * A coverage item as a list filters it: its view, the place it counts (for the caller's
 * jurisdiction), and whether it is the pool of the scope's unplaced buildings, filed under the
 * place of whichever task wrote it first (only a caller whose jurisdiction holds the whole scope
 * may see that one).
 */
export function coverageOf(item: Item, level: CoverageLevel) {
  const pooled = item.placeId === UNASSIGNED;
  return {
    coverage: coverageView(item),
    pooled,
    place: {
      compoundId: level === 'compound' ? (item.placeId as string) : '',
      streetId: (item.streetId as string | null) ?? null,
      communityId: (item.communityId as string | null) ?? null,
      gridId: level === 'grid' && !pooled ? (item.placeId as string) : null,
    },
  };
}

/**
 * Sources for a campaign's tasks not yet covered whose point lies in the bbox's cells: the
 * sparse byGeo entries each such task carries until its building is covered.
 */
export const unvisitedSources = (campaignId: string, bbox: Bbox): Source[] =>
  coverBbox(bbox, GEO_COVER).map((range) => ({
    kind: 'query',
    query: { index: 'byGeo', partition: indexKeys.unvisitedCell(campaignId, range.partition), between: [range.from, range.to] },
  }));

export function coverageView(item: Item): Coverage {
  const num = (name: string) => counter(item, name);
  return {
    level: item.level as CoverageLevel,
    id: item.placeId as string,
    buildings: num('buildings'),
    buildingsVisited: num('buildingsVisited'),
    households: num('households'),
    householdsVisited: num('householdsVisited'),
    peopleSeen: num('peopleSeen'),
    coverage: coverageRatio(num('householdsVisited'), num('households')),
  };
}

/**
 * Moves the campaign to the status its counters call for (fanning-out → active → done), with a
 * condition on the status it read: of racing writers one moves it, the rest find it moved.
 */
export async function settleCampaign(id: string): Promise<CampaignStatus | undefined> {
  const campaign = await getCampaign(id, { consistent: true });
  if (!campaign) return undefined;
  const next = settledStatus(campaign);
  if (next === campaign.status) return next;
  try {
    await updateItem(
      {
        Key: keys.campaign(id),
        UpdateExpression: 'SET #status = :next',
        ConditionExpression: '#status = :current',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':next': next, ':current': campaign.status },
      },
      'campaign status moved meanwhile',
    );
    logger.info('campaign status', { campaignId: id, from: campaign.status, to: next });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
  return next;
}
