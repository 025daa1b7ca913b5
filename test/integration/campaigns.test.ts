import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanTable } from '../support/table-scan.ts';
import { startTestStack, type Client, type TestStack } from '../support/stack.ts';
import {
  CM1, CM2, DENSE, SWEEP_QUEUES, campaignOf, launch, launchAndDrain, seedSweepCity, sweepUsers, tasksOfCampaign,
} from './sweep-support.ts';

let stack: TestStack;
let city: Client;

beforeAll(async () => {
  stack = await startTestStack({ users: sweepUsers, seed: () => seedSweepCity({ poison: true }), queueOptions: SWEEP_QUEUES });
  city = await stack.as('city');
});
afterAll(() => stack.stop());

describe('a community sweep', () => {
  it('creates exactly one task per building, with exact totals, and goes active', async () => {
    const admin = await stack.as('community-cm1');
    const campaign = await launchAndDrain(stack, admin, { kind: 'sweep', scope: { type: 'community', id: 'cm1' } });
    expect(campaign).toMatchObject({
      kind: 'sweep', status: 'active', scope: { type: 'community', id: 'cm1' },
      totals: { buildings: CM1.buildings, households: CM1.households, tasks: CM1.buildings },
      progress: { tasksCreated: CM1.buildings, buildingsVisited: 0, householdsVisited: 0, peopleSeen: 0 },
      compounds: { planned: 2, expanded: 2, failed: 0 }, failed: [],
    });
    const tasks = await tasksOfCampaign(campaign.id);
    expect(tasks.map((t) => t.buildingId).sort()).toEqual(['b_a1', 'b_a2']);
    expect(tasks.every((t) => t.status === 'open' && t.gridId === 'g1')).toBe(true);
  });

  it('records the audit of its creation', async () => {
    const id = await launch(city, { kind: 'sweep', scope: { type: 'compound', id: 'c_a' } });
    await stack.queues.drain();
    const audit = (await scanTable()).filter((i) => i.type === 'audit' && i.entityId === id);
    expect(audit).toMatchObject([{ action: 'create', actor: 'city', entity: 'CAMPAIGN' }]);
  });

  it('fans a grid scope out to the grid\'s buildings only', async () => {
    const campaign = await launchAndDrain(stack, city, { kind: 'sweep', scope: { type: 'grid', id: 'g2' } });
    // g2 holds only c_c by its grid record; c_c has no buildings.
    expect(campaign).toMatchObject({ status: 'done', totals: { tasks: 0 }, compounds: { planned: 1, expanded: 1 } });
  });
});

describe('a poison message', () => {
  it('goes to the DLQ after three receives while the rest complete, and the campaign lists the compound as failed', async () => {
    const campaign = await launchAndDrain(stack, city, { kind: 'sweep', scope: { type: 'community', id: 'cm2' } });
    const dead = stack.queues.deadLetters('campaignExpand');
    expect(dead).toHaveLength(1);
    expect(dead[0]?.receiveCount).toBe(3);
    expect(JSON.parse(dead[0]?.body ?? '{}')).toMatchObject({ campaignId: campaign.id });
    expect(JSON.parse(dead[0]?.body ?? '{}').compoundIds).toContain('c_bad');
    expect(campaign).toMatchObject({
      status: 'active',
      totals: { buildings: CM2.buildings, households: CM2.households, tasks: CM2.buildings },
      progress: { tasksCreated: CM2.buildings },
      compounds: { planned: DENSE.compounds + 2, expanded: DENSE.compounds + 1, failed: 1 },
    });
    expect(campaign.failed).toHaveLength(1);
    expect(campaign.failed[0]).toMatchObject({ compoundId: 'c_bad' });
    expect(campaign.failed[0]?.reason).toMatch(/b_bad/);
    expect(await tasksOfCampaign(campaign.id)).toHaveLength(CM2.buildings);
  });
});

describe('launching', () => {
  const bad = async (client: Client, body: unknown, status: number) => {
    const before = (await scanTable()).length;
    const response = await client.post('/v1/campaigns', body);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await scanTable()).length).toBe(before);
    return (await response.json()) as { errors?: { field: string }[] };
  };

  it('answers 400 naming the field for a bad scope, and writes nothing', async () => {
    expect((await bad(city, { kind: 'sweep', scope: { type: 'district', id: 'x' } }, 400)).errors?.map((e) => e.field)).toContain('body.scope.type');
    expect((await bad(city, { kind: 'sweep', scope: { type: 'community' } }, 400)).errors?.map((e) => e.field)).toEqual(['body.scope.id']);
    expect((await bad(city, { kind: 'sweep', scope: { type: 'city', id: 'x' } }, 400)).errors?.map((e) => e.field)).toEqual(['body.scope.id']);
    expect((await bad(city, { kind: 'party', scope: { type: 'city' } }, 400)).errors?.map((e) => e.field)).toEqual(['body.kind']);
    expect((await bad(city, { kind: 'sweep', scope: { type: 'city' }, dueAt: 'tomorrow' }, 400)).errors?.map((e) => e.field)).toEqual(['body.dueAt']);
  });

  it('answers 404 for an unknown place and 403 outside the caller\'s jurisdiction', async () => {
    await bad(city, { kind: 'sweep', scope: { type: 'community', id: 'cm9' } }, 404);
    await bad(city, { kind: 'sweep', scope: { type: 'compound', id: 'c_nowhere' } }, 404);
    const admin = await stack.as('community-cm1');
    await bad(admin, { kind: 'sweep', scope: { type: 'community', id: 'cm2' } }, 403);
    await bad(admin, { kind: 'sweep', scope: { type: 'city' } }, 403);
    await bad(admin, { kind: 'sweep', scope: { type: 'street', id: 's1' } }, 403);
    await bad(admin, { kind: 'sweep', scope: { type: 'compound', id: 'c_c' } }, 403);
    await bad(await stack.as('official-s1'), { kind: 'sweep', scope: { type: 'community', id: 'cm3' } }, 403);
    await bad(await stack.as('grid-g1'), { kind: 'sweep', scope: { type: 'grid', id: 'g1' } }, 403);
  });
});

describe('following campaigns', () => {
  it('lists them newest first within or covering the caller\'s jurisdiction, a page at a time', async () => {
    const cm3 = await stack.as('community-cm3');
    const own = await launch(cm3, { kind: 'sweep', scope: { type: 'community', id: 'cm3' } });
    const citywide = await launch(city, { kind: 'sweep', scope: { type: 'city' } });
    await stack.queues.drain();
    const listed = (await (await cm3.get('/v1/campaigns')).json()) as { items: { id: string }[] };
    expect(listed.items.map((c) => c.id)).toEqual([citywide, own]);
    const first = (await (await city.get('/v1/campaigns?limit=2')).json()) as { items: { id: string }[]; nextToken: string };
    expect(first.items.map((c) => c.id)).toEqual([citywide, own]);
    const second = (await (await city.get(`/v1/campaigns?limit=2&nextToken=${first.nextToken}`)).json()) as { items: { id: string }[] };
    expect(second.items.length).toBeGreaterThan(0);
    expect(second.items.map((c) => c.id)).not.toContain(own);
    expect((await cm3.get(`/v1/campaigns/${second.items[0]?.id}`)).status).toBe(403);
  });

  it('cancels: no more claims, and a second cancel is a conflict', async () => {
    const campaign = await launchAndDrain(stack, city, { kind: 'sweep', scope: { type: 'compound', id: 'c_a' } });
    const holder = await stack.as('grid-g1-0');
    expect((await holder.post(`/v1/tasks/${campaign.id}.b_a2/claim`)).status).toBe(200);
    expect((await (await stack.as('community-cm2')).post(`/v1/campaigns/${campaign.id}/cancel`)).status).toBe(403);
    const cancelled = await city.post(`/v1/campaigns/${campaign.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ status: 'cancelled', cancelledBy: 'city' });
    expect((await city.post(`/v1/campaigns/${campaign.id}/cancel`)).status).toBe(409);
    const worker = await stack.as('grid-g1');
    const claim = await worker.post(`/v1/tasks/${campaign.id}.b_a1/claim`);
    expect(claim.status).toBe(409);
    expect((await holder.post(`/v1/tasks/${campaign.id}.b_a2/visits`, { visitId: 'v1', householdId: '1-1-101', outcome: 'vacant', peopleSeen: 0 })).status).toBe(409);
    // A task held when the campaign was cancelled can still be given back.
    expect((await holder.post(`/v1/tasks/${campaign.id}.b_a2/release`)).status).toBe(200);
    expect((await campaignOf(city, campaign.id)).status).toBe('cancelled');
  });

  it('shows coverage per compound, grid and community', async () => {
    const campaign = await launchAndDrain(stack, city, { kind: 'sweep', scope: { type: 'street', id: 's1' } });
    const by = async (level: string) => ((await (await city.get(`/v1/campaigns/${campaign.id}/coverage?by=${level}`)).json()) as { items: { id: string; households: number; buildings: number }[] }).items;
    const communities = await by('community');
    expect(Object.fromEntries(communities.map((c) => [c.id, c.households]))).toEqual({ cm1: CM1.households, cm2: CM2.households });
    const grids = await by('grid');
    expect(Object.fromEntries(grids.map((g) => [g.id, g.buildings]))).toEqual({ g1: CM1.buildings, g2: CM2.buildings });
    const compounds = await by('compound');
    expect(compounds.find((c) => c.id === 'c_a')).toMatchObject({ buildings: 2, households: 34, householdsVisited: 0, coverage: 0 });
    // A community admin sees only their own community's coverage.
    const admin = await stack.as('community-cm1');
    const own = ((await (await admin.get(`/v1/campaigns/${campaign.id}/coverage?by=community`)).json()) as { items: { id: string }[] }).items;
    expect(own.map((c) => c.id)).toEqual(['cm1']);
  });
});
