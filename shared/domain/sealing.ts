/**
 * The sealing lifecycle (DOMAIN.md, Sealing): normal → closed management (封闭管理) → lockdown
 * (封控, after a confirmed case) → lifted (解除), each change with who, when and why.
 *
 * Who may: sealing is the community's and the city's call (a community acts on a confirmed case
 * at once, closed or lockdown); lifting needs the city's command (解封由指挥部决定), so only city
 * staff lift. Officials inspect and hold people accountable; they do not seal.
 */
import type { CompoundStatus } from '../schemas/compound.ts';
import type { Role } from '../roles.ts';
import { isSealed } from './exits.ts';
import { message, spoken, type Spoken } from '../messages/message.ts';

export const SEAL_LEVELS = ['closed', 'lockdown'] as const;
export type SealLevel = (typeof SEAL_LEVELS)[number];

export const SEALERS = ['city', 'community'] as const satisfies readonly Role[];
export const LIFTERS = ['city'] as const satisfies readonly Role[];

/**
 * Why a compound's status may not change as asked: it is at that level already, or there is
 * nothing to lift. A code to tell the cases apart and the sentence to show the caller.
 */
export type StatusRefusal = ({ readonly code: 'already-at-level' } | { readonly code: 'not-sealed' }) & Spoken;

export type Transition = { readonly ok: true; readonly to: CompoundStatus } | { readonly ok: false; readonly refusal: StatusRefusal };

/**
 * Sealing moves a compound to the level asked: up (closed → lockdown), down (lockdown → closed,
 * cases cleared but closed management goes on) or back from normal or lifted. Asking for the
 * level it is at is refused, so a double-submitted form does not write a second history record.
 */
export function sealTransition(from: CompoundStatus, level: SealLevel): Transition {
  if (from === level) return { ok: false, refusal: { code: 'already-at-level', ...spoken('sealing.already-at-level', { level: message(`compound.status.${level}`) }) } };
  return { ok: true, to: level };
}

/**
 * Whether a change of status that comes by another way than the seal and lift routes (a re-import)
 * is one this role may make: lifting stays the city's whichever way it comes.
 */
export const mayChangeStatus = (role: Role, from: CompoundStatus, to: CompoundStatus): boolean =>
  !(isSealed(from) && !isSealed(to)) || (LIFTERS as readonly Role[]).includes(role);

/** Lifting ends closed management or lockdown; there is nothing to lift otherwise. */
export function liftTransition(from: CompoundStatus): Transition {
  if (isSealed(from)) return { ok: true, to: 'lifted' };
  return { ok: false, refusal: { code: 'not-sealed', ...spoken('sealing.not-sealed', { from: message(`compound.status.${from}`) }) } };
}
