import { describe, expect, it } from 'vitest';
import { canFollow, canLaunchIn, settledStatus, type CampaignCounters, type ScopePlace } from '#shared/domain/campaigns.ts';
import { expandMessages, totalsOf, type FanOutInput } from '#shared/domain/fan-out.ts';
import { TASK_BUILDERS } from '#shared/domain/task-builders.ts';
import {
  canSeeTask, canWorkTask, claimRefusal, holderRefusal, householdsOf, leaseEnd, parseTaskId, secondsLeft, taskIdOf,
} from '#shared/domain/tasks.ts';
import { accounts, applyVisit, checkVisit, coverageRatio, flagCounts, unaccounted, visitFingerprint } from '#shared/domain/visits.ts';
import { walkingOrder } from '#shared/domain/walking-order.ts';
import type { Caller } from '#shared/roles.ts';
import type { Building } from '#shared/schemas/building.ts';
import { VisitCreate } from '#shared/schemas/visit.ts';
import { chunks } from '#shared/parallel.ts';
import { sweepSettings } from '#functions/platform/sweep-settings.ts';

const caller = (role: Caller['role'], jurisdiction: Caller['jurisdiction'] = {}, username = role): Caller => ({ userId: username, username, role, jurisdiction });
const place = (p: Partial<ScopePlace> & Pick<ScopePlace, 'type'>): ScopePlace => ({ streetId: null, communityId: null, gridId: null, compoundId: null, ...p });
const admin = caller('community', { streetId: 's1', communityId: 'cm1' });

describe('campaign jurisdiction', () => {
  it('lets city staff launch anywhere and a community admin only inside their community', () => {
    expect(canLaunchIn(caller('city'), place({ type: 'city' }))).toBe(true);
    expect(canLaunchIn(admin, place({ type: 'city' }))).toBe(false);
    expect(canLaunchIn(admin, place({ type: 'street', streetId: 's1' }))).toBe(false);
    expect(canLaunchIn(admin, place({ type: 'community', streetId: 's1', communityId: 'cm1' }))).toBe(true);
    expect(canLaunchIn(admin, place({ type: 'grid', streetId: 's1', communityId: 'cm1', gridId: 'g1' }))).toBe(true);
    expect(canLaunchIn(admin, place({ type: 'compound', streetId: 's1', communityId: 'cm2', compoundId: 'c' }))).toBe(false);
    expect(canLaunchIn(caller('official', { streetId: 's1' }), place({ type: 'community', streetId: 's1', communityId: 'cm9' }))).toBe(true);
    expect(canLaunchIn(caller('official', { streetId: 's1' }), place({ type: 'city' }))).toBe(false);
  });

  it('lets a community follow a campaign that covers it, but not a neighbour\'s', () => {
    expect(canFollow(admin, place({ type: 'city' }))).toBe(true);
    expect(canFollow(admin, place({ type: 'street', streetId: 's1' }))).toBe(true);
    expect(canFollow(admin, place({ type: 'street', streetId: 's2' }))).toBe(false);
    expect(canFollow(admin, place({ type: 'community', streetId: 's1', communityId: 'cm2' }))).toBe(false);
    const worker = caller('grid', { streetId: 's1', communityId: 'cm1', gridId: 'g1' });
    expect(canFollow(worker, place({ type: 'grid', streetId: 's1', communityId: 'cm1', gridId: 'g1' }))).toBe(true);
    expect(canFollow(worker, place({ type: 'grid', streetId: 's1', communityId: 'cm1', gridId: 'g2' }))).toBe(false);
  });

  it('lets a grid worker follow a compound campaign in their grid (its tasks are theirs), not one in another grid', () => {
    const worker = caller('grid', { streetId: 's1', communityId: 'cm1', gridId: 'g1' });
    const compound = (gridIds: string[]) => place({ type: 'compound', streetId: 's1', communityId: 'cm1', compoundId: 'c_a', gridIds });
    expect(canFollow(worker, compound(['g1', 'g3']))).toBe(true);
    expect(canFollow(worker, compound(['g2']))).toBe(false);
    expect(canLaunchIn(admin, compound(['g2']))).toBe(true);
  });
});

describe('campaign status', () => {
  const counters = (c: Partial<CampaignCounters>): CampaignCounters => ({
    status: 'fanning-out', compoundsPlanned: 3, compoundsExpanded: 0, compoundsFailed: 0, tasksCreated: 0, tasksDone: 0, ...c,
  });
  it('fans out until every planned compound is expanded or failed', () => {
    expect(settledStatus(counters({ compoundsPlanned: null }))).toBe('fanning-out');
    expect(settledStatus(counters({ compoundsExpanded: 2, tasksCreated: 9 }))).toBe('fanning-out');
    expect(settledStatus(counters({ compoundsExpanded: 2, compoundsFailed: 1, tasksCreated: 9 }))).toBe('active');
  });
  it('is done when every task is done, and cancelled stays cancelled', () => {
    expect(settledStatus(counters({ status: 'active', compoundsExpanded: 3, tasksCreated: 9, tasksDone: 9 }))).toBe('done');
    expect(settledStatus(counters({ compoundsExpanded: 1, tasksCreated: 9, tasksDone: 9 }))).toBe('fanning-out');
    expect(settledStatus(counters({ status: 'cancelled', compoundsExpanded: 3, tasksCreated: 1, tasksDone: 1 }))).toBe('cancelled');
  });
});

const building = (id: string, name: string, location: [number, number], gridId: string | null = 'g1'): Building => ({
  id, compoundId: 'c1', name, gridId, units: 2, floors: 3, householdsPerFloor: 2, households: 12, location, geometry: null, updatedAt: '', updatedBy: '',
});

describe('fan-out planning', () => {
  it('splits a scope into messages of at most ten compounds, each compound once', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    const ids = Array.from({ length: 23 }, (_, i) => `c${i}`);
    const messages = expandMessages('cp', [...ids, 'c0']);
    expect(messages.map((m) => m.compoundIds.length)).toEqual([10, 10, 3]);
    expect(messages.flatMap((m) => m.compoundIds)).toEqual(ids);
    expect(messages.every((m) => m.kind === 'sweep')).toBe(true);
  });

  it("packs a round's compounds 25 a message (about one task each), saying the kind", () => {
    const ids = Array.from({ length: 60 }, (_, i) => `c${i}`);
    const messages = expandMessages('rd', ids, 'disinfection');
    expect(messages.map((m) => m.compoundIds.length)).toEqual([25, 25, 10]);
    expect(messages.every((m) => m.kind === 'disinfection')).toBe(true);
    expect(messages.flatMap((m) => m.compoundIds)).toEqual(ids);
  });

  it("gives each round message its own compounds' case buildings, none when it has none (off the campaign item)", () => {
    const ids = Array.from({ length: 30 }, (_, i) => `c${i}`);
    const messages = expandMessages('rd', ids, 'disinfection', { c1: ['b1', 'b2'], c27: ['b9'], c99: ['bx'], c2: [] });
    expect(messages.map((m) => m.caseBuildings)).toEqual([{ c1: ['b1', 'b2'] }, { c27: ['b9'] }]);
    expect(expandMessages('rd', ['c5'], 'disinfection', { c1: ['b1'] })[0]).not.toHaveProperty('caseBuildings');
  });

  const input = (scope: FanOutInput['campaign']['scope']): FanOutInput => ({
    campaign: { id: 'cp', kind: 'sweep', scope },
    compound: { id: 'c1', name: '阳光花园', streetId: 's1', communityId: 'cm1', location: [112.5, 31.1] },
    buildings: [building('b1', '1栋', [112.5, 31.1]), building('b2', '2栋', [112.501, 31.1], 'g2'), building('b3', '3栋', [112.502, 31.1])],
    exits: [{ status: 'sealed', location: [112.49, 31.1] }, { status: 'open', location: [112.503, 31.1] }],
  });

  it('makes one sweep task per building, walking from the open exit', () => {
    const tasks = TASK_BUILDERS.sweep(input({ type: 'community', id: 'cm1' }));
    expect(tasks.map((t) => [t.targetId, t.order, t.gridId, t.householdsTotal])).toEqual([
      ['b1', 2, 'g1', 12], ['b2', 1, 'g2', 12], ['b3', 0, 'g1', 12],
    ]);
    expect(totalsOf(tasks)).toEqual({ tasks: 3, buildings: 3, households: 36 });
  });

  it('keeps a grid scope to the grid\'s buildings', () => {
    expect(TASK_BUILDERS.sweep(input({ type: 'grid', id: 'g2' })).map((t) => t.targetId)).toEqual(['b2']);
  });
});

describe('walking order', () => {
  const stop = (id: string, name: string, lng: number, lat: number) => ({ id, name, location: [lng, lat] as [number, number] });
  it('walks to the nearest building next, from the start given', () => {
    const stops = [stop('a', '1栋', 0, 0), stop('b', '2栋', 0.003, 0), stop('c', '3栋', 0.001, 0), stop('d', '10栋', 0.002, 0)];
    expect(walkingOrder(stops)).toEqual(['a', 'c', 'd', 'b']);
    expect(walkingOrder(stops, [0.004, 0])).toEqual(['b', 'd', 'c', 'a']);
  });
  it('starts from the first name in natural order (2栋 before 10栋), ties broken by name', () => {
    expect(walkingOrder([stop('x', '10栋', 0, 0), stop('y', '2栋', 1, 1)])).toEqual(['y', 'x']);
    expect(walkingOrder([stop('m', '3栋', 0, 0), stop('l', '2栋', 0.002, 0), stop('r', '1栋', -0.002, 0)], [0, 0])).toEqual(['m', 'r', 'l']);
    expect(walkingOrder([])).toEqual([]);
  });
});

describe('tasks', () => {
  it('round-trips its id', () => {
    expect(parseTaskId(taskIdOf('cp_1', 'b_2-x'))).toEqual({ campaignId: 'cp_1', targetId: 'b_2-x' });
  });

  it('lists every household of a building: units × floors × doors, numbered as on the doors', () => {
    const households = householdsOf({ units: 2, floors: 12, householdsPerFloor: 3 });
    expect(households).toHaveLength(72);
    expect(new Set(households.map((h) => h.id)).size).toBe(72);
    expect(households[0]).toEqual({ id: '1-1-101', unit: 1, floor: 1, room: '101' });
    expect(households.at(-1)).toEqual({ id: '2-12-1203', unit: 2, floor: 12, room: '1203' });
  });

  const task = { kind: 'sweep', compoundId: 'c1', streetId: 's1', communityId: 'cm1', gridId: 'g1' };
  it('is seen within its place and worked by its grid\'s worker only', () => {
    const own = caller('grid', { communityId: 'cm1', gridId: 'g1' });
    const other = caller('grid', { communityId: 'cm1', gridId: 'g2' });
    expect([canSeeTask(own, task), canWorkTask(own, task)]).toEqual([true, true]);
    expect([canSeeTask(other, task), canWorkTask(other, task)]).toEqual([false, false]);
    expect([canSeeTask(admin, task), canWorkTask(admin, task)]).toEqual([true, false]);
    expect(canWorkTask(own, { ...task, gridId: null })).toBe(false);
    expect(canWorkTask(own, { ...task, kind: 'disinfection' })).toBe(false);
  });

  const now = '2026-11-22T10:00:00.000Z';
  it('may be claimed when open or when its lease lapsed, not while held or done', () => {
    expect(claimRefusal({ status: 'open', holder: null, leaseExpiresAt: null }, 'a', now)).toBeUndefined();
    expect(claimRefusal({ status: 'claimed', holder: 'b', leaseExpiresAt: '2026-11-22T09:59:59.000Z' }, 'a', now)).toBeUndefined();
    expect(claimRefusal({ status: 'claimed', holder: 'b', leaseExpiresAt: '2026-11-22T10:00:01.000Z' }, 'a', now)).toMatchObject({ code: 'taken', message: expect.stringMatching(/held by another/) });
    expect(claimRefusal({ status: 'claimed', holder: 'a', leaseExpiresAt: '2026-11-22T11:00:00.000Z' }, 'a', now)).toMatchObject({ code: 'held-by-you', message: expect.stringMatching(/extend/) });
    expect(claimRefusal({ status: 'done', holder: null, leaseExpiresAt: null }, 'a', now)).toMatchObject({ code: 'done', message: expect.stringMatching(/done/) });
  });

  it('lets only the holder with a live lease act', () => {
    const held = { status: 'claimed' as const, holder: 'a', leaseExpiresAt: '2026-11-22T11:00:00.000Z' };
    expect(holderRefusal(held, 'a', now)).toBeUndefined();
    expect(holderRefusal(held, 'b', now)).toMatchObject({ code: 'not-holder', message: expect.stringMatching(/claim it first/) });
    expect(holderRefusal({ ...held, leaseExpiresAt: now }, 'a', now)).toMatchObject({ code: 'lease-lapsed', message: expect.stringMatching(/lapsed/) });
  });

  it('computes leases and the time left', () => {
    expect(leaseEnd(new Date(now), 120)).toBe('2026-11-22T12:00:00.000Z');
    expect(secondsLeft('2026-11-22T10:01:00.000Z', new Date(now))).toBe(60);
    expect(secondsLeft(null, new Date(now))).toBeNull();
  });
});

describe('visits', () => {
  const visit = (v: Record<string, unknown>) => VisitCreate.parse({ visitId: 'v1', householdId: '1-1-101', outcome: 'seen_all', peopleSeen: 2, ...v });

  it('account for a household when people were seen, or it was refused or vacant; no answer does not', () => {
    expect(['seen_all', 'seen_some', 'refused', 'vacant', 'no_answer'].map((o) => accounts(o as never))).toEqual([true, true, true, true, false]);
  });

  it('count a household once, people by its latest result, and a later no-answer undoes nothing', () => {
    const first = applyVisit(undefined, { outcome: 'no_answer', peopleSeen: 0 });
    expect(first).toEqual({ next: { o: 'no_answer', p: 0 }, householdsVisited: 0, peopleSeen: 0 });
    const seen = applyVisit(first.next, { outcome: 'seen_some', peopleSeen: 2 });
    expect(seen).toEqual({ next: { o: 'seen_some', p: 2 }, householdsVisited: 1, peopleSeen: 2 });
    const rest = applyVisit(seen.next, { outcome: 'seen_all', peopleSeen: 3 });
    expect(rest).toEqual({ next: { o: 'seen_all', p: 3 }, householdsVisited: 0, peopleSeen: 1 });
    expect(applyVisit(rest.next, { outcome: 'no_answer', peopleSeen: 0 })).toEqual({ next: rest.next, householdsVisited: 0, peopleSeen: 0 });
  });

  it('check what the schema cannot: the household is the task\'s, and the count fits the outcome', () => {
    const ids = new Set(['1-1-101']);
    expect(checkVisit(visit({}), ids)).toEqual([]);
    expect(checkVisit(visit({ householdId: '1-1-102' }), ids).map((p) => p.field)).toEqual(['body.householdId']);
    expect(checkVisit(visit({ peopleSeen: 0 }), ids).map((p) => p.field)).toEqual(['body.peopleSeen']);
    expect(checkVisit(visit({ outcome: 'vacant', peopleSeen: 1, symptoms: ['cough'] }), ids).map((p) => p.field)).toEqual(['body.peopleSeen', 'body.symptoms']);
    expect(checkVisit(visit({ outcome: 'refused', peopleSeen: 1 }), ids)).toEqual([]);
    expect(checkVisit(visit({ symptoms: ['cough', 'cough'] }), ids).map((p) => p.field)).toEqual(['body.symptoms']);
  });

  it('list the households not accounted for, and why', () => {
    expect(unaccounted(['a', 'b', 'c'], { a: { o: 'seen_all', p: 1 }, b: { o: 'no_answer', p: 0 } })).toEqual([
      { householdId: 'b', reason: 'no_answer' }, { householdId: 'c', reason: 'not_visited' },
    ]);
  });

  it('fingerprint the same body the same, whatever the order of lists and keys', () => {
    const a = visit({ symptoms: ['fever', 'cough'], flags: [{ type: 'tenant' }, { type: 'returnee', origin: '武汉', date: '2026-11-01' }] });
    const b = visit({ flags: [{ date: '2026-11-01', origin: '武汉', type: 'returnee' }, { type: 'tenant' }], symptoms: ['cough', 'fever'] });
    expect(visitFingerprint(a)).toBe(visitFingerprint(b));
    expect(visitFingerprint(a)).not.toBe(visitFingerprint({ ...a, peopleSeen: 3 }));
    expect(visitFingerprint(a)).not.toBe(visitFingerprint({ ...a, note: '房东报告' }));
  });

  it('tally flags by type (four categories by category) and symptoms once a visit', () => {
    expect(flagCounts(visit({ symptoms: ['fever', 'cough'], flags: [{ type: 'four_categories', category: 'close_contact' }, { type: 'tenant' }, { type: 'tenant' }] })))
      .toEqual({ four_categories_close_contact: 1, tenant: 2, symptoms: 1 });
  });

  it('share one ratio for every coverage figure', () => {
    expect([coverageRatio(0, 0), coverageRatio(1, 4), coverageRatio(5, 4)]).toEqual([0, 0.25, 1]);
  });
});

describe('sweep settings', () => {
  it('never lets the task limit fall to zero, which would refuse every claim', () => {
    process.env.TASK_LIMIT_PER_WORKER = '0.5';
    try {
      expect(sweepSettings().taskLimit).toBe(1);
    } finally {
      delete process.env.TASK_LIMIT_PER_WORKER;
    }
    expect(sweepSettings().taskLimit).toBe(5);
  });
});
