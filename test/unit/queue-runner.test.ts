import { createHash } from 'node:crypto';
import { SqsSchema } from '@aws-lambda-powertools/parser/schemas/sqs';
import type { Context, SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from '#shared/zod.ts';
import { queues, type QueueSpec } from '#shared/catalogue/index.ts';
import { sendMessages, setQueuePort } from '#functions/platform/queue.ts';
import { sqsHandler } from '#functions/edge/sqs.ts';
import { createQueueRunner, type QueueRunner, type QueueRunnerOptions, type SqsConsumer } from '#infra/local/queue-runner.ts';

const T0 = Date.UTC(2026, 2, 1, 8, 0, 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const failures = (records: readonly SQSRecord[]) => ({ batchItemFailures: records.map((r) => ({ itemIdentifier: r.messageId })) });
const succeed: SqsConsumer = async () => ({ batchItemFailures: [] });

const runners: QueueRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
});

/**
 * A runner with one queue `work` whose consumer records every batch it receives. Visibility
 * timeouts are scaled down 1000× (30 s → 30 ms) unless the test holds the clock.
 */
function setup(queue: Partial<QueueSpec>, consumer: SqsConsumer = succeed, options: QueueRunnerOptions = {}) {
  const batches: SQSRecord[][] = [];
  const contexts: Context[] = [];
  const runner = createQueueRunner({
    queues: {
      work: {
        consumer: 'test-worker',
        description: 'a queue for tests',
        message: z.unknown(),
        batchSize: 3,
        visibilityTimeoutSeconds: 30,
        maxReceiveCount: 3,
        ...queue,
      },
    },
    loadConsumer: async () => async (event, context) => {
      batches.push(event.Records);
      contexts.push(context);
      return consumer(event, context);
    },
    timeScale: 0.001,
    pollIntervalMs: 2,
    ...options,
  });
  runners.push(runner);
  /** How many times each body was delivered. */
  const deliveries = () => {
    const counts: Record<string, number> = {};
    for (const r of batches.flat()) counts[r.body] = (counts[r.body] ?? 0) + 1;
    return counts;
  };
  return { runner, batches, contexts, deliveries };
}

/** A clock the test moves by hand. */
function heldClock(start = T0) {
  const clock = { t: start, now: () => clock.t };
  return clock;
}

describe('createQueueRunner', () => {
  it('delivers in batches of batchSize and deletes what succeeds', async () => {
    const { runner, batches, deliveries } = setup({ batchSize: 3 });
    runner.start();
    await runner.send('work', ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    await runner.drain();
    expect(batches.map((b) => b.length)).toEqual([3, 3, 1]);
    expect(deliveries()).toEqual({ a: 1, b: 1, c: 1, d: 1, e: 1, f: 1, g: 1 });
    expect(runner.stats('work')).toEqual({ visible: 0, inFlight: 0, delayed: 0, dead: 0, delivered: 7, deleted: 7 });
  });

  it('hands the consumer an SQSEvent as Lambda builds it', async () => {
    const clock = heldClock();
    const { runner, batches, contexts } = setup({}, succeed, { now: clock.now });
    runner.start();
    await runner.send('work', ['{"hello":"world"}']);
    await vi.waitFor(() => expect(runner.stats('work').deleted).toBe(1));
    const event = { Records: batches[0] };
    expect(SqsSchema.safeParse(event).success).toBe(true);
    expect(event.Records?.[0]).toMatchObject({
      body: '{"hello":"world"}',
      md5OfBody: createHash('md5').update('{"hello":"world"}').digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: expect.stringMatching(/^arn:aws:sqs:.+:work$/),
      messageAttributes: {},
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(T0),
        ApproximateFirstReceiveTimestamp: String(T0),
        SenderId: expect.any(String),
      },
    });
    expect(contexts[0]?.functionName).toBe('cordon-test-worker');
  });

  it('redelivers only the messages reported as failed', async () => {
    const { runner, batches, deliveries } = setup({ batchSize: 3 }, async (event) =>
      failures(event.Records.filter((r) => r.body === 'b' && r.attributes.ApproximateReceiveCount === '1')),
    );
    runner.start();
    await runner.send('work', ['a', 'b', 'c']);
    await runner.drain();
    expect(deliveries()).toEqual({ a: 1, b: 2, c: 1 });
    expect(batches[1]?.map((r) => [r.body, r.attributes.ApproximateReceiveCount])).toEqual([['b', '2']]);
    expect(runner.stats('work')).toMatchObject({ delivered: 4, deleted: 3, dead: 0 });
  });

  it('keeps a failed message hidden until its visibility timeout has passed', async () => {
    const clock = heldClock();
    const { runner, batches } = setup({ visibilityTimeoutSeconds: 30 }, async (event) => (batches.length === 1 ? failures(event.Records) : {}), {
      now: clock.now,
      timeScale: 1,
    });
    runner.start();
    await runner.send('work', ['x']);
    await vi.waitFor(() => expect(runner.stats('work').delayed).toBe(1));
    clock.t = T0 + 29_999;
    await sleep(30);
    expect(batches).toHaveLength(1);
    expect(runner.stats('work')).toMatchObject({ visible: 0, delayed: 1 });
    clock.t = T0 + 30_000;
    await vi.waitFor(() => expect(runner.stats('work').deleted).toBe(1));
    expect(batches[1]?.[0]?.attributes).toMatchObject({
      ApproximateReceiveCount: '2',
      SentTimestamp: String(T0),
      ApproximateFirstReceiveTimestamp: String(T0),
    });
  });

  it('moves a poison message to the DLQ after maxReceiveCount receives while the rest complete', async () => {
    const { runner, deliveries } = setup({ batchSize: 3, maxReceiveCount: 3 }, async (event) =>
      failures(event.Records.filter((r) => r.body === 'poison')),
    );
    runner.start();
    await runner.send('work', ['a', 'poison', 'b', 'c', 'd', 'e']);
    await runner.drain();
    expect(deliveries()).toEqual({ a: 1, poison: 3, b: 1, c: 1, d: 1, e: 1 });
    expect(runner.deadLetters('work')).toEqual([{ messageId: expect.any(String), body: 'poison', receiveCount: 3 }]);
    expect(runner.stats('work')).toEqual({ visible: 0, inFlight: 0, delayed: 0, dead: 1, delivered: 8, deleted: 5 });
  });

  it('moves a message to the DLQ only once its last visibility timeout has passed, as SQS does', async () => {
    const clock = heldClock();
    const { runner, batches } = setup({ maxReceiveCount: 1, visibilityTimeoutSeconds: 30 }, async (event) => failures(event.Records), {
      now: clock.now,
      timeScale: 1,
    });
    runner.start();
    await runner.send('work', ['x']);
    await vi.waitFor(() => expect(runner.stats('work').delayed).toBe(1));
    await sleep(20);
    expect(runner.stats('work').dead).toBe(0);
    clock.t = T0 + 30_000;
    await vi.waitFor(() => expect(runner.stats('work').dead).toBe(1));
    expect(batches).toHaveLength(1);
  });

  it('fails the whole batch when the consumer throws', async () => {
    const { runner, deliveries } = setup({ batchSize: 3 }, async (event) => {
      if (event.Records[0]?.attributes.ApproximateReceiveCount === '1') throw new Error('table unavailable');
      return {};
    });
    runner.start();
    await runner.send('work', ['a', 'b', 'c']);
    await runner.drain();
    expect(deliveries()).toEqual({ a: 2, b: 2, c: 2 });
  });

  it.each([
    ['an id not in the batch', [{ itemIdentifier: 'not-a-message-of-this-batch' }]],
    ['an empty id', [{ itemIdentifier: '' }]],
    ['a null id', [{ itemIdentifier: null }]],
    ['a wrong key', [{ id: 'x' }]],
    ['no list', 'everything'],
  ])('fails the whole batch when batchItemFailures holds %s, as Lambda does', async (_name, batchItemFailures) => {
    const { runner, deliveries } = setup({ batchSize: 2 }, async (event) =>
      event.Records[0]?.attributes.ApproximateReceiveCount === '1' ? { batchItemFailures } : {},
    );
    runner.start();
    await runner.send('work', ['a', 'b']);
    await runner.drain();
    expect(deliveries()).toEqual({ a: 2, b: 2 });
  });

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['an empty object', {}],
    ['a null list', { batchItemFailures: null }],
  ])('deletes the whole batch when the consumer answers %s', async (_name, answer) => {
    const { runner, deliveries } = setup({ batchSize: 2 }, async () => answer);
    runner.start();
    await runner.send('work', ['a', 'b']);
    await runner.drain();
    expect(deliveries()).toEqual({ a: 1, b: 1 });
    expect(runner.stats('work').deleted).toBe(2);
  });

  it('fails the whole batch when the invocation times out', async () => {
    const { runner, deliveries } = setup(
      { batchSize: 2 },
      (event) => (event.Records[0]?.attributes.ApproximateReceiveCount === '1' ? new Promise(() => undefined) : succeed(event, {} as Context)),
      { invocationTimeoutMs: 20 },
    );
    runner.start();
    await runner.send('work', ['a', 'b']);
    await runner.drain();
    expect(deliveries()).toEqual({ a: 2, b: 2 });
  });

  it.each([
    [3, 3],
    [undefined, 2],
  ])('runs at most maxConcurrency %s batches at once (%i)', async (maxConcurrency, expected) => {
    let active = 0;
    let most = 0;
    const { runner } = setup({ batchSize: 1, maxConcurrency }, async () => {
      most = Math.max(most, ++active);
      await sleep(5);
      active -= 1;
      return {};
    });
    runner.start();
    await runner.send('work', Array.from({ length: 12 }, (_, i) => `m${i}`));
    await runner.drain();
    expect(most).toBe(expected);
    expect(runner.stats('work').deleted).toBe(12);
  });

  it('delivers the same body sent twice as two messages', async () => {
    const { runner, batches } = setup({ batchSize: 10 });
    runner.start();
    await runner.send('work', ['same', 'same']);
    await runner.send('work', ['same']);
    await runner.drain();
    const records = batches.flat();
    expect(records.map((r) => r.body)).toEqual(['same', 'same', 'same']);
    expect(new Set(records.map((r) => r.messageId)).size).toBe(3);
  });

  it('waits for a full batch until the batching window closes', async () => {
    const clock = heldClock();
    const { runner, batches } = setup({ batchSize: 5, maxBatchingWindowSeconds: 10 }, succeed, { now: clock.now, timeScale: 1 });
    runner.start();
    await runner.send('work', ['a', 'b']);
    await sleep(20);
    expect(batches).toHaveLength(0);
    await runner.send('work', ['c', 'd', 'e']);
    await vi.waitFor(() => expect(batches).toHaveLength(1));
    expect(batches[0]?.map((r) => r.body)).toEqual(['a', 'b', 'c', 'd', 'e']);
    await runner.send('work', ['f']);
    await sleep(20);
    expect(batches).toHaveLength(1);
    clock.t += 10_000;
    await vi.waitFor(() => expect(batches).toHaveLength(2));
    expect(batches[1]?.map((r) => r.body)).toEqual(['f']);
  });

  it('drains only once delayed redeliveries are done', async () => {
    const { runner, batches, deliveries } = setup({ visibilityTimeoutSeconds: 50 }, async (event) =>
      batches.length === 1 ? failures(event.Records) : {},
    );
    runner.start();
    await runner.send('work', ['x']);
    await runner.drain();
    expect(deliveries()).toEqual({ x: 2 });
    expect(runner.stats('work')).toMatchObject({ delayed: 0, deleted: 1 });
  });

  it('rejects a drain that times out, with the queues it waited for', async () => {
    const clock = heldClock();
    const { runner } = setup({}, async (event) => failures(event.Records), { now: clock.now, timeScale: 1 });
    runner.start();
    await runner.send('work', ['x']);
    await expect(runner.drain({ timeoutMs: 50 })).rejects.toThrow(/not drained after 50 ms: work .*"delayed":1/);
  });

  it('stops only after the batches in flight finish, and keeps later messages for the next start', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { runner, batches } = setup({ batchSize: 1 }, async () => {
      await gate;
      return {};
    });
    runner.start();
    await runner.send('work', ['first']);
    await vi.waitFor(() => expect(runner.stats('work').inFlight).toBe(1));
    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await sleep(10);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(runner.stats('work')).toMatchObject({ inFlight: 0, deleted: 1 });

    await runner.send('work', ['second']);
    await sleep(10);
    expect(batches).toHaveLength(1);
    expect(runner.stats('work').visible).toBe(1);
    runner.start();
    await runner.drain();
    expect(batches.flat().map((r) => r.body)).toEqual(['first', 'second']);
  });

  it('redrives dead letters back to the queue with fresh receive counts', async () => {
    let healthy = false;
    const { runner, batches } = setup({ maxReceiveCount: 2 }, async (event) => (healthy ? {} : failures(event.Records)));
    runner.start();
    await runner.send('work', ['x']);
    await runner.drain();
    expect(runner.stats('work').dead).toBe(1);
    healthy = true;
    expect(runner.redrive('work')).toBe(1);
    await runner.drain();
    expect(runner.deadLetters('work')).toEqual([]);
    expect(runner.stats('work')).toMatchObject({ dead: 0, deleted: 1, delivered: 3 });
    expect(batches.at(-1)?.[0]?.attributes.ApproximateReceiveCount).toBe('1');
  });

  it('refuses unknown queues and bodies SQS would refuse, enqueuing nothing', async () => {
    const { runner } = setup({});
    await expect(runner.send('nope', ['x'])).rejects.toThrow(/no queue "nope"/);
    await expect(runner.send('work', ['ok', ''])).rejects.toThrow(/0 bytes/);
    await expect(runner.send('work', ['ok', 'x'.repeat(1024 * 1024 + 1)])).rejects.toThrow(/1048577 bytes/);
    expect(runner.stats('work').visible).toBe(0);
  });

  it('fails batches whose consumer module does not load, until the DLQ takes them', async () => {
    const lines: string[] = [];
    const runner = createQueueRunner({
      queues: {
        work: { consumer: 'no-such-worker', description: 'test', message: z.unknown(), batchSize: 1, visibilityTimeoutSeconds: 1, maxReceiveCount: 2 },
      },
      timeScale: 0.001,
      pollIntervalMs: 2,
      log: (line) => lines.push(line),
    });
    runners.push(runner);
    runner.start();
    await runner.send('work', ['x']);
    await runner.drain();
    expect(runner.stats('work')).toMatchObject({ dead: 1, delivered: 2 });
    expect(lines.join('\n')).toMatch(/consumer no-such-worker did not load/);
    expect(lines.join('\n')).toMatch(/moved to the DLQ after 2 receives/);
  });

  it('runs a Powertools sqsHandler worker: bad bodies reach the DLQ, good ones complete once', async () => {
    const processed: string[] = [];
    const runner = createQueueRunner({
      queues: { assignCompounds: { ...queues.assignCompounds, batchSize: 4, maxReceiveCount: 2 } },
      loadConsumer: async () => sqsHandler('assignCompounds', async (message) => void processed.push(message.reason)),
      timeScale: 0.001,
      pollIntervalMs: 2,
    });
    runners.push(runner);
    setQueuePort(runner);
    try {
      runner.start();
      await sendMessages('assignCompounds', [{ reason: 'one' }, { reason: 'two' }, { reason: 'three', streetId: 'S1' }]);
      await runner.send('assignCompounds', ['{"reason": 3}']);
      await runner.drain();
    } finally {
      setQueuePort(undefined);
    }
    expect(processed.sort()).toEqual(['one', 'three', 'two']);
    expect(runner.deadLetters('assignCompounds')).toEqual([{ messageId: expect.any(String), body: '{"reason": 3}', receiveCount: 2 }]);
    expect(runner.stats('assignCompounds')).toMatchObject({ deleted: 3, dead: 1, delivered: 5 });
  });
});
