/**
 * Every queue of Cordon, once: its consumer, batch size, visibility timeout and max receives.
 */
import * as z from 'zod';
import { defineQueues } from './types.ts';

export const queues = defineQueues({
  assignCompounds: {
    consumer: 'assign-compounds',
    description:
      'After community boundaries change, place unassigned compounds (and their buildings) in the community that contains them',
    message: z.object({ streetId: z.string().nullable().optional(), reason: z.string() }),
    batchSize: 1,
    visibilityTimeoutSeconds: 120,
    maxReceiveCount: 3,
    maxConcurrency: 2,
  },
});

export type Queues = typeof queues;
export type QueueName = keyof Queues;
export type QueueMessage<Q extends QueueName> = z.infer<Queues[Q]['message']>;
