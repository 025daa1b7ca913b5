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
import { indexKeys, indexSortKeys, keys } from '#shared/table.ts';
import { campaignFromItem } from '../stores/campaign-store.ts';
import { now } from '../platform/clock.ts';
import { ConflictError } from '../platform/errors.ts';
import { logger } from '../platform/logger.ts';
import { sendMessages } from '../platform/queue.ts';
import { scheduledHandler } from '../edge/scheduled.ts';
import { queryAll, updateItem, type Item } from '../platform/table.ts';

/** A plan takes seconds; its queue retries a failed one 3 times within 15 minutes. */
export const UNPLANNED_MINUTES = 10;
export const FANNING_MINUTES = 60;
const LOOK_BACK_DAYS = 7;

/** Whether a fanning-out campaign has made no step for long enough to be planned again. */
function stalled(item: Item, at: number): boolean {
  const campaign = campaignFromItem(item);
  if (campaign.status !== 'fanning-out') return false;
  const since = Date.parse((item.replannedAt as string | undefined) ?? campaign.createdAt);
  const wait = campaign.compoundsPlanned === null ? UNPLANNED_MINUTES : FANNING_MINUTES;
  return at - since >= wait * MINUTE_MS;
}

/** Records the resend, unless another run did meanwhile or the campaign moved on. */
async function markReplanned(item: Item, atIso: string): Promise<boolean> {
  const previous = item.replannedAt as string | undefined;
  try {
    await updateItem(
      {
        Key: keys.campaign(item.id as string),
        UpdateExpression: 'SET replannedAt = :at ADD replans :one',
        ConditionExpression: `#status = :fanning AND ${previous ? 'replannedAt = :previous' : 'attribute_not_exists(replannedAt)'}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':at': atIso, ':one': 1, ':fanning': 'fanning-out', ...(previous ? { ':previous': previous } : {}) },
      },
      'campaign moved on',
    );
    return true;
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
}

export async function restartCampaigns(): Promise<{ fanningOut: number; restarted: string[] }> {
  const at = now().getTime();
  const atIso = isoAt(at);
  const from = isoAfter(at, -LOOK_BACK_DAYS * DAY_MS);
  const to = isoAfter(at, -Math.min(UNPLANNED_MINUTES, FANNING_MINUTES) * MINUTE_MS);
  const recent = await queryAll<Item>({ index: 'byParent', partition: indexKeys.campaigns(), between: [from, indexSortKeys.campaign(to, '~')] });
  const restarted: string[] = [];
  for (const entry of recent.filter((item) => stalled(item, at))) {
    if (!(await markReplanned(entry, atIso))) continue;
    await sendMessages('campaignPlan', [{ campaignId: entry.id as string }]);
    restarted.push(entry.id as string);
  }
  return { fanningOut: recent.filter((item) => item.status === 'fanning-out').length, restarted };
}

export const handler = scheduledHandler('restartCampaigns', async () => {
  const result = await restartCampaigns();
  if (result.restarted.length > 0) logger.warn('stalled campaigns planned again', result);
  else logger.info('no stalled campaigns', result);
});
