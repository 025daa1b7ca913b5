/**
 * Worker of the campaignExpand queue (fan-out level 2): each compound of a message becomes its
 * tasks, counted once. A message that fails on its last receive (the record's
 * ApproximateReceiveCount reaching the queue's maxReceiveCount) first records its unexpanded
 * compounds in the campaign's `failed` list, then fails on into the DLQ.
 */
import { queues } from '#shared/catalogue/queues.ts';
import { expandCompounds, recordFailedCompounds } from '../flows/fan-out.ts';
import { sqsHandler } from '../edge/sqs.ts';

export const handler = sqsHandler('campaignExpand', async (message, record) => {
  try {
    await expandCompounds(message, record);
  } catch (error) {
    if (Number(record.attributes.ApproximateReceiveCount) >= queues.campaignExpand.maxReceiveCount) {
      await recordFailedCompounds(message, error);
    }
    throw error;
  }
}, { processInParallel: false });
