/**
 * Buildings and exits from an import: the members of a compound. Each row names its compound
 * (external id, id, or a name unique within the caller's jurisdiction); a row whose compound is
 * unknown or out of reach is rejected (import-resolvers.ts finds both). A building's grid (by id or
 * name, created when its community lacks it) is kept on both sides with set ADDs (idempotent,
 * import-store.ts `linkGrids`): the compound's `gridIds` and the grid's `compoundIds`.
 *
 * A member's id is its external id (else name and place) scoped to its compound, so two
 * compounds' rows with one external id make two items, each with its own tasks, shifts and
 * entries. An item imported before ids were scoped keeps its id: a row looks under both ids in
 * its compound's partition, and updates what it finds.
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
 *
 * Before a chunk's changed buildings or exits go out, and again once they have landed, their
 * compounds' fan-out plans are marked stale (plan-store.ts), so the next campaign reads those
 * compounds whole and stores their plans again.
 */
import { diff } from '#shared/domain/audit.ts';
import { memberIdFor, type CompoundRecord } from '#shared/domain/compounds.ts';
import { memberId } from '#shared/domain/ids.ts';
import { keptSealing } from '#shared/domain/exits.ts';
import { shapeOf } from '#shared/geo/shape.ts';
import type { BuildingRow, ExitRow } from '#shared/import/rows.ts';
import type { Building } from '#shared/schemas/building.ts';
import type { Exit } from '#shared/schemas/exit.ts';
import { buildingItem } from '#functions/stores/compound-store.ts';
import { storedExitItem, type StoredExit } from '#functions/stores/exit-rules-store.ts';
import { linkGrids, storedBuildings, storedExits } from '#functions/stores/import-store.ts';
import { invalidatePlans } from '#functions/stores/plan-store.ts';
import { duplicateReason, FirstSeen, Outcome, type ImportContext, type KindImporter } from './import-kind.ts';
import { compoundResolver, gridResolver } from './import-resolvers.ts';
import { exitRulesFollowUp } from './import-writer.ts';

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
      const candidates: { row: BuildingRow; building: Building; compound: CompoundRecord; ids: MemberIds }[] = [];
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
        const ids = claimMember('building', row, location, compound, seen, outcome);
        if (ids === undefined) continue;
        const building: Building = {
          id: ids.id,
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
        candidates.push({ row, building, compound, ids });
      }
      const stored = await storedBuildings(candidates.flatMap((c) => lookups(c.compound, c.ids)));
      const written = new Set<string>();
      for (const { row, building, compound, ids } of candidates) {
        const current = storedMember(stored, compound, ids);
        // What the row leaves out, a stored building keeps (and its id, made the old way or the new).
        const next: Building = current
          ? {
              ...building,
              id: current.id,
              gridId: building.gridId ?? current.gridId,
              location: row.location ?? (row.geometry ? building.location : current.location),
              geometry: row.geometry ?? current.geometry,
            }
          : building;
        const changes = diff(current, next, BUILDING_FIELDS);
        if (!outcome.write('BUILDING', next.id, buildingItem(next), changes, current !== undefined, row.line)) continue;
        // An unchanged row writes nothing (Outcome.write), so leaves the plan as it is.
        if (Object.keys(changes).length > 0) written.add(compound.id);
        const gridId = next.gridId;
        if (gridId && !compound.gridIds.includes(gridId)) {
          const link = links.get(compound.id) ?? { compound, gridIds: new Set<string>() };
          link.gridIds.add(gridId);
          links.set(compound.id, link);
        }
      }
      await staleAround(context, outcome, written);
      return outcome;
    },

    end() {
      const outcome = new Outcome(context);
      for (const { compound, gridIds } of links.values()) {
        const before = [...compound.gridIds].sort();
        outcome.audit('COMPOUND', compound.id, { gridIds: { from: before, to: [...before, ...gridIds].sort() } });
      }
      outcome.updates.push(...linkGrids([...links.values()].map(({ compound, gridIds }) => ({ compoundId: compound.id, streetId: compound.streetId, gridIds }))));
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
      const candidates: { row: ExitRow; exit: Exit; compound: CompoundRecord; ids: MemberIds }[] = [];
      for (const row of rows) {
        const compound = resolved.get(row);
        if (!compound) continue;
        const ids = claimMember('exit', row, row.location, compound, seen, outcome);
        if (ids === undefined) continue;
        const exit: Exit = {
          id: ids.id,
          compoundId: compound.id,
          ...(row.externalId !== undefined ? { externalId: row.externalId } : {}),
          name: row.name,
          kind: row.kind ?? 'mixed',
          status: row.status,
          location: row.location,
          updatedAt: at,
          updatedBy: caller.username,
        };
        candidates.push({ row, exit, compound, ids });
      }
      const stored = await storedExits(candidates.flatMap((c) => lookups(c.compound, c.ids)));
      const judge = new Set<string>();
      const written = new Set<string>();
      for (const { row, exit, compound, ids } of candidates) {
        const current = storedMember(stored, compound, ids);
        const next = current ? reimportedExit(current, exit, row) : exit;
        const changes = diff(current, next, EXIT_FIELDS);
        if (!outcome.write('EXIT', next.id, storedExitItem(next), changes, current !== undefined, row.line)) continue;
        if (Object.keys(changes).length > 0) written.add(next.compoundId);
        // A new exit, or one opened or sealed, changes what the rules see.
        if (!current || 'status' in changes) judge.add(next.compoundId);
      }
      if (judge.size > 0) outcome.afterWrite.push(judgeRules(judge));
      await staleAround(context, outcome, written);
      return outcome;
    },
  };
}

/**
 * Marks the fan-out plans of the compounds whose buildings or exits a chunk changes stale
 * (plan-store.ts says why the import only marks them: the next campaign rebuilds what it needs):
 * before the chunk's writes go out, so a write that fails half-way or times out never leaves a
 * plan looking current behind new buildings; and again once they have landed, so a plan rebuilt
 * from a read made between the two is not taken for current either.
 */
async function staleAround(context: ImportContext, outcome: Outcome, compoundIds: ReadonlySet<string>): Promise<void> {
  if (compoundIds.size === 0 || context.dryRun) return;
  await invalidatePlans(compoundIds);
  outcome.afterWrite.push(() => invalidatePlans(compoundIds));
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
  return { ...kept, ...exit, id: current.id, kind: row.kind ?? current.kind, ...(held ? { sealing: held } : {}) };
}

/**
 * A member's ids: the one a new item gets, scoped to its compound, and the one an item imported
 * before issue 13 was given (from the external id, or name and place, alone). Under the row's
 * compound's partition either one can only be that compound's own item.
 */
interface MemberIds {
  readonly id: string;
  readonly unscoped: string;
}

/**
 * A building's or exit's ids, or undefined when an earlier row of the request names the same
 * member of the same compound: then the row is rejected.
 */
function claimMember(
  kind: 'building' | 'exit',
  row: { readonly line: number; readonly externalId?: string; readonly name: string },
  location: readonly [number, number],
  compound: CompoundRecord,
  seen: FirstSeen,
  outcome: Outcome,
): MemberIds | undefined {
  const id = memberId(kind, compound.id, row, location);
  const first = seen.claim(id, row.line);
  if (first === undefined) return { id, unscoped: memberIdFor(kind, row, location) };
  outcome.reject(row.line, duplicateReason(first, row.externalId));
  return undefined;
}

/** Where a member may be stored: under its scoped id, or under the id an older import gave it. */
const lookups = (compound: CompoundRecord, ids: MemberIds) => [
  { compoundId: compound.id, id: ids.id },
  { compoundId: compound.id, id: ids.unscoped },
];

/** The stored member, under its scoped id or else its older one. */
const storedMember = <T>(stored: ReadonlyMap<string, T>, compound: CompoundRecord, ids: MemberIds): T | undefined =>
  stored.get(`${compound.id}/${ids.id}`) ?? stored.get(`${compound.id}/${ids.unscoped}`);
