/**
 * The expand step driven receive by receive (as SQS may deliver a level-2 message: twice at once,
 * again after a receive stopped half-way, or as a copy from a replanned campaign), on the dense
 * community of the sweep city: every task made once, a task a worker holds never written over, and
 * every count exact — the compound markers, the grid and community coverage, the campaign.
 */
import type { SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandCompounds } from '#functions/flows/fan-out.ts';
import { batchDelete, documentClient, putItem, updateItem, type Item } from '#functions/platform/table.ts';
import { newCampaignItem } from '#functions/stores/campaign-store.ts';
import { setPlannedCount } from '#functions/stores/expansion-store.ts';
import { keys } from '#shared/table.ts';
import type { TestStack } from '../support/stack.ts';
import { scanTable } from '../support/table-scan.ts';
import { CM2, DENSE, startSweepStack } from './sweep-support.ts';

let stack: TestStack;
beforeAll(async () => {
  ({ stack } = await startSweepStack());
});
afterAll(() => stack.stop());

/** The dense community's compounds, as the planner would send them: messages of ten. */
const COMPOUNDS = Array.from({ length: DENSE.compounds }, (_, i) => `c_d${i}`);
const HOUSEHOLDS_EACH = DENSE.buildingsEach * DENSE.units * DENSE.floors * DENSE.perFloor;

let serial = 0;
/** A community sweep of cm2 written as the API writes it, planned, its plan message never sent: the test delivers. */
async function plannedCampaign(): Promise<string> {
  const id = `cp_receives${++serial}`;
  await putItem(newCampaignItem({
    id, kind: 'sweep', scope: { type: 'community', id: 'cm2' }, place: { type: 'community', streetId: 's1', communityId: 'cm2', gridId: null, compoundId: null },
    createdAt: '2026-11-02T00:00:00.000Z', createdBy: 'city',
  }));
  await setPlannedCount(id, COMPOUNDS.length);
  return id;
}

const receiveOf = (messageId: string, receive: number) => ({ messageId, attributes: { ApproximateReceiveCount: String(receive) } }) as unknown as SQSRecord;
const deliver = (campaignId: string, compoundIds: readonly string[], messageId: string, receive = 1) =>
  expandCompounds({ campaignId, compoundIds, kind: 'sweep' }, receiveOf(messageId, receive));

/** Everything the fan-out wrote for the campaign: its tasks, coverage items and campaign item. */
async function written(campaignId: string) {
  const items = await scanTable();
  const covers = items.filter((i) => i.type === 'cover' && i.campaignId === campaignId);
  const households = (level: string) => covers.filter((c) => c.level === level).reduce((n, c) => n + ((c.households as number | undefined) ?? 0), 0);
  const campaign = items.find((i) => i.pk === keys.campaign(campaignId).pk && i.sk === keys.campaign(campaignId).sk) as Item;
  return {
    tasks: items.filter((i) => i.type === 'task' && i.campaignId === campaignId),
    households: { compound: households('compound'), grid: households('grid'), community: households('community') },
    campaign: {
      status: campaign.status, compoundsExpanded: campaign.compoundsExpanded, tasksCreated: campaign.tasksCreated,
      totalTasks: campaign.totalTasks, totalHouseholds: campaign.totalHouseholds,
    },
  };
}

const EXACT = {
  households: { compound: CM2.households, grid: CM2.households, community: CM2.households },
  campaign: { status: 'active', compoundsExpanded: DENSE.compounds, tasksCreated: CM2.buildings, totalTasks: CM2.buildings, totalHouseholds: CM2.households },
};

/**
 * The requests a delivery sends, as the document client sends them: each one's command, and how
 * many of the keys it reads are compound markers (coverage items at the compound level).
 */
const MARKER_SK = keys.cover('', 'compound', '').sk;
async function requestsOf(run: () => Promise<void>): Promise<{ command: string; markersRead: number }[]> {
  const seen: { command: string; markersRead: number }[] = [];
  const name = `requests-of-${++serial}`;
  documentClient().middlewareStack.add((next, context) => async (args) => {
    const input = args.input as { RequestItems?: Record<string, { Keys?: { sk?: string }[] }> };
    const keysRead = Object.values(input.RequestItems ?? {}).flatMap((r) => r.Keys ?? []);
    seen.push({ command: (context.commandName ?? '').replace(/Command$/, ''), markersRead: keysRead.filter((k) => k.sk?.startsWith(MARKER_SK)).length });
    return next(args);
  }, { step: 'initialize', name });
  try {
    await run();
  } finally {
    documentClient().middlewareStack.remove(name);
  }
  return seen;
}

describe('a level-2 message delivered receive by receive', () => {
  it('makes every task and count once when two receives of one message run at once', async () => {
    const id = await plannedCampaign();
    const [first, second, third] = [COMPOUNDS.slice(0, 10), COMPOUNDS.slice(10, 20), COMPOUNDS.slice(20)];
    // Receive 2 is the redelivery after a visibility timeout, while receive 1 still runs.
    await Promise.all([deliver(id, first!, 'm1', 1), deliver(id, first!, 'm1', 2), deliver(id, second!, 'm2'), deliver(id, third!, 'm3')]);
    const after = await written(id);
    expect(after).toMatchObject(EXACT);
    expect(after.tasks).toHaveLength(CM2.buildings);
  });

  it('makes every task and count once when a replanned campaign sends the same compounds in other messages, racing', async () => {
    const id = await plannedCampaign();
    await Promise.all([
      deliver(id, COMPOUNDS.slice(0, 10), 'm1'), deliver(id, COMPOUNDS.slice(10), 'm2'),
      // The copies, chunked otherwise.
      deliver(id, COMPOUNDS.slice(0, 15), 'm1-again'), deliver(id, COMPOUNDS.slice(15), 'm2-again'),
    ]);
    const after = await written(id);
    expect(after).toMatchObject(EXACT);
    expect(after.tasks).toHaveLength(CM2.buildings);
  });

  it('after a receive that counted and stopped before its tasks were all written: the next receive writes the missing ones, counts nothing again, and leaves a held task alone', async () => {
    const id = await plannedCampaign();
    await deliver(id, COMPOUNDS.slice(0, 10), 'm1', 1);
    await deliver(id, COMPOUNDS.slice(10), 'm2', 1);
    const complete = await written(id);
    expect(complete).toMatchObject(EXACT);
    // Receive 1 of m1 "stopped" before writing two tasks of c_d0; a worker claimed its third since.
    const [lost1, lost2, held] = complete.tasks.filter((t) => t.compoundId === 'c_d0');
    await batchDelete([lost1!, lost2!].map((t) => ({ pk: t.pk as string, sk: t.sk as string })));
    await updateItem({ Key: { pk: held!.pk, sk: held!.sk }, UpdateExpression: 'SET #s = :s, holder = :h ADD version :one', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'claimed', ':h': 'grid-g2', ':one': 1 } });

    await deliver(id, COMPOUNDS.slice(0, 10), 'm1', 2);
    const resumed = await written(id);
    expect(resumed).toMatchObject(EXACT);
    expect(resumed.tasks.map((t) => t.sk).sort()).toEqual(complete.tasks.map((t) => t.sk).sort());
    expect(resumed.tasks.find((t) => t.sk === held!.sk)).toMatchObject({ status: 'claimed', holder: 'grid-g2' });
    expect(resumed.tasks.find((t) => t.sk === lost1!.sk)).toMatchObject({ status: 'open' });

    // Another message with these compounds (a replan's) finds them counted by m1: it writes and counts nothing.
    await batchDelete([{ pk: lost1!.pk as string, sk: lost1!.sk as string }]);
    await deliver(id, COMPOUNDS.slice(0, 10), 'm-replanned', 1);
    const skipped = await written(id);
    expect(skipped).toMatchObject(EXACT);
    expect(skipped.tasks).toHaveLength(CM2.buildings - 1);
  });

  it('counts each compound with its own households on its marker', async () => {
    const id = await plannedCampaign();
    await Promise.all([deliver(id, COMPOUNDS.slice(0, 12), 'm1'), deliver(id, COMPOUNDS.slice(12), 'm2')]);
    const markers = (await scanTable()).filter((i) => i.type === 'cover' && i.campaignId === id && i.level === 'compound');
    expect(markers).toHaveLength(DENSE.compounds);
    for (const m of markers) expect(m).toMatchObject({ state: 'expanded', households: HOUSEHOLDS_EACH, tasks: DENSE.buildingsEach });
  });

  it('reads no marker on a first receive, and one BatchGet of them on a redelivery', async () => {
    const id = await plannedCampaign();
    const first = await requestsOf(() => deliver(id, COMPOUNDS.slice(0, 10), 'm1', 1));
    expect(first.filter((r) => r.markersRead > 0)).toEqual([]);
    expect(first.filter((r) => r.command === 'TransactWriteItems')).toHaveLength(1);
    const again = await requestsOf(() => deliver(id, COMPOUNDS.slice(0, 10), 'm1', 2));
    expect(again.filter((r) => r.markersRead > 0)).toEqual([{ command: 'BatchGetItem', markersRead: 10 }]);
    // Resumed: nothing counted again, so no transaction.
    expect(again.filter((r) => r.command === 'TransactWriteItems')).toEqual([]);
    await deliver(id, COMPOUNDS.slice(10), 'm2', 1);
    expect(await written(id)).toMatchObject(EXACT);
  });

  it('a first receive of a copy whose compounds are all counted: one refused count, one read of its markers, nothing written', async () => {
    const id = await plannedCampaign();
    await Promise.all([deliver(id, COMPOUNDS.slice(0, 10), 'm1'), deliver(id, COMPOUNDS.slice(10), 'm2')]);
    const before = await written(id);
    const copy = await requestsOf(() => deliver(id, COMPOUNDS.slice(0, 10), 'm1-replanned', 1));
    expect(copy.filter((r) => r.command === 'TransactWriteItems')).toHaveLength(1);
    expect(copy.filter((r) => r.markersRead > 0)).toEqual([{ command: 'BatchGetItem', markersRead: 10 }]);
    expect(copy.filter((r) => r.command === 'BatchWriteItem')).toEqual([]);
    const after = await written(id);
    expect(after).toMatchObject(EXACT);
    expect(after.tasks.map((t) => [t.sk, t.version])).toEqual(before.tasks.map((t) => [t.sk, t.version]));
  });
});
