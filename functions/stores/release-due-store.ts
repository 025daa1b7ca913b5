/**
 * The automatic release's sparse index (`RELEASEDUE#<day> / <personId>`): written at enrolment
 * under the China day the person's period ends. Once that day is over, the release job
 * (functions/jobs/release-people.ts) reads only that day's partition — the people whose period
 * is over — never every person. A person released is dropped; one whose conditions do not hold
 * yet (a test result outstanding) moves on to the current day's partition, read again after it.
 */
import { dayEnd } from '#shared/domain/disinfection.ts';
import { keys, TABLE } from '#shared/table.ts';
import { queryAll, transactWrite, type Item, type TransactOp } from '../platform/table.ts';

/** How long an item left behind (the job down for longer than its catch-up) lives after its day before the table's TTL removes it. */
const DUE_TTL_DAYS = 30;

/** The write that files a person for release on `day` (for the caller's transaction). */
export function releaseDueOp(personId: string, day: string): TransactOp {
  return {
    put: {
      ...keys.releaseDue(day, personId), type: 'release-due', personId,
      [TABLE.ttlAttribute]: Math.floor(Date.parse(dayEnd(day)) / 1000) + DUE_TTL_DAYS * 86_400,
    },
  };
}

export const dropReleaseDueOp = (day: string, personId: string): TransactOp => ({ delete: keys.releaseDue(day, personId) });

/** The people filed for release on `day`. */
export async function dueForRelease(day: string): Promise<string[]> {
  const items = await queryAll<Item>({ partition: keys.releaseDue(day, '').pk });
  return items.map((i) => String(i.sk));
}

/** Files the person again under `to` (a later day), in one transaction with dropping them from `from`. */
export async function postponeRelease(personId: string, from: string, to: string): Promise<void> {
  if (from === to) return;
  await transactWrite([releaseDueOp(personId, to), dropReleaseDueOp(from, personId)]);
}

export const dropReleaseDue = (day: string, personId: string) => transactWrite([dropReleaseDueOp(day, personId)]);
