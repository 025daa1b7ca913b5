/**
 * Vulnerable residents' pairs (结对帮扶): each vulnerable resident is paired with a cadre who
 * visits or calls daily. A pair is unreached on a China day when no contact that reached the
 * person (outcome ok or needs_help) was logged that day; a call nobody answered (not_reached) is
 * logged but does not count. Pure: the day-end job and the live list of today both judge here.
 */
import { chinaDay } from './china-time.ts';

export interface PairedPerson {
  readonly id: string;
  readonly pairedWith?: string;
  readonly lastContactAt?: string;
  readonly createdAt: string;
}

export interface LoggedContact {
  readonly at: string;
  readonly outcome: 'ok' | 'needs_help' | 'not_reached';
}

/**
 * Whose contacts of `day` must be read to judge them: only people whose last contact fell on
 * that day or later (a contact is always logged at its own time, so an earlier last contact
 * means none that day). People enrolled after the day are not judged on it.
 */
export function contactsToRead(day: string, people: readonly PairedPerson[]): PairedPerson[] {
  return people.filter((p) => chinaDay(p.createdAt) <= day && p.lastContactAt !== undefined && chinaDay(p.lastContactAt) >= day);
}

/** Whether the person was reached on `day`, given the contacts logged for them (any days). */
export const reachedOn = (day: string, contacts: readonly LoggedContact[]): boolean =>
  contacts.some((c) => chinaDay(c.at) === day && c.outcome !== 'not_reached');

/** The people of `people` not reached on `day`: `contacts` holds what was read for contactsToRead's people. */
export function unreachedOn<P extends PairedPerson>(day: string, people: readonly P[], contacts: ReadonlyMap<string, readonly LoggedContact[]>): P[] {
  return people.filter((p) => chinaDay(p.createdAt) <= day && !reachedOn(day, contacts.get(p.id) ?? []));
}
