/**
 * Sweep campaigns with every queue message delivered twice, as racing copies: still one task per
 * building and exact counters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanTable } from '../support/table-scan.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { CM1, CM2, DENSE, SWEEP_QUEUES, launchAndDrain, seedSweepCity, sweepUsers, tasksOfCampaign } from './sweep-support.ts';

let stack: TestStack;

// Every message is delivered twice, as separate messages racing each other.
beforeAll(async () => {
  stack = await startTestStack({ users: sweepUsers, seed: () => seedSweepCity(), queueOptions: { ...SWEEP_QUEUES, copiesPerMessage: 2 } });
});
afterAll(() => stack.stop());

describe('with every message delivered twice', () => {
  it('a community sweep still makes exactly one task per building and exact counters', async () => {
    const before = stack.queues.stats('campaignExpand').delivered;
    const campaign = await launchAndDrain(stack, await stack.as('community-cm2'), { kind: 'sweep', scope: { type: 'community', id: 'cm2' } });
    // The plan message arrives twice and each delivery sends the 24 compounds' 3 messages, each twice.
    expect(stack.queues.stats('campaignExpand').delivered - before).toBe(2 * 3 * 2);
    expect(stack.queues.stats('campaignPlan').delivered).toBe(2);
    expect(campaign).toMatchObject({
      status: 'active',
      totals: { buildings: CM2.buildings, households: CM2.households, tasks: CM2.buildings },
      progress: { tasksCreated: CM2.buildings },
      compounds: { planned: DENSE.compounds + 1, expanded: DENSE.compounds + 1, failed: 0 },
      failed: [],
    });
    const tasks = await tasksOfCampaign(campaign.id);
    expect(tasks).toHaveLength(CM2.buildings);
    expect(new Set(tasks.map((t) => t.buildingId)).size).toBe(CM2.buildings);
    const covers = (await scanTable()).filter((i) => i.type === 'cover' && i.campaignId === campaign.id);
    const sum = (level: string) => covers.filter((c) => c.level === level).reduce((n, c) => n + ((c.households as number | undefined) ?? 0), 0);
    expect([sum('compound'), sum('grid'), sum('community')]).toEqual([CM2.households, CM2.households, CM2.households]);
  });

  it('a city sweep too', async () => {
    const campaign = await launchAndDrain(stack, await stack.as('city'), { kind: 'sweep', scope: { type: 'city' } });
    const buildings = CM1.buildings + CM2.buildings;
    expect(campaign).toMatchObject({
      status: 'active',
      totals: { buildings, households: CM1.households + CM2.households, tasks: buildings },
      progress: { tasksCreated: buildings },
      failed: [],
    });
    expect(await tasksOfCampaign(campaign.id)).toHaveLength(buildings);
  });
});
