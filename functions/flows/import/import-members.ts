/**
 * Buildings and exits from an import: the members of a compound. Each row names its compound
 * (external id, id, or a name unique within the caller's jurisdiction); a row whose compound is
 * unknown or out of reach is rejected. A building's grid (by id or name, created when its community
 * lacks it) is kept on both sides with set ADDs (idempotent): the compound's `gridIds` and the
 * grid's `compoundIds`.
 *
 * Exits are kept current under the exit rules (exit-rules-store.ts). A re-imported exit changes
 * only what its row carries; the main checkpoint, the restriction, the sealing confirmation (while
 * it stays sealed) and the standing with its index keys stay as the table holds them. A new exit,
 * or one the import opens or seals, changes what the rules see: BatchWrite cannot carry the
 * rules item's update, so once a chunk's items have landed its groups are marked due and judged
 * (import-writer.ts `exitRulesFollowUp`, which bounds what one request judges and leaves the rest
 * to the recheck job). Batch writes are unconditional: a PATCH to an exit that lands between its
 * chunk's read and write is overwritten (a sealing confirmed in that window is lost, as any field
 * would be); the judgement that follows puts the standing right again.
 */
import { diff } from '#shared/domain/audit.ts';
import { compoundIdFor, memberIdFor, type CompoundRecord } from '#shared/domain/compounds.ts';
import { keptSealing } from '#shared/domain/exits.ts';
import { findGrid, gridIdFor } from '#shared/domain/grids.ts';
import { normaliseName } from '#shared/domain/ids.ts';
import { shapeOf } from '#shared/geo/shape.ts';
import type { BuildingRow, CompoundRef, ExitRow } from '#shared/import/rows.ts';
import { canSeeCompound } from '#shared/roles.ts';
import type { Building } from '#shared/schemas/building.ts';
import { Id } from '#shared/schemas/common.ts';
import type { Exit } from '#shared/schemas/exit.ts';
import type { Grid } from '#shared/schemas/places.ts';
import { keys } from '#shared/table.ts';
import { buildingFromItem, buildingItem, compoundFromItem, getCompounds, scopeSources } from '#functions/stores/compound-store.ts';
import { ConflictError } from '#functions/platform/errors.ts';
import { storedExitFromItem, storedExitItem, type StoredExit } from '#functions/stores/exit-rules-store.ts';
import { duplicateReason, FirstSeen, Outcome, type ImportContext, type KindImporter } from './import-kind.ts';
import { exitRulesFollowUp } from './import-writer.ts';
import { getGrid, gridFromItem, gridItem, gridsOfCommunity } from '#functions/stores/places-store.ts';
import { batchGet, putItem, queryAll, transactWrite, updateItem, type Item } from '#functions/platform/table.ts';

const BUILDING_FIELDS = [
  'externalId', 'name', 'gridId', 'units', 'floors', 'householdsPerFloor', 'households', 'location', 'geometry',
] as const satisfies readonly (keyof Building)[];
const EXIT_FIELDS = ['externalId', 'name', 'kind', 'status', 'location', 'sealing'] as const satisfies readonly (keyof Exit)[];

export function buildingImporter(context: ImportContext): KindImporter<BuildingRow> {
  const { caller, at } = context;
  const compounds = compoundResolver(context);
  const grids = gridResolver(context);
  const seen = new FirstSeen();
  /**
   * Grids new to a compound (not among the grids it was read with), gathered over the request and
   * written once at its end: one ADD per compound and per grid, however many chunks their
   * buildings came in.
   */
  const links = new Map<string, { compound: CompoundRecord; gridIds: Set<string> }>();

  return {
    async apply(rows) {
      const outcome = new Outcome(context);
      const resolved = await compounds.resolve(rows, outcome);
      await grids.load([...resolved].filter(([row]) => row.grid !== undefined));
      const candidates: { row: BuildingRow; building: Building; compound: CompoundRecord }[] = [];
      for (const row of rows) {
        const compound = resolved.get(row);
        if (!compound) continue;
        const gridId = row.grid === undefined ? undefined : await grids.resolve(row.grid, compound, outcome);
        if (typeof gridId === 'object') {
          outcome.reject(row.line, gridId.reject);
          continue;
        }
        const shape = row.geometry ? shapeOf({ geometry: row.geometry }) : undefined;
        const location = row.location ?? shape?.location ?? compound.location;
        const id = claimMember('building', row, location, compound, seen, outcome);
        if (id === undefined) continue;
        const building: Building = {
          id,
          compoundId: compound.id,
          ...(row.externalId !== undefined ? { externalId: row.externalId } : {}),
          name: row.name,
          gridId: gridId ?? null,
          units: row.units,
          floors: row.floors,
          householdsPerFloor: row.householdsPerFloor,
          households: row.units * row.floors * row.householdsPerFloor,
          location,
          geometry: row.geometry ?? null,
          updatedAt: at,
          updatedBy: caller.username,
        };
        candidates.push({ row, building, compound });
      }
      const stored = await storedMembers(candidates.map((c) => keys.building(c.compound.id, c.building.id)), buildingFromItem);
      for (const { row, building, compound } of candidates) {
        const current = stored.get(`${compound.id}/${building.id}`);
        // What the row leaves out, a stored building keeps.
        const next: Building = current
          ? {
              ...building,
              gridId: building.gridId ?? current.gridId,
              location: row.location ?? (row.geometry ? building.location : current.location),
              geometry: row.geometry ?? current.geometry,
            }
          : building;
        outcome.write('BUILDING', next.id, buildingItem(next), diff(current, next, BUILDING_FIELDS), current !== undefined);
        const gridId = next.gridId;
        if (gridId && !compound.gridIds.includes(gridId)) {
          const link = links.get(compound.id) ?? { compound, gridIds: new Set<string>() };
          link.gridIds.add(gridId);
          links.set(compound.id, link);
        }
      }
      return outcome;
    },

    end() {
      const outcome = new Outcome(context);
      for (const { compound, gridIds } of links.values()) {
        const before = [...compound.gridIds].sort();
        outcome.audit('COMPOUND', compound.id, { gridIds: { from: before, to: [...before, ...gridIds].sort() } });
      }
      outcome.updates.push(...gridLinks([...links.values()]));
      links.clear();
      return outcome;
    },
  };
}

export function exitImporter(context: ImportContext): KindImporter<ExitRow> {
  const { caller, at } = context;
  const compounds = compoundResolver(context);
  const seen = new FirstSeen();
  const judgeRules = exitRulesFollowUp();
  return {
    async apply(rows) {
      const outcome = new Outcome(context);
      const resolved = await compounds.resolve(rows, outcome);
      const candidates: { row: ExitRow; exit: Exit }[] = [];
      for (const row of rows) {
        const compound = resolved.get(row);
        if (!compound) continue;
        const id = claimMember('exit', row, row.location, compound, seen, outcome);
        if (id === undefined) continue;
        const exit: Exit = {
          id,
          compoundId: compound.id,
          ...(row.externalId !== undefined ? { externalId: row.externalId } : {}),
          name: row.name,
          kind: row.kind ?? 'mixed',
          status: row.status,
          location: row.location,
          updatedAt: at,
          updatedBy: caller.username,
        };
        candidates.push({ row, exit });
      }
      const stored = await storedMembers(candidates.map((c) => keys.exit(c.exit.compoundId, c.exit.id)), storedExitFromItem);
      const judge = new Set<string>();
      for (const { row, exit } of candidates) {
        const current = stored.get(`${exit.compoundId}/${exit.id}`);
        const next = current ? reimportedExit(current, exit, row) : exit;
        const changes = diff(current, next, EXIT_FIELDS);
        outcome.write('EXIT', next.id, storedExitItem(next), changes, current !== undefined);
        // A new exit, or one opened or sealed, changes what the rules see.
        if (!current || 'status' in changes) judge.add(next.compoundId);
      }
      if (judge.size > 0) outcome.afterWrite.push(judgeRules(judge));
      return outcome;
    },
  };
}

/**
 * A stored exit as a re-import leaves it: the row's fields (name, kind when given, status,
 * location) over what only the table holds — main checkpoint, restriction, sealing and standing.
 * The sealing stays only while the exit stays sealed (as PATCH /v1/exits/{id} does); the standing
 * is kept until the judgement that follows the write, its index keys moved with the location.
 */
function reimportedExit(current: StoredExit, exit: Exit, row: ExitRow): StoredExit {
  const { sealing, ...kept } = current;
  const held = keptSealing(current.status, exit.status, sealing);
  return { ...kept, ...exit, kind: row.kind ?? current.kind, ...(held ? { sealing: held } : {}) };
}

/**
 * A building's or exit's id (from its external id, else its name and place, as the demo city's
 * generator makes them), or undefined when an earlier row of the request has it: then the row
 * is rejected.
 */
function claimMember(
  kind: 'building' | 'exit',
  row: { readonly line: number; readonly externalId?: string; readonly name: string },
  location: readonly [number, number],
  compound: CompoundRecord,
  seen: FirstSeen,
  outcome: Outcome,
): string | undefined {
  const id = memberIdFor(kind, row, location);
  const first = seen.claim(`${compound.id}/${id}`, row.line);
  if (first === undefined) return id;
  outcome.reject(row.line, duplicateReason(first, row.externalId));
  return undefined;
}

async function storedMembers<T extends { id: string; compoundId: string }>(
  memberKeys: readonly { pk: string; sk: string }[],
  fromItem: (item: Item) => T,
): Promise<Map<string, T>> {
  const items = await batchGet<Item>(memberKeys);
  return new Map(items.map(fromItem).map((m) => [`${m.compoundId}/${m.id}`, m]));
}

/**
 * Finds the compound each row names, checked against the caller's jurisdiction. Compounds are
 * read once per request; names are looked up in the caller's compounds, read on first need.
 */
function compoundResolver(context: ImportContext) {
  const { caller } = context;
  const known = new Map<string, CompoundRecord | null>();
  let byName: Promise<Map<string, string[]>> | undefined;

  const idOf = async (ref: CompoundRef): Promise<string | { reject: string }> => {
    switch (ref.by) {
      case 'externalId':
        return compoundIdFor({ externalId: ref.value, name: '' }, [0, 0]);
      case 'id':
        return ref.value;
      case 'name': {
        byName ??= namesInJurisdiction(context);
        const ids = (await byName).get(normaliseName(ref.value)) ?? [];
        if (ids.length === 1) return ids[0] as string;
        return {
          reject: ids.length === 0
            ? `compound_name: no compound named ${ref.value} in your jurisdiction`
            : `compound_name: ${ids.length} compounds are named ${ref.value}; give compound_external_id or compound_id`,
        };
      }
    }
  };

  const missing = (ref: CompoundRef): string =>
    ref.by === 'externalId'
      ? `compound_external_id: no compound with external id ${ref.value}`
      : ref.by === 'id'
        ? `compound_id: no compound ${ref.value}`
        : `compound_name: no compound named ${ref.value}`;

  return {
    async resolve<R extends { line: number; compound: CompoundRef }>(rows: readonly R[], outcome: Outcome): Promise<Map<R, CompoundRecord>> {
      const ids = await Promise.all(rows.map((row) => idOf(row.compound)));
      const unknown = [...new Set(ids.filter((id): id is string => typeof id === 'string' && !known.has(id)))];
      if (unknown.length > 0) {
        for (const c of await getCompounds(unknown)) known.set(c.id, c);
        for (const id of unknown) if (!known.has(id)) known.set(id, null);
      }
      const resolved = new Map<R, CompoundRecord>();
      rows.forEach((row, i) => {
        const id = ids[i];
        if (id === undefined) return;
        if (typeof id !== 'string') return outcome.reject(row.line, id.reject);
        const compound = known.get(id);
        if (!compound) return outcome.reject(row.line, missing(row.compound));
        if (!canSeeCompound(caller, compound)) {
          return outcome.reject(row.line, `compound ${compound.id} (${compound.name}) is outside your jurisdiction`);
        }
        resolved.set(row, compound);
      });
      return resolved;
    },
  };
}

/** Normalised name → ids of the compounds the caller may import into. */
async function namesInJurisdiction(context: ImportContext): Promise<Map<string, string[]>> {
  const sources = await scopeSources(context.caller, context.places);
  const visible = (await Promise.all(sources.map((s) => (s.kind === 'query' ? queryAll<Item>(s.query) : batchGet<Item>(s.keys)))))
    .flat()
    .map(compoundFromItem)
    .filter((compound) => canSeeCompound(context.caller, compound));
  const byName = Map.groupBy(visible, (compound) => normaliseName(compound.name));
  return new Map([...byName].map(([name, compounds]) => [name, compounds.map((c) => c.id)]));
}

/**
 * The grid each building row names, by id or by name within its compound's community; a grid
 * the community does not have yet is created there (and audited), as a city's building list
 * names its grids. Grids are read once per request.
 */
function gridResolver(context: ImportContext) {
  const byId = new Map<string, Grid | null>();
  const ofCommunity = new Map<string, Promise<Grid[]>>();
  const gridsOf = (communityId: string) => {
    let grids = ofCommunity.get(communityId);
    if (!grids) {
      grids = gridsOfCommunity(communityId);
      ofCommunity.set(communityId, grids);
    }
    return grids;
  };
  return {
    /** Reads the grids these rows may name: by id, and those of their compounds' communities. */
    async load(rows: readonly [BuildingRow, CompoundRecord][]): Promise<void> {
      const ids = [...new Set(rows.map(([row]) => (row.grid ?? '').trim()))].filter((v) => Id.safeParse(v).success && !byId.has(v));
      if (ids.length > 0) {
        for (const item of await batchGet<Item>(ids.map((id) => keys.grid(id)))) byId.set(item.id as string, gridFromItem(item));
        for (const id of ids) if (!byId.has(id)) byId.set(id, null);
      }
      await Promise.all([...new Set(rows.map(([, c]) => c.communityId).filter((c): c is string => c !== null))].map(gridsOf));
    },

    async resolve(value: string, compound: CompoundRecord, outcome: Outcome): Promise<string | { reject: string }> {
      const communityId = compound.communityId;
      if (communityId === null) {
        return { reject: `grid_id: compound ${compound.name} is in no community yet; assign it before naming its grid` };
      }
      const grids = await gridsOf(communityId);
      const known = findGrid(grids, value) ?? byId.get(value.trim()) ?? undefined;
      if (known) {
        if (known.communityId !== communityId) {
          return { reject: `grid_id: grid ${known.id} belongs to community ${known.communityId}, not to ${communityId} where the compound lies` };
        }
        return known.id;
      }
      const grid: Grid = {
        id: gridIdFor(communityId, value), name: value.trim(), communityId, streetId: compound.streetId ?? '', workers: [],
      };
      if (!context.dryRun) {
        try {
          await putItem(gridItem(grid), { condition: 'attribute_not_exists(pk)', conflict: `grid ${grid.id} exists` });
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          // Made meanwhile by another import of the same file, or the code is another community's grid.
          const existing = await getGrid(grid.id);
          if (existing?.communityId !== communityId) return { reject: `grid_id: grid ${grid.id} belongs to another community` };
        }
      }
      outcome.audit('GRID', grid.id, diff(undefined, grid, ['name', 'communityId', 'streetId']), 'create');
      grids.push(grid);
      byId.set(grid.id, grid);
      return grid.id;
    },
  };
}

/**
 * Adds grids to compounds and compounds to grids. ADD of a string set is idempotent, so a retried
 * or repeated import adds nothing twice; the compound's version moves so that a concurrent edit
 * of the compound (conditional on its version) cannot put back a stale set. The updates go 100 to
 * a TransactWriteItems call, far cheaper than as many UpdateItem calls; a group that is cancelled
 * (an item deleted meanwhile, a conflicting write) is done again one update at a time.
 */
function gridLinks(links: readonly { compound: CompoundRecord; gridIds: ReadonlySet<string> }[]): (() => Promise<void>)[] {
  const byGrid = new Map<string, Set<string>>();
  for (const { compound, gridIds } of links) {
    for (const gridId of gridIds) byGrid.set(gridId, (byGrid.get(gridId) ?? new Set()).add(compound.id));
  }
  const add = (key: { pk: string; sk: string }, expression: string, values: Record<string, unknown>) =>
    ({ Key: key, UpdateExpression: expression, ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: values });
  const updates = [
    ...links.map(({ compound, gridIds }) => add(keys.compound(compound.id), 'ADD gridIds :grids, version :one', { ':grids': new Set(gridIds), ':one': 1 })),
    ...[...byGrid].map(([gridId, compoundIds]) => add(keys.grid(gridId), 'ADD compoundIds :compounds', { ':compounds': compoundIds })),
  ];
  const tasks: (() => Promise<void>)[] = [];
  for (let i = 0; i < updates.length; i += TRANSACTION_SIZE) {
    const group = updates.slice(i, i + TRANSACTION_SIZE);
    tasks.push(async () => {
      try {
        await transactWrite(group.map((update) => ({ update })), 'an item of the group is gone or changed');
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        for (const update of group) await updateIfThere(update);
      }
    });
  }
  return tasks;
}

/** TransactWriteItems takes at most 100 actions. */
const TRANSACTION_SIZE = 100;

/** One ADD on its own; an item that is gone (deleted since it was read) is left alone. */
async function updateIfThere(update: Parameters<typeof updateItem>[0]): Promise<void> {
  try {
    await updateItem(update, 'the item is gone');
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
}
