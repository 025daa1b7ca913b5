/**
 * The SQS edge of every worker: a Lambda handler for one catalogue queue that parses each
 * record's body with the queue's zod schema and reports partial batch failures
 * (ReportBatchItemFailures) through Powertools' BatchProcessor, so one bad message is
 * redelivered, and after the queue's max receives moved to its DLQ, while the rest complete.
 *
 * When every record of a batch fails, Powertools throws FullBatchFailureError instead of listing
 * them all: the invocation fails and the whole batch comes back, the same outcome, and it shows
 * in the function's Errors metric.
 *
 * A worker module declares only what one message does:
 *   export const handler = sqsHandler('assignCompounds', async (message, record) => { … });
 *
 * Bodies are never logged (they may carry residents' data): a failure is logged with the
 * message id, the receive count and, for a body that fails the schema, the paths at fault.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { queues, type QueueMessage, type QueueName } from '#shared/catalogue/queues.ts';
import { logger } from '../platform/logger.ts';

/** A body that is not JSON or does not match the queue's schema; retrying will not help, the DLQ will. */
class MessageParseError extends Error {
  readonly messageId: string;

  constructor(messageId: string, detail: string) {
    super(`message ${messageId}: ${detail}`);
    this.name = 'MessageParseError';
    this.messageId = messageId;
  }
}

export interface SqsHandlerOptions {
  /**
   * Process a batch's records concurrently (Powertools' default) or one after another.
   * @default true
   */
  readonly processInParallel?: boolean;
}

export type SqsMessageHandler<Q extends QueueName> = (message: QueueMessage<Q>, record: SQSRecord) => Promise<void>;

export function sqsHandler<Q extends QueueName>(queue: Q, process: SqsMessageHandler<Q>, options: SqsHandlerOptions = {}) {
  const parse = messageParser(queue);
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    try {
      await process(parse(record), record);
    } catch (error) {
      logger.warn('message failed', {
        queue,
        messageId: record.messageId,
        receiveCount: Number(record.attributes.ApproximateReceiveCount),
        error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
      });
      throw error;
    }
  };
  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event, context) => {
      // A processor holds one batch's state; the local runner invokes a handler concurrently.
      const processor = new BatchProcessor(EventType.SQS);
      const response = await processPartialResponse(event, recordHandler, processor, {
        context,
        processInParallel: options.processInParallel ?? true,
      });
      logger.info('batch processed', { queue, records: event.Records.length, failed: response.batchItemFailures.length });
      return response;
    });
}

/** JSON.parse then the queue's schema; the error names the paths at fault, never the values. */
function messageParser<Q extends QueueName>(queue: Q): (record: SQSRecord) => QueueMessage<Q> {
  const schema = queues[queue].message;
  return (record) => {
    let json: unknown;
    try {
      json = JSON.parse(record.body);
    } catch {
      // JSON.parse's message quotes the body: it stays out of the error, so it is no cause either.
      throw new MessageParseError(record.messageId, 'body is not JSON');
    }
    const result = schema.safeParse(json);
    if (!result.success) {
      const paths = result.error.issues.map((issue) => `${issue.path.join('.') || '(body)'} (${issue.code})`);
      throw new MessageParseError(record.messageId, `body does not match the ${queue} schema: ${paths.join(', ')}`);
    }
    return result.data as QueueMessage<Q>;
  };
}
