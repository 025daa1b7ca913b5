/**
 * A disinfection round with every queue message delivered twice, as racing copies: still one task
 * per compound under closure and per case building, and exact counters (the sweep fan-out's
 * markers serve the disinfection kind unchanged).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRound } from '#functions/jobs/start-rounds.ts';
import { resetClock } from '#functions/platform/clock.ts';
import type { TestStack } from '../support/stack.ts';
import { scanTable } from '../support/table-scan.ts';
import { MORNING, startRoundStackWithCase } from './disinfection-support.ts';
import { SWEEP_QUEUES, campaignOf, tasksOfCampaign } from './sweep-support.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startRoundStackWithCase({ ...SWEEP_QUEUES, copiesPerMessage: 2 });
});
afterAll(async () => {
  resetClock();
  await stack.stop();
});

describe('with every message delivered twice', () => {
  it('a round makes each task once and counts each once', async () => {
    const round = await startRound(MORNING);
    await stack.queues.drain({ timeoutMs: 30_000 });
    expect(stack.queues.stats('campaignPlan').delivered).toBe(2);
    const id = round?.id ?? '';
    const tasks = await tasksOfCampaign(id);
    expect(tasks.map((t) => t.targetId).sort()).toEqual(['b_a1', 'c_a', 'c_b', 'c_d', 'c_np']);
    expect(await campaignOf(await stack.as('city'), id)).toMatchObject({
      status: 'active', totals: { tasks: 5 }, progress: { tasksCreated: 5 }, compounds: { planned: 4, expanded: 4, failed: 0 },
    });
    const markers = (await scanTable()).filter((i) => i.type === 'cover' && i.campaignId === id && i.level === 'compound');
    expect(markers.map((m) => [m.placeId, m.tasks]).sort()).toEqual([['c_a', 2], ['c_b', 1], ['c_d', 1], ['c_np', 1]]);
  });
});
