/**
 * The queue port: how handlers send messages to a catalogue queue. In the cloud the SQS adapter
 * sends them; the local runtime installs its in-process adapter, which keeps SQS-with-Lambda
 * semantics. Messages are validated against the queue's schema before they leave.
 */
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { queues, type QueueMessage, type QueueName } from '#shared/catalogue/index.ts';
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

/** `assignCompounds` → `QUEUE_URL_ASSIGN_COMPOUNDS`, set by CDK on each function that sends. */
export const queueUrlVariable = (queue: string): string =>
  `QUEUE_URL_${queue.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;

/** SendMessageBatch allows 10 entries and 1 MiB in all. */
const MAX_ENTRIES = 10;
/** SQS takes messages, and SendMessageBatch calls, of at most 1 MiB. */
export const SQS_MAX_MESSAGE_BYTES = 1024 * 1024;
const MAX_BATCH_BYTES = SQS_MAX_MESSAGE_BYTES;
const MAX_ATTEMPTS = 5;

export class SqsQueuePort implements QueuePort {
  private readonly client: SQSClient;
  private readonly backoffMs: (attempt: number) => number;

  constructor(client?: SQSClient, options: { backoffMs?: (attempt: number) => number } = {}) {
    this.client = client ?? new SQSClient({ region: config().region });
    // Full jitter on an exponential base, so retrying senders do not move in step.
    this.backoffMs = options.backoffMs ?? ((attempt) => Math.random() * Math.min(1000, 50 * 2 ** attempt));
  }

  async send(queue: QueueName, bodies: readonly string[]): Promise<void> {
    const url = process.env[queueUrlVariable(queue)];
    if (!url) throw new Error(`${queueUrlVariable(queue)} is not set`);
    for (const batch of batches(bodies)) await this.sendBatch(url, batch);
  }

  /** Failed entries are sent again; sender faults (bad entries) are not retried. */
  private async sendBatch(url: string, bodies: readonly string[]): Promise<void> {
    let pending = bodies.map((body, i) => ({ Id: String(i), MessageBody: body }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, this.backoffMs(attempt - 1)));
      const out = await this.client.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: pending }));
      const failed = out.Failed ?? [];
      const fatal = failed.filter((f) => f.SenderFault);
      if (fatal.length > 0) throw new Error(`SQS rejected ${fatal.length} messages: ${fatal[0]?.Code} ${fatal[0]?.Message}`);
      if (failed.length > 0 && attempt >= MAX_ATTEMPTS) throw new Error(`${failed.length} messages unsent after ${attempt} attempts`);
      const retry = new Set(failed.map((f) => f.Id));
      pending = pending.filter((entry) => retry.has(entry.Id));
    }
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
