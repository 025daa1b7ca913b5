/**
 * The in-process queue port: what SQS and Lambda's event source mapping do in the cloud, for
 * every catalogue queue, in this process. Handlers' sendMessages land here (the local runtime
 * installs it with setQueuePort) and the queue's consumer `functions/workers/<consumer>.ts`
 * receives them as SQSEvents, with SQS-with-Lambda semantics:
 *
 * - at-least-once: every send is a new message with its own id, so the same body sent twice is
 *   delivered twice; a failed message comes back.
 * - a poll takes up to batchSize visible messages, waiting up to maxBatchingWindowSeconds for a
 *   full batch; receiving a message hides it for visibilityTimeoutSeconds and counts the receive.
 * - the consumer's `{batchItemFailures}` keep those messages, the rest are deleted; a thrown
 *   error, a timeout, or an itemIdentifier that is empty or not in the batch fails the whole
 *   batch, as Lambda does. Failed messages reappear once their visibility timeout, counted from
 *   the receive, has passed.
 * - a message received maxReceiveCount times that would become visible again moves to the
 *   queue's DLQ instead (SQS moves it on the next receive, so it too waits out the timeout).
 * - at most maxConcurrency batches of a queue are in flight at once (2 when unset, Lambda's
 *   minimum).
 *
 * Two simplifications, both on the safe side: a message is never handed out again while the
 * invocation that received it still runs (SQS would, once the timeout passed, but Lambda's
 * function timeout is never longer than the visibility timeout); and a timed-out invocation is
 * not killed, only abandoned, its batch counted as failed.
 *
 * `timeScale` shrinks visibility timeouts and batching windows (0.001 in tests) without changing
 * the function timeout; `now` lets a test hold or move the clock.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { queues as catalogueQueues, type QueueSpec } from '#shared/catalogue/index.ts';
import { SQS_MAX_MESSAGE_BYTES, type QueuePort } from '#functions/platform/queue.ts';
import { cachedLoader, importHandler } from './handler-import.ts';
import { invokeLocal, LambdaTimeout } from './lambda-context.ts';
import { LOCAL_REGION, localArn } from './local-arn.ts';

/** A worker's Lambda handler, as the runner calls it; its answer is checked like Lambda checks it. */
export type SqsConsumer = (event: SQSEvent, context: Context) => Promise<unknown>;

export interface QueueRunnerOptions {
  /** @default the catalogue's queues */
  readonly queues?: Readonly<Record<string, QueueSpec>>;
  /** @default imports `functions/workers/<consumer>.ts` once and takes its `handler` */
  readonly loadConsumer?: (consumer: string) => Promise<SqsConsumer>;
  /** Milliseconds since the epoch. @default Date.now */
  readonly now?: () => number;
  /** Multiplies visibility timeouts and batching windows. @default 1 */
  readonly timeScale?: number;
  /** The longest the runner sleeps between looks at its queues (how soon it sees a moved clock). @default 100 */
  readonly pollIntervalMs?: number;
  /**
   * The consumer's function timeout, real milliseconds, not scaled.
   * @default the queue's visibility timeout (Lambda allows no longer)
   */
  readonly invocationTimeoutMs?: number;
  /**
   * Each body sent is enqueued this many times, as separate messages: SQS's at-least-once
   * delivery made the rule, so tests can prove consumers idempotent. @default 1
   */
  readonly copiesPerMessage?: number;
  readonly log?: (line: string) => void;
}

export interface DeadLetter {
  readonly messageId: string;
  readonly body: string;
  readonly receiveCount: number;
}

/** As of the runner's last look at the queue. */
export interface QueueStats {
  /** Ready to be received. */
  readonly visible: number;
  /** Received by an invocation that is still running. */
  readonly inFlight: number;
  /** Failed, waiting out the visibility timeout. */
  readonly delayed: number;
  /** In the dead-letter queue. */
  readonly dead: number;
  /** Receives, counting every redelivery. */
  readonly delivered: number;
  readonly deleted: number;
}

export interface QueueRunner extends QueuePort {
  send(queue: string, bodies: readonly string[]): Promise<void>;
  start(): void;
  /** Stops polling and waits for the batches in flight. Messages stay for the next start. */
  stop(): Promise<void>;
  /**
   * Resolves when no queue has a visible, in-flight or delayed message (dead letters aside);
   * rejects after `timeoutMs` (default 30 s) with the queues' stats. Only a started runner drains.
   */
  drain(options?: { timeoutMs?: number }): Promise<void>;
  deadLetters(queue: string): DeadLetter[];
  /** Moves the queue's dead letters back to it, their receive counts starting again; answers how many. */
  redrive(queue: string): number;
  stats(queue: string): QueueStats;
}

const DEFAULT_MAX_CONCURRENCY = 2;
const DEFAULT_DRAIN_TIMEOUT_MS = 30_000;
const SENDER_ID = 'AROALOCALCORDONRUNNER:cordon-local';

interface Message {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly sentAt: number;
  firstReceivedAt: number | undefined;
  receiveCount: number;
  visibleAt: number;
}

interface QueueState {
  readonly name: string;
  readonly spec: QueueSpec;
  readonly arn: string;
  /** Sets keep insertion order: messages are received roughly in the order they became visible. */
  readonly visible: Set<Message>;
  readonly delayed: Set<Message>;
  readonly inFlight: Set<Message>;
  readonly dead: Message[];
  running: number;
  /** When the batching window opened on a partial batch. */
  fillingSince: number | undefined;
  delivered: number;
  deleted: number;
}

/** Which messages of a batch failed, and why, for the log. */
type Outcome = { readonly failed: 'all'; readonly reason: string } | { readonly failed: readonly string[] };

interface DrainWaiter {
  readonly resolve: () => void;
  readonly timer: NodeJS.Timeout;
}

export function createQueueRunner(options: QueueRunnerOptions = {}): QueueRunner {
  const now = options.now ?? Date.now;
  const timeScale = options.timeScale ?? 1;
  const pollIntervalMs = options.pollIntervalMs ?? 100;
  const log = options.log ?? (() => undefined);
  const consumerOf = cachedLoader(options.loadConsumer ?? ((consumer) => importHandler<SqsConsumer>('workers', consumer)));
  const states = new Map<string, QueueState>(
    Object.entries(options.queues ?? catalogueQueues).map(([name, spec]) => [name, newQueueState(name, spec)]),
  );
  const invocations = new Set<Promise<void>>();
  const waiters = new Set<DrainWaiter>();
  let started = false;
  let timer: NodeJS.Timeout | undefined;
  let kicked = false;

  const stateOf = (queue: string): QueueState => {
    const state = states.get(queue);
    if (!state) throw new Error(`no queue "${queue}" (known: ${[...states.keys()].join(', ')})`);
    return state;
  };
  const visibilityMs = (q: QueueState) => q.spec.visibilityTimeoutSeconds * 1000 * timeScale;
  const windowMs = (q: QueueState) => (q.spec.maxBatchingWindowSeconds ?? 0) * 1000 * timeScale;
  const capacity = (q: QueueState) => q.spec.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY;
  const idle = () => [...states.values()].every((q) => q.visible.size + q.delayed.size + q.inFlight.size === 0);

  /** Coalesces wake-ups, so the messages of several sends in one tick can share a batch. */
  function kick(): void {
    if (kicked) return;
    kicked = true;
    setImmediate(() => {
      kicked = false;
      pump();
    });
  }

  function pump(): void {
    clearTimeout(timer);
    timer = undefined;
    if (started) {
      const t = now();
      for (const q of states.values()) {
        promote(q, t);
        while (q.running < capacity(q) && batchReady(q, t)) dispatch(q, receive(q, t));
      }
      arm(t);
    }
    settle();
  }

  /** Messages whose visibility timeout has passed become visible, or dead once out of receives. */
  function promote(q: QueueState, t: number): void {
    for (const m of q.delayed) {
      if (m.visibleAt > t) continue;
      q.delayed.delete(m);
      if (m.receiveCount >= q.spec.maxReceiveCount) {
        q.dead.push(m);
        log(`queue ${q.name}: message ${m.messageId} moved to the DLQ after ${m.receiveCount} receives`);
      } else {
        q.visible.add(m);
      }
    }
  }

  /** A full batch, or a partial one whose batching window has closed. */
  function batchReady(q: QueueState, t: number): boolean {
    if (q.visible.size === 0) {
      q.fillingSince = undefined;
      return false;
    }
    if (q.visible.size >= q.spec.batchSize || windowMs(q) === 0) return true;
    q.fillingSince ??= t;
    return t - q.fillingSince >= windowMs(q);
  }

  function receive(q: QueueState, t: number): Message[] {
    const batch: Message[] = [];
    for (const m of q.visible) {
      if (batch.length === q.spec.batchSize) break;
      q.visible.delete(m);
      q.inFlight.add(m);
      m.receiveCount += 1;
      m.firstReceivedAt ??= t;
      m.visibleAt = t + visibilityMs(q);
      batch.push(m);
    }
    q.fillingSince = undefined;
    q.delivered += batch.length;
    return batch;
  }

  function dispatch(q: QueueState, batch: readonly Message[]): void {
    q.running += 1;
    const event: SQSEvent = { Records: batch.map((m) => toRecord(q, m)) };
    const invocation = invoke(q, event).then((outcome) => complete(q, batch, outcome));
    invocations.add(invocation);
    void invocation.finally(() => invocations.delete(invocation));
  }

  async function invoke(q: QueueState, event: SQSEvent): Promise<Outcome> {
    let consumer: SqsConsumer;
    try {
      consumer = await consumerOf(q.spec.consumer);
    } catch (error) {
      return { failed: 'all', reason: `consumer ${q.spec.consumer} did not load: ${errorText(error)}` };
    }
    const timeoutMs = options.invocationTimeoutMs ?? q.spec.visibilityTimeoutSeconds * 1000;
    try {
      return outcomeOf(await invokeLocal(consumer, event, { module: q.spec.consumer, timeoutMs }), event.Records);
    } catch (error) {
      return { failed: 'all', reason: error instanceof LambdaTimeout ? error.message : `threw ${errorText(error)}` };
    }
  }

  function complete(q: QueueState, batch: readonly Message[], outcome: Outcome): void {
    q.running -= 1;
    const failed = outcome.failed === 'all' ? undefined : new Set(outcome.failed);
    let failures = 0;
    for (const m of batch) {
      q.inFlight.delete(m);
      if (failed === undefined || failed.has(m.messageId)) {
        // Stays in the queue, hidden until the visibility timeout set at its receive.
        q.delayed.add(m);
        failures += 1;
      } else {
        q.deleted += 1;
      }
    }
    const why = outcome.failed === 'all' ? ` (batch failed: ${outcome.reason})` : '';
    log(`queue ${q.name}: batch of ${batch.length}, ${batch.length - failures} done, ${failures} to retry${why}`);
    kick();
  }

  /** Sleeps until the next delayed message or batching window is due, at most pollIntervalMs. */
  function arm(t: number): void {
    let due = Infinity;
    for (const q of states.values()) {
      for (const m of q.delayed) due = Math.min(due, m.visibleAt);
      if (q.fillingSince !== undefined && q.running < capacity(q)) due = Math.min(due, q.fillingSince + windowMs(q));
    }
    if (due === Infinity) return;
    timer = setTimeout(pump, Math.min(pollIntervalMs, Math.max(0, Math.ceil(due - t))));
  }

  function settle(): void {
    if (waiters.size === 0 || !idle()) return;
    for (const waiter of waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve();
    }
    waiters.clear();
  }

  function toRecord(q: QueueState, m: Message): SQSRecord {
    return {
      messageId: m.messageId,
      receiptHandle: Buffer.from(`${m.messageId}:${m.receiveCount}:${randomUUID()}`).toString('base64'),
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(m.sentAt),
        SenderId: SENDER_ID,
        ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? m.sentAt),
      },
      messageAttributes: {},
      md5OfBody: m.md5OfBody,
      eventSource: 'aws:sqs',
      eventSourceARN: q.arn,
      awsRegion: LOCAL_REGION,
    };
  }

  return {
    async send(queue, bodies) {
      const q = stateOf(queue);
      for (const body of bodies) {
        const size = Buffer.byteLength(body, 'utf8');
        if (size === 0 || size > SQS_MAX_MESSAGE_BYTES) throw new Error(`queue ${queue}: a message of ${size} bytes is outside SQS's 1 byte – 1 MiB`);
      }
      const t = now();
      for (const body of bodies.flatMap((b) => Array.from({ length: options.copiesPerMessage ?? 1 }, () => b))) {
        q.visible.add({
          messageId: randomUUID(),
          body,
          md5OfBody: createHash('md5').update(body, 'utf8').digest('hex'),
          sentAt: t,
          firstReceivedAt: undefined,
          receiveCount: 0,
          visibleAt: t,
        });
      }
      kick();
    },

    start() {
      started = true;
      kick();
    },

    async stop() {
      started = false;
      clearTimeout(timer);
      timer = undefined;
      await Promise.all(invocations);
    },

    drain({ timeoutMs = DEFAULT_DRAIN_TIMEOUT_MS } = {}) {
      if (idle()) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const waiter: DrainWaiter = {
          resolve,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            const stats = [...states.values()].map((q) => `${q.name} ${JSON.stringify(statsOf(q))}`);
            reject(new Error(`queues not drained after ${timeoutMs} ms: ${stats.join('; ')}`));
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    },

    deadLetters(queue) {
      return stateOf(queue).dead.map(({ messageId, body, receiveCount }) => ({ messageId, body, receiveCount }));
    },

    redrive(queue) {
      const q = stateOf(queue);
      const moved = q.dead.splice(0);
      const t = now();
      for (const m of moved) {
        m.receiveCount = 0;
        m.visibleAt = t;
        q.visible.add(m);
      }
      if (moved.length > 0) kick();
      return moved.length;
    },

    stats(queue) {
      return statsOf(stateOf(queue));
    },
  };
}

function statsOf(q: QueueState): QueueStats {
  return {
    visible: q.visible.size,
    inFlight: q.inFlight.size,
    delayed: q.delayed.size,
    dead: q.dead.length,
    delivered: q.delivered,
    deleted: q.deleted,
  };
}

function newQueueState(name: string, spec: QueueSpec): QueueState {
  for (const key of ['batchSize', 'maxReceiveCount'] as const) {
    if (!Number.isInteger(spec[key]) || spec[key] < 1) throw new RangeError(`queue ${name}: ${key} must be a whole number ≥ 1`);
  }
  return {
    name,
    spec,
    arn: localArn('sqs', name),
    visible: new Set(),
    delayed: new Set(),
    inFlight: new Set(),
    dead: [],
    running: 0,
    fillingSince: undefined,
    delivered: 0,
    deleted: 0,
  };
}

/** Lambda's rules for a ReportBatchItemFailures answer. */
function outcomeOf(response: unknown, records: readonly SQSRecord[]): Outcome {
  if (response === undefined || response === null) return { failed: [] };
  if (typeof response !== 'object') return { failed: 'all', reason: 'the answer is not an object' };
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { failed: [] };
  if (!Array.isArray(failures)) return { failed: 'all', reason: 'batchItemFailures is not a list' };
  const ids = new Set(records.map((r) => r.messageId));
  const failed: string[] = [];
  for (const failure of failures as unknown[]) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !ids.has(id)) {
      return { failed: 'all', reason: `itemIdentifier ${JSON.stringify(id)} is not a message of the batch` };
    }
    failed.push(id);
  }
  return { failed };
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
