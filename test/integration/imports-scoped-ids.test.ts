/**
 * Building and exit ids are scoped to their compound: a community admin who imports a building
 * or exit under another community's external id makes an item of their own, and the other
 * compound's item, its shifts and its entries stay as they were. Items stored under ids of the
 * old derivation (the external id alone) keep them: a re-import finds them and updates them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildingItem, exitItem } from '#functions/stores/compound-store.ts';
import { batchWrite, type Item } from '#functions/platform/table.ts';
import { compoundIdFor, memberIdFor } from '#shared/domain/compounds.ts';
import { entityId } from '#shared/domain/ids.ts';
import type { Campaign } from '#shared/schemas/campaign.ts';
import type { LocalUser } from '#shared/schemas/local.ts';
import { entry } from '../support/exit-fixture.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { scanTable } from '../support/table-scan.ts';
import { seedPlaces, users } from './imports-support.ts';

const idOf = (externalId: string) => compoundIdFor({ externalId, name: '' }, [0, 0]);
const CA = idOf('SC-A');
const CB = idOf('SC-B');
/** B's exit under either derivation, so B's duty staff hold it before and after the change. */
const B_EXIT_IDS = [
  memberIdFor('exit', { externalId: 'SHARED-E', name: '' }, [0, 0]),
  entityId('e', { externalId: 'SHARED-E', name: '', location: [0, 0], scope: CB }),
];

const scopedUsers: LocalUser[] = [
  ...users,
  { username: 'comm2', name: '幸福社区', role: 'community', jurisdiction: { streetId: 's1', communityId: 'cm2' } },
  { username: 'duty-b', name: '值守', role: 'duty', jurisdiction: { compoundIds: [CB], exitIds: B_EXIT_IDS } },
];

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ users: scopedUsers, seed: seedPlaces, queueOptions: { timeScale: 0.001, pollIntervalMs: 5 } });
  // Compound A in cm1, compound B in cm2.
  const compounds = 'external_id,name,lng,lat\nSC-A,甲小区,112.52,31.15\nSC-B,乙小区,112.57,31.15\n';
  expect((await importAs('city1', compounds, 'compounds')).imported).toBe(2);
});
afterAll(() => stack.stop());

async function importAs(username: string, csv: string, kind: string): Promise<{ imported: number; updated: number; unchanged?: number; rejected: number }> {
  const client = await stack.as(username);
  const response = await client.request('POST', `/v1/imports?kind=${kind}`, { raw: csv, contentType: 'text/csv' });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as { imported: number; updated: number; rejected: number };
}

const members = async (type: 'building' | 'exit', externalId: string) =>
  (await scanTable()).filter((i) => i.type === type && i.externalId === externalId);
const partition = async (pk: string) =>
  (await scanTable()).filter((i) => i.pk === pk).map((i) => JSON.stringify(i)).sort();

const buildingsCsv = (compound: string, floors = 6) =>
  `external_id,compound_external_id,name,units,floors,households_per_floor\nSHARED-B,${compound},1栋,1,${floors},2\n`;
const exitsCsv = (compound: string) =>
  `external_id,compound_external_id,name,status,lng,lat\nSHARED-E,${compound},南门,open,${compound === 'SC-A' ? '112.52,31.149' : '112.57,31.149'}\n`;

describe('a building or exit under another compound\'s external id', () => {
  it('is an item of its own; the other compound\'s item, shifts and entries are untouched; a sweep counts both', async () => {
    // Prepare: B's building and exit, a shift and an entry at B's exit.
    expect(await importAs('comm2', buildingsCsv('SC-B'), 'buildings')).toMatchObject({ imported: 1, rejected: 0 });
    expect(await importAs('comm2', exitsCsv('SC-B'), 'exits')).toMatchObject({ imported: 1, rejected: 0 });
    const [bBuilding] = await members('building', 'SHARED-B');
    const [bExit] = await members('exit', 'SHARED-E');
    const bExitId = bExit?.id as string;
    const city = await stack.as('city1');
    const start = new Date(Date.now() + 3_600_000).toISOString();
    const end = new Date(Date.now() + 9 * 3_600_000).toISOString();
    expect((await city.post(`/v1/exits/${bExitId}/shifts`, { person: 'duty-b', start, end })).status).toBe(201);
    expect((await (await stack.as('duty-b')).post(`/v1/exits/${bExitId}/entries`, entry('en-b-1'))).status).toBe(201);
    const bPartition = await partition(`EXIT#${bExitId}`);
    const bCompound = await partition(`COMPOUND#${CB}`);

    // Act: A's admin imports the same external ids into A's compound.
    expect(await importAs('comm1', buildingsCsv('SC-A'), 'buildings')).toMatchObject({ imported: 1, updated: 0, rejected: 0 });
    expect(await importAs('comm1', exitsCsv('SC-A'), 'exits')).toMatchObject({ imported: 1, updated: 0, rejected: 0 });

    // Assess: two of each, with ids of their own.
    const buildings = await members('building', 'SHARED-B');
    const exits = await members('exit', 'SHARED-E');
    expect(buildings.map((b) => b.compoundId).sort()).toEqual([CA, CB].sort());
    expect(new Set(buildings.map((b) => b.id)).size).toBe(2);
    expect(exits.map((e) => e.compoundId).sort()).toEqual([CA, CB].sort());
    expect(new Set(exits.map((e) => e.id)).size).toBe(2);
    const aExit = exits.find((e) => e.compoundId === CA) as Item;
    // B's side is as it was: items, shifts, entries, counts.
    expect(await partition(`COMPOUND#${CB}`)).toEqual(bCompound);
    expect(await partition(`EXIT#${bExitId}`)).toEqual(bPartition);
    expect(bBuilding?.id).not.toBe(buildings.find((b) => b.compoundId === CA)?.id);
    expect(await partition(`EXIT#${aExit.id as string}`)).toEqual([]);
    const aRead = await city.get(`/v1/exits/${aExit.id as string}`);
    expect(aRead.status).toBe(200);
    expect(await aRead.json()).toMatchObject({ compoundId: CA });
    const bRead = await city.get(`/v1/exits/${bExitId}`);
    expect(await bRead.json()).toMatchObject({ compoundId: CB });
    const aShifts = await city.get(`/v1/exits/${aExit.id as string}/shifts`);
    expect(((await aShifts.json()) as { items: unknown[] }).items).toEqual([]);

    // Act: a sweep over the street holds both compounds.
    const launched = await city.post('/v1/campaigns', { kind: 'sweep', scope: { type: 'street', id: 's1' } });
    expect(launched.status).toBe(202);
    const { id: campaignId } = (await launched.json()) as { id: string };
    await stack.queues.drain({ timeoutMs: 30_000 });

    // Assess: one task per building, counted once each.
    const campaign = (await (await city.get(`/v1/campaigns/${campaignId}`)).json()) as Campaign;
    const tasks = (await scanTable()).filter((i) => i.type === 'task' && i.campaignId === campaignId);
    expect(tasks).toHaveLength(2);
    expect(campaign.totals).toMatchObject({ buildings: 2, tasks: 2, households: 24 });
    expect(campaign.progress.tasksCreated).toBe(2);
  });

  it('sent again, updates the items it made instead of adding any', async () => {
    // Act
    const again = await importAs('comm1', buildingsCsv('SC-A', 7), 'buildings');

    // Assess
    expect(again).toMatchObject({ imported: 0, updated: 1, rejected: 0 });
    const buildings = await members('building', 'SHARED-B');
    expect(buildings).toHaveLength(2);
    expect(buildings.find((b) => b.compoundId === CA)).toMatchObject({ floors: 7 });
    expect(buildings.find((b) => b.compoundId === CB)).toMatchObject({ floors: 6 });
    expect(await importAs('comm1', exitsCsv('SC-A'), 'exits')).toMatchObject({ imported: 0, updated: 1, unchanged: 1 });
    expect(await members('exit', 'SHARED-E')).toHaveLength(2);
  });
});

describe('items stored under the old derivation (the external id alone)', () => {
  it('keep their ids: a re-import finds them under their compound and updates them', async () => {
    // Prepare: a building and an exit of A as an import before the change stored them.
    const at = '2026-01-01T00:00:00.000Z';
    const oldBuilding = memberIdFor('building', { externalId: 'OLD-B', name: '' }, [0, 0]);
    const oldExit = memberIdFor('exit', { externalId: 'OLD-E', name: '' }, [0, 0]);
    await batchWrite([
      buildingItem({
        id: oldBuilding, compoundId: CA, externalId: 'OLD-B', name: '老楼', gridId: null, units: 1, floors: 5, householdsPerFloor: 2,
        households: 10, location: [112.52, 31.15], geometry: null, updatedAt: at, updatedBy: 'comm1',
      }),
      exitItem({ id: oldExit, compoundId: CA, externalId: 'OLD-E', name: '老门', kind: 'mixed', status: 'open', location: [112.521, 31.149], updatedAt: at, updatedBy: 'comm1' }),
    ]);

    // Act
    const buildings = await importAs('comm1', 'external_id,compound_external_id,name,units,floors,households_per_floor\nOLD-B,SC-A,老楼,1,6,2\n', 'buildings');
    const exits = await importAs('comm1', 'external_id,compound_external_id,name,status,lng,lat\nOLD-E,SC-A,老门,sealed,112.521,31.149\n', 'exits');

    // Assess
    expect(buildings).toMatchObject({ imported: 0, updated: 1, rejected: 0 });
    expect(exits).toMatchObject({ imported: 0, updated: 1, rejected: 0 });
    expect(await members('building', 'OLD-B')).toEqual([expect.objectContaining({ id: oldBuilding, compoundId: CA, floors: 6 })]);
    expect(await members('exit', 'OLD-E')).toEqual([expect.objectContaining({ id: oldExit, compoundId: CA, status: 'sealed' })]);
  });
});
