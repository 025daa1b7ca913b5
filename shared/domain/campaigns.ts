/**
 * Campaign rules: who may launch a campaign over which place, who may follow it, and how its
 * status follows from its counters. Pure; the campaign store applies them.
 *
 * Status: fanning-out until every planned compound is expanded (or recorded as failed), then
 * active until every task is done; cancelled is final. Computed from counters, never set by
 * hand, so redelivered messages and racing workers all arrive at the same answer.
 */
import { canSeeCompound, listScope, type Caller } from '../roles.ts';
import type { CampaignStatus, ScopeType } from '../schemas/campaign.ts';

/** A scope resolved to the places it lies in. */
export interface ScopePlace {
  readonly type: ScopeType;
  readonly streetId: string | null;
  readonly communityId: string | null;
  readonly gridId: string | null;
  readonly compoundId: string | null;
  /** A compound scope's grids, so its grid workers may follow it (absent on campaigns launched before). */
  readonly gridIds?: readonly string[];
}

/** Whether the caller's jurisdiction holds the whole scope (city staff anywhere, a community admin in their community). */
export function canLaunchIn(caller: Caller, place: ScopePlace): boolean {
  if (place.type === 'city') return listScope(caller).level === 'city';
  return canSeeCompound(caller, {
    id: place.compoundId ?? '',
    streetId: place.streetId,
    communityId: place.communityId,
    gridIds: place.gridId ? [place.gridId] : place.gridIds ?? [],
  });
}

/** Whether the scope holds the caller's own place: a city-wide sweep concerns every community. */
function holdsCallerPlace(caller: Caller, place: ScopePlace): boolean {
  const j = caller.jurisdiction;
  switch (place.type) {
    case 'city':
      return true;
    case 'street':
      return j.streetId !== undefined && place.streetId === j.streetId;
    case 'community':
      return j.communityId !== undefined && place.communityId === j.communityId;
    case 'grid':
      return j.gridId !== undefined && place.gridId === j.gridId;
    case 'compound':
      return false;
  }
}

/** Whether the caller may read the campaign: it lies within their jurisdiction, or covers their place. */
export const canFollow = (caller: Caller, place: ScopePlace): boolean => canLaunchIn(caller, place) || holdsCallerPlace(caller, place);

export interface CampaignCounters {
  readonly status: CampaignStatus;
  /** Null until the planner has listed the scope's compounds. */
  readonly compoundsPlanned: number | null;
  readonly compoundsExpanded: number;
  readonly compoundsFailed: number;
  readonly tasksCreated: number;
  readonly tasksDone: number;
}

export function settledStatus(c: CampaignCounters): CampaignStatus {
  if (c.status === 'cancelled' || c.status === 'done') return c.status;
  const fannedOut = c.compoundsPlanned !== null && c.compoundsExpanded + c.compoundsFailed >= c.compoundsPlanned;
  if (!fannedOut) return 'fanning-out';
  return c.tasksDone >= c.tasksCreated ? 'done' : 'active';
}

/** Whether tasks of a campaign in this status may still be claimed and worked. */
export const isWorkable = (status: CampaignStatus): boolean => status === 'fanning-out' || status === 'active';
