/**
 * What an import (functions/flows/import/) reads and writes in bulk. The items themselves are
 * shaped by their aggregates' stores (compoundWriteItem, buildingItem, storedExitItem, …); this
 * store holds the import's access patterns: items written 25 to a BatchWriteItem call, stored
 * buildings and exits read by key, grids read by id or created on first mention, the compounds
 * of a caller's jurisdiction, and the set ADDs that link grids and compounds.
 */
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import { chunks } from '#shared/parallel.ts';
import type { Caller } from '#shared/roles.ts';
import type { Building } from '#shared/schemas/building.ts';
import type { Grid } from '#shared/schemas/places.ts';
import { keys } from '#shared/table.ts';
import { ConflictError, CordonError } from '../platform/errors.ts';
import { BATCH_WRITE_SIZE, batchGet, batchWrite, putItem, queryAll, transactWrite, updateItem, type Item } from '../platform/table.ts';
import { buildingFromItem, compoundFromItem, scopeSources } from './compound-store.ts';
import { storedExitFromItem, type StoredExit } from './exit-rules-store.ts';
import { gridFromItem, gridItem, type Places } from './places-store.ts';
import { streetDotsChanged } from './street-dots-store.ts';

/** An item as its aggregate's store shaped it; an import passes it on unread. */
export type ImportItem = Item;

/** Items one {@link writeUnits} call takes (BatchWriteItem's limit). */
export const ITEMS_PER_WRITE = BATCH_WRITE_SIZE;

/**
 * Items that stand or fall together: a row's entity and its audit record (`line` the row's), or
 * records of no one row. A unit goes whole into one BatchWriteItem call, and DynamoDB refuses
 * such a call whole, so a refused unit has written nothing.
 */
export interface WriteUnit {
  readonly line?: number | undefined;
  readonly items: readonly ImportItem[];
}

/** A unit DynamoDB will not store (an item too big, a number it cannot hold …), with why. */
export interface RefusedUnit<U extends WriteUnit> {
  readonly unit: U;
  readonly reason: string;
}

/**
 * One BatchWriteItem call of units of at most {@link ITEMS_PER_WRITE} items in all
 * (UnprocessedItems retried until they land); the import's stream decides how many run at once.
 * When DynamoDB (or the table's own size check) refuses the call for what an item holds, each
 * unit is written by itself, so one bad row costs only itself: the units refused again are
 * returned, and everything else has landed. Any other failure is the table's and is thrown.
 */
export async function writeUnits<U extends WriteUnit>(units: readonly U[]): Promise<RefusedUnit<U>[]> {
  try {
    await batchWrite(units.flatMap((u) => u.items), { concurrency: 1 });
    return [];
  } catch (error) {
    if (refusal(error) === undefined) throw error;
  }
  const refused: RefusedUnit<U>[] = [];
  for (const unit of units) {
    try {
      await batchWrite(unit.items, { concurrency: 1 });
    } catch (error) {
      const reason = refusal(error);
      if (reason === undefined) throw error;
      refused.push({ unit, reason });
    }
  }
  return refused;
}

/**
 * Why what an item holds cannot be stored, when that is the failure, naming the field where it
 * can: the table's typed refusal (an item over 400 KB), or DynamoDB's ValidationException (a
 * number out of its range …). Undefined for a failure of the table itself (unreachable, gone,
 * throttled past the retries).
 */
function refusal(error: unknown): string | undefined {
  if (error instanceof CordonError && (error.code === 'too-large' || error.code === 'invalid')) return error.message;
  if ((error as { name?: string }).name === 'ValidationException') return `row: DynamoDB refuses to store it: ${(error as Error).message}`;
  return undefined;
}

/** A building or exit of a compound, by the ids a row gives. */
interface MemberRef {
  readonly compoundId: string;
  readonly id: string;
}

/** The stored buildings among these, by `compoundId/id`. */
export const storedBuildings = (refs: readonly MemberRef[]): Promise<Map<string, Building>> =>
  storedMembers(refs.map((r) => keys.building(r.compoundId, r.id)), buildingFromItem);

/** The stored exits among these (with their standing), by `compoundId/id`. */
export const storedExits = (refs: readonly MemberRef[]): Promise<Map<string, StoredExit>> =>
  storedMembers(refs.map((r) => keys.exit(r.compoundId, r.id)), storedExitFromItem);

async function storedMembers<T extends MemberRef>(memberKeys: readonly { pk: string; sk: string }[], fromItem: (item: Item) => T): Promise<Map<string, T>> {
  const items = await batchGet<Item>(memberKeys);
  return new Map(items.map(fromItem).map((m) => [`${m.compoundId}/${m.id}`, m]));
}

/** The grids among these ids that exist. */
export async function gridsById(ids: readonly string[]): Promise<Grid[]> {
  return (await batchGet<Item>(ids.map((id) => keys.grid(id)))).map(gridFromItem);
}

/** Writes a grid unless one with its id exists: true when written, false when it was there. */
export async function createGrid(grid: Grid): Promise<boolean> {
  try {
    await putItem(gridItem(grid), { condition: 'attribute_not_exists(pk)', conflict: `grid ${grid.id} exists` });
    return true;
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return false;
  }
}

/**
 * The compounds read from where the caller's jurisdiction lists them (unfiltered: the caller
 * checks each with canSeeCompound).
 */
export async function compoundsInJurisdiction(caller: Caller, places: Places): Promise<CompoundRecord[]> {
  const sources = await scopeSources(caller, places);
  const items = await Promise.all(sources.map((s) => (s.kind === 'query' ? queryAll<Item>(s.query) : batchGet<Item>(s.keys))));
  return items.flat().map(compoundFromItem);
}

/** TransactWriteItems takes at most 100 actions. */
const TRANSACTION_SIZE = 100;

/**
 * Adds grids to compounds and compounds to grids. ADD of a string set is idempotent, so a retried
 * or repeated import adds nothing twice; the compound's version moves so that a concurrent edit
 * of the compound (conditional on its version) cannot put back a stale set. The updates go 100 to
 * a TransactWriteItems call, far cheaper than as many UpdateItem calls; a group that is cancelled
 * (an item deleted meanwhile, a conflicting write) is done again one update at a time. Returns
 * the writes, one a group, for the import's stream to run.
 */
export function linkGrids(links: readonly { compoundId: string; streetId: string | null; gridIds: ReadonlySet<string> }[]): (() => Promise<void>)[] {
  const byGrid = new Map<string, Set<string>>();
  for (const { compoundId, gridIds } of links) {
    for (const gridId of gridIds) byGrid.set(gridId, (byGrid.get(gridId) ?? new Set()).add(compoundId));
  }
  const add = (key: { pk: string; sk: string }, expression: string, values: Record<string, unknown>) =>
    ({ Key: key, UpdateExpression: expression, ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: values });
  const updates = [
    ...links.map(({ compoundId, gridIds }) => add(keys.compound(compoundId), 'ADD gridIds :grids, version :one', { ':grids': new Set(gridIds), ':one': 1 })),
    ...[...byGrid].map(([gridId, compoundIds]) => add(keys.grid(gridId), 'ADD compoundIds :compounds', { ':compounds': compoundIds })),
  ];
  // A compound's grids are part of its dot (who may see it): its street's dots are read again.
  const streetOf = new Map(links.map(({ compoundId, streetId }) => [keys.compound(compoundId).pk, streetId]));
  return chunks(updates, TRANSACTION_SIZE).map((group) => async () => {
    try {
      await transactWrite(group.map((update) => ({ update })), 'an item of the group is gone or changed');
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      for (const update of group) await updateIfThere(update);
    }
    await streetDotsChanged(group.map((update) => streetOf.get(update.Key.pk)));
  });
}

/** One ADD on its own; an item that is gone (deleted since it was read) is left alone. */
async function updateIfThere(update: Parameters<typeof updateItem>[0]): Promise<void> {
  try {
    await updateItem(update, 'the item is gone');
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
}
