/**
 * The campaign fan-out, in two levels so a city-wide campaign never waits on one long function:
 *
 * 1. plan (queue campaignPlan, one message per campaign): list the scope's compounds, record
 *    how many, and send one campaignExpand message per {@link COMPOUNDS_PER_MESSAGE} compounds.
 * 2. expand (queue campaignExpand): each compound of a message is counted, then becomes tasks,
 *    written with BatchWrite under deterministic keys.
 *
 * Exactly-once counting: conditional writes, not Powertools idempotency. Idempotency keyed on
 * the message body would make a duplicate wait or fail while the first delivery runs, and it
 * records a message, not a compound — a chunk that failed half-way would be all or nothing.
 * Instead each compound's coverage item doubles as its fan-out marker, and counting comes first:
 * - read: the message's markers (one BatchGet) say what this receive does with each compound
 *   (shared/domain/fan-out.ts `expansionOf`): count it and write its tasks (no marker), write the
 *   tasks an earlier receive of this very message did not get to (counted by it), take over a
 *   marker a claim left `expanding` (the code before this one claimed first), or leave it alone.
 *   A first receive skips the read and counts every compound as new: no earlier receive of it
 *   left a marker, and one of another message fails the count's condition, which reads them.
 * - count: one transaction per message creates each marker `expanded`, recording this receive,
 *   conditional on there being none (or on the very marker taken over), and ADDs the compounds'
 *   totals to the campaign and to each grid's and community's coverage item. A compound is
 *   counted once, however often its message is delivered or however late a retry comes; a
 *   duplicate that lost the race fails the condition, writes nothing, and reads again.
 * - write: BatchWrite cannot be conditional, so it only ever writes tasks nobody can hold yet:
 *   all of those of a compound this receive counted first (no one else writes them: the marker
 *   names this receive); of a resumed or taken-over compound, those a consistent BatchGet does
 *   not find. If this receive stops before its tasks are all written, SQS delivers the message
 *   again, and that receive resumes.
 *
 * Why the expand step costs little beyond its task writes (issue 19: fan-out near raw BatchWrite):
 * - read: no markers on a first receive (the count's conditions find any); a sweep's compounds
 *   come from one BatchGet of their records and plan items (stores/plan-store.ts), not a Query
 *   of each compound's partition (as costly as the writes on DynamoDB Local); a compound with no
 *   current plan is read whole and its plan stored again.
 *   A round's compounds and case buildings are one BatchGet too.
 * - one transaction per message, and no claim: on DynamoDB Local a transaction's item, or a
 *   conditional UpdateItem, costs the BatchWrites beside it about three item writes (`npm run
 *   bench -- --only table-costs`); a claim and then a flip per compound were two such marker
 *   writes where one does. The tasks never go in a transaction (BatchWrite costs least per item),
 *   so a compound's size in the transaction is its marker, however many tasks it has.
 * - the hot campaign item takes one ADD per message, never one per compound.
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
import {
  expandMessages, expansionOf, packCounts, totalsOf, TRANSACTION_ITEMS, type CaseBuildings, type Expansion, type MarkerSeen, type Receive, type TaskDraft, type Totals,
} from '#shared/domain/fan-out.ts';
import { TASK_BUILDERS } from '#shared/domain/task-builders.ts';
import type { CampaignKind } from '#shared/schemas/campaign.ts';
import { getCampaign, settleCampaign, type CampaignRecord } from '../stores/campaign-store.ts';
import { cityCompounds, compoundsOfCommunity, compoundsOfStreet } from '../stores/compound-store.ts';
import {
  countCompounds, readMarkers, readRoundCompounds, readSweepCompounds, recordFailedCompound, setPlannedCount, storePlans, writeNewTasks,
  type ExpansionCount, type PlaceTotals,
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

/** This receive of the message, as markers record it. */
const receiveOf = (record: SQSRecord): Receive => ({ message: record.messageId, receive: Number(record.attributes.ApproximateReceiveCount) });

/** A compound read and built into its tasks, and what this receive does with it. */
interface Built {
  readonly compoundId: string;
  readonly tasks: TaskDraft[];
  readonly place: PlaceTotals['place'];
  readonly expansion: Exclude<Expansion, 'skip'>;
  /** The marker as read (a take-over's condition). */
  readonly seen: MarkerSeen | undefined;
}

/**
 * Level 2: expands the message's compounds; throws (so the message is retried) when one failed.
 * The campaign, the markers and the compounds go out together (none needs another's answer):
 * read, count (one transaction per up to 100 items), write the tasks, settle.
 */
export async function expandCompounds(
  message: { campaignId: string; compoundIds: readonly string[]; kind?: CampaignKind | undefined; caseBuildings?: CaseBuildings | undefined },
  record: SQSRecord,
): Promise<void> {
  const receive = receiveOf(record);
  const round = message.kind === 'disinfection';
  const [campaign, markers, reads] = await Promise.all([
    getCampaign(message.campaignId, { consistent: true }),
    // A first receive reads no markers: none of its own can exist, and another message's (a
    // replan's copy) fails the count's condition, which reads them then (countAll).
    receive.receive > 1 ? readMarkers(message.campaignId, message.compoundIds) : new Map<string, MarkerSeen>(),
    round ? readRoundCompounds(message.compoundIds, message.caseBuildings ?? {}) : readSweepCompounds(message.compoundIds),
  ]);
  if (!campaign || campaign.status === 'cancelled') {
    logger.info('campaign gone or cancelled; nothing to expand', { campaignId: message.campaignId });
    return;
  }
  const at = nowIso();
  const built: Built[] = [];
  const failures: { compoundId: string; error: Error }[] = [];
  for (const read of reads) {
    const seen = markers.get(read.id);
    const expansion = expansionOf(seen, receive, at);
    // Counted by another message, held by a live claim, or failed: not this receive's to expand (nor to fail).
    if (expansion === 'skip') continue;
    if ('error' in read) {
      failures.push({ compoundId: read.id, error: read.error });
      continue;
    }
    const tasks = TASK_BUILDERS[campaign.kind]({ campaign, ...read.data });
    built.push({ compoundId: read.id, tasks, place: { streetId: read.data.compound.streetId, communityId: read.data.compound.communityId }, expansion, seen });
  }

  const { written, tooBig } = await countAll(campaign.id, built, receive, at);
  failures.push(...tooBig.map((c) => ({ compoundId: c.compoundId, error: new Error(`its tasks span more grids than one transaction can count (${TRANSACTION_ITEMS} items)`) })));
  const tasksOf = (fresh: boolean) => written.filter((c) => (c.expansion === 'new') === fresh).flatMap((c) => c.tasks);
  await Promise.all([
    writeNewTasks(campaign, tasksOf(true), tasksOf(false), at),
    storePlans(reads.filter((r) => written.some((c) => c.compoundId === r.id))),
  ]);
  await settleCampaign(campaign.id);
  if (failures.length > 0) {
    throw new Error(`${failures.length} compounds not expanded: ${failures.map((f) => `${f.compoundId} (${f.error.message})`).join('; ')}`);
  }
}

/**
 * Counts the compounds to count (new, taken over) in transactions of up to 100 items, and
 * answers those whose tasks this receive now writes: the counted and the resumed. A compound whose
 * condition failed (a racing receive got there between the read and the count) is read again and
 * decided anew: most often another message counted it (left alone), or an earlier receive of this
 * message did (resumed).
 */
async function countAll(campaignId: string, built: readonly Built[], receive: Receive, at: string): Promise<{ written: Built[]; tooBig: Built[] }> {
  const written = built.filter((c) => c.expansion === 'resume');
  const tooBig: Built[] = [];
  let left = built.filter((c) => c.expansion !== 'resume');
  while (left.length > 0) {
    const { groups, apart } = packCounts(left);
    tooBig.push(...apart);
    const again: Built[] = [];
    // One after another: a message's groups share coverage items and the campaign.
    for (const group of groups) {
      const refused = new Set(await countCompounds(campaignId, group, tally(group), receive));
      if (refused.size === 0) {
        written.push(...group);
        continue;
      }
      // All or nothing: none was counted, and each is decided anew on its marker. The whole
      // group is read, not only the refused: a first receive read none, and a copy from a replan
      // may find all of them counted, which one refusal at a time would learn in as many tries.
      const markers = await readMarkers(campaignId, group.map((c) => c.compoundId));
      for (const c of group) {
        const seen = markers.get(c.compoundId);
        const expansion = expansionOf(seen, receive, at);
        if (expansion === 'resume') written.push({ ...c, expansion, seen });
        else if (expansion !== 'skip') again.push({ ...c, expansion, seen });
      }
    }
    left = again;
  }
  return { written, tooBig };
}

/** What the counted compounds add: each compound's totals, and their sums by grid, community and campaign. */
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
