/**
 * Every 5 minutes: campaigns stuck in `fanning-out` get their plan message again. The fan-out is
 * idempotent (functions/flows/fan-out.ts: the planned count is set once, expanders skip compounds
 * already expanded), so a resend that overlaps a slow first delivery only costs the re-listing.
 *
 * Why a campaign sticks: POST /v1/campaigns writes it, then sends the plan message; if that send
 * fails, nothing else would ever plan it. The POST answers 202 anyway (the campaign exists and
 * this job starts it), so a client does not retry into a second campaign. A plan message that
 * went to the DLQ leaves the campaign the same way.
 *
 * Stuck means no step for a while: not planned {@link UNPLANNED_MINUTES} after its creation (or
 * this job's last resend), or planned but still fanning out {@link FANNING_MINUTES} after it (a
 * city-wide fan-out takes a minute or two). Campaigns are read from their own index partition
 * (byParent `CAMPAIGNS`, by creation time; there are few), only those created in the last
 * {@link LOOK_BACK_DAYS} days — never a scan. Each resend is first recorded on the campaign with
 * a condition on the previous one, so two runs at once resend it once.
 */
import { DAY_MS, isoAfter, isoAt, MINUTE_MS } from '#shared/domain/time.ts';
import { campaignsCreatedBetween, markReplanned, type CampaignRecord } from '../stores/campaign-store.ts';
import { now } from '../platform/clock.ts';
import { logger } from '../platform/logger.ts';
import { sendMessages } from '../platform/queue.ts';
import { scheduledHandler } from '../edge/scheduled.ts';

/** A plan takes seconds; its queue retries a failed one 3 times within 15 minutes. */
export const UNPLANNED_MINUTES = 10;
export const FANNING_MINUTES = 60;
const LOOK_BACK_DAYS = 7;

/** Whether a fanning-out campaign has made no step for long enough to be planned again. */
function stalled(campaign: CampaignRecord, at: number): boolean {
  if (campaign.status !== 'fanning-out') return false;
  const since = Date.parse(campaign.replannedAt ?? campaign.createdAt);
  const wait = campaign.compoundsPlanned === null ? UNPLANNED_MINUTES : FANNING_MINUTES;
  return at - since >= wait * MINUTE_MS;
}

export async function restartCampaigns(): Promise<{ fanningOut: number; restarted: string[] }> {
  const at = now().getTime();
  const atIso = isoAt(at);
  const from = isoAfter(at, -LOOK_BACK_DAYS * DAY_MS);
  const to = isoAfter(at, -Math.min(UNPLANNED_MINUTES, FANNING_MINUTES) * MINUTE_MS);
  const recent = await campaignsCreatedBetween(from, to);
  const restarted: string[] = [];
  for (const campaign of recent.filter((c) => stalled(c, at))) {
    if (!(await markReplanned(campaign, atIso))) continue;
    await sendMessages('campaignPlan', [{ campaignId: campaign.id }]);
    restarted.push(campaign.id);
  }
  return { fanningOut: recent.filter((c) => c.status === 'fanning-out').length, restarted };
}

export const handler = scheduledHandler('restartCampaigns', async () => {
  const result = await restartCampaigns();
  if (result.restarted.length > 0) logger.warn('stalled campaigns planned again', result);
  else logger.info('no stalled campaigns', result);
});
