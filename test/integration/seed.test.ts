import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import turfBbox from '@turf/bbox';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { resetClock, setClock } from '#functions/platform/clock.ts';
import { config } from '#functions/platform/config.ts';
import { getCompound } from '#functions/stores/compound-store.ts';
import { getGrid, loadPlaces } from '#functions/stores/places-store.ts';
import { documentClient, putItem, type Item } from '#functions/platform/table.ts';
import { generateCity } from '#infra/local/demo/city.ts';
import { isSeeded, seedCity } from '#infra/local/demo/seed.ts';
import { DEMO_ORDERS } from '#infra/local/demo/orders.ts';
import { keys } from '#shared/table.ts';
import { demoUsers } from '#infra/local/demo/users.ts';
import { DEMO_ROUND_ID } from '#infra/local/demo/disinfection.ts';
import { DEMO_SWEEP_ID } from '#infra/local/demo/sweep.ts';
import { DEMO_PASS_KINDS } from '#infra/local/demo/passes.ts';
import { freshTable } from '../support/env.ts';
import { startTestStack, type Client, type TestStack } from '../support/stack.ts';

const city = generateCity();
const firstCommunity = city.communities[0]?.id;
const sweepCompounds = city.compounds.filter((c) => c.communityId === firstCommunity);
const sweepBuildings = city.buildings.filter((b) => sweepCompounds.some((c) => c.id === b.compoundId));
/** Compounds duty staff hold with an open exit: each has a drop-off point beside it (demo/drop-off.ts). */
const staffedWithOpenExit = [...new Set(city.users.filter((u) => u.role === 'duty').flatMap((u) => u.jurisdiction.compoundIds ?? []))]
  .filter((id) => city.exits.some((e) => e.compoundId === id && e.status === 'open'));

/** Items in the table by their `type`, read with a full scan (tests only). */
async function itemsByType(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let startKey: Item | undefined;
  do {
    const page = await documentClient().send(new ScanCommand({ TableName: config().tableName, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) counts[item.type as string] = (counts[item.type as string] ?? 0) + 1;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return counts;
}

describe('seedCity', () => {
  beforeAll(async () => {
    await freshTable(inject('dynamodbEndpoint'));
  });

  it('writes the city once; a second call skips and a forced one duplicates nothing', async () => {
    // The seed is a picture of its moment (rounds done by then): a forced seed minutes later on a
    // loaded machine would rightly show more rounds done, so the moment is held for this test.
    const moment = new Date();
    setClock(() => moment);
    onTestFinished(() => resetClock());
    expect(await isSeeded()).toBe(false);

    const first = await seedCity(city);
    expect(first.seeded).toBe(true);
    expect(first.counts).toEqual({
      streets: 1,
      communities: 22,
      grids: city.grids.length,
      compounds: city.compounds.length,
      buildings: city.buildings.length,
      households: city.buildings.reduce((s, b) => s + b.households, 0),
      exits: city.exits.length,
      // The checkpoints at work (demo/duty.ts): how many depends on the hour it is seeded at.
      shifts: expect.any(Number),
      passes: DEMO_PASS_KINDS.length * staffedWithOpenExit.length,
      unresolvedExits: expect.any(Number),
      // Cases and rounds (demo/disinfection.ts): today's rounds depend on the hour too.
      cases: 4,
      roundTasks: expect.any(Number),
      missedRounds: expect.any(Number),
      // The running sweep (demo/sweep.ts): a task per building of the first community.
      sweepTasks: sweepBuildings.length,
      dropOffPoints: staffedWithOpenExit.length,
      // Proxy purchases (demo/orders.ts): six households' links and an order in every state.
      householdLinks: 6,
      orders: DEMO_ORDERS.length,
    });
    expect(first.counts.unresolvedExits).toBeGreaterThan(0);
    expect(first.counts.missedRounds).toBeGreaterThan(0);
    expect(first.counts.dropOffPoints).toBeGreaterThan(0);
    const sealed = city.compounds.filter((c) => c.status === 'closed' || c.status === 'lockdown').length;
    const written = await itemsByType();
    expect(written).toEqual({
      street: 1,
      community: 22,
      grid: city.grids.length,
      compound: city.compounds.length,
      // The compounds' creation, and each demo order's placement and steps.
      audit: city.compounds.length + DEMO_ORDERS.length + DEMO_ORDERS.reduce((n, o) => n + o.steps.length, 0),
      building: city.buildings.length,
      exit: city.exits.length,
      // Each compound's fan-out plan (functions/stores/plan-store.ts), written beside its buildings and exits.
      'fan-out-plan': city.compounds.length,
      shift: first.counts.shifts,
      'exit-rules': sealed,
      responsibility: sealed,
      pass: DEMO_PASS_KINDS.length * staffedWithOpenExit.length,
      case: 4,
      task: (first.counts.roundTasks ?? 0) + sweepBuildings.length,
      // The sweep's coverage: a marker per compound, an item per grid and one for the community.
      cover: sweepCompounds.length + new Set(sweepBuildings.map((b) => b.gridId)).size + 1,
      campaign: expect.any(Number),
      'rounds-done': expect.any(Number),
      'missed-round': first.counts.missedRounds,
      dropOff: staffedWithOpenExit.length,
      household: 6,
      link: 6,
      'link-pointer': 6,
      order: DEMO_ORDERS.length,
      // The overdue job's index holds the orders still requested; the counters, one compound's and the communities' days.
      'order-due': DEMO_ORDERS.filter((o) => o.steps.length === 0).length,
      'orders-open': 1,
      'order-day': expect.any(Number),
      seed: 1,
    });
    expect(await isSeeded()).toBe(true);

    const again = await seedCity(city);
    expect(again).toEqual({ seeded: false, counts: first.counts });
    expect(await itemsByType()).toEqual(written);

    const forced = await seedCity(city, { force: true });
    expect(forced).toEqual(first);
    expect(await itemsByType()).toEqual(written);

    // A table seeded by an older version (its marker without this version) is seeded again, once.
    await putItem({ ...keys.seed('demo'), type: 'seed', seed: city.seed, counts: {} });
    expect(await isSeeded()).toBe(false);
    expect((await seedCity(city)).seeded).toBe(true);
    expect(await isSeeded()).toBe(true);
    expect(await itemsByType()).toEqual(written);
  });

  it('stores places and compounds as the registry reads them back', async () => {
    const places = await loadPlaces({ fresh: true });
    expect(places.streets).toEqual(city.streets);
    expect(places.communities.map((c) => c.id).sort()).toEqual(city.communities.map((c) => c.id).sort());
    for (const compound of city.compounds.slice(0, 20)) {
      expect(await getCompound(compound.id)).toEqual(compound);
    }
    const grid = city.grids[0];
    expect(grid).toBeDefined();
    const stored = await getGrid(grid?.id ?? '');
    expect(stored?.workers).toEqual(grid?.workers);
    expect(stored?.compoundIds.sort()).toEqual([...(grid?.compoundIds ?? [])].sort());
  });
});

describe('the seeded city through the API', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ users: city.users, seed: () => seedCity(city).then(() => undefined) });
  });
  afterAll(() => stack?.stop());

  /** Every compound id a user's list returns, following nextToken page by page. */
  async function listAll(client: Client, query = ''): Promise<string[]> {
    const ids: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await client.get(`/v1/compounds?limit=40${query}${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`);
      expect(res.status, await res.clone().text()).toBe(200);
      const body = (await res.json()) as { features: { id: string }[]; nextToken?: string };
      ids.push(...body.features.map((f) => f.id));
      token = body.nextToken;
      pages++;
    } while (token && pages < 100);
    return ids;
  }

  it('lists every compound to a city user, across pages, each once', async () => {
    const ids = await listAll(await stack.as('city-1'));
    expect(ids.length).toBe(city.compounds.length);
    expect([...ids].sort()).toEqual(city.compounds.map((c) => c.id).sort());
  });

  it('lists only their own community’s compounds to a community admin', async () => {
    const admin = demoUsers().find((u) => u.username === 'community-wangfu');
    const own = city.compounds.filter((c) => c.communityId === admin?.jurisdiction.communityId).map((c) => c.id);
    expect(own.length).toBeGreaterThan(0);
    const ids = await listAll(await stack.as('community-wangfu'));
    expect([...ids].sort()).toEqual(own.sort());
  });

  it('gives every field role work on first start: a running sweep and an open round', async () => {
    const boss = await stack.as('city-1');
    const campaign = (await (await boss.get(`/v1/campaigns/${DEMO_SWEEP_ID}`)).json()) as { kind: string; status: string; totals: { buildings: number; tasks: number } };
    expect(campaign).toMatchObject({ kind: 'sweep', status: 'active', totals: { buildings: sweepBuildings.length, tasks: sweepBuildings.length } });
    const running = (await (await boss.get('/v1/campaigns?status=active')).json()) as { items: { id: string }[] };
    expect(running.items.map((c) => c.id)).toContain(DEMO_SWEEP_ID);
    // Coverage as the fan-out leaves it: every building counted, none visited yet.
    const coverage = (await (await boss.get(`/v1/campaigns/${DEMO_SWEEP_ID}/coverage?by=community`)).json()) as { items: { id: string; buildings: number; households: number; householdsVisited: number }[] };
    expect(coverage.items).toEqual([expect.objectContaining({
      id: firstCommunity, buildings: sweepBuildings.length, households: sweepBuildings.reduce((s, b) => s + b.households, 0), householdsVisited: 0,
    })]);

    const gridWorker = demoUsers().find((u) => u.role === 'grid' && u.jurisdiction.communityId === firstCommunity);
    const tasks = (await (await (await stack.as(gridWorker?.username ?? '')).get(`/v1/tasks?status=open&campaignId=${DEMO_SWEEP_ID}`)).json()) as { items: { gridId: string }[] };
    expect(tasks.items.length).toBeGreaterThan(0);
    expect(tasks.items.every((t) => t.gridId === gridWorker?.jurisdiction.gridId)).toBe(true);
    const unvisited = await boss.get(`/v1/campaigns/${DEMO_SWEEP_ID}/unvisited-buildings?bbox=${turfBbox({ type: 'MultiPoint', coordinates: sweepBuildings.map((b) => [...b.location]) }).join(',')}`);
    expect(((await unvisited.json()) as { features: unknown[] }).features).toHaveLength(sweepBuildings.length);

    const staff = demoUsers().find((u) => u.role === 'disinfection' && u.jurisdiction.compoundIds?.some((id) => sweepCompounds.some((c) => c.id === id)));
    const rounds = (await (await (await stack.as(staff?.username ?? '')).get(`/v1/tasks?status=open&campaignId=${DEMO_ROUND_ID}`)).json()) as { items: unknown[] };
    expect(rounds.items.length).toBeGreaterThan(0);
  });

  it('lists a grid worker the compounds of their grid, and duty staff their compound', async () => {
    const grid = city.grids[0];
    const worker = grid?.workers[0] ?? '';
    expect((await listAll(await stack.as(worker))).sort()).toEqual([...(grid?.compoundIds ?? [])].sort());
    const duty = demoUsers().find((u) => u.role === 'duty');
    expect(await listAll(await stack.as(duty?.username ?? ''))).toEqual(duty?.jurisdiction.compoundIds);
  });
});
