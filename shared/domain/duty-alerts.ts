/**
 * The alerts of missed duties (issue 17's inbox): a duty shift nobody clocked in to within its
 * grace (missed_clock_in), and a compound that did fewer disinfection rounds than its China day
 * required (missed_round). Each alert's id comes from its subject — the shift, or the compound and
 * day — so the jobs that judge them can run again and raise none twice.
 */
import { SYSTEM_ACTOR } from '../roles.ts';
import type { Alert } from '../schemas/alert.ts';
import type { MissedRound } from '../schemas/disinfection.ts';
import { newAlert } from './alerts.ts';

/** Where a missed duty happened: the compound and the places it belongs to. */
export interface DutyPlace {
  readonly compoundId: string;
  readonly communityId: string | null;
  readonly streetId: string | null;
}

/** The shift whose person did not clock in in time (details name them by username; the inbox shows their name from the directory). */
export interface MissedShift {
  readonly id: string;
  readonly exitId: string;
  readonly start: string;
  readonly person?: string | undefined;
}

export function missedClockInAlert(shift: MissedShift, place: DutyPlace, graceMinutes: number, at: string): Alert {
  return newAlert({
    kind: 'missed_clock_in',
    source: { type: 'shift', id: shift.id },
    ...place,
    exitId: shift.exitId,
    raisedAt: at,
    raisedBy: SYSTEM_ACTOR.username,
    details: { exitId: shift.exitId, shiftId: shift.id, shiftStart: shift.start, person: shift.person ?? '', graceMinutes },
  });
}

/**
 * A compound's missed rounds of a day; `rounds` are the slots of the day's public-area rounds not
 * completed (done or partial), when known.
 */
export function missedRoundAlert(missed: MissedRound, rounds: readonly string[], at: string): Alert {
  return newAlert({
    kind: 'missed_round',
    source: { type: 'round', id: `${missed.date.replaceAll('-', '')}_${missed.compoundId}` },
    compoundId: missed.compoundId,
    communityId: missed.communityId,
    streetId: missed.streetId,
    raisedAt: at,
    raisedBy: SYSTEM_ACTOR.username,
    details: { day: missed.date, compoundName: missed.compoundName, required: missed.required, completed: missed.completed, rounds: [...rounds] },
  });
}
