/**
 * The six in place judged from evidence (shared/domain/scorecard.ts): each item flips with its
 * evidence, a compound not under closure has none that apply, and the shares by community and
 * street come from one function; and the inspection rules (shared/domain/inspections.ts): refusals
 * naming the field, status, overdue, and the accountability list.
 */
import { describe, expect, it } from 'vitest';
import { scorecardGroups, scorecardItems, scorecardShares, type ScorecardEvidence } from '#shared/domain/scorecard.ts';
import { accountabilityList, initialStatus, inspectionRefusals, isOverdue } from '#shared/domain/inspections.ts';
import type { Inspection } from '#shared/schemas/inspection.ts';

const good: ScorecardEvidence = {
  status: 'closed',
  checkpoint: { open: 1, allowed: 1, surplus: 0, unconfirmedSeals: 0, openInLockdown: 0 },
  duty: { openExits: 1, shifts: 3, uncoveredExits: 0, started: 2, missed: 0 },
  registration: { entries: 40, withFourChecks: 40 },
  notices: { posted: true, responsibilityComplete: true },
  screening: { campaigns: 1, households: 120, householdsVisited: 120, coverage: 1 },
  disinfection: { required: 2, done: 2 },
};
const verdicts = (e: ScorecardEvidence) => Object.fromEntries(scorecardItems(e, 'en').map((i) => [i.key, i.inPlace]));

describe('scorecard items', () => {
  it('are all in place with complete evidence, in the six keys\' order', () => {
    const items = scorecardItems(good, 'zh-CN');
    expect(items.map((i) => i.key)).toEqual(['checkpoint', 'duty', 'registration', 'notices', 'screening', 'disinfection']);
    expect(items.every((i) => i.inPlace)).toBe(true);
    expect(items.find((i) => i.key === 'disinfection')?.evidence).toBe('公共区域消杀完成2/2轮');
  });

  it.each([
    ['checkpoint', { checkpoint: { ...good.checkpoint, surplus: 1, open: 2 } }, 'open beyond'],
    ['checkpoint', { checkpoint: { ...good.checkpoint, open: 0 } }, 'no open exit'],
    ['duty', { duty: { ...good.duty, missed: 1 } }, 'without a clock-in'],
    ['duty', { duty: { ...good.duty, uncoveredExits: 1 } }, 'gaps'],
    ['registration', { registration: { entries: 40, withFourChecks: 39 } }, '1 of 40'],
    ['registration', { registration: { entries: 0, withFourChecks: 0 } }, 'No registration'],
    ['notices', { notices: { posted: false, responsibilityComplete: true } }, 'not posted'],
    ['notices', { notices: { posted: true, responsibilityComplete: false } }, 'incomplete'],
    ['screening', { screening: { campaigns: 1, households: 120, householdsVisited: 119, coverage: 0.99 } }, 'some missed'],
    ['screening', { screening: null }, 'No sweep'],
    ['disinfection', { disinfection: { required: 2, done: 1 } }, '1 of 2'],
  ] as const)('%s flips with its evidence (%#)', (key, change, said) => {
    const items = scorecardItems({ ...good, ...change } as ScorecardEvidence, 'en');
    const item = items.find((i) => i.key === key);
    expect(item?.inPlace).toBe(false);
    expect(item?.evidence).toContain(said);
    expect(items.filter((i) => !i.inPlace).map((i) => i.key)).toEqual([key]);
  });

  it('does not ask an open exit of a compound in lockdown, but no exit open to ordinary traffic', () => {
    const lockdown = { ...good, status: 'lockdown' as const, checkpoint: { ...good.checkpoint, open: 0 }, duty: { ...good.duty, openExits: 0, shifts: 0, started: 0 } };
    expect(verdicts(lockdown)).toMatchObject({ checkpoint: true, duty: true });
    expect(verdicts({ ...lockdown, checkpoint: { ...lockdown.checkpoint, open: 1, openInLockdown: 1 } }).checkpoint).toBe(false);
  });

  it('has none in place for a compound not under closure', () => {
    const items = scorecardItems({ ...good, status: 'normal' }, 'en');
    expect(items.every((i) => !i.inPlace && i.evidence.includes('not under closed management'))).toBe(true);
  });
});

describe('shares in place', () => {
  const judged = (id: string, communityId: string, streetId: string, inPlace: number, sealed = true) => ({
    compoundId: id, communityId, streetId, sealed,
    items: scorecardItems(good, 'en').map((i, n) => ({ key: i.key, inPlace: n < inPlace })),
  });
  const all = [judged('a', 'cm1', 's1', 6), judged('b', 'cm1', 's1', 3), judged('c', 'cm2', 's1', 0), judged('d', 'cm2', 's1', 6, false)];

  it('count only compounds under closure, per item and over all items', () => {
    const total = scorecardShares(all, { id: 's1', name: '街道', level: 'street' });
    expect(total.compounds).toBe(3);
    expect(total.percent).toBe(50);
    expect(total.items.find((i) => i.key === 'checkpoint')).toEqual({ key: 'checkpoint', inPlace: 2, of: 3, percent: 66.7 });
    expect(total.items.find((i) => i.key === 'disinfection')).toEqual({ key: 'disinfection', inPlace: 1, of: 3, percent: 33.3 });
  });

  it('group by community or street with the same function, weakest first', () => {
    const groups = scorecardGroups(all, 'community', (id) => `社区${id}`);
    expect(groups.map((g) => [g.id, g.compounds, g.percent])).toEqual([['cm2', 1, 0], ['cm1', 2, 75]]);
    expect(scorecardGroups(all, 'street', (id) => String(id)).map((g) => g.percent)).toEqual([50]);
  });
});

describe('inspection rules', () => {
  const list = { streetLeader: { name: '李街道' }, communityLeader: { name: '王社区' }, responsiblePerson: { name: '张责任' } };
  const at = '2026-11-22T02:00:00.000Z';
  const body = { compoundId: 'c_a', items: [{ key: 'duty' as const, ok: false, finding: '脱岗' }], responsible: '张责任', deadline: '2026-11-23T02:00:00.000Z' };

  it('refuse each wrong field by name', () => {
    expect(inspectionRefusals(body, list, at)).toEqual([]);
    const fields = inspectionRefusals({ ...body, responsible: '路人', deadline: at, items: [{ key: 'duty', ok: false }, { key: 'duty', ok: true }] }, list, at).map((r) => r.field);
    expect(fields).toEqual(['body.items.0.finding', 'body.items.1.key', 'body.responsible', 'body.deadline']);
    expect(inspectionRefusals(body, undefined, at).map((r) => r.said.key)).toEqual(['inspection.no-responsibility']);
  });

  it('pass an inspection with nothing found, and flag open ones past their deadline only', () => {
    expect(initialStatus([{ key: 'duty', ok: true }])).toBe('passed');
    expect(initialStatus(body.items)).toBe('open');
    expect(isOverdue({ status: 'open', deadline: body.deadline }, '2026-11-23T02:00:00.000Z')).toBe(true);
    expect(isOverdue({ status: 'open', deadline: body.deadline }, '2026-11-23T01:59:59.999Z')).toBe(false);
    expect(isOverdue({ status: 'rectified', deadline: body.deadline }, '2026-11-24T00:00:00.000Z')).toBe(false);
    expect(isOverdue({ status: 'open' }, '2026-11-24T00:00:00.000Z')).toBe(false);
  });

  it('hold each person to their open findings and the compound\'s missed duties', () => {
    const inspection = (id: string, status: Inspection['status'], responsible?: string): Inspection => ({
      id, compoundId: 'c_a', compoundName: '阳光花园', communityId: 'cm1', streetId: 's1', photos: [], status,
      items: [{ key: 'duty', ok: false, finding: '脱岗' }, { key: 'notices', ok: true }], inspectedAt: at, inspectedBy: 'official-s1',
      ...(responsible ? { responsible } : {}), deadline: body.deadline,
    });
    const entries = accountabilityList(
      [{ id: 'c_a', name: '阳光花园', responsibility: list }],
      [inspection('i1', 'overdue', '王社区'), inspection('i2', 'open'), inspection('i3', 'rectified', '李街道')],
      [{ kind: 'missed_round', compoundId: 'c_a', date: '2026-11-21' }],
    );
    expect(entries.map((e) => [e.name, e.roles, e.openFindings, e.overdueFindings, e.missedDuties])).toEqual([
      ['王社区', ['communityLeader'], 1, 1, 0],
      ['张责任', ['responsiblePerson'], 1, 0, 1],
    ]);
    expect(entries[1]?.missed).toEqual([{ kind: 'missed_round', compoundId: 'c_a', compoundName: '阳光花园', date: '2026-11-21' }]);
  });
});
