/**
 * What a building or exit row names, found for its import (import-members.ts): the compound (by
 * external id, id, or a name unique within the caller's jurisdiction), checked against the
 * caller's jurisdiction, and a building's grid (by id or by name within its compound's
 * community), created where the community lacks it. Each is read once per request.
 */
import { diff } from '#shared/domain/audit.ts';
import { compoundIdFor, type CompoundRecord } from '#shared/domain/compounds.ts';
import { findGrid, gridIdFor } from '#shared/domain/grids.ts';
import { normaliseName } from '#shared/domain/ids.ts';
import type { BuildingRow, CompoundRef } from '#shared/import/rows.ts';
import { canSeeCompound } from '#shared/roles.ts';
import { Id } from '#shared/schemas/common.ts';
import type { Grid } from '#shared/schemas/places.ts';
import { getCompounds } from '#functions/stores/compound-store.ts';
import { compoundsInJurisdiction, createGrid, gridsById } from '#functions/stores/import-store.ts';
import { getGrid, gridsOfCommunity } from '#functions/stores/places-store.ts';
import type { ImportContext, Outcome } from './import-kind.ts';

/**
 * Finds the compound each row names, checked against the caller's jurisdiction. Compounds are
 * read once per request; names are looked up in the caller's compounds, read on first need.
 */
export function compoundResolver(context: ImportContext) {
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
  const visible = (await compoundsInJurisdiction(context.caller, context.places)).filter((compound) => canSeeCompound(context.caller, compound));
  const byName = Map.groupBy(visible, (compound) => normaliseName(compound.name));
  return new Map([...byName].map(([name, compounds]) => [name, compounds.map((c) => c.id)]));
}

/**
 * The grid each building row names, by id or by name within its compound's community; a grid
 * the community does not have yet is created there (and audited), as a city's building list
 * names its grids. Grids are read once per request.
 */
export function gridResolver(context: ImportContext) {
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
        for (const grid of await gridsById(ids)) byId.set(grid.id, grid);
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
      if (!context.dryRun && !(await createGrid(grid))) {
        // Made meanwhile by another import of the same file, or the code is another community's grid.
        const existing = await getGrid(grid.id);
        if (existing?.communityId !== communityId) return { reject: `grid_id: grid ${grid.id} belongs to another community` };
      }
      outcome.audit('GRID', grid.id, diff(undefined, grid, ['name', 'communityId', 'streetId']), 'create');
      grids.push(grid);
      byId.set(grid.id, grid);
      return grid.id;
    },
  };
}
