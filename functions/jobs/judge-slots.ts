/**
 * Every 15 minutes: judges the report slots whose windows have closed. For each such slot of the
 * last CATCH_UP_DAYS China days, oldest first (so a slot's predecessor is judged before it), it
 * reads the slot's partition of the sparse due index — only the people still due it — and marks
 * each unreported slot `missed`; a second missed slot in a row raises one alert for the person's
 * grid worker (functions/stores/slot-due-store.ts). Judged slots leave the index, so a rerun, a
 * late or repeated firing reads empty partitions and changes nothing.
 */
import { chinaDay } from '#shared/domain/china-time.ts';
import { dayBefore } from '#shared/domain/disinfection.ts';
import { SLOTS, slotWindow, type SlotKey } from '#shared/domain/observation.ts';
import { nowIso } from '../platform/clock.ts';
import { logger } from '../platform/logger.ts';
import { observationSettings } from '../platform/observation-settings.ts';
import { judgeSlot } from '../stores/slot-due-store.ts';
import { scheduledHandler } from '../edge/scheduled.ts';

/** How far back a run looks for closed slots still due: a job down for a day catches up. */
export const CATCH_UP_DAYS = 2;

/** The slots whose windows closed by `at`, within the catch-up days, oldest first. */
export function closedSlots(at: string, windows = observationSettings().windows): SlotKey[] {
  const today = chinaDay(at);
  const keys: SlotKey[] = [];
  for (let back = CATCH_UP_DAYS + 1; back >= 0; back -= 1) {
    const date = dayBefore(today, back);
    for (const slot of SLOTS) if (Date.parse(slotWindow(date, slot, windows).closes) <= Date.parse(at)) keys.push({ date, slot });
  }
  return keys;
}

export async function judgeSlots(at: string = nowIso()) {
  const totals = { slots: 0, due: 0, missed: 0, alerts: 0, itemsRead: 0 };
  for (const key of closedSlots(at)) {
    const judged = await judgeSlot(key, at);
    totals.slots += 1;
    totals.due += judged.due;
    totals.missed += judged.missed;
    totals.alerts += judged.alerts;
    totals.itemsRead += judged.itemsRead;
  }
  return totals;
}

export const handler = scheduledHandler('judgeSlots', async () => {
  logger.info('report slots judged', await judgeSlots());
});
