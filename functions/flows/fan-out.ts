/**
 * The campaign fan-out, in two levels so a city-wide campaign never waits on one long function:
 *
 * 1. plan (queue campaignPlan, one message per campaign): list the scope's compounds, record
 *    how many, and send one campaignExpand message per {@link COMPOUNDS_PER_MESSAGE} compounds.
 * 2. expand (queue campaignExpand): each compound of a message becomes tasks, written with
 *    BatchWrite under deterministic keys, then counted.
 *
 * Exactly-once counting: conditional writes, not Powertools idempotency. Idempotency keyed on
 * the message body would make a duplicate wait or fail while the first delivery runs, and it
 * records a message, not a compound — a chunk that failed half-way would be all or nothing.
 * Instead each compound's coverage item doubles as its fan-out marker:
 * - claim: a conditional update puts the marker in `expanding`, locked to this receive
 *   (message id + receive count). A duplicate delivery finds it locked or expanded and skips
 *   the compound; a later receive of the same message, or any receive once the lock has passed
 *   the visibility timeout, takes an abandoned `expanding` marker over.
 * - write: BatchWrite cannot be conditional, so it only ever writes tasks nobody can hold yet:
 *   all of them on a first claim; on a take-over only those a BatchGet does not find (the
 *   earlier attempt may have written some, and a worker may have claimed one since).
 * - count: one transaction flips every claimed marker to `expanded` (conditional on the lock)
 *   and ADDs the compounds' totals to the campaign and to each grid's and community's
 *   coverage item. The flip happens once per compound, so the ADD happens once per task,
 *   however often a message is delivered or however late a retry comes.
 *
 * A compound that cannot be expanded (missing, or a building record that fails its schema)
 * fails the message after the others are counted; redeliveries retry only it. On the queue's
 * last receive (ApproximateReceiveCount = maxReceiveCount) the worker records it in the
 * campaign's `failed` list before the message goes to the DLQ, so the campaign can settle.
 */
import { isoAfter } from '#shared/domain/time.ts';
import type { SQSRecord } from 'aws-lambda';
import { queues } from '#shared/catalogue/index.ts';
import {
  COMPOUNDS_PER_MESSAGE, TASK_BUILDERS, expandMessages, totalsOf, type CaseBuildings, type FanOutInput, type TaskDraft, type Totals,
} from '#shared/domain/fan-out.ts';
import { Building } from '#shared/schemas/building.ts';
import type { CampaignKind } from '#shared/schemas/campaign.ts';
import { CHILD_PREFIX, indexKeys, indexSortKeys, keys, META } from '#shared/table.ts';
import { addOp, coverInit, coverOp, getCampaign, settleCampaign, type CampaignRecord } from '../stores/campaign-store.ts';
import { now, nowIso } from '../platform/clock.ts';
import { ConflictError } from '../platform/errors.ts';
import { logger } from '../platform/logger.ts';
import { inParallel } from '#shared/parallel.ts';
import { getGrid } from '../stores/places-store.ts';
import { sendMessages } from '../platform/queue.ts';
import { planRound } from './round-plan.ts';
import {
  batchGet, batchWrite, queryAll, transactionCancelled, transactWithRetry, transactWrite, updateItem, type Item, type TransactOp,
} from '../platform/table.ts';
import { taskItem } from '../stores/task-store.ts';

/** Calls in flight per message: one per compound. */
const CONCURRENCY = COMPOUNDS_PER_MESSAGE;
/** BatchWrite calls in flight per message (the bench's raw baseline matches it). */
export const TASK_WRITE_CONCURRENCY = 4;

/** Level 1: the scope's compounds, as messages of a few compounds each. */
export async function planCampaign(campaignId: string): Promise<void> {
  const campaign = await getCampaign(campaignId, { consistent: true });
  if (!campaign || campaign.status === 'cancelled') {
    logger.warn('campaign to plan is missing or cancelled', { campaignId });
    return;
  }
  // A kind may plan its own scope (a round: compounds under closure and case compounds) and name
  // what its builder needs in the messages (a round's case buildings).
  const { compoundIds, caseBuildings } = campaign.kind === 'disinfection'
    ? await planRound(campaign, () => compoundsInScope(campaign))
    : { compoundIds: await compoundsInScope(campaign), caseBuildings: {} };
  // Set once: a redelivered plan message lists again and resends (the expanders skip what is
  // done), but the planned count the status waits for stays the first one.
  try {
    await updateItem(
      {
        Key: keys.campaign(campaignId),
        UpdateExpression: 'SET compoundsPlanned = :n',
        ConditionExpression: 'attribute_not_exists(compoundsPlanned)',
        ExpressionAttributeValues: { ':n': compoundIds.length },
      },
      'already planned',
    );
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
  await sendMessages('campaignExpand', expandMessages(campaignId, compoundIds, campaign.kind, caseBuildings));
  if (compoundIds.length === 0) await settleCampaign(campaignId);
  logger.info('campaign planned', { campaignId, compounds: compoundIds.length });
}

async function compoundsInScope(campaign: CampaignRecord): Promise<string[]> {
  const { scope, place } = campaign;
  const ids = (items: Item[]) => items.map((i) => i.id as string);
  switch (scope.type) {
    case 'city':
      return [...new Set(ids(await cityCompounds()))];
    case 'street':
      return ids(await queryAll<Item>({ index: 'byStreet', partition: indexKeys.compoundsOfStreet(place.streetId) }));
    case 'community':
      return ids(await queryAll<Item>({ index: 'byParent', partition: indexKeys.compoundsOfCommunity(place.communityId) }));
    case 'grid':
      return (await getGrid(place.gridId ?? ''))?.compoundIds ?? [];
    case 'compound':
      return place.compoundId ? [place.compoundId] : [];
  }
}

/**
 * The city's compounds from the street index, one query per street (and the unassigned), or only
 * those in the given statuses (a begins_with each: the sort key starts with the status).
 */
export async function cityCompounds(statuses?: readonly string[]): Promise<Item[]> {
  const streets = await queryAll<Item>({ index: 'byParent', partition: indexKeys.streetsOfCity() });
  const partitions = [...streets.map((s) => indexKeys.compoundsOfStreet(s.id as string)), indexKeys.compoundsOfStreet(null)];
  const queries = partitions.flatMap((partition) =>
    (statuses ?? [undefined]).map((status) => ({ index: 'byStreet' as const, partition, beginsWith: status === undefined ? undefined : indexSortKeys.compoundByStatus(status, '') })));
  return (await inParallel(queries, CONCURRENCY, (query) => queryAll<Item>(query))).flat();
}

interface Lock {
  readonly message: string;
  readonly receive: number;
}

const lockOf = (record: SQSRecord): Lock => ({ message: record.messageId, receive: Number(record.attributes.ApproximateReceiveCount) });
/** When a claim made at `at` counts as abandoned: the message is visible again by then. */
const lockedUntil = (at: Date) => isoAfter(at, queues.campaignExpand.visibilityTimeoutSeconds * 1000);
const markerKey = (campaignId: string, compoundId: string) => keys.cover(campaignId, 'compound', compoundId);

/** The claim's writes; the marker is a coverage item from its first write, so lists read it as one. */
const claimSet = (lock: Lock, until: string, campaignId: string, compoundId: string) => ({
  UpdateExpression:
    'SET #state = :expanding, lockMessage = :m, lockReceive = :r, lockedUntil = :until, #type = :type, campaignId = :c, #level = :level, placeId = :id',
  ExpressionAttributeNames: { '#state': 'state', '#type': 'type', '#level': 'level' },
  values: {
    ':expanding': 'expanding', ':m': lock.message, ':r': lock.receive, ':until': until,
    ':type': 'cover', ':c': campaignId, ':level': 'compound', ':id': compoundId,
  },
});

/**
 * Claims the message's compounds: first all at once, in one transaction that holds only if none
 * was ever claimed (the common case, one request); else one by one, to learn which are free,
 * abandoned (take over) or held and done elsewhere.
 */
async function claimCompounds(campaignId: string, compoundIds: readonly string[], lock: Lock) {
  const until = lockedUntil(now());
  try {
    await transactWrite(compoundIds.map((id) => {
      const set = claimSet(lock, until, campaignId, id);
      return {
        update: {
          Key: markerKey(campaignId, id),
          UpdateExpression: set.UpdateExpression,
          ConditionExpression: 'attribute_not_exists(pk)',
          ExpressionAttributeNames: set.ExpressionAttributeNames,
          ExpressionAttributeValues: set.values,
        },
      };
    }));
    return compoundIds.map((id) => ({ id, claim: 'first' as const }));
  } catch (error) {
    if (!transactionCancelled(error)) throw error;
  }
  return inParallel(compoundIds, CONCURRENCY, async (id) => ({ id, claim: await claimCompound(campaignId, id, lock) }));
}

/** 'first' or 'takeover' when this receive now holds the compound; undefined when another has it or it is done. */
async function claimCompound(campaignId: string, compoundId: string, lock: Lock): Promise<'first' | 'takeover' | undefined> {
  const at = now();
  const set = claimSet(lock, lockedUntil(at), campaignId, compoundId);
  try {
    const old = await updateItem(
      {
        Key: markerKey(campaignId, compoundId),
        UpdateExpression: set.UpdateExpression,
        ConditionExpression:
          'attribute_not_exists(pk) OR (#state = :expanding AND (lockedUntil < :now OR (lockMessage = :m AND lockReceive < :r)))',
        ExpressionAttributeNames: set.ExpressionAttributeNames,
        ExpressionAttributeValues: { ...set.values, ':now': at.toISOString() },
        ReturnValues: 'ALL_OLD',
      },
      'compound held or expanded',
    );
    return old ? 'takeover' : 'first';
  } catch (error) {
    if (error instanceof ConflictError) return undefined;
    throw error;
  }
}

interface Loaded {
  readonly compoundId: string;
  readonly claim: 'first' | 'takeover';
  readonly tasks: TaskDraft[];
  readonly place: { readonly streetId: string | null; readonly communityId: string | null };
}

/** What a task builder is given besides the campaign. */
type CompoundData = Omit<FanOutInput, 'campaign'>;

type Read = { id: string; data: CompoundData } | { id: string; error: Error };

/** The compound's record, buildings and exits: one query of its partition; throws on a broken record. */
async function readCompound(compoundId: string): Promise<CompoundData> {
  const items = await queryAll<Item>({ partition: keys.compound(compoundId).pk, consistent: true });
  const compound = items.find((i) => i.sk === META);
  if (!compound) throw new Error(`compound ${compoundId} is not in the registry`);
  const buildings = items.filter((i) => (i.sk as string).startsWith(CHILD_PREFIX.building)).map((item) => buildingOf(item, compoundId));
  const exits = items.filter((i) => (i.sk as string).startsWith(CHILD_PREFIX.exit)).map((i) => ({ status: i.status as string, location: i.location as [number, number] }));
  return { compound: compoundOf(compoundId, compound), buildings, exits };
}

/** A sweep needs every building and exit of a compound: one query of each compound's partition. */
function readPartitions(compoundIds: readonly string[]): Promise<Read[]> {
  return inParallel(compoundIds, CONCURRENCY, async (id): Promise<Read> => {
    try {
      return { id, data: await readCompound(id) };
    } catch (error) {
      return { id, error: error as Error };
    }
  });
}

/**
 * A round needs only each compound's record and its case buildings (named in the message by the
 * planner): one BatchGet for the message, instead of a query of every building of every compound.
 */
async function readRecords(compoundIds: readonly string[], cased: CaseBuildings): Promise<Read[]> {
  const wanted = compoundIds.flatMap((id) => [keys.compound(id), ...(cased[id] ?? []).map((b) => keys.building(id, b))]);
  const items = await batchGet<Item>(wanted, { consistent: true });
  const byCompound = Map.groupBy(items, (i) => (i.pk as string).slice('COMPOUND#'.length));
  return compoundIds.map((id): Read => {
    const found = byCompound.get(id) ?? [];
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
  if (!parsed.success) throw new Error(`building ${String(item.id)} of compound ${compoundId} is not a valid record: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return parsed.data;
}

/**
 * Level 2: expands the message's compounds; throws (so the message is retried) when one failed.
 * The campaign, the claims and the compounds' reads go out together (none needs another's
 * answer), so a message costs four round trips: read and claim, write, count, settle.
 */
export async function expandCompounds(
  message: { campaignId: string; compoundIds: readonly string[]; kind?: CampaignKind | undefined; caseBuildings?: CaseBuildings | undefined },
  record: SQSRecord,
): Promise<void> {
  const lock = lockOf(record);
  const [campaign, claims, reads] = await Promise.all([
    getCampaign(message.campaignId, { consistent: true }),
    claimCompounds(message.campaignId, message.compoundIds, lock),
    message.kind === 'disinfection' ? readRecords(message.compoundIds, message.caseBuildings ?? {}) : readPartitions(message.compoundIds),
  ]);
  if (!campaign || campaign.status === 'cancelled') {
    logger.info('campaign gone or cancelled; nothing to expand', { campaignId: message.campaignId });
    return;
  }
  const claimOf = new Map(claims.map((c) => [c.id, c.claim]));
  const loaded: Loaded[] = [];
  const failures: { compoundId: string; error: Error }[] = [];
  for (const read of reads) {
    const claim = claimOf.get(read.id);
    if (!claim) continue;
    if ('error' in read) {
      failures.push({ compoundId: read.id, error: read.error });
      continue;
    }
    const tasks = TASK_BUILDERS[campaign.kind]({ campaign, ...read.data });
    loaded.push({ compoundId: read.id, claim, tasks, place: { streetId: read.data.compound.streetId, communityId: read.data.compound.communityId } });
  }

  await writeTasks(campaign, loaded);
  if (loaded.length > 0) await transactWithRetry(countOps(campaign, loaded, lock));
  await settleCampaign(campaign.id);
  if (failures.length > 0) {
    throw new Error(`${failures.length} compounds not expanded: ${failures.map((f) => `${f.compoundId} (${f.error.message})`).join('; ')}`);
  }
}

async function writeTasks(campaign: CampaignRecord, loaded: readonly Loaded[]): Promise<void> {
  const at = nowIso();
  const fresh = loaded.filter((l) => l.claim === 'first').flatMap((l) => l.tasks);
  const resumed = loaded.filter((l) => l.claim === 'takeover').flatMap((l) => l.tasks);
  const found = resumed.length === 0 ? [] : await batchGet<Item>(resumed.map((t) => keys.task(campaign.id, t.targetId)));
  const existing = new Set(found.map((i) => i.sk as string));
  const missing = resumed.filter((t) => !existing.has(keys.task(campaign.id, t.targetId).sk));
  await batchWrite([...fresh, ...missing].map((t) => taskItem(campaign, t, at)), { concurrency: TASK_WRITE_CONCURRENCY });
}

/** Markers flipped under this receive's lock, and every count they carry, in one transaction. */
function countOps(campaign: CampaignRecord, loaded: readonly Loaded[], lock: Lock): TransactOp[] {
  const ops: TransactOp[] = [];
  const grids = new Map<string | null, { totals: Totals; place: Loaded['place'] }>();
  const communities = new Map<string | null, { totals: Totals; place: Loaded['place'] }>();
  const sum = (a: Totals, b: Totals): Totals => ({ tasks: a.tasks + b.tasks, buildings: a.buildings + b.buildings, households: a.households + b.households });
  const add = (map: typeof grids, id: string | null, totals: Totals, place: Loaded['place']) => {
    const before = map.get(id);
    map.set(id, { totals: before ? sum(before.totals, totals) : totals, place });
  };
  let all: Totals = { tasks: 0, buildings: 0, households: 0 };
  for (const l of loaded) {
    const totals = totalsOf(l.tasks);
    all = sum(all, totals);
    // The flip itself: expanded, once, under this receive's lock, with the compound's totals.
    ops.push(addOp(markerKey(campaign.id, l.compoundId), {
      add: { ...totals },
      init: coverInit(campaign.id, 'compound', l.compoundId, l.place),
      set: { state: 'expanded' },
      condition: {
        expression: '#state = :expanding AND lockMessage = :m AND lockReceive = :r',
        names: { '#state': 'state' },
        values: { ':expanding': 'expanding', ':m': lock.message, ':r': lock.receive },
      },
    }));
    const byGrid = Map.groupBy(l.tasks, (t) => t.gridId);
    for (const [gridId, tasks] of byGrid) add(grids, gridId, totalsOf(tasks), l.place);
    add(communities, l.place.communityId, totals, l.place);
  }
  for (const [id, { totals, place }] of grids) ops.push(coverOp(campaign.id, 'grid', id, { ...totals }, place));
  for (const [id, { totals, place }] of communities) ops.push(coverOp(campaign.id, 'community', id, { ...totals }, place));
  ops.push(addOp(keys.campaign(campaign.id), {
    add: {
      compoundsExpanded: loaded.length,
      tasksCreated: all.tasks,
      totalTasks: all.tasks,
      totalBuildings: all.buildings,
      totalHouseholds: all.households,
    },
  }));
  return ops;
}

/**
 * On a message's last receive: every compound of it not yet expanded is marked failed and listed
 * on the campaign, once (the marker's condition), so the campaign can still settle.
 */
export async function recordFailedCompounds(message: { campaignId: string; compoundIds: readonly string[] }, error: unknown): Promise<void> {
  const at = nowIso();
  const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
  for (const compoundId of message.compoundIds) {
    try {
      await transactWithRetry([
        {
          update: {
            Key: markerKey(message.campaignId, compoundId),
            UpdateExpression: 'SET #state = :failed, reason = :reason, #type = :type, campaignId = :c, #level = :level, placeId = :id, buildings = :zero, households = :zero',
            ConditionExpression: 'attribute_not_exists(pk) OR #state = :expanding',
            ExpressionAttributeNames: { '#state': 'state', '#type': 'type', '#level': 'level' },
            ExpressionAttributeValues: {
              ':failed': 'failed', ':reason': reason, ':expanding': 'expanding', ':type': 'cover', ':c': message.campaignId,
              ':level': 'compound', ':id': compoundId, ':zero': 0,
            },
          },
        },
        {
          update: {
            Key: keys.campaign(message.campaignId),
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
  await settleCampaign(message.campaignId);
}
