import { describe, expect, it } from 'vitest';
import { ROLES } from '#shared/roles.ts';
import type { UnresolvedExit } from '#shared/schemas/exit.ts';
import { actionsFor, countByReason, groupByCommunity, groupByReason, mayTake, maySeal } from '#web/src/board/grouping.ts';
import { relativeTime } from '#web/src/board/relative-time.ts';

type Code = UnresolvedExit['reasons'][number]['code'];
const exit = (id: string, codes: Code[], since: string, communityId: string | null = 'cm1'): UnresolvedExit => ({
  id, compoundId: 'c1', compoundName: '小区', communityId, streetId: 's1', name: id, status: 'open', location: [112, 31],
  reasons: codes.map((code) => ({ code, message: code, since })), since,
});

describe('board grouping', () => {
  const exits = [
    exit('b', ['surplus_open_exit', 'missed_clock_in'], '2026-11-22T10:00:00Z'),
    exit('a', ['surplus_open_exit'], '2026-11-22T10:00:00Z', 'cm2'),
    exit('c', ['missed_clock_in'], '2026-11-21T10:00:00Z', null),
  ];

  it('groups by reason in the rules\' order, oldest first (ties by id), an exit under each of its reasons', () => {
    expect(groupByReason(exits).map((g) => [g.key, g.exits.map((e) => e.id)])).toEqual([
      ['surplus_open_exit', ['a', 'b']],
      ['missed_clock_in', ['c', 'b']],
    ]);
    expect(countByReason(exits)).toEqual({ surplus_open_exit: 2, seal_unconfirmed: 0, no_duty_coverage: 0, missed_clock_in: 2, open_in_lockdown: 0 });
  });

  it('groups by community, the one with the oldest exit first; exits of no community under ""', () => {
    expect(groupByCommunity(exits).map((g) => [g.key, g.exits.map((e) => e.id)])).toEqual([['', ['c']], ['cm2', ['a']], ['cm1', ['b']]]);
  });
});

describe('board actions by role', () => {
  it('follow the catalogue\'s roles, officials confirming sealings only', () => {
    const table = Object.fromEntries(ROLES.map((role) => [role, (['seal', 'confirmSealing', 'restrict', 'addShifts', 'shifts'] as const).filter((a) => mayTake(role, a))]));
    expect(table).toEqual({
      city: ['seal', 'confirmSealing', 'restrict', 'addShifts', 'shifts'],
      official: ['confirmSealing', 'shifts'],
      community: ['seal', 'confirmSealing', 'restrict', 'addShifts', 'shifts'],
      grid: [],
      duty: ['shifts'],
      disinfection: [],
      volunteer: [],
    });
    expect(ROLES.filter(maySeal)).toEqual(['city', 'community']);
  });

  it('fit the reasons of the exit', () => {
    expect(actionsFor(exit('x', ['open_in_lockdown', 'no_duty_coverage'], '2026-11-22T00:00:00Z'), 'community')).toEqual(['seal', 'restrict', 'addShifts', 'shifts']);
    expect(actionsFor(exit('x', ['surplus_open_exit'], '2026-11-22T00:00:00Z'), 'official')).toEqual([]);
    expect(actionsFor(exit('x', ['seal_unconfirmed'], '2026-11-22T00:00:00Z'), 'official')).toEqual(['confirmSealing']);
  });
});

describe('relativeTime', () => {
  const now = Date.parse('2026-11-23T02:00:00Z');
  it('says how long ago in the page\'s language', () => {
    expect(relativeTime('2026-11-23T01:30:00Z', now, 'zh-CN')).toBe('30分钟前');
    expect(relativeTime('2026-11-22T23:00:00Z', now, 'en')).toBe('3 hours ago');
    expect(relativeTime('2026-11-20T02:00:00Z', now, 'zh-CN')).toBe('3天前');
    expect(relativeTime('2026-11-23T01:59:40Z', now, 'en')).toBe('this minute');
  });
});
