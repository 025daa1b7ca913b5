/**
 * The demo city's cases and rounds (infra/local/demo/disinfection.ts): deterministic, with case
 * buildings on the rounds, partial and open tasks, a missed round yesterday, and a round launched
 * by hand that keeps the first community's staff busy at any hour.
 */
import { describe, expect, it } from 'vitest';
import { generateCity } from '#infra/local/demo/city.ts';
import { DEMO_ROUND_ID, disinfectionSeed } from '#infra/local/demo/disinfection.ts';

const city = generateCity();
const NOW = '2026-11-23T03:00:00.000Z'; // 11:00 in China

describe('the demo disinfection seed', () => {
  const seed = disinfectionSeed(city, NOW, 'system:seed');
  const ofType = (type: string) => seed.items.filter((i) => i.type === type);

  it('is the same for the same city and time', () => {
    expect(disinfectionSeed(city, NOW, 'system:seed')).toEqual(seed);
  });

  it('has confirmed cases whose buildings get their own round tasks', () => {
    const cases = ofType('case');
    expect(cases.filter((c) => c.kind === 'confirmed').length).toBeGreaterThan(0);
    const caseBuildings = new Set(cases.filter((c) => c.kind !== 'asymptomatic').map((c) => c.buildingId));
    const buildingTasks = ofType('task').filter((t) => t.buildingId !== null);
    expect(buildingTasks.length).toBeGreaterThan(0);
    expect(buildingTasks.every((t) => caseBuildings.has(t.buildingId))).toBe(true);
  });

  it('has yesterday\'s and today\'s rounds: done, partial with a reason, and open ones', () => {
    const campaigns = ofType('campaign').map((c) => c.id).filter((id) => id !== DEMO_ROUND_ID);
    // Yesterday: 08:00, 12:00, 16:00, 20:00; today by 11:00: 08:00.
    expect(campaigns).toEqual(['rd_20261122_0800', 'rd_20261122_1200', 'rd_20261122_1600', 'rd_20261122_2000', 'rd_20261123_0800']);
    const tasks = ofType('task');
    expect(tasks.filter((t) => t.status === 'done' && t.partial === true && t.reason).length).toBeGreaterThan(0);
    expect(tasks.filter((t) => t.status === 'open' && (t.round as { day: string }).day === '2026-11-23').length).toBeGreaterThan(0);
    expect(tasks.filter((t) => t.status === 'done').every((t) => (t.completedAt as string) <= NOW)).toBe(true);
  });

  it('judges yesterday: the compound whose 16:00 round was left undone missed it', () => {
    const missed = ofType('missed-round');
    expect(seed.counts.missedRounds).toBe(missed.length);
    expect(missed.map((m) => [m.date, m.required, m.completed])).toEqual([['2026-11-22', 2, 1]]);
  });

  it('gives the first community\'s staff open round tasks even before the day\'s first slot', () => {
    const early = '2026-11-22T20:00:00.000Z'; // 04:00 in China: the schedule has started nothing today
    const before = disinfectionSeed(city, early, 'system:seed');
    const today = before.items.filter((i) => i.type === 'task' && (i.round as { day: string }).day === '2026-11-23');
    const first = city.communities[0]?.id;
    expect(today.length).toBeGreaterThan(0);
    expect(today.every((t) => t.campaignId === DEMO_ROUND_ID && t.status === 'open' && t.communityId === first)).toBe(true);
    // Not yet overdue: a hand-launched round is due four hours after its start.
    expect(today.every((t) => (t.round as { dueAt: string }).dueAt > early)).toBe(true);
    const round = before.items.find((i) => i.type === 'campaign' && i.id === DEMO_ROUND_ID);
    expect(round).toMatchObject({ kind: 'disinfection', status: 'active', totalTasks: today.length, scope: { type: 'community', id: first } });
    expect(city.users.find((u) => u.username === round?.createdBy)?.role).toBe('community');
  });
});
