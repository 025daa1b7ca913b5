/**
 * What a sweep does when things go wrong around it: a cancelled campaign's open tasks leave the
 * workers' lists, and a campaign whose plan message was never sent is started by the
 * restartCampaigns schedule.
 */
import type { ScheduledEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handler as restartCampaignsJob, restartCampaigns, UNPLANNED_MINUTES } from '#functions/jobs/restart-campaigns.ts';
import { resetClock, setClock } from '#functions/platform/clock.ts';
import { setQueuePort } from '#functions/platform/queue.ts';
import { lambdaContext } from '#infra/local/lambda-context.ts';
import { schedules } from '#shared/catalogue/index.ts';
import type { TaskSummary } from '#shared/schemas/task.ts';
import type { Client, TestStack } from '../support/stack.ts';
import { CM1, CM2, campaignOf, launch, launchAndDrain, startSweepStack, tasksOfCampaign } from './sweep-support.ts';

let stack: TestStack;
let city: Client;

beforeAll(async () => {
  ({ stack, city } = await startSweepStack());
});
afterAll(() => stack.stop());
afterEach(() => {
  resetClock();
  setQueuePort(stack.queues);
});

/** Every page of a task list. */
async function allTasks(client: Client, query: string, limit: number): Promise<TaskSummary[]> {
  const items: TaskSummary[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const response = await client.get(`/v1/tasks?limit=${limit}${query}${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: TaskSummary[]; nextToken?: string };
    expect(body.items.length).toBeLessThanOrEqual(limit);
    items.push(...body.items);
    token = body.nextToken;
    expect(++pages).toBeLessThan(100);
  } while (token);
  return items;
}

describe('a cancelled campaign', () => {
  it('leaves the task lists with its open tasks, keeps the one a worker holds until it is given back', async () => {
    const cancelled = await launchAndDrain(stack, city, { kind: 'sweep', scope: { type: 'community', id: 'cm2' } });
    const running = await launchAndDrain(stack, city, { kind: 'sweep', scope: { type: 'community', id: 'cm2' } });
    expect(cancelled.totals.tasks).toBe(CM2.buildings);
    const worker = await stack.as('grid-g2');
    const held = `${cancelled.id}.b_d0_0`;
    expect((await worker.post(`/v1/tasks/${held}/claim`)).status).toBe(200);
    expect((await allTasks(worker, '', 200)).filter((t) => t.campaignId === cancelled.id)).toHaveLength(CM2.buildings);

    expect((await city.post(`/v1/campaigns/${cancelled.id}/cancel`)).status).toBe(200);

    // One page, and small pages (the cancelled campaign's 68 open tasks sort before or after the
    // running one's, by id): the same tasks either way.
    for (const limit of [200, 7]) {
      const listed = await allTasks(worker, '', limit);
      expect(listed.filter((t) => t.campaignId === running.id)).toHaveLength(CM2.buildings);
      expect(listed.filter((t) => t.campaignId === cancelled.id).map((t) => [t.id, t.status, t.holder])).toEqual([[held, 'claimed', 'grid-g2']]);
    }
    expect((await allTasks(worker, '&status=open', 5)).every((t) => t.campaignId === running.id)).toBe(true);
    // Staff naming the campaign see the same; the campaign itself keeps its totals.
    expect((await allTasks(city, `&campaignId=${cancelled.id}`, 10)).map((t) => t.id)).toEqual([held]);
    expect(await campaignOf(city, cancelled.id)).toMatchObject({ status: 'cancelled', totals: { tasks: CM2.buildings } });
    expect((await worker.post(`/v1/tasks/${cancelled.id}.b_d1_0/claim`)).status).toBe(409);

    // Given back, it is open work of a cancelled campaign: gone from the list too.
    expect((await worker.post(`/v1/tasks/${held}/release`)).status).toBe(200);
    expect((await allTasks(worker, '', 200)).filter((t) => t.campaignId === cancelled.id)).toEqual([]);
    // The tasks themselves are untouched: the cancel wrote only the campaign.
    expect((await tasksOfCampaign(cancelled.id)).filter((t) => t.status === 'open')).toHaveLength(CM2.buildings);
  });
});

describe('a campaign whose plan message was not sent', () => {
  const failNextSend = () => {
    setQueuePort({
      send: async () => {
        setQueuePort(stack.queues);
        throw new Error('SQS endpoint unreachable');
      },
    });
  };
  const minutesLater = (minutes: number) => {
    const later = Date.now() + minutes * 60_000;
    setClock(() => new Date(later));
  };

  it('is accepted, then planned by the restartCampaigns schedule once it has stalled, exactly once', async () => {
    expect(schedules.restartCampaigns.job).toBe('restart-campaigns');
    failNextSend();
    const id = await launch(city, { kind: 'sweep', scope: { type: 'community', id: 'cm1' } });
    await stack.queues.drain();
    expect(await campaignOf(city, id)).toMatchObject({ status: 'fanning-out', compounds: { planned: null }, totals: { tasks: 0 } });

    // Not stalled yet: a slow first delivery is left alone.
    expect((await restartCampaigns()).restarted).toEqual([]);

    minutesLater(UNPLANNED_MINUTES + 1);
    // Two runs at once (an overlapping invocation): one resend.
    const runs = await Promise.all([restartCampaigns(), restartCampaigns()]);
    expect(runs.flatMap((r) => r.restarted)).toEqual([id]);
    await stack.queues.drain({ timeoutMs: 30_000 });
    expect(await campaignOf(city, id)).toMatchObject({
      status: 'active', compounds: { planned: 2, expanded: 2, failed: 0 },
      totals: { buildings: CM1.buildings, households: CM1.households, tasks: CM1.buildings },
    });
    expect(await tasksOfCampaign(id)).toHaveLength(CM1.buildings);

    minutesLater(2 * UNPLANNED_MINUTES + 2);
    expect((await restartCampaigns()).restarted).toEqual([]);
  });

  it('is left alone once cancelled, and a resend that fails is tried again on a later run', async () => {
    failNextSend();
    const dropped = await launch(city, { kind: 'sweep', scope: { type: 'compound', id: 'c_a' } });
    expect((await city.post(`/v1/campaigns/${dropped}/cancel`)).status).toBe(200);
    failNextSend();
    const stuck = await launch(city, { kind: 'sweep', scope: { type: 'community', id: 'cm1' } });

    minutesLater(UNPLANNED_MINUTES + 1);
    failNextSend();
    await expect(restartCampaignsJob({ time: new Date().toISOString() } as ScheduledEvent, lambdaContext('restart-campaigns', 60_000))).rejects.toThrow(/unreachable/);
    // The failed resend counts as a step: the next run waits the stall time again, then resends.
    expect((await restartCampaigns()).restarted).toEqual([]);
    minutesLater(2 * UNPLANNED_MINUTES + 2);
    expect((await restartCampaigns()).restarted).toEqual([stuck]);
    await stack.queues.drain({ timeoutMs: 30_000 });
    expect(await campaignOf(city, stuck)).toMatchObject({ status: 'active', totals: { tasks: CM1.buildings } });
    expect(await campaignOf(city, dropped)).toMatchObject({ status: 'cancelled', compounds: { planned: null } });
    expect(await tasksOfCampaign(dropped)).toEqual([]);
  });
});
