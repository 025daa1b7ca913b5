import { randomUUID } from 'node:crypto';
import type { ScheduledEvent, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCompound } from '#functions/stores/compound-store.ts';
import { communityItem, putPlaces } from '#functions/stores/places-store.ts';
import { handler as assignUnassignedJob } from '#functions/jobs/assign-unassigned.ts';
import { handler as assignCompoundsWorker } from '#functions/workers/assign-compounds.ts';
import { lambdaContext } from '#infra/local/lambda-context.ts';
import type { QueueRunner } from '#infra/local/queue-runner.ts';
import { compoundIdFor } from '#shared/domain/compounds.ts';
import { communityIdFor } from '#shared/domain/ids.ts';
import type { AreaGeometry } from '#shared/schemas/common.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { countByType, fixture, scanAll, seedPlaces, users } from './imports-support.ts';

let stack: TestStack;
let queues: QueueRunner;

beforeAll(async () => {
  stack = await startTestStack({ users, seed: seedPlaces, queueOptions: { timeScale: 0.001, pollIntervalMs: 5 } });
  queues = stack.queues;
});
afterAll(() => stack.stop());

const box = (minLng: number, minLat: number, maxLng: number, maxLat: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [[[minLng, minLat], [maxLng, minLat], [maxLng, maxLat], [minLng, maxLat], [minLng, minLat]]],
});
const idOf = (externalId: string) => compoundIdFor({ externalId, name: '' }, [0, 0]);
const audits = async (entityId: string) => (await scanAll()).filter((i) => i.type === 'audit' && i.entityId === entityId);

function sqsEvent(body: unknown): SQSEvent {
  const now = String(Date.now());
  return {
    Records: [{
      messageId: randomUUID(),
      receiptHandle: randomUUID(),
      body: JSON.stringify(body),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: now, SenderId: 'test', ApproximateFirstReceiveTimestamp: now },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:cn-north-1:000000000000:assignCompounds',
      awsRegion: 'cn-north-1',
    }],
  };
}

describe('compounds in no known community', () => {
  it('are held at city level, then placed by the worker once a boundary holding them is imported', async () => {
    const city = await stack.as('city1');
    const compounds = await city.request('POST', '/v1/imports?kind=compounds', { raw: fixture('compounds.csv'), contentType: 'text/csv' });
    expect((await compounds.json()).imported).toBe(4);
    expect(await getCompound(idOf('YZ-003'))).toMatchObject({ unassigned: true, communityId: null });

    const response = await city.request('POST', '/v1/imports?kind=communities', {
      raw: fixture('communities.geojson'),
      contentType: 'application/geo+json',
    });
    const summary = await response.json();
    expect(summary).toMatchObject({ kind: 'communities', imported: 1, rejected: 1, rejects: [{ line: 3, reason: 'street_id: is required' }] });
    await queues.drain({ timeoutMs: 20_000 });

    const dongcheng = communityIdFor('dongcheng');
    const placed = await getCompound(idOf('YZ-003'));
    expect(placed).toMatchObject({ unassigned: false, communityId: dongcheng, streetId: 's2', updatedBy: 'system', version: 2 });
    const assign = (await audits(idOf('YZ-003'))).find((a) => a.action === 'assign');
    expect(assign).toMatchObject({ actor: 'system', source: `import:${summary.importId}` });
    expect(assign?.changes).toMatchObject({ communityId: { from: null, to: dongcheng }, unassigned: { from: true, to: false } });
    const street = (await scanAll()).find((i) => i.type === 'street' && i.id === 's2');
    expect(street).toMatchObject({ name: '东城街道' });
    expect(await audits('s2')).toHaveLength(1);

    // The same boundaries again: nothing changes, nothing is written.
    const before = await countByType();
    const again = await (await city.request('POST', '/v1/imports?kind=communities', {
      raw: fixture('communities.geojson'),
      contentType: 'application/geo+json',
    })).json();
    expect(again).toMatchObject({ imported: 0, updated: 1, unchanged: 1 });
    await queues.drain({ timeoutMs: 20_000 });
    expect(await countByType()).toEqual(before);
  });

  it('are placed once when the message is delivered twice', async () => {
    const city = await stack.as('city1');
    // After the boundary, a compound inside it is placed at once.
    await city.request('POST', '/v1/imports?kind=compounds', { raw: 'external_id,name,lng,lat\nLATE-1,晚到小区,112.7,31.16\n', contentType: 'text/csv' });
    expect(await getCompound(idOf('LATE-1'))).toMatchObject({ unassigned: false, communityId: communityIdFor('dongcheng') });

    await city.request('POST', '/v1/imports?kind=compounds', { raw: 'external_id,name,lng,lat\nLATE-2,南城小区,112.7,31.26\n', contentType: 'text/csv' });
    expect(await getCompound(idOf('LATE-2'))).toMatchObject({ unassigned: true, version: 1 });
    // A boundary written behind the importer's back: no message was sent for it.
    await putPlaces([communityItem({ id: 'cm-south', name: '南城社区', streetId: 's2', boundary: box(112.65, 31.2, 112.75, 31.3) })]);
    const event = sqsEvent({ streetId: null, reason: 'test' });
    const first = await assignCompoundsWorker(event, lambdaContext('assign-compounds', 60_000));
    const second = await assignCompoundsWorker(event, lambdaContext('assign-compounds', 60_000));
    expect(first).toEqual({ batchItemFailures: [] });
    expect(second).toEqual({ batchItemFailures: [] });
    expect(await getCompound(idOf('LATE-2'))).toMatchObject({ unassigned: false, communityId: 'cm-south', version: 2 });
    expect((await audits(idOf('LATE-2'))).map((a) => a.action).sort()).toEqual(['assign', 'create']);
  });

  it('fails a message that does not match the queue schema, so that it goes to the DLQ after its retries', async () => {
    const result = await assignCompoundsWorker(sqsEvent({ nonsense: true }), lambdaContext('assign-compounds', 60_000)).catch((e: Error) => e);
    // One record, all failed: Powertools fails the whole batch so that it comes back.
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).name).toBe('FullBatchFailureError');
  });

  it('are retried every hour by the schedule, through the same queue', async () => {
    const city = await stack.as('city1');
    await city.request('POST', '/v1/imports?kind=compounds', {
      raw: 'external_id,name,lng,lat\nHOURLY-1,整点小区,112.9,31.16\n',
      contentType: 'text/csv',
    });
    expect(await getCompound(idOf('HOURLY-1'))).toMatchObject({ unassigned: true });
    // A boundary written behind the importer's back (no message): only the schedule finds it.
    await putPlaces([communityItem({ id: 'cm-west', name: '西城社区', streetId: 's2', boundary: box(112.85, 31.1, 112.95, 31.2) })]);
    expect(await getCompound(idOf('HOURLY-1'))).toMatchObject({ unassigned: true });

    const event = { time: new Date().toISOString(), 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} } as unknown as ScheduledEvent;
    await assignUnassignedJob(event, lambdaContext('assign-unassigned', 60_000));
    await queues.drain({ timeoutMs: 20_000 });
    expect(await getCompound(idOf('HOURLY-1'))).toMatchObject({ unassigned: false, communityId: 'cm-west' });
  });
});
