/**
 * Every queue of Cordon, once: its consumer, batch size, visibility timeout and max receives.
 */
import * as z from '../zod.ts';
import { CampaignKind } from '../schemas/campaign.ts';
import { defineQueues } from './types.ts';

export const queues = defineQueues({
  assignCompounds: {
    consumer: 'assign-compounds',
    description:
      'After community boundaries change, place unassigned compounds (and their buildings) in the community that contains them',
    message: z.object({ streetId: z.optional(z.nullable(z.string())), reason: z.string() }),
    batchSize: 1,
    visibilityTimeoutSeconds: 120,
    maxReceiveCount: 3,
    maxConcurrency: 2,
  },
  campaignPlan: {
    consumer: 'campaign-plan',
    description: 'Fan-out level 1: list a new campaign\'s compounds and send them to campaignExpand, a few compounds a message',
    message: z.object({ campaignId: z.string() }),
    batchSize: 1,
    visibilityTimeoutSeconds: 300,
    maxReceiveCount: 3,
    maxConcurrency: 2,
  },
  campaignExpand: {
    consumer: 'campaign-expand',
    description:
      'Fan-out level 2: each compound of a message becomes one task per building (BatchWrite, deterministic keys), counted once per compound',
    // The kind says what to read of each compound before the campaign is read (absent: a sweep's);
    // a round's message names its compounds' case buildings (the planner read them once).
    message: z.object({
      campaignId: z.string(), compoundIds: z.array(z.string()).check(z.minLength(1), z.maxLength(25)), kind: z.optional(CampaignKind),
      caseBuildings: z.optional(z.record(z.string(), z.array(z.string()))),
    }),
    batchSize: 10,
    visibilityTimeoutSeconds: 120,
    maxReceiveCount: 3,
    maxConcurrency: 16,
  },
});

export type Queues = typeof queues;
export type QueueName = keyof Queues;
export type QueueMessage<Q extends QueueName> = z.infer<Queues[Q]['message']>;
