/**
 * Each compound's fan-out plan item (`COMPOUND#id / PLAN`): its buildings and exits as the task
 * builders read them (shared/domain/fan-out.ts `CompoundPlan`), so a campaign's expand step reads
 * a whole message's compounds with one BatchGetItem (record + plan) instead of one Query of each
 * compound's partition — on DynamoDB Local those Queries cost about as much as the task writes.
 *
 * Why a token and tombstones, not a counter kept up to date:
 * - Every write of a building or exit is followed (or accompanied, in its transaction) by a
 *   tombstone: the plan item with a new random token and no plan. BatchWriteItem, which the
 *   importer writes with, can put an item but cannot ADD, so an invalidation has to be a put.
 * - A tombstoned or missing plan is rebuilt by whoever needs it (the expander's fallback, see
 *   expansion-store.ts): read the token, read the partition, then put the plan conditional on
 *   the token it read. A building write that lands after the token was read is followed by a
 *   tombstone with another token, so the stale plan's put fails (or the tombstone overwrites it
 *   later); a fresh token each time rules out A-B-A. So a plan with buildings is never older than
 *   the last write it could have missed.
 * - The importer only tombstones (one BatchWriteItem call per 25 compounds touched): rebuilding
 *   would cost a Query and a put per compound, several times the import's own writes. The first
 *   campaign after an import rebuilds the plans it needs; the demo seed writes them whole.
 */
import { randomUUID } from 'node:crypto';
import { compoundPlan, type CompoundPlan, type PlanBuilding, type PlanExit } from '#shared/domain/fan-out.ts';
import { keys } from '#shared/table.ts';
import { ConflictError, CordonError } from '../platform/errors.ts';
import { logger } from '../platform/logger.ts';
import { batchWrite, putItem, type Item, type TransactOp } from '../platform/table.ts';

const PLAN_TYPE = 'fan-out-plan';

/** A compound's plan item as read: its token, and its plan unless tombstoned. */
export interface StoredPlan {
  readonly token: string;
  readonly plan: CompoundPlan | undefined;
}

export function planItem(compoundId: string, plan: CompoundPlan): Item {
  return { ...keys.fanOutPlan(compoundId), type: PLAN_TYPE, compoundId, token: randomUUID(), buildings: plan.buildings, exits: plan.exits };
}

/** The plan item saying "stale": a new token, no plan. */
export const planTombstone = (compoundId: string): Item => ({ ...keys.fanOutPlan(compoundId), type: PLAN_TYPE, compoundId, token: randomUUID() });

/** The tombstone as a transaction's op, for a write of a building or exit that goes in a transaction. */
export const planTombstoneOp = (compoundId: string): TransactOp => ({ put: planTombstone(compoundId) });

export function storedPlanOf(item: Item): StoredPlan {
  const plan = Array.isArray(item.buildings) && Array.isArray(item.exits)
    ? { buildings: item.buildings as PlanBuilding[], exits: item.exits as PlanExit[] }
    : undefined;
  return { token: item.token as string, plan };
}

/**
 * The plan items of the compounds whose building and exit items these are (compounds named in
 * `compoundIds` without any get an empty plan): what a seed writes beside the items themselves.
 */
export function planItemsOf(compoundIds: readonly string[], items: readonly Item[]): Item[] {
  const members = Map.groupBy(items.filter((i) => i.type === 'building' || i.type === 'exit'), (i) => i.compoundId as string);
  return [...new Set([...compoundIds, ...members.keys()])].map((id) => {
    const of = members.get(id) ?? [];
    return planItem(id, compoundPlan(
      of.filter((i) => i.type === 'building') as unknown as PlanBuilding[],
      of.filter((i) => i.type === 'exit') as unknown as (PlanExit & { id: string })[],
    ));
  });
}

/** Marks the compounds' plans stale, after their buildings or exits were written. */
export async function invalidatePlans(compoundIds: Iterable<string>): Promise<void> {
  await batchWrite([...new Set(compoundIds)].map(planTombstone));
}

/**
 * Stores a plan built from a read of the partition made after `seen` (the plan item's token then,
 * or undefined when there was none), unless a write has tombstoned it since. Best effort: a plan
 * not stored (changed meanwhile, or over DynamoDB's item size) is only rebuilt next time.
 */
export async function savePlan(compoundId: string, plan: CompoundPlan, seen: string | undefined): Promise<void> {
  try {
    await putItem(planItem(compoundId, plan), seen === undefined
      ? { condition: 'attribute_not_exists(pk)', conflict: 'plan written meanwhile' }
      : { condition: '#token = :seen', names: { '#token': 'token' }, values: { ':seen': seen }, conflict: 'plan changed meanwhile' });
  } catch (error) {
    if (error instanceof ConflictError) return;
    if (error instanceof CordonError && error.code === 'too-large') {
      logger.info('compound plan too large to store; its compound is read whole', { compoundId });
      return;
    }
    throw error;
  }
}
