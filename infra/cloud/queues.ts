/**
 * The queues concern: each catalogue queue as an SQS queue with its dead-letter queue
 * (maxReceiveCount and visibility timeout from the catalogue), SQS-managed encryption and a
 * TLS-only policy, and its consumer wired by an event source mapping that reports partial
 * batch failures with the catalogue's batch size, batching window and maximum concurrency.
 */
import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueName, QueueSpec } from '#shared/catalogue/index.ts';
import { queueEntries } from './handlers.ts';
import { acknowledge } from './nag.ts';
import type { Stage } from './stage.ts';

/** The longest SQS keeps a message; dead letters wait this long for someone to look. */
const DLQ_RETENTION = Duration.days(14);

export interface CatalogueQueue {
  readonly name: QueueName;
  readonly spec: QueueSpec;
  readonly queue: Queue;
  readonly deadLetters: Queue;
}

export class Queues extends Construct {
  private readonly byName: ReadonlyMap<QueueName, CatalogueQueue>;

  constructor(scope: Construct, id: string, stage: Stage) {
    super(scope, id);
    const byName = new Map<QueueName, CatalogueQueue>();
    for (const [name, spec] of queueEntries()) {
      const deadLetters = new Queue(this, `${name}-dlq`, {
        queueName: stage.named(`${name}-dlq`),
        retentionPeriod: DLQ_RETENTION,
        removalPolicy: stage.transientRemovalPolicy,
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      acknowledge(deadLetters, 'AwsSolutions-SQS3', 'This is the dead-letter queue of the catalogue queue; a DLQ has none of its own.');
      const queue = new Queue(this, name, {
        queueName: stage.named(name),
        visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
        removalPolicy: stage.transientRemovalPolicy,
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        deadLetterQueue: { queue: deadLetters, maxReceiveCount: spec.maxReceiveCount },
      });
      byName.set(name, { name, spec, queue, deadLetters });
    }
    this.byName = byName;
  }

  get all(): CatalogueQueue[] {
    return [...this.byName.values()];
  }

  get(name: QueueName): CatalogueQueue {
    const found = this.byName.get(name);
    if (!found) throw new Error(`no queue ${name} in the catalogue`);
    return found;
  }

  /** Connects each queue to its consumer function (`consumerOf(spec.consumer)`). */
  connect(consumerOf: (consumer: string) => IFunction): void {
    for (const { spec, queue } of this.byName.values()) {
      consumerOf(spec.consumer).addEventSource(new SqsEventSource(queue, {
        batchSize: spec.batchSize,
        reportBatchItemFailures: true,
        ...(spec.maxConcurrency === undefined ? {} : { maxConcurrency: spec.maxConcurrency }),
        ...(spec.maxBatchingWindowSeconds === undefined ? {} : { maxBatchingWindow: Duration.seconds(spec.maxBatchingWindowSeconds) }),
      }));
    }
  }
}
