import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendMessages, setQueuePort, SqsQueuePort } from '#functions/platform/queue.ts';
import { queues } from '#shared/catalogue/index.ts';
import { COMPOUNDS_PER_MESSAGE, expandMessages } from '#shared/domain/fan-out.ts';

const sqs = mockClient(SQSClient);
const URL = 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/cordon-campaign-expand';
const calls = () => sqs.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input);

describe('the fan-out\'s level-1 sends through the SQS adapter', () => {
  beforeEach(() => {
    sqs.reset();
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    process.env.QUEUE_URL_CAMPAIGN_EXPAND = URL;
    setQueuePort(new SqsQueuePort(new SQSClient({ region: 'cn-north-1' }), { backoffMs: () => 0 }));
  });
  afterEach(() => {
    setQueuePort(undefined);
    delete process.env.QUEUE_URL_CAMPAIGN_EXPAND;
  });

  const compounds = (n: number) => Array.from({ length: n }, (_, i) => `c_${String(i).padStart(13, '0')}`);

  it('sends a city of 2,345 compounds as 235 messages in calls of at most 10 entries and 1 MiB, each compound once', async () => {
    const ids = compounds(2345);
    await sendMessages('campaignExpand', expandMessages('cp_city', ids));
    const made = calls();
    expect(made).toHaveLength(24);
    expect(made.map((c) => c.Entries?.length)).toEqual([...Array(23).fill(10), 5]);
    expect(made.every((c) => c.QueueUrl === URL)).toBe(true);
    for (const call of made) {
      const bytes = (call.Entries ?? []).reduce((n, e) => n + Buffer.byteLength(e.MessageBody ?? '', 'utf8'), 0);
      expect(bytes).toBeLessThanOrEqual(1024 * 1024);
    }
    const bodies = made.flatMap((c) => (c.Entries ?? []).map((e) => queues.campaignExpand.message.parse(JSON.parse(e.MessageBody ?? ''))));
    expect(bodies.every((b) => b.campaignId === 'cp_city' && b.compoundIds.length <= COMPOUNDS_PER_MESSAGE)).toBe(true);
    expect(bodies.flatMap((b) => b.compoundIds)).toEqual(ids);
  });

  it('resends only the entries SQS failed, so no compound is lost or sent twice by the sender', async () => {
    sqs.on(SendMessageBatchCommand)
      .resolvesOnce({ Successful: [], Failed: [{ Id: '2', SenderFault: false, Code: 'InternalError' }] })
      .resolves({ Successful: [], Failed: [] });
    await sendMessages('campaignExpand', expandMessages('cp_x', compounds(100)));
    const [first, second] = calls();
    expect(first?.Entries).toHaveLength(10);
    expect(second?.Entries?.map((e) => e.Id)).toEqual(['2']);
    expect(second?.Entries?.[0]?.MessageBody).toBe(first?.Entries?.[2]?.MessageBody);
    expect(calls().reduce((n, c) => n + (c.Entries?.length ?? 0), 0)).toBe(11);
  });

  it('refuses a message the queue schema would not take, before anything leaves', async () => {
    await expect(sendMessages('campaignExpand', [{ campaignId: 'cp_x', compoundIds: [] }])).rejects.toThrow();
    expect(calls()).toHaveLength(0);
  });
});
