/**
 * The pure parts of the fan-out's fast paths: a compound's plan (what the task builders read,
 * kept in its plan item), the plan items a seed writes, and how a round's compounds are packed
 * into transactions of at most 100 items.
 */
import { describe, expect, it } from 'vitest';
import { compoundPlan, packTransactions, TRANSACTION_ITEMS, type TaskDraft } from '#shared/domain/fan-out.ts';
import { TASK_BUILDERS } from '#shared/domain/task-builders.ts';
import type { Building } from '#shared/schemas/building.ts';
import { planItemsOf, storedPlanOf } from '#functions/stores/plan-store.ts';
import { buildingItem, exitItem } from '#functions/stores/compound-store.ts';

const building = (id: string, name: string, location: [number, number], gridId: string | null = 'g1'): Building => ({
  id, compoundId: 'c1', name, gridId, units: 2, floors: 3, householdsPerFloor: 2, households: 12, location,
  geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }, updatedAt: '2026-11-01T00:00:00.000Z', updatedBy: 'system:test',
});
const exit = (id: string, status: 'open' | 'sealed', location: [number, number]) => ({
  id, compoundId: 'c1', name: id, kind: 'mixed' as const, status, location, updatedAt: '2026-11-01T00:00:00.000Z', updatedBy: 'system:test',
});
const compound = { id: 'c1', name: '兰台1号院', streetId: 's1', communityId: 'cm1', location: [112.5, 31.1] as const };
const campaign = { id: 'cp_1', kind: 'sweep' as const, scope: { type: 'city' as const } };

describe('a compound\'s plan', () => {
  const buildings = [building('b2', '2栋', [112.502, 31.1]), building('b1', '1栋', [112.501, 31.1]), building('b3', '10栋', [112.503, 31.1], null)];
  const exits = [exit('e2', 'open', [112.504, 31.1]), exit('e1', 'sealed', [112.5, 31.1])];

  it('keeps only what the builders read, in id order, and builds the same tasks as the records', () => {
    const plan = compoundPlan(buildings, exits);
    expect(plan.buildings.map((b) => b.id)).toEqual(['b1', 'b2', 'b3']);
    expect(Object.keys(plan.buildings[0] ?? {}).sort()).toEqual(['floors', 'gridId', 'householdsPerFloor', 'id', 'location', 'name', 'units']);
    expect(plan.exits).toEqual([{ status: 'sealed', location: [112.5, 31.1] }, { status: 'open', location: [112.504, 31.1] }]);
    // As a query of the partition gives them: by id.
    const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    const fromRecords = TASK_BUILDERS.sweep({ campaign, compound, buildings: byId(buildings), exits: byId(exits) });
    const fromPlan = TASK_BUILDERS.sweep({ campaign, compound, ...plan });
    expect(fromPlan).toEqual(fromRecords);
    // The walk starts at the open exit, not the sealed one listed first.
    expect(fromPlan.find((t) => t.order === 0)?.buildingId).toBe('b3');
  });

  it('is written by a seed from its items, one plan item per compound, empty for a compound with none', () => {
    const items = [...buildings.map(buildingItem), ...exits.map(exitItem), { pk: 'X', sk: 'Y', type: 'audit', compoundId: 'c1' }];
    const plans = planItemsOf(['c1', 'c_empty'], items);
    expect(plans.map((p) => [p.pk, p.sk])).toEqual([['COMPOUND#c1', 'PLAN'], ['COMPOUND#c_empty', 'PLAN']]);
    expect(storedPlanOf(plans[0] ?? {}).plan).toEqual(compoundPlan(buildings, exits));
    expect(storedPlanOf(plans[1] ?? {}).plan).toEqual({ buildings: [], exits: [] });
    // Each write has its own token, so a rebuild conditional on the token it read never takes a later one for it.
    expect(new Set(plans.map((p) => p.token)).size).toBe(2);
  });

  it('reads a tombstone (a token, no plan) as stale', () => {
    expect(storedPlanOf({ pk: 'COMPOUND#c1', sk: 'PLAN', token: 't' })).toEqual({ token: 't', plan: undefined });
  });
});

describe('a round\'s compounds packed into transactions', () => {
  const task = (id: string, gridId: string | null): TaskDraft => ({
    targetId: id, buildingId: null, buildingName: null, compoundId: id, compoundName: id, communityId: 'cm1', streetId: 's1', gridId,
    location: [0, 0], order: 0, layout: null, householdsTotal: 0,
  });
  const round = (id: string, tasks: number, communityId = 'cm1', gridId: string | null = 'g1') => ({
    id, tasks: Array.from({ length: tasks }, (_, i) => task(`${id}.${i}`, gridId)), place: { communityId },
  });

  it('keeps every transaction within the limit: markers, tasks, a coverage item per grid and community, the campaign', () => {
    // 25 compounds of 1 task in one community and grid: 25 + 25 + 1 + 1 + 1 = 53 items, one transaction.
    const small = Array.from({ length: 25 }, (_, i) => round(`c${i}`, 1));
    expect(packTransactions(small).groups.map((g) => g.length)).toEqual([25]);
    // 2 tasks each, a community each: 4 items a compound with the grid and campaign counted once.
    const spread = Array.from({ length: 30 }, (_, i) => round(`c${i}`, 2, `cm${i}`));
    const { groups, apart } = packTransactions(spread);
    expect(apart).toEqual([]);
    expect(groups.flat().map((c) => c.id)).toEqual(spread.map((c) => c.id));
    for (const group of groups) {
      const size = group.length + group.length * 2 + 1 + group.length + 1;
      expect(size).toBeLessThanOrEqual(TRANSACTION_ITEMS);
    }
    expect(groups.map((g) => g.length)).toEqual([24, 6]);
  });

  it('sets apart a compound too big for a transaction of its own, and keeps packing the rest', () => {
    const { groups, apart } = packTransactions([round('a', 1), round('big', 97), round('b', 1)]);
    expect(apart.map((c) => c.id)).toEqual(['big']);
    expect(groups.map((g) => g.map((c) => c.id))).toEqual([['a', 'b']]);
    // 96 tasks: 1 + 96 + grid + community + campaign = 100, still fits.
    expect(packTransactions([round('edge', 96)]).apart).toEqual([]);
  });
});
