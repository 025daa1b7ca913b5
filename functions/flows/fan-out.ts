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
 * Why the expand step costs little beyond its task writes (issue 19: fan-out near raw BatchWrite):
 * - read: a sweep's compounds come from one BatchGet of their records and plan items
 *   (stores/plan-store.ts), not a Query of each compound's partition (as costly as the writes on
 *   DynamoDB Local); a compound with no current plan is read whole and its plan stored again.
 * - rounds (about one task a compound): the claim, the batch write and the count would be three
 *   round trips and two marker writes per compound for one task. Instead one transaction per up
 *   to 100 items creates each marker already `expanded` (conditional on there being none) with
 *   the compound's tasks and the counters' ADDs: a task exists only with its counted marker, so
 *   nothing can hold it before it is written, and a duplicate delivery fails the condition and
 *   adds nothing (its compounds are dropped and the rest retried). A compound whose tasks do not
 *   fit a transaction, or whose marker a receive left `expanding`, is claimed and written as a sweep's.
 * - count: one transaction per message (per group, for a round), so the hot campaign item takes
 *   one ADD per message, never one per compound.
 *
 * A compound that cannot be expanded (missing, or a building record that fails its schema)
 * fails the message after the others are counted; redeliveries retry only it. On the queue's
 * last receive (ApproximateReceiveCount = maxReceiveCount) the worker records it in the
 * campaign's `failed` list before the message goes to the DLQ, so the campaign can settle.
 *
 * The markers, counters, task writes and compound reads are stores/expansion-store.ts's; the
 * scope's compound listings are the compound store's.
 */
import type { SQSRecord } from 'aws-lambda';
import { queues } from '#shared/catalogue/queues.ts';
import { expandMessages, packTransactions, totalsOf, type CaseBuildings, type TaskDraft, type Totals } from '#shared/domain/fan-out.ts';
import { TASK_BUILDERS } from '#shared/domain/task-builders.ts';
import type { CampaignKind } from '#shared/schemas/campaign.ts';
import { getCampaign, settleCampaign, type CampaignRecord } from '../stores/campaign-store.ts';
import { cityCompounds, compoundsOfCommunity, compoundsOfStreet } from '../stores/compound-store.ts';
import {
  claimCompounds, countExpanded, expandAtomically, markerStates, readRoundCompounds, readSweepCompounds, recordFailedCompound, setPlannedCount, storePlans, writeNewTasks,
  type Claim, type ExpansionCount, type ExpansionLock, type PlaceTotals,
} from '../stores/expansion-store.ts';
import { getGrid } from '../stores/places-store.ts';
import { nowIso } from '../platform/clock.ts';
import { logger } from '../platform/logger.ts';
import { sendMessages } from '../platform/queue.ts';
import { planRound } from './round-plan.ts';

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
  await setPlannedCount(campaignId, compoundIds.length);
  await sendMessages('campaignExpand', expandMessages(campaignId, compoundIds, campaign.kind, caseBuildings));
  if (compoundIds.length === 0) await settleCampaign(campaignId);
  logger.info('campaign planned', { campaignId, compounds: compoundIds.length });
}

async function compoundsInScope(campaign: CampaignRecord): Promise<string[]> {
  const { scope, place } = campaign;
  const ids = (compounds: readonly { id: string }[]) => compounds.map((c) => c.id);
  switch (scope.type) {
    case 'city':
      return [...new Set(ids(await cityCompounds()))];
    case 'street':
      return ids(await compoundsOfStreet(place.streetId));
    case 'community':
      return ids(await compoundsOfCommunity(place.communityId));
    case 'grid':
      return (await getGrid(place.gridId ?? ''))?.compoundIds ?? [];
    case 'compound':
      return place.compoundId ? [place.compoundId] : [];
  }
}

/** This receive of the message; its claims hold until the message is visible again. */
const lockOf = (record: SQSRecord): ExpansionLock => ({
  message: record.messageId,
  receive: Number(record.attributes.ApproximateReceiveCount),
  holdMs: queues.campaignExpand.visibilityTimeoutSeconds * 1000,
});

/** A compound read and built into its tasks. */
interface Built {
  readonly compoundId: string;
  readonly tasks: TaskDraft[];
  readonly place: PlaceTotals['place'];
}

/** A compound this receive holds by a claim. */
interface Loaded extends Built {
  readonly claim: Claim;
}

/**
 * Level 2: expands the message's compounds; throws (so the message is retried) when one failed.
 * The campaign, the claims and the compounds' reads go out together (none needs another's
 * answer). A sweep's message costs four round trips: read and claim, write, count, settle. A
 * round's (about one task a compound, so per-compound work is what costs) claims nothing: read,
 * one transaction per up to 100 items that creates each compound's marker with its tasks and
 * counts, settle.
 */
export async function expandCompounds(
  message: { campaignId: string; compoundIds: readonly string[]; kind?: CampaignKind | undefined; caseBuildings?: CaseBuildings | undefined },
  record: SQSRecord,
): Promise<void> {
  const lock = lockOf(record);
  const round = message.kind === 'disinfection';
  const [campaign, claims, reads] = await Promise.all([
    getCampaign(message.campaignId, { consistent: true }),
    round ? Promise.resolve([]) : claimCompounds(message.campaignId, message.compoundIds, lock),
    round ? readRoundCompounds(message.compoundIds, message.caseBuildings ?? {}) : readSweepCompounds(message.compoundIds),
  ]);
  if (!campaign || campaign.status === 'cancelled') {
    logger.info('campaign gone or cancelled; nothing to expand', { campaignId: message.campaignId });
    return;
  }
  const claimOf = new Map(claims.map((c) => [c.id, c.claim]));
  const built: Built[] = [];
  const failures: { compoundId: string; error: Error }[] = [];
  for (const read of reads) {
    // A sweep's compound held by another receive, or done, is not this one's to expand (nor to fail).
    if (!round && !claimOf.get(read.id)) continue;
    if ('error' in read) {
      failures.push({ compoundId: read.id, error: read.error });
      continue;
    }
    const tasks = TASK_BUILDERS[campaign.kind]({ campaign, ...read.data });
    built.push({ compoundId: read.id, tasks, place: { streetId: read.data.compound.streetId, communityId: read.data.compound.communityId } });
  }

  const at = nowIso();
  if (round) {
    const { groups, apart } = packTransactions(built);
    // A compound too big for a transaction is claimed and written as a sweep's; so is one whose
    // marker a receive left `expanding` (it may have died holding it: taken over once its lock lapses).
    const toClaim = [...apart];
    // One after another: a message's groups share coverage items and the campaign.
    for (const group of groups) toClaim.push(...(await expandAtomically(campaign, group, tally, at)));
    const held = toClaim.length === 0 ? [] : await claimCompounds(campaign.id, toClaim.map((c) => c.compoundId), lock);
    await expandClaimed(campaign, heldOnly(toClaim, new Map(held.map((c) => [c.id, c.claim]))), lock, at);
  } else {
    await Promise.all([
      expandClaimed(campaign, heldOnly(built, claimOf), lock, at),
      storePlans(reads.filter((r) => claimOf.get(r.id))),
    ]);
  }
  await settleCampaign(campaign.id);
  // A round claims nothing first: a compound that failed to read may be one another delivery
  // already expanded (or recorded failed); only the unsettled ones fail the message.
  const settled = round && failures.length > 0 ? await markerStates(campaign.id, failures.map((f) => f.compoundId)) : new Map<string, string>();
  const unsettled = failures.filter((f) => { const state = settled.get(f.compoundId); return state !== 'expanded' && state !== 'failed'; });
  if (unsettled.length > 0) {
    throw new Error(`${unsettled.length} compounds not expanded: ${unsettled.map((f) => `${f.compoundId} (${f.error.message})`).join('; ')}`);
  }
}

/** The compounds this receive holds, with their claims (one another receive holds, or done, is left out). */
function heldOnly(compounds: readonly Built[], claimOf: ReadonlyMap<string, Claim | undefined>): Loaded[] {
  return compounds.flatMap((c) => {
    const claim = claimOf.get(c.compoundId);
    return claim ? [{ ...c, claim }] : [];
  });
}

/** Claimed compounds: their tasks written in batches (only those nobody can hold yet), then counted. */
async function expandClaimed(campaign: CampaignRecord, loaded: readonly Loaded[], lock: ExpansionLock, at: string): Promise<void> {
  if (loaded.length === 0) return;
  const tasksOf = (claim: Claim) => loaded.filter((l) => l.claim === claim).flatMap((l) => l.tasks);
  await writeNewTasks(campaign, tasksOf('first'), tasksOf('takeover'), at);
  await countExpanded(campaign.id, tally(loaded), lock);
}

/** What the expanded compounds add: each compound's totals, and their sums by grid, community and campaign. */
function tally(loaded: readonly Built[]): ExpansionCount {
  const grids = new Map<string | null, PlaceTotals>();
  const communities = new Map<string | null, PlaceTotals>();
  const sum = (a: Totals, b: Totals): Totals => ({ tasks: a.tasks + b.tasks, buildings: a.buildings + b.buildings, households: a.households + b.households });
  const add = (map: typeof grids, id: string | null, totals: Totals, place: Built['place']) => {
    const before = map.get(id);
    map.set(id, { totals: before ? sum(before.totals, totals) : totals, place });
  };
  let all: Totals = { tasks: 0, buildings: 0, households: 0 };
  const compounds = loaded.map((l) => {
    const totals = totalsOf(l.tasks);
    all = sum(all, totals);
    for (const [gridId, tasks] of Map.groupBy(l.tasks, (t) => t.gridId)) add(grids, gridId, totalsOf(tasks), l.place);
    add(communities, l.place.communityId, totals, l.place);
    return { compoundId: l.compoundId, totals, place: l.place };
  });
  return { compounds, grids, communities, all };
}

/**
 * On a message's last receive: every compound of it not yet expanded is marked failed and listed
 * on the campaign, once (the marker's condition), so the campaign can still settle.
 */
export async function recordFailedCompounds(message: { campaignId: string; compoundIds: readonly string[] }, error: unknown): Promise<void> {
  const at = nowIso();
  const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
  for (const compoundId of message.compoundIds) await recordFailedCompound(message.campaignId, compoundId, reason, at);
  await settleCampaign(message.campaignId);
}
