/**
 * The compounds' fan-out plan items (functions/stores/plan-store.ts) on DynamoDB Local: a sweep
 * reads a compound's plan when it is current, reads the compound whole and stores its plan when
 * it is missing or stale, and every write of a building or exit (an import, an exit opened)
 * marks the plan stale, so the next sweep makes the tasks of the buildings as they are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchWrite, getItem, putItem, type Item } from '#functions/platform/table.ts';
import { buildingItem } from '#functions/stores/compound-store.ts';
import { invalidatePlans, planTombstone, savePlan, storedPlanOf } from '#functions/stores/plan-store.ts';
import { keys } from '#shared/table.ts';
import type { Client, TestStack } from '../support/stack.ts';
import { launchAndDrain, startSweepStack, tasksOfCampaign } from './sweep-support.ts';

let stack: TestStack;
let city: Client;

beforeAll(async () => {
  ({ stack, city } = await startSweepStack());
});
afterAll(() => stack.stop());

const planOf = async (compoundId: string) => {
  const item = await getItem<Item>(keys.fanOutPlan(compoundId), { consistent: true });
  return item ? storedPlanOf(item) : undefined;
};
const sweepOf = async (compoundId: string) => {
  const campaign = await launchAndDrain(stack, city, { kind: 'sweep', scope: { type: 'compound', id: compoundId } });
  return { campaign, buildings: (await tasksOfCampaign(campaign.id)).map((t) => t.buildingId).sort() };
};
const building = (id: string, compoundId: string, name: string, location: [number, number]) => buildingItem({
  id, compoundId, name, gridId: 'g1', units: 1, floors: 2, householdsPerFloor: 2, households: 4,
  location, geometry: null, updatedAt: '2026-11-01T00:00:00.000Z', updatedBy: 'system:test',
});

describe('a compound\'s fan-out plan', () => {
  it('when missing (a table from before plans), is built from a read of the whole compound and stored', async () => {
    expect(await planOf('c_a')).toBeUndefined();
    const { campaign, buildings } = await sweepOf('c_a');
    expect(buildings).toEqual(['b_a1', 'b_a2']);
    expect(campaign).toMatchObject({ status: 'active', totals: { buildings: 2, households: 34, tasks: 2 } });
    const plan = await planOf('c_a');
    expect(plan?.plan?.buildings.map((b) => b.id)).toEqual(['b_a1', 'b_a2']);
    expect(plan?.plan?.exits).toEqual([{ status: 'open', location: [112.514, 31.112] }, { status: 'sealed', location: [112.512, 31.114] }]);
  });

  it('when current, is what the sweep reads; once marked stale, the compound is read whole again', async () => {
    await sweepOf('c_a');
    // Written behind the stores' back, so nothing marks the plan stale: the plan is what counts.
    await batchWrite([building('b_a3', 'c_a', '3栋', [112.513, 31.113])]);
    expect((await sweepOf('c_a')).buildings).toEqual(['b_a1', 'b_a2']);
    await invalidatePlans(['c_a']);
    expect((await planOf('c_a'))?.plan).toBeUndefined();
    const { campaign, buildings } = await sweepOf('c_a');
    expect(buildings).toEqual(['b_a1', 'b_a2', 'b_a3']);
    expect(campaign).toMatchObject({ totals: { buildings: 3, households: 38, tasks: 3 }, compounds: { planned: 1, expanded: 1, failed: 0 } });
    expect((await planOf('c_a'))?.plan?.buildings.map((b) => b.id)).toEqual(['b_a1', 'b_a2', 'b_a3']);
  });

  it('is not stored by savePlan once a write has tombstoned it since the read, nor over a plan stored meanwhile', async () => {
    const seen = (await planOf('c_a'))?.token;
    // A building write (and its tombstone) lands between the read and the store.
    await putItem(planTombstone('c_a'));
    await savePlan('c_a', { buildings: [], exits: [] }, seen);
    expect((await planOf('c_a'))?.plan).toBeUndefined();
    // Nor over a plan another reader stored meanwhile, when none was there before.
    await savePlan('c_new', { buildings: [], exits: [] }, undefined);
    const first = (await planOf('c_new'))?.token;
    await savePlan('c_new', { buildings: [], exits: [] }, undefined);
    expect((await planOf('c_new'))?.token).toBe(first);
  });

  it('follows a building import: the imported building is swept, and the plan stored again', async () => {
    await sweepOf('c_d0');
    expect((await planOf('c_d0'))?.plan?.buildings.length).toBeGreaterThan(0);
    const before = (await planOf('c_d0'))?.plan?.buildings.length ?? 0;
    const csv = 'compound_id,name,grid_id,units,floors,households_per_floor,lng,lat\nc_d0,新建楼,g2,1,3,2,112.5515,31.1015\n';
    const response = await city.request('POST', '/v1/imports?kind=buildings', { raw: csv, contentType: 'text/csv' });
    const summary = (await response.json()) as { imported: number };
    expect(response.status, JSON.stringify(summary)).toBe(200);
    expect(summary.imported).toBe(1);
    expect((await planOf('c_d0'))?.plan).toBeUndefined();
    const { campaign, buildings } = await sweepOf('c_d0');
    expect(buildings).toHaveLength(before + 1);
    expect(campaign.totals.tasks).toBe(before + 1);
    expect((await planOf('c_d0'))?.plan?.buildings.map((b) => b.name)).toContain('新建楼');
  });

  it('follows an exit opened or sealed: the walk starts from the exit open now', async () => {
    await sweepOf('c_a');
    expect((await planOf('c_a'))?.plan).toBeDefined();
    const admin = await stack.as('community-cm1');
    const response = await admin.patch('/v1/exits/e_a1', { status: 'sealed' });
    expect(response.status, await response.clone().text()).toBe(200);
    expect((await planOf('c_a'))?.plan).toBeUndefined();
    await sweepOf('c_a');
    expect((await planOf('c_a'))?.plan?.exits.map((e) => e.status)).toEqual(['sealed', 'sealed']);
  });
});
