/**
 * The pure parts of the fan-out's fast paths: a compound's plan (what the task builders read,
 * kept in its plan item), the plan items a seed writes, how a message's compounds are packed
 * into counting transactions of at most 100 items, and what a receive does with a compound by
 * its marker.
 */
import { describe, expect, it } from 'vitest';
import { compoundPlan, expansionOf, packCounts, TRANSACTION_ITEMS, type TaskDraft } from '#shared/domain/fan-out.ts';
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

describe('compounds packed into counting transactions', () => {
  const task = (id: string, gridId: string | null): TaskDraft => ({
    targetId: id, buildingId: null, buildingName: null, compoundId: id, compoundName: id, communityId: 'cm1', streetId: 's1', gridId,
    location: [0, 0], order: 0, layout: null, householdsTotal: 0,
  });
  const compound = (id: string, tasks: number, communityId = 'cm1', grids = 1) => ({
    id, tasks: Array.from({ length: tasks }, (_, i) => task(`${id}.${i}`, `${id}.g${i % grids}`)), place: { communityId },
  });

  it('keeps every transaction within the limit: markers, a coverage item per grid and community, the campaign; tasks are not in it', () => {
    // 25 compounds of 40 tasks in one grid each, one community: 25 + 25 + 1 + 1 = 52 items, one transaction.
    const sweep = Array.from({ length: 25 }, (_, i) => compound(`c${i}`, 40));
    expect(packCounts(sweep).groups.map((g) => g.length)).toEqual([25]);
    // A community each too: 3 items a compound and the campaign.
    const spread = Array.from({ length: 40 }, (_, i) => compound(`c${i}`, 2, `cm${i}`));
    const { groups, apart } = packCounts(spread);
    expect(apart).toEqual([]);
    expect(groups.flat().map((c) => c.id)).toEqual(spread.map((c) => c.id));
    for (const group of groups) expect(group.length * 3 + 1).toBeLessThanOrEqual(TRANSACTION_ITEMS);
    expect(groups.map((g) => g.length)).toEqual([33, 7]);
  });

  it('sets apart a compound whose grids alone overflow a transaction, and keeps packing the rest', () => {
    const { groups, apart } = packCounts([compound('a', 1), compound('wide', 200, 'cm1', 98), compound('b', 1)]);
    expect(apart.map((c) => c.id)).toEqual(['wide']);
    expect(groups.map((g) => g.map((c) => c.id))).toEqual([['a', 'b']]);
    // 97 grids: marker + 97 + community + campaign = 100, still fits, however many tasks.
    expect(packCounts([compound('edge', 500, 'cm1', 97)]).apart).toEqual([]);
  });
});

describe('what a receive does with a compound, by its marker', () => {
  const receive = { message: 'm1', receive: 2 };
  const now = '2026-12-07T10:00:00.000Z';

  it('counts one with no marker, and resumes one an earlier receive of the same message counted', () => {
    expect(expansionOf(undefined, receive, now)).toBe('new');
    expect(expansionOf({ state: 'expanded', lockMessage: 'm1', lockReceive: 1 }, receive, now)).toBe('resume');
  });

  it('leaves alone one counted by this receive, a later one or another message, and a failed one', () => {
    expect(expansionOf({ state: 'expanded', lockMessage: 'm1', lockReceive: 2 }, receive, now)).toBe('skip');
    expect(expansionOf({ state: 'expanded', lockMessage: 'm1', lockReceive: 3 }, receive, now)).toBe('skip');
    expect(expansionOf({ state: 'expanded', lockMessage: 'm0', lockReceive: 1 }, receive, now)).toBe('skip');
    expect(expansionOf({ state: 'expanded' }, receive, now)).toBe('skip');
    expect(expansionOf({ state: 'failed', lockMessage: 'm1', lockReceive: 1 }, receive, now)).toBe('skip');
  });

  it('takes over a claim left expanding once its lock lapsed or by an earlier receive of the message, not a live one', () => {
    expect(expansionOf({ state: 'expanding', lockMessage: 'm0', lockReceive: 1, lockedUntil: '2026-12-07T09:59:59.000Z' }, receive, now)).toBe('takeover');
    expect(expansionOf({ state: 'expanding', lockMessage: 'm1', lockReceive: 1, lockedUntil: '2026-12-07T10:05:00.000Z' }, receive, now)).toBe('takeover');
    expect(expansionOf({ state: 'expanding', lockMessage: 'm0', lockReceive: 1, lockedUntil: '2026-12-07T10:05:00.000Z' }, receive, now)).toBe('skip');
    expect(expansionOf({ state: 'expanding', lockMessage: 'm1', lockReceive: 2, lockedUntil: '2026-12-07T10:05:00.000Z' }, receive, now)).toBe('skip');
  });
});
