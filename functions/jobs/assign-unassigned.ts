/**
 * Hourly safety net: asks the assign-compounds worker to place compounds still held at city
 * level, in case a boundary import's own message was lost or failed into the DLQ.
 */
import { scheduledHandler } from '../edge/scheduled.ts';
import { sendMessages } from '../platform/queue.ts';

export const handler = scheduledHandler('assignUnassigned', async (_event, _context, { schedule }) => {
  await sendMessages('assignCompounds', [{ streetId: null, reason: `schedule:${schedule}` }]);
});
