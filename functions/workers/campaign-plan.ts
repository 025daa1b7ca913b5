/**
 * Worker of the campaignPlan queue (fan-out level 1): lists a new campaign's compounds and sends
 * them on to campaignExpand. See functions/lib/fan-out.ts for why a redelivery is harmless.
 */
import { planCampaign } from '../lib/fan-out.ts';
import { sqsHandler } from '../lib/sqs.ts';

export const handler = sqsHandler('campaignPlan', async (message) => {
  await planCampaign(message.campaignId);
});
