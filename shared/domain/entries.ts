/**
 * Entry registration at a checkpoint (出入登记): the 四必 (identity asked, record, temperature,
 * mask), fever (≥ 37.3 °C, reported to the community at once), who may pass under closed
 * management, and the hourly counts. Pure; hashing of ID numbers lives with the key
 * (functions/platform/id-hash.ts).
 */
import type { CompoundStatus } from '../schemas/compound.ts';
import { isSealed } from './exits.ts';

/** Common practice's threshold for abnormal temperature; configurable per deployment. */
export const FEVER_THRESHOLD_C = 37.3;

export const isFever = (temperatureC: number | undefined, thresholdC: number = FEVER_THRESHOLD_C): boolean =>
  temperatureC !== undefined && temperatureC >= thresholdC;

export const PERSON_CATEGORIES = [
  'resident', 'medical', 'epidemic_staff', 'supply', 'sanitation', 'emergency_patient', 'visitor',
] as const;
export type PersonCategory = (typeof PERSON_CATEGORIES)[number];

/**
 * Who may go out during closed management (seed 000 rule 4): medical, epidemic-control, supply
 * (property staff included) and sanitation staff, and emergency patients. Lockdown adds nobody.
 */
export const MAY_GO_OUT: readonly PersonCategory[] = ['medical', 'epidemic_staff', 'supply', 'sanitation', 'emergency_patient'];

/**
 * A note for the duty staff when an entry goes against the rules — recorded, never blocking
 * (the person at the gate decides; the rules say "do not add requirements beyond the rules").
 */
export function entryWarnings(entry: {
  readonly direction: 'in' | 'out';
  readonly category: PersonCategory;
  readonly outcome: 'admitted' | 'refused';
  readonly checks: { readonly identityAsked: boolean; readonly recorded: boolean; readonly temperatureMeasured: boolean; readonly maskWorn: boolean };
}, status: CompoundStatus): string[] {
  const warnings: string[] = [];
  const { checks } = entry;
  if (entry.outcome === 'admitted' && !(checks.identityAsked && checks.recorded && checks.temperatureMeasured && checks.maskWorn)) {
    warnings.push('admitted_without_four_checks');
  }
  if (entry.outcome === 'admitted' && entry.direction === 'out' && isSealed(status) && !MAY_GO_OUT.includes(entry.category)) {
    warnings.push('out_not_permitted');
  }
  if (entry.outcome === 'admitted' && entry.direction === 'in' && entry.category === 'visitor' && isSealed(status)) {
    warnings.push('outsider_admitted');
  }
  return warnings;
}

/** The hour an entry is counted in: `2026-11-22T14` (UTC). */
export const hourBucket = (at: string): string => at.slice(0, 13);
