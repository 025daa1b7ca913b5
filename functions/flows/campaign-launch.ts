/**
 * A campaign launched: written (campaign-store.ts), then its plan message sent to the fan-out. Its
 * own module so that what reads or counts campaigns (the jobs that complete or expire tasks) does
 * not carry the queue port and the queues' message schemas.
 */
import type { Caller } from '#shared/roles.ts';
import { logger } from '../platform/logger.ts';
import { sendMessages } from '../platform/queue.ts';
import { writeNewCampaign, type newCampaignItem } from '../stores/campaign-store.ts';

/**
 * Writes the new campaign, then sends the plan message. A send that fails is only logged: the
 * campaign is written, and the restartCampaigns schedule sends it again (the fan-out is
 * idempotent). ConflictError when the id exists.
 */
export async function launchCampaign(
  campaign: Parameters<typeof newCampaignItem>[0],
  caller: Pick<Caller, 'username' | 'role'>,
): Promise<void> {
  await writeNewCampaign(campaign, caller);
  try {
    await sendMessages('campaignPlan', [{ campaignId: campaign.id }]);
  } catch (error) {
    // The campaign is written: answering an error would only invite a retry into a second one.
    logger.error('plan message not sent; the restartCampaigns schedule will send it', { campaignId: campaign.id, error: error as Error });
  }
}
