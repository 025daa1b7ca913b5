/**
 * Worker of the campaignPlan queue (fan-out level 1): lists a new campaign's compounds and sends
 * them on to campaignExpand. See functions/flows/fan-out.ts for why a redelivery is harmless.
 */
import { planCampaign } from '../flows/fan-out.ts';
import { sqsHandler } from '../edge/sqs.ts';

export const handler = sqsHandler('campaignPlan', async (message) => {
  await planCampaign(message.campaignId);
});
