/**
 * The queue port: how handlers send messages to a catalogue queue. In the cloud the SQS adapter
 * sends them; the local runtime installs its in-process adapter, which keeps SQS-with-Lambda
 * semantics. Messages are validated against the queue's schema before they leave.
 */
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { queues, type QueueMessage, type QueueName } from '#shared/catalogue/queues.ts';
import { queueUrlVariable } from '#shared/queue-env.ts';
import { drain, type Backoff } from '#shared/retry.ts';
import { config } from './config.ts';

export interface QueuePort {
  send(queue: QueueName, bodies: readonly string[]): Promise<void>;
}

let port: QueuePort | undefined;

/** The local runtime and tests install their adapter here. */
export function setQueuePort(next: QueuePort | undefined): void {
  port = next;
}

export async function sendMessages<Q extends QueueName>(queue: Q, messages: readonly QueueMessage<Q>[]): Promise<void> {
  if (messages.length === 0) return;
  const schema = queues[queue].message;
  const bodies = messages.map((m) => JSON.stringify(schema.parse(m)));
  port ??= new SqsQueuePort();
  await port.send(queue, bodies);
}

/** SendMessageBatch allows 10 entries and 1 MiB in all. */
const MAX_ENTRIES = 10;
/** SQS takes messages, and SendMessageBatch calls, of at most 1 MiB. */
export const SQS_MAX_MESSAGE_BYTES = 1024 * 1024;
const MAX_BATCH_BYTES = SQS_MAX_MESSAGE_BYTES;
/** Failed entries: the first resend waits up to 100 ms, doubling up to 1 s, five tries in all. */
const SEND_BACKOFF: Backoff = { baseMs: 100, capMs: 1000, attempts: 5 };

export class SqsQueuePort implements QueuePort {
  private readonly client: SQSClient;
  private readonly backoffMs: ((retry: number) => number) | undefined;

  /** `backoffMs`, for tests: how long to wait before resend number `retry`, instead of the jittered wait. */
  constructor(client?: SQSClient, options: { backoffMs?: (retry: number) => number } = {}) {
    this.client = client ?? new SQSClient({ region: config().region });
    this.backoffMs = options.backoffMs;
  }

  async send(queue: QueueName, bodies: readonly string[]): Promise<void> {
    const url = process.env[queueUrlVariable(queue)];
    if (!url) throw new Error(`${queueUrlVariable(queue)} is not set`);
    for (const batch of batches(bodies)) await this.sendBatch(url, batch);
  }

  /** Failed entries are sent again; sender faults (bad entries) are not retried. */
  private async sendBatch(url: string, bodies: readonly string[]): Promise<void> {
    await drain(
      bodies.map((body, i) => ({ Id: String(i), MessageBody: body })),
      async (pending) => {
        const out = await this.client.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [...pending] }));
        const failed = out.Failed ?? [];
        const fatal = failed.filter((f) => f.SenderFault);
        if (fatal.length > 0) throw new Error(`SQS rejected ${fatal.length} messages: ${fatal[0]?.Code} ${fatal[0]?.Message}`);
        const again = new Set(failed.map((f) => f.Id));
        return pending.filter((entry) => again.has(entry.Id));
      },
      { ...SEND_BACKOFF, what: 'messages', left: 'unsent', delay: this.backoffMs },
    );
  }
}

/** Groups bodies into batches of at most 10 entries and 1 MiB. */
export function batches(bodies: readonly string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const body of bodies) {
    const size = Buffer.byteLength(body, 'utf8');
    if (size > MAX_BATCH_BYTES) throw new Error(`a message of ${size} bytes exceeds the SQS limit`);
    if (current.length === MAX_ENTRIES || bytes + size > MAX_BATCH_BYTES) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(body);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}
