/**
 * The demo city's running sweep (infra/local/demo/sweep.ts): deterministic, over the first
 * community and none of the e2e journeys' places, written as the fan-out leaves a campaign —
 * active, its totals equal to its tasks and to the sum of its coverage items.
 */
import { describe, expect, it } from 'vitest';
import { generateCity } from '#infra/local/demo/city.ts';
import { DEMO_SWEEP_ID, sweepSeed } from '#infra/local/demo/sweep.ts';

const city = generateCity();
const NOW = '2026-11-23T03:00:00.000Z';

describe('the demo sweep seed', () => {
  const seed = sweepSeed(city, NOW);
  const ofType = (type: string) => seed.items.filter((i) => i.type === type);
  const community = city.communities[0];
  const buildings = city.buildings.filter((b) => city.compounds.find((c) => c.id === b.compoundId)?.communityId === community?.id);

  it('is the same for the same city and time', () => {
    expect(sweepSeed(city, NOW)).toEqual(seed);
  });

  it('is one active sweep over the first community, launched by city staff', () => {
    const [campaign, ...others] = ofType('campaign');
    expect(others).toEqual([]);
    expect(campaign).toMatchObject({ id: DEMO_SWEEP_ID, kind: 'sweep', status: 'active', scope: { type: 'community', id: community?.id } });
    expect(city.users.find((u) => u.username === campaign?.createdBy)?.role).toBe('city');
    expect(String(campaign?.createdAt) < NOW).toBe(true);
  });

  it('has an open task per building of the community, in each building\'s grid', () => {
    const tasks = ofType('task');
    expect(tasks.map((t) => t.buildingId).sort()).toEqual(buildings.map((b) => b.id).sort());
    expect(tasks.every((t) => t.status === 'open' && t.campaignId === DEMO_SWEEP_ID && t.holder === null)).toBe(true);
    expect(tasks.every((t) => buildings.find((b) => b.id === t.buildingId)?.gridId === t.gridId)).toBe(true);
    expect(seed.counts.sweepTasks).toBe(tasks.length);
    // The grid-worker journey sweeps in 显陵社区's grid 4: none of this sweep's tasks is there.
    expect(tasks.some((t) => t.gridId === 'g-xianling-4')).toBe(false);
  });

  it('counts as the fan-out counts: campaign totals = the sum over compounds = the sum over grids', () => {
    const [campaign] = ofType('campaign');
    const covers = ofType('cover');
    const sum = (level: string, field: string) => covers.filter((c) => c.level === level).reduce((s, c) => s + Number(c[field]), 0);
    const households = buildings.reduce((s, b) => s + b.households, 0);
    expect(campaign).toMatchObject({ totalTasks: buildings.length, tasksCreated: buildings.length, totalBuildings: buildings.length, totalHouseholds: households, tasksDone: 0 });
    for (const level of ['compound', 'grid', 'community']) {
      expect([sum(level, 'tasks'), sum(level, 'buildings'), sum(level, 'households')]).toEqual([buildings.length, buildings.length, households]);
    }
    const compounds = covers.filter((c) => c.level === 'compound');
    expect(compounds.length).toBe(campaign?.compoundsPlanned);
    expect(compounds.every((c) => c.state === 'expanded')).toBe(true);
  });
});
