/**
 * The visit form's state and what it becomes: the API's VisitCreate, checked on the phone by the
 * same schema and rules the API applies (shared/schemas/visit.ts, shared/domain/visits.ts), so
 * a visit queued offline is one the API will take.
 */
import { chinaDay } from '#shared/domain/china-time.ts';
import { checkVisit } from '#shared/domain/visits.ts';
import { VisitCreate, type FOUR_CATEGORIES, type Symptom, type VisitFlag, type VisitOutcome } from '#shared/schemas/visit.ts';

export type Category = (typeof FOUR_CATEGORIES)[number];

export interface VisitDraft {
  readonly outcome: VisitOutcome | undefined;
  readonly peopleSeen: number;
  readonly symptoms: readonly Symptom[];
  readonly returnee: { readonly on: boolean; readonly origin: string; readonly date: string };
  readonly homeObservation: boolean;
  readonly fourCategories: { readonly on: boolean; readonly category: Category };
  readonly vulnerable: boolean;
  readonly tenant: boolean;
  readonly note: string;
}

/** Form fields a problem can point at (each has a message in tasks.visit.field). */
export type DraftField = 'outcome' | 'peopleSeen' | 'symptoms' | 'origin' | 'returnDate' | 'note' | 'other';

export const MAX_PEOPLE = 50;

export const emptyDraft = (today: string): VisitDraft => ({
  outcome: undefined,
  peopleSeen: 0,
  symptoms: [],
  returnee: { on: false, origin: '', date: today },
  homeObservation: false,
  fourCategories: { on: false, category: 'close_contact' },
  vulnerable: false,
  tenant: false,
  note: '',
});

/** Nobody was met: no people, no symptoms. */
export const nobodyMet = (outcome: VisitOutcome | undefined): boolean => outcome === 'no_answer' || outcome === 'vacant';
const metPeople = (outcome: VisitOutcome | undefined): boolean => outcome === 'seen_all' || outcome === 'seen_some';

/** Choosing an outcome sets the count to one it allows, so a worker rarely has to touch it. */
export function withOutcome(draft: VisitDraft, outcome: VisitOutcome): VisitDraft {
  if (nobodyMet(outcome)) return { ...draft, outcome, peopleSeen: 0, symptoms: [] };
  if (metPeople(outcome)) return { ...draft, outcome, peopleSeen: Math.max(1, draft.peopleSeen) };
  return { ...draft, outcome };
}

export const withPeople = (draft: VisitDraft, peopleSeen: number): VisitDraft => ({
  ...draft,
  peopleSeen: Math.min(MAX_PEOPLE, Math.max(nobodyMet(draft.outcome) ? 0 : metPeople(draft.outcome) ? 1 : 0, Math.round(peopleSeen))),
});

function flagsOf(draft: VisitDraft): VisitFlag[] {
  const flags: VisitFlag[] = [];
  if (draft.returnee.on) flags.push({ type: 'returnee', origin: draft.returnee.origin.trim(), date: draft.returnee.date });
  if (draft.homeObservation) flags.push({ type: 'home_observation' });
  if (draft.fourCategories.on) flags.push({ type: 'four_categories', category: draft.fourCategories.category });
  if (draft.vulnerable) flags.push({ type: 'vulnerable' });
  if (draft.tenant) flags.push({ type: 'tenant' });
  return flags;
}

/** A schema or rule problem's field path, as the form names it. */
function fieldOf(path: string): DraftField {
  if (path.includes('outcome')) return 'outcome';
  if (path.includes('peopleSeen')) return 'peopleSeen';
  if (path.includes('symptoms')) return 'symptoms';
  if (path.includes('origin')) return 'origin';
  if (path.includes('date')) return 'returnDate';
  if (path.includes('note')) return 'note';
  return 'other';
}

export type DraftResult = { readonly ok: true; readonly body: VisitCreate } | { readonly ok: false; readonly fields: readonly DraftField[] };

/** The visit to send, or the fields to correct (in form order, each once). */
export function visitOf(draft: VisitDraft, householdId: string, visitId: string): DraftResult {
  if (!draft.outcome) return { ok: false, fields: ['outcome'] };
  const note = draft.note.trim();
  const parsed = VisitCreate.safeParse({
    visitId,
    householdId,
    outcome: draft.outcome,
    peopleSeen: draft.peopleSeen,
    symptoms: [...draft.symptoms],
    flags: flagsOf(draft),
    ...(note ? { note } : {}),
  });
  if (!parsed.success) return { ok: false, fields: unique(parsed.error.issues.map((i) => fieldOf(i.path.join('.')))) };
  const problems = checkVisit(parsed.data, new Set([householdId]));
  if (problems.length > 0) return { ok: false, fields: unique(problems.map((p) => fieldOf(p.field))) };
  return { ok: true, body: parsed.data };
}

const ORDER: readonly DraftField[] = ['outcome', 'peopleSeen', 'symptoms', 'origin', 'returnDate', 'note', 'other'];
const unique = (fields: readonly DraftField[]): DraftField[] => ORDER.filter((f) => fields.includes(f));

/** Today in China, for the day-of-return default. */
export const chinaToday = (now = Date.now()): string => chinaDay(new Date(now).toISOString());
