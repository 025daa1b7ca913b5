/**
 * The gate's registration form as data: what the duty staff member has tapped and typed, and
 * the entry it makes for the API (EntryCreate) — or the fields still to put right, said beside
 * them before anything is queued (the outbox keeps only what the API can accept).
 */
import { isFever, type PersonCategory } from '#shared/domain/entries.ts';
import { EntryCreate, Occupants, Plate } from '#shared/schemas/entry.ts';

export const CHECKS = ['identityAsked', 'recorded', 'temperatureMeasured', 'maskWorn'] as const;
export type Check = (typeof CHECKS)[number];

export interface EntryDraft {
  readonly direction: 'in' | 'out';
  readonly category: PersonCategory;
  readonly checks: Readonly<Record<Check, boolean>>;
  /** As typed (a phone's decimal pad may give "36,8"). */
  readonly temperature: string;
  readonly plate: string;
  /** People in the vehicle as typed (numeric pad); empty when not counted. */
  readonly occupants: string;
  readonly trunkChecked: boolean;
  readonly outcome: 'admitted' | 'refused';
  readonly refusalReason: string;
  readonly hospital: string;
  readonly escortedBy: string;
  /** The scanned pass this entry is for, when the pass panel handed it over (a fever at a pass check). */
  readonly passQr?: string;
}

export type DraftField = 'temperatureC' | 'refusalReason' | 'hospital' | 'plate' | 'occupants';

export const emptyDraft = (direction: 'in' | 'out' = 'in'): EntryDraft => ({
  direction,
  category: 'resident',
  checks: { identityAsked: false, recorded: false, temperatureMeasured: false, maskWorn: false },
  temperature: '',
  plate: '',
  occupants: '',
  trunkChecked: false,
  outcome: 'admitted',
  refusalReason: '',
  hospital: '',
  escortedBy: '',
});

/** The temperature typed, as a number (NaN when it is not one), or undefined while nothing is typed. */
function temperatureOf(draft: EntryDraft): number | undefined {
  const text = draft.temperature.trim().replace(',', '.');
  if (text === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : Number.NaN;
}

export const hasFever = (draft: EntryDraft): boolean => isFever(temperatureOf(draft));

/** Typing a temperature is taking it: the 体温必测 toggle follows. */
export const withTemperature = (draft: EntryDraft, temperature: string): EntryDraft => ({
  ...draft,
  temperature,
  checks: { ...draft.checks, temperatureMeasured: temperature.trim() !== '' || draft.checks.temperatureMeasured },
});

export type DraftResult = { readonly ok: true; readonly body: EntryCreate } | { readonly ok: false; readonly fields: DraftField[] };

/** The entry the draft makes under `entryId`, or the fields to put right first. */
export function entryOf(draft: EntryDraft, entryId: string): DraftResult {
  const fields: DraftField[] = [];
  const temperatureC = temperatureOf(draft);
  // The API's own bounds (EntryCreate): what is queued is what it will take.
  const badTemperature = temperatureC !== undefined && !EntryCreate.shape.temperatureC.safeParse(temperatureC).success;
  if (badTemperature || (draft.checks.temperatureMeasured && temperatureC === undefined)) fields.push('temperatureC');
  const fever = hasFever(draft) && !badTemperature;
  if (fever && draft.hospital.trim() === '') fields.push('hospital');
  if (draft.outcome === 'refused' && draft.refusalReason.trim() === '') fields.push('refusalReason');
  const plate = draft.plate.trim();
  if (plate !== '' && !Plate.safeParse(plate).success) fields.push('plate');
  const occupants = draft.occupants.trim() === '' ? undefined : Number(draft.occupants.trim());
  // Counted only with a vehicle; the API's own bounds (1–60, whole people).
  if (plate !== '' && occupants !== undefined && !Occupants.safeParse(occupants).success) fields.push('occupants');
  if (fields.length > 0) return { ok: false, fields };
  const body: EntryCreate = {
    entryId,
    direction: draft.direction,
    category: draft.category,
    checks: { ...draft.checks },
    outcome: draft.outcome,
    ...(temperatureC !== undefined ? { temperatureC: Math.round(temperatureC * 10) / 10 } : {}),
    ...(plate !== '' ? { vehicle: { plate, trunkChecked: draft.trunkChecked, ...(occupants !== undefined ? { occupants } : {}) } } : {}),
    ...(draft.outcome === 'refused' ? { refusalReason: draft.refusalReason.trim() } : {}),
    ...(draft.passQr ? { passQr: draft.passQr } : {}),
    ...(fever ? { escort: { hospital: draft.hospital.trim(), ...(draft.escortedBy.trim() ? { escortedBy: draft.escortedBy.trim() } : {}) } } : {}),
  };
  return { ok: true, body };
}
