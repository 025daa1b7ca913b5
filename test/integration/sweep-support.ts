/**
 * What the sweep tests share: the fixture city plus a denser community (cm2: 23 compounds of
 * three buildings in grid g2, so a community sweep spans several fan-out messages), an optional
 * compound whose building record is broken (a poison message), users, and small helpers.
 */
import { expect } from 'vitest';
import { buildingItem, compoundWriteItem } from '#functions/stores/compound-store.ts';
import { batchWrite, type Item } from '#functions/platform/table.ts';
import { newCompound } from '#shared/domain/compounds.ts';
import type { Campaign } from '#shared/schemas/campaign.ts';
import type { LocalUser } from '#shared/schemas/local.ts';
import { fixtureUsers, seedFixtureCity, square } from '../support/fixture-city.ts';
import { startTestStack, type Client, type TestStack } from '../support/stack.ts';
import { scanTable } from '../support/table-scan.ts';

const at = '2026-11-01T00:00:00.000Z';
const communities = [
  { id: 'cm2', name: '兰台社区', streetId: 's1', boundary: square(112.55, 31.10, 0.05) },
  { id: 'cm3', name: '石城社区', streetId: 's2', boundary: square(112.60, 31.10, 0.05) },
];

export const DENSE = { compounds: 23, buildingsEach: 3, units: 1, floors: 3, perFloor: 2 } as const;
/** Households in the fixture's cm1 (c_a: 24 + 10) and the dense cm2 (the fixture's c_c has no buildings). */
export const CM1 = { buildings: 2, households: 34 } as const;
export const CM2 = {
  buildings: DENSE.compounds * DENSE.buildingsEach,
  households: DENSE.compounds * DENSE.buildingsEach * DENSE.units * DENSE.floors * DENSE.perFloor,
} as const;

export const sweepUsers: LocalUser[] = [
  ...fixtureUsers,
  { username: 'grid-g2', name: '兰台网格员', role: 'grid', jurisdiction: { streetId: 's1', communityId: 'cm2', gridId: 'g2' } },
  { username: 'community-cm3', name: '石城社区干部', role: 'community', jurisdiction: { streetId: 's2', communityId: 'cm3' } },
  // Colleagues in g1, for racing claims.
  ...Array.from({ length: 50 }, (_, i): LocalUser => ({
    username: `grid-g1-${i}`, name: `网格员${i}`, role: 'grid', jurisdiction: { streetId: 's1', communityId: 'cm1', gridId: 'g1' },
  })),
];

const seedCaller = { username: 'system:test', role: 'city' as const };

/** The fixture city, cm2 made dense, and (when asked) one more compound in cm2 whose building is broken. */
export async function seedSweepCity(options: { poison?: boolean } = {}): Promise<void> {
  await seedFixtureCity();
  const items: Item[] = [];
  for (let i = 0; i < DENSE.compounds; i++) {
    const lng = 112.551 + (i % 6) * 0.007;
    const lat = 31.101 + Math.floor(i / 6) * 0.007;
    const compound = { ...newCompound({ name: `兰台${i}号院`, geometry: square(lng, lat, 0.004) }, { caller: seedCaller, at, communities, id: `c_d${i}` }), gridIds: ['g2'] };
    items.push(compoundWriteItem(compound));
    for (let b = 0; b < DENSE.buildingsEach; b++) {
      items.push(buildingItem({
        id: `b_d${i}_${b}`, compoundId: compound.id, name: `${b + 1}栋`, gridId: 'g2',
        units: DENSE.units, floors: DENSE.floors, householdsPerFloor: DENSE.perFloor, households: DENSE.units * DENSE.floors * DENSE.perFloor,
        location: [lng + 0.001 * (b + 1), lat + 0.001 * (b + 1)], geometry: null, updatedAt: at, updatedBy: 'system:test',
      }));
    }
  }
  if (options.poison) {
    // A compound of cm2 whose building record breaks the schema: its message can never fully succeed.
    const bad = { ...newCompound({ name: '坏楼小区', geometry: square(112.59, 31.14, 0.003) }, { caller: seedCaller, at, communities, id: 'c_bad' }), gridIds: ['g2'] };
    items.push(compoundWriteItem(bad));
    items.push({ ...buildingItem({
      id: 'b_bad', compoundId: bad.id, name: '坏楼', gridId: 'g2', units: 1, floors: 1, householdsPerFloor: 1, households: 1,
      location: [112.591, 31.141], geometry: null, updatedAt: at, updatedBy: 'system:test',
    }), units: 0 });
  }
  await batchWrite(items);
}

export const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;

export async function launch(client: Client, body: unknown): Promise<string> {
  const response = await client.post('/v1/campaigns', body);
  expect(response.status, await response.clone().text()).toBe(202);
  return ((await response.json()) as { id: string }).id;
}

export async function campaignOf(client: Client, id: string): Promise<Campaign> {
  const response = await client.get(`/v1/campaigns/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Campaign;
}

/** Launches and waits until the queues are empty. */
export async function launchAndDrain(stack: TestStack, client: Client, body: unknown): Promise<Campaign> {
  const id = await launch(client, body);
  await stack.queues.drain({ timeoutMs: 30_000 });
  return campaignOf(client, id);
}

export async function tasksOfCampaign(campaignId: string): Promise<Item[]> {
  return (await scanTable()).filter((i) => i.type === 'task' && i.campaignId === campaignId);
}

export const SWEEP_QUEUES = { timeScale: 0.001, pollIntervalMs: 5 } as const;

/** A stack on the sweep city, its queues at test speed, and the city-level user's client. */
export async function startSweepStack(): Promise<{ stack: TestStack; city: Client }> {
  const stack = await startTestStack({ users: sweepUsers, seed: () => seedSweepCity(), queueOptions: SWEEP_QUEUES });
  return { stack, city: await stack.as('city') };
}
