/**
 * Every hour: the automatic release (自动解除). For each China day of the last CATCH_UP_DAYS that
 * is over, it reads that day's partition of the sparse release index — only the people whose
 * period ended that day, or who were postponed to it — and releases each one whose every condition
 * holds (releasable(): period over, every slot reported or judged, every due test negative), through
 * the same store function as the release route (audit record, report link revoked). One whose
 * conditions do not hold yet moves on to today's partition; one released already (by hand) is
 * dropped. A rerun or a late firing reads emptied partitions and changes nothing.
 */
import { chinaDay } from '#shared/domain/china-time.ts';
import { dayBefore } from '#shared/domain/disinfection.ts';
import { releasable } from '#shared/domain/observation.ts';
import { SYSTEM_ACTOR } from '#shared/roles.ts';
import { scheduledHandler } from '../edge/scheduled.ts';
import { nowIso } from '../platform/clock.ts';
import { ConflictError } from '../platform/errors.ts';
import { logger } from '../platform/logger.ts';
import { getPersonRecord, observationOf, releasePerson } from '../stores/people-store.ts';
import { dropReleaseDue, dropReleaseDueOp, dueForRelease, postponeRelease } from '../stores/release-due-store.ts';

/** How many ended days a run reads: a job down for a week still releases everyone. */
export const CATCH_UP_DAYS = 7;

/** The note on an automatic release's audit record and person. */
export const AUTOMATIC_RELEASE_NOTE = 'automatic: every condition of release held';

export async function releasePeople(at: string = nowIso()) {
  const today = chinaDay(at);
  const totals = { due: 0, released: 0, postponed: 0, dropped: 0 };
  for (let back = CATCH_UP_DAYS; back >= 1; back -= 1) {
    const day = dayBefore(today, back);
    for (const personId of await dueForRelease(day)) {
      totals.due += 1;
      const record = await getPersonRecord(personId);
      const person = record?.person;
      if (!record || !person?.period || person.status !== 'under_observation') {
        await dropReleaseDue(day, personId);
        totals.dropped += 1;
        continue;
      }
      if (!releasable({ period: person.period, ...observationOf(record, at) }, at)) {
        await postponeRelease(personId, day, today);
        totals.postponed += 1;
        continue;
      }
      try {
        await releasePerson(person, { at, forced: false, note: AUTOMATIC_RELEASE_NOTE }, SYSTEM_ACTOR, [dropReleaseDueOp(day, personId)]);
        totals.released += 1;
      } catch (error) {
        // Released by hand meanwhile: nothing left to do but forget them.
        if (!(error instanceof ConflictError)) throw error;
        await dropReleaseDue(day, personId);
        totals.dropped += 1;
      }
    }
  }
  return totals;
}

export const handler = scheduledHandler('releasePeople', async () => {
  logger.info('people released', await releasePeople());
});
