/**
 * The disinfection kind's task builder for the shared fan-out (registered in task-builders.ts): per
 * compound one task for its public-area set and one per building with a confirmed or suspected
 * case in the last 14 days (the planner read those once, for the whole round). An extra slot
 * (case buildings only) gives only the building tasks. Tasks carry their round (day, slot, due
 * time, area set); they are the compound staff's, not a grid's.
 */
import type { CampaignRound } from './disinfection.ts';
import { areaSetOf } from './disinfection.ts';
import type { TaskBuilder, TaskDraft } from './fan-out.ts';

export const disinfectionTasks: TaskBuilder = ({ campaign, compound, buildings }) => {
  const round: CampaignRound | undefined = campaign.round;
  if (!round) return [];
  const base = {
    compoundId: compound.id, compoundName: compound.name, communityId: compound.communityId, streetId: compound.streetId,
    gridId: null, layout: null, householdsTotal: 0, propertyManaged: compound.propertyManaged ?? true,
  };
  const tasks: TaskDraft[] = [];
  if (round.publicAreas) {
    tasks.push({
      ...base, targetId: compound.id, buildingId: null, buildingName: null, location: compound.location, order: 0,
      round: { day: round.day, slot: round.slot, target: 'public_areas', dueAt: round.publicDueAt, planned: [...areaSetOf('public_areas')] },
    });
  }
  if (round.caseBuildings) {
    // A round's fan-out reads only the compound's case buildings, so each one given is a task.
    buildings.forEach((b, i) => {
      tasks.push({
        ...base, targetId: b.id, buildingId: b.id, buildingName: b.name, gridId: b.gridId, location: b.location, order: i + 1,
        round: { day: round.day, slot: round.slot, target: 'building', dueAt: round.buildingDueAt, planned: [...areaSetOf('building')] },
      });
    });
  }
  return tasks;
};
