/**
 * A round compound whose marker a receive left `expanding` (it claimed the compound and died: a
 * big compound's claim, or a message claimed by the code before rounds stopped claiming) is
 * taken over once its lock lapses: expanded once, and the campaign settles — not dropped as if
 * another delivery had expanded it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRound } from '#functions/jobs/start-rounds.ts';
import { putItem } from '#functions/platform/table.ts';
import { resetClock } from '#functions/platform/clock.ts';
import { keys } from '#shared/table.ts';
import type { TestStack } from '../support/stack.ts';
import { scanTable } from '../support/table-scan.ts';
import { MORNING, MORNING_ROUND, startRoundStackWithCase } from './disinfection-support.ts';
import { campaignOf, tasksOfCampaign } from './sweep-support.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startRoundStackWithCase();
});
afterAll(async () => {
  resetClock();
  await stack.stop();
});

describe('a round compound left expanding by a receive that died', () => {
  it('is taken over once its lock lapses: its task made once, and the campaign settles', async () => {
    await putItem({
      ...keys.cover(MORNING_ROUND, 'compound', 'c_b'),
      type: 'cover', campaignId: MORNING_ROUND, level: 'compound', placeId: 'c_b',
      state: 'expanding', lockMessage: 'a-message-of-before', lockReceive: 1, lockedUntil: '2026-11-22T00:00:00.000Z',
    });
    const round = await startRound(MORNING);
    expect(round?.id).toBe(MORNING_ROUND);
    await stack.queues.drain({ timeoutMs: 30_000 });
    const tasks = await tasksOfCampaign(MORNING_ROUND);
    expect(tasks.map((t) => t.targetId).sort()).toEqual(['b_a1', 'c_a', 'c_b', 'c_d', 'c_np']);
    expect(await campaignOf(await stack.as('city'), MORNING_ROUND)).toMatchObject({
      status: 'active', totals: { tasks: 5 }, progress: { tasksCreated: 5 }, compounds: { planned: 4, expanded: 4, failed: 0 },
    });
    const markers = (await scanTable()).filter((i) => i.type === 'cover' && i.campaignId === MORNING_ROUND && i.level === 'compound');
    expect(markers.map((m) => [m.placeId, m.state, m.tasks]).sort()).toEqual([['c_a', 'expanded', 2], ['c_b', 'expanded', 1], ['c_d', 'expanded', 1], ['c_np', 'expanded', 1]]);
  });
});
