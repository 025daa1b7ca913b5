import { createHash, randomUUID } from 'node:crypto';
import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueueMessage } from '#shared/catalogue/index.ts';
import { sqsHandler } from '#functions/edge/sqs.ts';
import { captureLogs } from '../support/logs.ts';
import { lambdaContext } from '#infra/local/lambda-context.ts';

vi.hoisted(() => {
  process.env.LOG_LEVEL = 'INFO';
});

type Message = QueueMessage<'assignCompounds'>;

const record = (body: string): SQSRecord => ({
  messageId: randomUUID(),
  receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a',
  body,
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: '1772352000000',
    SenderId: 'AROAEXAMPLE:cordon-api',
    ApproximateFirstReceiveTimestamp: '1772352000100',
  },
  messageAttributes: {},
  md5OfBody: createHash('md5').update(body).digest('hex'),
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:cn-north-1:123456789012:cordon-assign-compounds',
  awsRegion: 'cn-north-1',
});
const eventOf = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
const context = () => lambdaContext('assign-compounds', 120_000);
const json = (message: unknown) => JSON.stringify(message);

describe('sqsHandler', () => {
  afterEach(() => vi.restoreAllMocks());

  it('hands each record its parsed message and reports no failure when all succeed', async () => {
    const seen: [Message, string][] = [];
    const handler = sqsHandler('assignCompounds', async (message, rec) => {
      seen.push([message, rec.messageId]);
    });
    const records = [record(json({ reason: 'boundaries', streetId: 'S1' })), record(json({ reason: 'hourly' }))];
    const response = await handler(eventOf(...records), context());
    expect(response).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual(
      expect.arrayContaining([
        [{ reason: 'boundaries', streetId: 'S1' }, records[0]?.messageId],
        [{ reason: 'hourly' }, records[1]?.messageId],
      ]),
    );
  });

  it('reports the records that throw and the bodies that fail the schema, and only those', async () => {
    const process = vi.fn(async (message: Message) => {
      if (message.reason === 'explode') throw new Error('boom');
    });
    const handler = sqsHandler('assignCompounds', process);
    const good = [record(json({ reason: 'a' })), record(json({ reason: 'b', streetId: null }))];
    const throws = record(json({ reason: 'explode' }));
    const notJson = record('{"reason": "a"');
    const wrongType = record(json({ reason: 42 }));
    const missing = record(json({ streetId: 'S1' }));
    const response = await handler(eventOf(good[0]!, throws, notJson, wrongType, good[1]!, missing), context());
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(
      [throws, notJson, wrongType, missing].map((r) => r.messageId).sort(),
    );
    // Invalid bodies never reach the worker.
    expect(process).toHaveBeenCalledTimes(3);
  });

  it('fails the whole invocation when every record fails, so Lambda retries the batch', async () => {
    const handler = sqsHandler('assignCompounds', async () => {
      throw new Error('table unavailable');
    });
    await expect(handler(eventOf(record(json({ reason: 'a' })), record('nope')), context())).rejects.toBeInstanceOf(
      FullBatchFailureError,
    );
  });

  it('logs a failed message by id, never its body', async () => {
    const handler = sqsHandler('assignCompounds', async () => undefined);
    const secret = '13800138000';
    const notJson = record(`{"reason": "call ${secret}"`);
    const wrongType = record(json({ reason: 'a', streetId: Number(secret) }));
    const fine = record(json({ reason: 'a' }));
    const logs = await captureLogs(() => handler(eventOf(notJson, wrongType, fine), context()));
    expect(logs).toContain(notJson.messageId);
    expect(logs).toContain(wrongType.messageId);
    expect(logs).toContain('streetId');
    expect(logs).not.toContain(secret);
  });

  it('logs with the Lambda context of the invocation', async () => {
    const handler = sqsHandler('assignCompounds', async () => undefined);
    const logs = await captureLogs(() => handler(eventOf(record(json({ reason: 'a' }))), context()));
    const line = logs.split('\n').find((l) => l.includes('batch processed'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ function_name: 'cordon-assign-compounds', queue: 'assignCompounds', records: 1, failed: 0 });
  });

  it('processes records one after another when asked', async () => {
    let active = 0;
    let most = 0;
    const handler = sqsHandler(
      'assignCompounds',
      async () => {
        most = Math.max(most, ++active);
        await new Promise((resolve) => setTimeout(resolve, 2));
        active -= 1;
      },
      { processInParallel: false },
    );
    await handler(eventOf(...['a', 'b', 'c'].map((reason) => record(json({ reason })))), context());
    expect(most).toBe(1);
  });
});
