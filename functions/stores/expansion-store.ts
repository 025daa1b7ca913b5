/**
 * What the campaign fan-out (functions/flows/fan-out.ts, which says why it works this way) reads
 * and writes: each compound's expansion marker (a coverage item that records which receive
 * counted the compound), read before and written by the transaction that counts the compounds
 * into the campaign and its coverage items; the planned count and the record of a failed
 * compound; the task items, under deterministic keys; and the reads that give a task builder its
 * compound (a sweep's from the compounds' plan items, plan-store.ts, read whole where a plan is
 * missing or stale).
 */
import {
  COMPOUNDS_PER_MESSAGE, compoundPlan, type CaseBuildings, type CompoundPlan, type FanOutInput, type MarkerSeen, type PlanExit, type Receive, type TaskDraft, type Totals,
} from '#shared/domain/fan-out.ts';
import { inParallel } from '#shared/parallel.ts';
import { Building } from '#shared/schemas/building.ts';
import { CHILD_PREFIX, keys, META } from '#shared/table.ts';
import { ConflictError } from '../platform/errors.ts';
import { logger } from '../platform/logger.ts';
import {
  batchGet, batchWrite, failedConditions, queryAll, transactionCancelled, transactWithRetry, updateItem, type Item, type TransactOp,
} from '../platform/table.ts';
import { addOp, coverInit, coverOp, type CampaignRecord, type CounterUpdate } from './campaign-store.ts';
import { savePlan, storedPlanOf } from './plan-store.ts';
import { taskItem } from './task-records.ts';

/** Calls in flight per message: one per compound. */
const CONCURRENCY = COMPOUNDS_PER_MESSAGE;
/** BatchWrite calls in flight per message (the bench's raw baseline matches it). */
export const TASK_WRITE_CONCURRENCY = 4;

type Place = { readonly streetId: string | null; readonly communityId: string | null };

const markerKey = (campaignId: string, compoundId: string) => keys.cover(campaignId, 'compound', compoundId);

/** The compounds' markers (absent when never counted nor claimed): one consistent BatchGet. */
export async function readMarkers(campaignId: string, compoundIds: readonly string[]): Promise<Map<string, MarkerSeen>> {
  if (compoundIds.length === 0) return new Map();
  const items = await batchGet<Item>(compoundIds.map((id) => markerKey(campaignId, id)), { consistent: true });
  return new Map(items.map((i) => [i.placeId as string, {
    state: i.state as string,
    ...(typeof i.lockMessage === 'string' ? { lockMessage: i.lockMessage } : {}),
    ...(typeof i.lockReceive === 'number' ? { lockReceive: i.lockReceive } : {}),
    ...(typeof i.lockedUntil === 'string' ? { lockedUntil: i.lockedUntil } : {}),
  }]));
}

/** What a task builder is given besides the campaign. */
export type CompoundData = Omit<FanOutInput, 'campaign'>;

/** A compound read, or why it could not be; `unplanned` when it was read whole (its plan to store, and the token the read saw). */
export type CompoundRead =
  | { id: string; data: CompoundData; unplanned?: { readonly plan: CompoundPlan; readonly seen: string | undefined } }
  | { id: string; error: Error };

/**
 * A sweep needs every building and exit of each compound: one BatchGet of the message's compound
 * records and plan items (plan-store.ts). A compound whose plan is missing or stale is read whole
 * instead (one query of its partition); its plan, for the next campaign, is stored by
 * {@link storePlans} for the compounds the receive claimed, conditional on the token the BatchGet saw.
 */
export async function readSweepCompounds(compoundIds: readonly string[]): Promise<CompoundRead[]> {
  const itemsOf = byCompound(await batchGet<Item>(compoundIds.flatMap((id) => [keys.compound(id), keys.fanOutPlan(id)]), { consistent: true }));
  return inParallel(compoundIds, CONCURRENCY, async (id): Promise<CompoundRead> => {
    const found = itemsOf(id);
    const compound = found.find((i) => i.sk === META);
    const planned = found.find((i) => i.sk === keys.fanOutPlan(id).sk);
    const stored = planned ? storedPlanOf(planned) : undefined;
    if (compound && stored?.plan) return { id, data: { compound: compoundOf(id, compound), ...stored.plan } };
    try {
      const data = await readCompound(id);
      return { id, data, unplanned: { plan: compoundPlan(data.buildings, data.exits), seen: stored?.token } };
    } catch (error) {
      return { id, error: error as Error };
    }
  });
}

/**
 * Stores the plans of the compounds read whole. Best effort: a plan not stored is only rebuilt
 * next time, so an error is logged, never the compound's failure.
 */
export async function storePlans(reads: readonly CompoundRead[]): Promise<void> {
  await inParallel(reads, CONCURRENCY, async (read) => {
    if (!('unplanned' in read) || !read.unplanned) return;
    try {
      await savePlan(read.id, read.unplanned.plan, read.unplanned.seen);
    } catch (error) {
      logger.warn('compound plan not stored; the next campaign reads the compound whole', { compoundId: read.id, error });
    }
  });
}

/** The compound's record, buildings and exits: one query of its partition; throws on a broken record. */
async function readCompound(compoundId: string): Promise<CompoundData & { readonly exits: readonly (PlanExit & { readonly id: string })[] }> {
  const items = await queryAll<Item>({ partition: keys.compound(compoundId).pk, consistent: true });
  const compound = items.find((i) => i.sk === META);
  if (!compound) throw new Error(`compound ${compoundId} is not in the registry`);
  const buildings = items.filter((i) => (i.sk as string).startsWith(CHILD_PREFIX.building)).map((item) => buildingOf(item, compoundId));
  const exits = items.filter((i) => (i.sk as string).startsWith(CHILD_PREFIX.exit))
    .map((i) => ({ id: i.id as string, status: i.status as string, location: i.location as [number, number] }));
  return { compound: compoundOf(compoundId, compound), buildings, exits };
}

/**
 * A round needs only each compound's record and its case buildings (named in the message by the
 * planner): one BatchGet for the message, instead of a query of every building of every compound.
 */
export async function readRoundCompounds(compoundIds: readonly string[], cased: CaseBuildings): Promise<CompoundRead[]> {
  const wanted = compoundIds.flatMap((id) => [keys.compound(id), ...(cased[id] ?? []).map((b) => keys.building(id, b))]);
  const itemsOf = byCompound(await batchGet<Item>(wanted, { consistent: true }));
  return compoundIds.map((id): CompoundRead => {
    const found = itemsOf(id);
    const compound = found.find((i) => i.sk === META);
    if (!compound) return { id, error: new Error(`compound ${id} is not in the registry`) };
    try {
      const buildings = found.filter((i) => i.sk !== META).map((item) => buildingOf(item, id));
      return { id, data: { compound: compoundOf(id, compound), buildings, exits: [] } };
    } catch (error) {
      return { id, error: error as Error };
    }
  });
}

/** A BatchGet's items by the compound whose partition they are in (the key from shared/table.ts, not spelt here). */
function byCompound(items: readonly Item[]): (compoundId: string) => Item[] {
  const byPartition = Map.groupBy(items, (i) => i.pk as string);
  return (compoundId) => byPartition.get(keys.compound(compoundId).pk) ?? [];
}

function compoundOf(compoundId: string, item: Item): CompoundData['compound'] {
  return {
    id: compoundId,
    name: item.name as string,
    streetId: (item.streetId as string | null) ?? null,
    communityId: (item.communityId as string | null) ?? null,
    location: item.location as [number, number],
    propertyManaged: item.propertyManaged !== false,
  };
}

function buildingOf(item: Item, compoundId: string) {
  const parsed = Building.safeParse(item);
  if (!parsed.success) throw new Error(`building ${String(item.id)} of compound ${compoundId} is not a valid record: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`, { cause: parsed.error });
  return parsed.data;
}

/**
 * Writes tasks with BatchWrite. It cannot be conditional, so it only ever writes tasks nobody can
 * hold yet: every `fresh` one (of a compound this receive has just counted first), and of the
 * `resumed` ones (a resume or take-over) those a BatchGet does not find (the earlier receive may
 * have written some, and a worker may have claimed one since).
 */
export async function writeNewTasks(
  campaign: Pick<CampaignRecord, 'id' | 'kind'>,
  fresh: readonly TaskDraft[],
  resumed: readonly TaskDraft[],
  at: string,
): Promise<void> {
  const found = resumed.length === 0 ? [] : await batchGet<Item>(resumed.map((t) => keys.task(campaign.id, t.targetId)), { consistent: true });
  const existing = new Set(found.map((i) => i.sk as string));
  const missing = resumed.filter((t) => !existing.has(keys.task(campaign.id, t.targetId).sk));
  await batchWrite([...fresh, ...missing].map((t) => taskItem(campaign, t, at)), { concurrency: TASK_WRITE_CONCURRENCY });
}

/** A place's share of a count, and where it lies (what its coverage item is created with). */
export interface PlaceTotals {
  readonly totals: Totals;
  readonly place: Place;
}

/** What one receive counts: the compounds it expanded, and the totals by grid, community and campaign. */
export interface ExpansionCount {
  readonly compounds: readonly (PlaceTotals & { readonly compoundId: string })[];
  readonly grids: ReadonlyMap<string | null, PlaceTotals>;
  readonly communities: ReadonlyMap<string | null, PlaceTotals>;
  readonly all: Totals;
}

/** A compound to count: `seen` is the `expanding` marker it takes over, absent for a compound with none. */
export interface ToCount {
  readonly compoundId: string;
  readonly seen?: MarkerSeen;
}

/**
 * Counts compounds in one transaction: each marker created `expanded` by this receive (conditional
 * on there being none, or, for a take-over, on the very `expanding` marker read), and the totals
 * ADDed to it, to each grid's and community's coverage item and to the campaign. All or nothing,
 * so a compound is counted once however often its message comes. Answers the compounds whose
 * condition failed (another receive counted or claimed them since the read; nothing was written),
 * empty when all were counted. The caller keeps it within 100 items (shared/domain/fan-out.ts `packCounts`).
 */
export async function countCompounds(campaignId: string, compounds: readonly ToCount[], count: ExpansionCount, receive: Receive): Promise<string[]> {
  const byId = new Map(compounds.map((c) => [c.compoundId, c]));
  const ops: TransactOp[] = count.compounds.map(({ compoundId, totals, place }) => addOp(markerKey(campaignId, compoundId), {
    add: { ...totals },
    init: coverInit(campaignId, 'compound', compoundId, place),
    set: { state: 'expanded', lockMessage: receive.message, lockReceive: receive.receive },
    condition: markerCondition(byId.get(compoundId)?.seen),
  }));
  for (const [id, { totals, place }] of count.grids) ops.push(coverOp(campaignId, 'grid', id, { ...totals }, place));
  for (const [id, { totals, place }] of count.communities) ops.push(coverOp(campaignId, 'community', id, { ...totals }, place));
  ops.push(addOp(keys.campaign(campaignId), {
    add: {
      compoundsExpanded: count.compounds.length,
      tasksCreated: count.all.tasks,
      totalTasks: count.all.tasks,
      totalBuildings: count.all.buildings,
      totalHouseholds: count.all.households,
    },
  }));
  try {
    await transactWithRetry(ops);
    return [];
  } catch (error) {
    const failed = failedConditions(error);
    if (!failed) throw error;
    // Only the markers (the first ops, in the count's order) carry conditions.
    return failed.map((i) => count.compounds[i]?.compoundId).filter((id): id is string => id !== undefined);
  }
}

/** No marker yet; or, taking one over, the marker exactly as read (a racing take-over changes it). */
function markerCondition(seen: MarkerSeen | undefined): NonNullable<CounterUpdate['condition']> {
  if (!seen) return { expression: 'attribute_not_exists(pk)' };
  return {
    expression: '#state = :expanding AND lockMessage = :seenMessage AND lockReceive = :seenReceive',
    names: { '#state': 'state' },
    values: { ':expanding': 'expanding', ':seenMessage': seen.lockMessage ?? '', ':seenReceive': seen.lockReceive ?? 0 },
  };
}

/**
 * Sets the campaign's planned compound count once: a redelivered plan message lists again, but
 * the count the status waits for stays the first one.
 */
export async function setPlannedCount(campaignId: string, compounds: number): Promise<void> {
  try {
    await updateItem(
      {
        Key: keys.campaign(campaignId),
        UpdateExpression: 'SET compoundsPlanned = :n',
        ConditionExpression: 'attribute_not_exists(compoundsPlanned)',
        ExpressionAttributeValues: { ':n': compounds },
      },
      'already planned',
    );
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
}

/**
 * Marks a compound not yet expanded as failed and lists it on the campaign, once (the marker's
 * condition), so the campaign can still settle.
 */
export async function recordFailedCompound(campaignId: string, compoundId: string, reason: string, at: string): Promise<void> {
  try {
    await transactWithRetry([
      {
        update: {
          Key: markerKey(campaignId, compoundId),
          UpdateExpression: 'SET #state = :failed, reason = :reason, #type = :type, campaignId = :c, #level = :level, placeId = :id, buildings = :zero, households = :zero',
          ConditionExpression: 'attribute_not_exists(pk) OR #state = :expanding',
          ExpressionAttributeNames: { '#state': 'state', '#type': 'type', '#level': 'level' },
          ExpressionAttributeValues: {
            ':failed': 'failed', ':reason': reason, ':expanding': 'expanding', ':type': 'cover', ':c': campaignId,
            ':level': 'compound', ':id': compoundId, ':zero': 0,
          },
        },
      },
      {
        update: {
          Key: keys.campaign(campaignId),
          UpdateExpression: 'SET failed = list_append(if_not_exists(failed, :none), :entry) ADD compoundsFailed :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':none': [], ':entry': [{ compoundId, reason, at }], ':one': 1 },
        },
      },
    ]);
  } catch (failure) {
    // Expanded meanwhile, or already recorded: nothing to add.
    if (!transactionCancelled(failure)) throw failure;
  }
}
