/**
 * Task rules: ids, the household list of a building, leases, and who may see or work a task.
 * Pure; the task store and the handlers build on them.
 *
 * States follow HOT Tasking Manager's: open → claimed (with a lease) → done; a lapsed lease
 * returns the task to open (the expiry job, or the next claim) and is written to the audit.
 */
import { spoken, type Spoken } from '../messages/message.ts';
import { isoAfter, MINUTE_MS } from './time.ts';
import type { Household } from '../schemas/building.ts';
import type { TaskStatus } from '../schemas/task.ts';
import { canSeeCompound, type Caller } from '../roles.ts';

export const taskIdOf = (campaignId: string, targetId: string): string => `${campaignId}.${targetId}`;

export function parseTaskId(id: string): { campaignId: string; targetId: string } {
  const dot = id.indexOf('.');
  return { campaignId: id.slice(0, dot), targetId: id.slice(dot + 1) };
}

export interface Layout {
  readonly units: number;
  readonly floors: number;
  readonly householdsPerFloor: number;
}

/**
 * Every household of a building, unit by unit, floor by floor: unit 1, floor 3, door 2 is
 * `1-3-302` (room numbers as on the doors: floor then a two-digit door number).
 */
export function householdsOf(layout: Layout): Household[] {
  const out: Household[] = [];
  for (let unit = 1; unit <= layout.units; unit++) {
    for (let floor = 1; floor <= layout.floors; floor++) {
      for (let door = 1; door <= layout.householdsPerFloor; door++) {
        const room = `${floor}${String(door).padStart(2, '0')}`;
        out.push({ id: `${unit}-${floor}-${room}`, unit, floor, room });
      }
    }
  }
  return out;
}

export const householdCount = (layout: Layout): number => layout.units * layout.floors * layout.householdsPerFloor;

/** Where a task sits, as far as jurisdiction goes. */
export interface TaskPlace {
  readonly kind: string;
  readonly compoundId: string;
  readonly streetId: string | null;
  readonly communityId: string | null;
  readonly gridId: string | null;
  /** Disinfection: false where the compound has no property management (the community's team works it). */
  readonly propertyManaged?: boolean;
}

/**
 * Whether a disinfection worker is the compound's: property staff are bound to their compounds
 * (jurisdiction compoundIds); a community's team (jurisdiction communityId) covers the
 * community's compounds without property management.
 */
export function disinfectsCompound(caller: Caller, task: Pick<TaskPlace, 'compoundId' | 'communityId' | 'propertyManaged'>): boolean {
  if (caller.role !== 'disinfection') return false;
  const j = caller.jurisdiction;
  if ((j.compoundIds ?? []).includes(task.compoundId)) return true;
  return task.propertyManaged === false && j.communityId !== undefined && task.communityId === j.communityId;
}

/**
 * Whether the caller may read the task: its compound's place, narrowed to the grid for grid
 * workers; disinfection staff read only their compounds' disinfection tasks.
 */
export function canSeeTask(caller: Caller, task: Omit<TaskPlace, 'kind'> & { readonly kind?: string }): boolean {
  if (caller.role === 'disinfection') return task.kind === 'disinfection' && disinfectsCompound(caller, task);
  return canSeeCompound(caller, {
    id: task.compoundId,
    streetId: task.streetId,
    communityId: task.communityId,
    gridIds: task.gridId ? [task.gridId] : [],
  });
}

/** Whether the caller may claim and record on the task: sweeps belong to the building's grid worker, rounds to the compound's disinfection staff. */
export function canWorkTask(caller: Caller, task: TaskPlace): boolean {
  switch (task.kind) {
    case 'sweep':
      return caller.role === 'grid' && task.gridId !== null && caller.jurisdiction.gridId === task.gridId;
    case 'disinfection':
      return disinfectsCompound(caller, task);
    default:
      return false;
  }
}

export interface LeaseState {
  readonly status: TaskStatus;
  readonly holder: string | null;
  readonly leaseExpiresAt: string | null;
}

export const leaseLapsed = (task: LeaseState, now: string): boolean =>
  task.status === 'claimed' && task.leaseExpiresAt !== null && task.leaseExpiresAt <= now;

/**
 * Why the caller may not claim a task or act on it as its holder: a code to tell the cases apart,
 * the sentence to show the caller (English, for logs) and the same as a catalogue message, which
 * the API says in the caller's language.
 */
type Refusal<C extends string> = { readonly code: C } & Spoken;
export type TaskRefusal = Refusal<'done'> | Refusal<'held-by-you'> | Refusal<'taken'> | Refusal<'not-holder'> | Refusal<'lease-lapsed'>;

export type ClaimRefusal = Extract<TaskRefusal, { code: 'done' | 'held-by-you' | 'taken' }>;
export type HolderRefusal = Extract<TaskRefusal, { code: 'done' | 'not-holder' | 'lease-lapsed' }>;

const refused = <C extends TaskRefusal['code']>(code: C, params?: Readonly<Record<string, string>>): Refusal<C> =>
  ({ code, ...spoken(`task.${code}`, params) });

/** Why the caller cannot claim, or undefined when they can. */
export function claimRefusal(task: LeaseState, username: string, now: string): ClaimRefusal | undefined {
  if (task.status === 'done') return refused('done');
  if (task.status === 'claimed' && task.holder === username && !leaseLapsed(task, now)) return refused('held-by-you');
  if (task.status === 'claimed' && !leaseLapsed(task, now)) return refused('taken', { until: task.leaseExpiresAt ?? '' });
  return undefined;
}

/** Why the caller cannot act as the holder (extend, release, visit, complete), or undefined. */
export function holderRefusal(task: LeaseState, username: string, now: string): HolderRefusal | undefined {
  if (task.status === 'done') return refused('done');
  if (task.status !== 'claimed' || task.holder !== username) return refused('not-holder');
  if (leaseLapsed(task, now)) return refused('lease-lapsed');
  return undefined;
}

export const leaseEnd = (now: Date, minutes: number): string => isoAfter(now, minutes * MINUTE_MS);

export const secondsLeft = (leaseExpiresAt: string | null, now: Date): number | null =>
  leaseExpiresAt === null ? null : Math.floor((Date.parse(leaseExpiresAt) - now.getTime()) / 1000);
