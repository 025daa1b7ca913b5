/**
 * Visit rules: which outcomes account for a household, what a visit changes in its task's
 * counters, and what must hold before a task may complete. Pure, so the handler, the tests and
 * the web app agree on "no household missed" (不落一户).
 *
 * A household is accounted for once a visit saw people (seen_all, seen_some), or found it vacant,
 * or was refused: each is a result the community can act on. No answer is not a result — the
 * household needs a revisit — and a later no-answer never undoes an earlier result.
 * People seen count the household's latest result, so a revisit that meets the rest of the
 * family replaces, not adds to, the first count.
 */
import { stableHash } from './ids.ts';
import type { Visit, VisitCreate, VisitOutcome } from '../schemas/visit.ts';
import { spoken, type Spoken } from '../messages/message.ts';

export const ACCOUNTING_OUTCOMES: readonly VisitOutcome[] = ['seen_all', 'seen_some', 'refused', 'vacant'];
export const accounts = (outcome: VisitOutcome | undefined): boolean => outcome !== undefined && ACCOUNTING_OUTCOMES.includes(outcome);

/** What the task keeps per household: the outcome that stands and the people it saw. */
export interface HouseholdState {
  readonly o: VisitOutcome;
  readonly p: number;
}

export interface VisitEffect {
  readonly next: HouseholdState;
  /** 1 when this visit first accounts for the household. */
  readonly householdsVisited: 0 | 1;
  readonly peopleSeen: number;
}

export function applyVisit(previous: HouseholdState | undefined, visit: Pick<VisitCreate, 'outcome' | 'peopleSeen'>): VisitEffect {
  if (previous && accounts(previous.o) && !accounts(visit.outcome)) {
    return { next: previous, householdsVisited: 0, peopleSeen: 0 };
  }
  const next = { o: visit.outcome, p: visit.peopleSeen };
  return {
    next,
    householdsVisited: accounts(visit.outcome) && !accounts(previous?.o) ? 1 : 0,
    peopleSeen: next.p - (previous?.p ?? 0),
  };
}

export interface FieldProblem extends Spoken {
  readonly field: string;
}

/** What the schema cannot see: the household must be the task's, and the count must fit the outcome. */
export function checkVisit(visit: VisitCreate, householdIds: ReadonlySet<string>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!householdIds.has(visit.householdId)) problems.push({ field: 'body.householdId', ...spoken('visit.not-household') });
  const met = visit.outcome === 'seen_all' || visit.outcome === 'seen_some';
  if (met && visit.peopleSeen < 1) problems.push({ field: 'body.peopleSeen', ...spoken('visit.people-at-least-1', { outcome: visit.outcome }) });
  if (!met && visit.outcome !== 'refused' && visit.peopleSeen > 0) {
    problems.push({ field: 'body.peopleSeen', ...spoken('visit.people-zero', { outcome: visit.outcome }) });
  }
  if ((visit.outcome === 'no_answer' || visit.outcome === 'vacant') && visit.symptoms.length > 0) {
    problems.push({ field: 'body.symptoms', ...spoken('visit.symptoms-nobody-met', { outcome: visit.outcome }) });
  }
  if (new Set(visit.symptoms).size !== visit.symptoms.length) problems.push({ field: 'body.symptoms', ...spoken('visit.symptom-twice') });
  return problems;
}

/** The households not yet accounted for, with why, in the order given. */
export function unaccounted(
  householdIds: readonly string[],
  states: Readonly<Record<string, HouseholdState>>,
): { readonly householdId: string; readonly reason: 'not_visited' | 'no_answer' }[] {
  return householdIds.flatMap((id) => {
    const state = states[id];
    if (accounts(state?.o)) return [];
    return [{ householdId: id, reason: state ? ('no_answer' as const) : ('not_visited' as const) }];
  });
}

/** The one ratio every coverage figure uses (HOT's lesson: percentages that disagree lose trust). */
export const coverageRatio = (visited: number, total: number): number => (total <= 0 ? 0 : Math.min(1, visited / total));

/** Same body → same fingerprint, whatever the key order; how a resent visit is told from a different one. */
export function visitFingerprint(visit: VisitCreate): string {
  const canonical = {
    householdId: visit.householdId,
    outcome: visit.outcome,
    peopleSeen: visit.peopleSeen,
    symptoms: [...visit.symptoms].sort(),
    flags: visit.flags.map((f) => JSON.stringify(Object.fromEntries(Object.entries(f).sort()))).sort(),
    note: visit.note ?? null,
  };
  return stableHash(JSON.stringify(canonical));
}

/** The counters a new visit adds to its campaign's flag tally: one per flag type, and one when symptoms were met. */
export function flagCounts(visit: Pick<VisitCreate, 'flags' | 'symptoms'>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const flag of visit.flags) {
    const name = flag.type === 'four_categories' ? `four_categories_${flag.category}` : flag.type;
    counts[name] = (counts[name] ?? 0) + 1;
  }
  if (visit.symptoms.length > 0) counts.symptoms = 1;
  return counts;
}

/** Marks a detail withheld from a caller who may not see it (see seesResidentDetails). */
export const WITHHELD = '***';

/** A visit as an inspector sees it: the note dropped and a returnee's origin withheld; the rest kept. */
export function withoutResidentDetails(visit: Visit): Visit {
  const { note: _note, ...rest } = visit;
  return { ...rest, flags: visit.flags.map((flag) => (flag.type === 'returnee' ? { ...flag, origin: WITHHELD } : flag)) };
}
