/**
 * Gathers the evidence of a compound's six in place (shared/domain/scorecard.ts judges it) on a
 * China day: the exits as they stand (checkpoint), the open exits' shifts of the day (duty), the
 * day's registrations at the gates (the four musts), the gate notice and responsibility list
 * (notice-store), and the day's sweep coverage and disinfection rounds — those two from the daily
 * figures (daily-figures-store), so the report, the scorecard and the dashboard count them alike.
 */
import { chinaDay } from '#shared/domain/china-time.ts';
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import { dayEnd } from '#shared/domain/disinfection.ts';
import { clockInState, coverageGaps } from '#shared/domain/duty.ts';
import { openInLockdown, surplusOpenExits, unconfirmedSeals, type ExitGroup } from '#shared/domain/exit-rules.ts';
import { allowedOpenExits } from '#shared/domain/exits.ts';
import type { ScorecardEvidence } from '#shared/domain/scorecard.ts';
import { isoAt } from '#shared/domain/time.ts';
import { childSource } from './compound-store.ts';
import { roundFiguresOf, sweepFiguresOf } from './daily-figures-store.ts';
import { shiftsBetween } from './duty-store.ts';
import { entriesOfDaySource, storedEntryFromItem } from './entry-store.ts';
import { ruleSettings, storedExitFromItem, type StoredExit } from './exit-rules-store.ts';
import { noticePostedOn, responsibilityComplete } from './notice-store.ts';
import { readAll } from '../platform/list-sources.ts';

/** The query of a list source (the ones read here are queries). */

/** The first instant of a China day (UTC ISO). */
export const chinaDayStart = (day: string): string => isoAt(Date.parse(`${day}T00:00:00.000+08:00`));

/** A compound's exits as they stand (the registry keeps no history of exits). */
export async function exitsOf(compoundId: string): Promise<StoredExit[]> {
  return (await readAll(childSource(compoundId, 'exit'))).map(storedExitFromItem);
}

/** The exit rules about the checkpoint itself, over the compound's exits as they stand. */
function checkpointOf(compound: CompoundRecord, exits: readonly StoredExit[]): ScorecardEvidence['checkpoint'] {
  const group: ExitGroup = { status: compound.status, areaM2: compound.areaM2, exits, shifts: new Map() };
  return {
    open: exits.filter((e) => e.status === 'open').length,
    allowed: allowedOpenExits(compound.areaM2),
    surplus: surplusOpenExits(group).size,
    unconfirmedSeals: unconfirmedSeals(group).size,
    openInLockdown: openInLockdown(group).size,
  };
}

/** The open exits' shifts of the day: every minute covered, every started shift clocked in (as of `at`). */
async function dutyOf(open: readonly StoredExit[], day: string, at: string): Promise<ScorecardEvidence['duty']> {
  const from = chinaDayStart(day);
  const to = dayEnd(day);
  const grace = ruleSettings().clockInGraceMinutes;
  // A shift lasts at most 24 h: one starting the day before may cover the day's first hours.
  const before = isoAt(Date.parse(from) - 24 * 3600_000);
  const perExit = await Promise.all(open.map(async (exit) => (await shiftsBetween(exit.id, before, to)).filter((s) => s.end > from)));
  const shifts = perExit.flat();
  const started = shifts.filter((s) => s.start <= at && s.start >= from);
  return {
    openExits: open.length,
    shifts: shifts.length,
    uncoveredExits: perExit.filter((list) => coverageGaps(list, from, to).length > 0).length,
    started: started.length,
    missed: started.filter((s) => clockInState(s, at, grace) === 'missed').length,
  };
}

/** The day's registrations at the compound's exits, and those with all four musts (四必). */
async function registrationOf(exits: readonly StoredExit[], day: string): Promise<ScorecardEvidence['registration']> {
  const lists = await Promise.all(exits.map((exit) => readAll(entriesOfDaySource(exit.id, day))));
  const entries = lists.flat().map(storedEntryFromItem).filter((e) => chinaDay(e.at) === day);
  const withFourChecks = entries.filter((e) => e.checks.identityAsked && e.checks.recorded && e.checks.temperatureMeasured && e.checks.maskWorn).length;
  return { entries: entries.length, withFourChecks };
}

/**
 * The evidence of the compound's day, judged as of `at` (the day's end when it is over). The
 * checkpoint is the exits as they stand now: the registry keeps no history of exits.
 */
export async function scorecardEvidence(compound: CompoundRecord, day: string, at: string): Promise<ScorecardEvidence> {
  const asOf = at < dayEnd(day) ? at : dayEnd(day);
  const exits = await exitsOf(compound.id);
  const open = exits.filter((e) => e.status === 'open');
  const [duty, registration, posted, complete, screening, disinfection] = await Promise.all([
    dutyOf(open, day, asOf),
    registrationOf(exits, day),
    noticePostedOn(compound.id, day),
    responsibilityComplete(compound.id),
    sweepFiguresOf(compound, day),
    roundFiguresOf(compound, day),
  ]);
  return {
    status: compound.status,
    checkpoint: checkpointOf(compound, exits),
    duty,
    registration,
    notices: { posted: posted !== undefined, responsibilityComplete: complete },
    screening,
    disinfection,
  };
}
