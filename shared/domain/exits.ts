/**
 * The exit rules' fixed facts (DOMAIN.md, Exits and checkpoints; seed 000 rule 4, seed 004 §二):
 * which statuses hold a compound's exits, and how many may stay open.
 */
import type { CompoundStatus } from '../schemas/compound.ts';

/** A compound of this area or more may keep two exits open instead of one. */
export const LARGE_COMPOUND_M2 = 300_000;

/** Exits a compound under closed management may keep open. */
export const allowedOpenExits = (areaM2: number): number => (areaM2 >= LARGE_COMPOUND_M2 ? 2 : 1);

/** Closed management and lockdown hold the exits: checkpoints staffed, the rest sealed. */
export const isSealed = (status: CompoundStatus): boolean => status === 'closed' || status === 'lockdown';

/**
 * The sealing confirmation an exit keeps through a change of status: only while it stays sealed.
 * Opening an exit ends its sealing, and an exit ordered sealed anew needs a new check.
 */
export const keptSealing = <S>(from: 'open' | 'sealed', to: 'open' | 'sealed', sealing: S | undefined): S | undefined =>
  from === 'sealed' && to === 'sealed' ? sealing : undefined;
