import { SendMessageBatchCommand, SQSClient, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batches, sendMessages, setQueuePort, SqsQueuePort } from '#functions/platform/queue.ts';
import { queueUrlVariable } from '#shared/queue-env.ts';

const sqs = mockClient(SQSClient);
const URL = 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/cordon-assign-compounds';
const MiB = 1024 * 1024;

/** The entries of every SendMessageBatch call, in order. */
const calls = () =>
  sqs.commandCalls(SendMessageBatchCommand).map((call) => ({
    url: call.args[0].input.QueueUrl,
    entries: call.args[0].input.Entries ?? [],
  }));
const bytes = (entries: readonly SendMessageBatchRequestEntry[]) =>
  entries.reduce((sum, e) => sum + Buffer.byteLength(e.MessageBody ?? '', 'utf8'), 0);
const bodies = (n: number, size = 10) => Array.from({ length: n }, (_, i) => `${i}`.padEnd(size, 'x'));

describe('SqsQueuePort', () => {
  const waits: number[] = [];
  const port = new SqsQueuePort(new SQSClient({ region: 'cn-north-1' }), {
    backoffMs: (attempt) => {
      waits.push(attempt);
      return 0;
    },
  });

  beforeEach(() => {
    waits.length = 0;
    sqs.reset();
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    process.env.QUEUE_URL_ASSIGN_COMPOUNDS = URL;
  });
  afterEach(() => {
    delete process.env.QUEUE_URL_ASSIGN_COMPOUNDS;
  });

  it('names the URL variable after the queue', () => {
    expect(queueUrlVariable('assignCompounds')).toBe('QUEUE_URL_ASSIGN_COMPOUNDS');
  });

  it('sends at most 10 entries a call, in order, to the queue URL from the environment', async () => {
    const sent = bodies(23);
    await port.send('assignCompounds', sent);
    const made = calls();
    expect(made.map((c) => c.entries.length)).toEqual([10, 10, 3]);
    expect(made.every((c) => c.url === URL)).toBe(true);
    expect(made.flatMap((c) => c.entries.map((e) => e.MessageBody))).toEqual(sent);
    for (const { entries } of made) expect(new Set(entries.map((e) => e.Id)).size).toBe(entries.length);
  });

  it('keeps each call within 1 MiB of bodies, counting UTF-8 bytes', async () => {
    // 300 KiB bodies: three fit in 1 MiB, four do not.
    await port.send('assignCompounds', bodies(7, 300 * 1024));
    expect(calls().map((c) => c.entries.length)).toEqual([3, 3, 1]);
    sqs.resetHistory();
    // 200,000 characters of 3 bytes each: 600,000 bytes, so two bodies need two calls.
    const chinese = '郢'.repeat(200_000);
    await port.send('assignCompounds', [chinese, chinese]);
    expect(calls().map((c) => c.entries.length)).toEqual([1, 1]);
    for (const { entries } of calls()) expect(bytes(entries)).toBeLessThanOrEqual(MiB);
  });

  it('fills a call up to exactly 1 MiB and no further', () => {
    expect(batches(['a'.repeat(MiB / 2), 'b'.repeat(MiB / 2)]).map((b) => b.length)).toEqual([2]);
    expect(batches(['a'.repeat(MiB / 2), 'b'.repeat(MiB / 2 + 1)]).map((b) => b.length)).toEqual([1, 1]);
  });

  it('refuses a body over 1 MiB before sending anything', async () => {
    await expect(port.send('assignCompounds', ['small', 'x'.repeat(MiB + 1)])).rejects.toThrow(/exceeds/);
    expect(calls()).toHaveLength(0);
  });

  it('resends the failed entries, and only those', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({
        Successful: [],
        Failed: [
          { Id: '1', SenderFault: false, Code: 'InternalError' },
          { Id: '3', SenderFault: false, Code: 'ServiceUnavailable' },
        ],
      })
      .resolves({ Successful: [], Failed: [] });
    await port.send('assignCompounds', ['m0', 'm1', 'm2', 'm3', 'm4']);
    const [first, second, ...rest] = calls();
    expect(first?.entries.map((e) => e.MessageBody)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(second?.entries).toEqual([
      { Id: '1', MessageBody: 'm1' },
      { Id: '3', MessageBody: 'm3' },
    ]);
    expect(second?.url).toBe(URL);
    expect(rest).toHaveLength(0);
    // One backoff, before the resend; none before the first call.
    expect(waits).toEqual([1]);
  });

  it('throws on a sender fault without resending', async () => {
    sqs.on(SendMessageBatchCommand).resolves({
      Successful: [],
      Failed: [{ Id: '0', SenderFault: true, Code: 'InvalidParameterValue', Message: 'bad body' }],
    });
    await expect(port.send('assignCompounds', ['m0', 'm1'])).rejects.toThrow(/InvalidParameterValue/);
    expect(calls()).toHaveLength(1);
  });

  it('gives up after repeated failures of the same entries', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [{ Id: '0', SenderFault: false, Code: 'InternalError' }] });
    await expect(port.send('assignCompounds', ['m0'])).rejects.toThrow(/unsent/);
    expect(calls()).toHaveLength(5);
  });

  it('throws naming the variable when the queue URL is not set', async () => {
    delete process.env.QUEUE_URL_ASSIGN_COMPOUNDS;
    await expect(port.send('assignCompounds', ['m0'])).rejects.toThrow('QUEUE_URL_ASSIGN_COMPOUNDS');
    expect(calls()).toHaveLength(0);
  });

  it('validates messages with the queue schema before anything leaves', async () => {
    setQueuePort(port);
    try {
      await expect(sendMessages('assignCompounds', [{ reason: 'boundaries' }, { reason: 42 } as never])).rejects.toThrow();
      expect(calls()).toHaveLength(0);
      await sendMessages('assignCompounds', [{ reason: 'boundaries', streetId: 'S1' }]);
      expect(calls()[0]?.entries.map((e) => JSON.parse(e.MessageBody ?? ''))).toEqual([{ reason: 'boundaries', streetId: 'S1' }]);
    } finally {
      setQueuePort(undefined);
    }
  });
});
