/**
 * Buildings and exits from an import: the members of a compound. Each row names its compound
 * (external id, id, or a name unique within the caller's jurisdiction); a row whose compound is
 * unknown or out of reach is rejected (import-resolvers.ts finds both). A building's grid (by id or
 * name, created when its community lacks it) is kept on both sides with set ADDs (idempotent,
 * import-store.ts `linkGrids`): the compound's `gridIds` and the grid's `compoundIds`.
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
import { memberIdFor, type CompoundRecord } from '#shared/domain/compounds.ts';
import { keptSealing } from '#shared/domain/exits.ts';
import { shapeOf } from '#shared/geo/shape.ts';
import type { BuildingRow, ExitRow } from '#shared/import/rows.ts';
import type { Building } from '#shared/schemas/building.ts';
import type { Exit } from '#shared/schemas/exit.ts';
import { buildingItem } from '#functions/stores/compound-store.ts';
import { storedExitItem, type StoredExit } from '#functions/stores/exit-rules-store.ts';
import { linkGrids, storedBuildings, storedExits } from '#functions/stores/import-store.ts';
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
      const stored = await storedBuildings(candidates.map((c) => c.building));
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
      outcome.updates.push(...linkGrids([...links.values()].map(({ compound, gridIds }) => ({ compoundId: compound.id, gridIds }))));
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
      const stored = await storedExits(candidates.map((c) => c.exit));
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
