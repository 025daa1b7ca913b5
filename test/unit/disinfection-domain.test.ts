/**
 * Disinfection and case rules: slots in China time, the current round, due times, required
 * rounds, partial completion, the 14-day case window, daily sums, the lockdown suggestion and
 * the disinfection task builder.
 */
import { describe, expect, it } from 'vitest';
import { caseFingerprint, inCaseWindow, suggestsLockdown, sumByDay } from '#shared/domain/cases.ts';
import { chinaYesterday } from '#shared/domain/china-time.ts';
import { disinfectionTasks } from '#shared/domain/disinfection-tasks.ts';
import {
  caseWindow, currentRound, dayBefore, dayEnd, dueAtOf, judgeCompletion, manualCampaignRound, missedRounds, parseSlots,
  isScheduledRound, PUBLIC_AREA_SET, requiredRounds, requiredRoundsOn, roundIdOf, roundStatus, scheduledRound, slotStart,
} from '#shared/domain/disinfection.ts';
import { canSeeTask, canWorkTask } from '#shared/domain/tasks.ts';
import type { Caller } from '#shared/roles.ts';

const settings = { publicSlots: ['08:00', '16:00'], caseSlots: ['08:00', '12:00', '16:00', '20:00'] };

describe('slots in China time', () => {
  it('parses, sorts and de-duplicates slot lists; anything else falls back', () => {
    expect(parseSlots('16:00, 08:00,08:00')).toEqual(['08:00', '16:00']);
    expect(parseSlots('8:00')).toBeUndefined();
    expect(parseSlots('24:00')).toBeUndefined();
    expect(parseSlots('')).toBeUndefined();
    expect(parseSlots(undefined)).toBeUndefined();
  });

  it('a slot of a China day starts 8 hours earlier in UTC; the day ends at its midnight there', () => {
    expect(slotStart('2026-11-23', '08:00')).toBe('2026-11-23T00:00:00.000Z');
    expect(slotStart('2026-11-23', '02:00')).toBe('2026-11-22T18:00:00.000Z');
    expect(dayEnd('2026-11-23')).toBe('2026-11-23T16:00:00.000Z');
    expect(dayBefore('2026-03-01')).toBe('2026-02-28');
    // 17:00 UTC is already the next day in China, so its yesterday is UTC's today.
    expect(chinaYesterday('2026-11-22T17:00:00.000Z')).toBe('2026-11-22');
    expect(chinaYesterday('2026-11-22T15:59:59.000Z')).toBe('2026-11-21');
  });

  it('the current round is the latest slot started today in China, with what it covers', () => {
    expect(currentRound('2026-11-22T23:59:59.000Z', settings)).toBeUndefined(); // 07:59 on the 23rd
    expect(currentRound('2026-11-23T00:00:00.000Z', settings)).toEqual({ day: '2026-11-23', slot: '08:00', publicAreas: true, caseBuildings: true });
    expect(currentRound('2026-11-23T05:00:00.000Z', settings)).toEqual({ day: '2026-11-23', slot: '12:00', publicAreas: false, caseBuildings: true });
    // 16:30 UTC is 00:30 on the next China day: before its first slot.
    expect(currentRound('2026-11-23T16:30:00.000Z', settings)).toBeUndefined();
    expect(currentRound('2026-11-23T15:59:00.000Z', settings)?.slot).toBe('20:00');
    expect(roundIdOf('2026-11-23', '08:00')).toBe('rd_20261123_0800');
  });

  it('a task is due at its own list\'s next slot, or at the day\'s end', () => {
    expect(dueAtOf('2026-11-23', '08:00', 'public_areas', settings)).toBe('2026-11-23T08:00:00.000Z');
    expect(dueAtOf('2026-11-23', '08:00', 'building', settings)).toBe('2026-11-23T04:00:00.000Z');
    expect(dueAtOf('2026-11-23', '16:00', 'public_areas', settings)).toBe('2026-11-23T16:00:00.000Z');
    expect(scheduledRound({ day: '2026-11-23', slot: '20:00', publicAreas: false, caseBuildings: true }, settings).buildingDueAt).toBe('2026-11-23T16:00:00.000Z');
  });

  it('a manual round takes the launch minute as its slot, due in 4 hours but within the day', () => {
    expect(manualCampaignRound('2026-11-23T00:30:00.000Z')).toMatchObject({ day: '2026-11-23', slot: '08:30', publicDueAt: '2026-11-23T04:30:00.000Z', scheduled: false });
    expect(manualCampaignRound('2026-11-23T14:00:00.000Z').publicDueAt).toBe('2026-11-23T15:59:00.000Z');
  });
});

describe('rounds required and done', () => {
  it('a day requires one public-area round per configured slot; fewer completed is missed', () => {
    expect(requiredRounds(settings)).toBe(2);
    expect(missedRounds(2, 1)).toBe(true);
    expect(missedRounds(2, 2)).toBe(false);
    expect(missedRounds(2, 3)).toBe(false);
  });

  it('a compound under normal management requires none; a past day requires rounds only where the schedule covered it', () => {
    expect(requiredRoundsOn(settings, { isToday: true, status: 'closed', scheduledPublicRounds: 0 })).toBe(2);
    expect(requiredRoundsOn(settings, { isToday: true, status: 'lockdown', scheduledPublicRounds: 0 })).toBe(2);
    expect(requiredRoundsOn(settings, { isToday: true, status: 'normal', scheduledPublicRounds: 0 })).toBe(0);
    // Lifted after this morning's round: today still required.
    expect(requiredRoundsOn(settings, { isToday: true, status: 'normal', scheduledPublicRounds: 1 })).toBe(2);
    // A past day: its status then is not kept, the schedule's rounds of the day say.
    expect(requiredRoundsOn(settings, { isToday: false, status: 'closed', scheduledPublicRounds: 0 })).toBe(0);
    expect(requiredRoundsOn(settings, { isToday: false, status: 'normal', scheduledPublicRounds: 2 })).toBe(2);
    expect(isScheduledRound(roundIdOf('2026-11-23', '08:00'))).toBe(true);
    expect(isScheduledRound('cp_0123456789abcdef')).toBe(false);
  });

  it('the whole set is done; fewer areas need a reason; areas outside the set are refused', () => {
    expect(judgeCompletion(PUBLIC_AREA_SET, { areas: [...PUBLIC_AREA_SET].reverse() })).toEqual({ outcome: 'done', areas: [...PUBLIC_AREA_SET] });
    expect(judgeCompletion(PUBLIC_AREA_SET, { areas: ['corridor'] })).toMatchObject({ field: 'body.reason' });
    expect(judgeCompletion(PUBLIC_AREA_SET, { areas: ['corridor', 'corridor'], reason: '电梯停运' })).toEqual({ outcome: 'partial', areas: ['corridor'] });
    expect(judgeCompletion(['corridor', 'elevator', 'public_area'], { areas: ['guard_room'], reason: 'x' })).toMatchObject({ field: 'body.areas' });
  });

  it('says why a completion is refused, with a code, the field at fault and the sentence to show', () => {
    expect(judgeCompletion(['corridor', 'elevator'], { areas: ['corridor'] }))
      .toMatchObject({ code: 'reason-missing', field: 'body.reason', message: 'is required when areas are left out (elevator)' });
    expect(judgeCompletion(['corridor', 'elevator'], { areas: ['guard_room'], reason: 'x' }))
      .toMatchObject({ code: 'foreign-areas', field: 'body.areas', message: "not in this task's area set (corridor, elevator): guard_room" });
  });

  it('open or claimed past due reads overdue; done reads done or partial', () => {
    const due = '2026-11-23T08:00:00.000Z';
    expect(roundStatus({ status: 'open', dueAt: due }, '2026-11-23T07:59:59.999Z')).toBe('open');
    expect(roundStatus({ status: 'claimed', dueAt: due }, due)).toBe('overdue');
    expect(roundStatus({ status: 'done', dueAt: due }, '2026-11-24T00:00:00.000Z')).toBe('done');
    expect(roundStatus({ status: 'done', partial: true, dueAt: due }, due)).toBe('partial');
  });
});

describe('cases', () => {
  it('a case counts for 14 China days including its own', () => {
    expect(caseWindow('2026-11-23')).toHaveLength(14);
    expect(caseWindow('2026-11-23')[0]).toBe('2026-11-10');
    expect(inCaseWindow('2026-11-10', '2026-11-23')).toBe(true);
    expect(inCaseWindow('2026-11-09', '2026-11-23')).toBe(false);
    expect(inCaseWindow('2026-11-24', '2026-11-23')).toBe(false);
  });

  it('sums reports per day by kind, in day order', () => {
    expect(sumByDay([
      { date: '2026-11-21', kind: 'confirmed', count: 2 },
      { date: '2026-11-20', kind: 'suspected', count: 1 },
      { date: '2026-11-21', kind: 'confirmed', count: 1 },
      { date: '2026-11-21', kind: 'asymptomatic', count: 5 },
    ])).toEqual([
      { day: '2026-11-20', confirmed: 0, suspected: 1, asymptomatic: 0 },
      { day: '2026-11-21', confirmed: 3, suspected: 0, asymptomatic: 5 },
    ]);
  });

  it('only a confirmed case outside lockdown, with no suggestion open, suggests lockdown', () => {
    expect(suggestsLockdown('confirmed', 'closed', false)).toBe(true);
    expect(suggestsLockdown('confirmed', 'lockdown', false)).toBe(false);
    expect(suggestsLockdown('confirmed', 'normal', true)).toBe(false);
    expect(suggestsLockdown('suspected', 'normal', false)).toBe(false);
  });

  it('a report\'s fingerprint changes with any field', () => {
    const base = { buildingId: 'b1', date: '2026-11-23', kind: 'confirmed' as const, count: 1 };
    expect(caseFingerprint(base)).toBe(caseFingerprint({ ...base }));
    expect(caseFingerprint({ ...base, count: 2 })).not.toBe(caseFingerprint(base));
  });
});

describe('the disinfection task builder and who works its tasks', () => {
  const round = scheduledRound({ day: '2026-11-23', slot: '08:00', publicAreas: true, caseBuildings: true }, settings);
  const building = (id: string) => ({
    id, compoundId: 'c1', name: id, gridId: 'g1', units: 1, floors: 1, householdsPerFloor: 1, households: 1,
    location: [112.5, 31.1] as [number, number], geometry: null, updatedAt: '2026-11-01T00:00:00.000Z', updatedBy: 't',
  });
  const input = (r = round) => ({
    campaign: { id: 'rd1', kind: 'disinfection' as const, scope: { type: 'city' as const }, round: r },
    compound: { id: 'c1', name: '一号院', streetId: 's1', communityId: 'cm1', location: [112.5, 31.1] as const, propertyManaged: false },
    // The fan-out gives a round only the compound's case buildings (b2; b1 has no case).
    buildings: [building('b2')],
    exits: [],
  });

  it('one public-area task per compound and one per case building; an extra slot only the building', () => {
    const tasks = disinfectionTasks(input());
    expect(tasks.map((t) => [t.targetId, t.round?.target, t.round?.dueAt])).toEqual([
      ['c1', 'public_areas', '2026-11-23T08:00:00.000Z'],
      ['b2', 'building', '2026-11-23T04:00:00.000Z'],
    ]);
    expect(tasks.every((t) => t.householdsTotal === 0 && t.layout === null && t.propertyManaged === false)).toBe(true);
    expect(disinfectionTasks(input({ ...round, publicAreas: false })).map((t) => t.targetId)).toEqual(['b2']);
  });

  it('property staff work their compounds; a community team those without property management', () => {
    const staff: Caller = { userId: 'u', username: 'p', role: 'disinfection', jurisdiction: { compoundIds: ['c1'] } };
    const team: Caller = { userId: 'u', username: 't', role: 'disinfection', jurisdiction: { communityId: 'cm1' } };
    const place = { kind: 'disinfection', compoundId: 'c1', communityId: 'cm1', streetId: 's1', gridId: null };
    expect(canWorkTask(staff, { ...place, propertyManaged: true })).toBe(true);
    expect(canWorkTask(team, { ...place, propertyManaged: true })).toBe(false);
    expect(canWorkTask(team, { ...place, propertyManaged: false })).toBe(true);
    expect(canSeeTask(staff, { ...place, kind: 'sweep' })).toBe(false);
    expect(canWorkTask(staff, { ...place, compoundId: 'c2' })).toBe(false);
  });
});
