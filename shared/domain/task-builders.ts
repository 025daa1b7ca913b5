/**
 * Each campaign kind's task builder, the one part of the fan-out a kind plugs in: sweeps here
 * (one task per building, in walking order), disinfection rounds in disinfection-tasks.ts. Kept
 * apart from fan-out.ts, whose types the builders take, so that no builder imports its registry.
 */
import type { CampaignKind } from '../schemas/campaign.ts';
import { disinfectionTasks } from './disinfection-tasks.ts';
import type { TaskBuilder } from './fan-out.ts';
import { householdCount } from './tasks.ts';
import { walkingOrder } from './walking-order.ts';

/** Sweeps: one task per building (of the grid, for a grid scope), in walking order. */
const sweepTasks: TaskBuilder = ({ campaign, compound, buildings, exits }) => {
  const inScope = campaign.scope.type === 'grid' ? buildings.filter((b) => b.gridId === campaign.scope.id) : buildings;
  const start = exits.find((e) => e.status === 'open')?.location;
  const order = new Map(walkingOrder(inScope, start).map((id, i) => [id, i]));
  return inScope.map((b) => ({
    targetId: b.id,
    buildingId: b.id,
    buildingName: b.name,
    compoundId: compound.id,
    compoundName: compound.name,
    communityId: compound.communityId,
    streetId: compound.streetId,
    gridId: b.gridId,
    location: b.location,
    order: order.get(b.id) ?? 0,
    layout: { units: b.units, floors: b.floors, householdsPerFloor: b.householdsPerFloor },
    householdsTotal: householdCount(b),
  }));
};

export const TASK_BUILDERS: Record<CampaignKind, TaskBuilder> = { sweep: sweepTasks, disinfection: disinfectionTasks };
