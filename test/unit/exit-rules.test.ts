import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULE_SETTINGS, EXIT_RULES, evaluateExits, explain, missedClockIns, nextCheckAt, openInLockdown,
  surplusOpenExits, uncoveredExits, unconfirmedSeals, withSince, type ExitGroup, type RuleExit,
} from '#shared/domain/exit-rules.ts';
import type { ShiftTimes } from '#shared/domain/duty.ts';
import { EXIT_RULE_CODES } from '#shared/schemas/exit.ts';

const NOW = '2026-11-22T08:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();
const h = (hours: number) => at(hours * 60);

function group(overrides: Partial<ExitGroup> & { exits: RuleExit[] }): ExitGroup {
  return { status: 'closed', areaM2: 50_000, shifts: new Map(), ...overrides };
}
const open = (id: string, extra: Partial<RuleExit> = {}): RuleExit => ({ id, status: 'open', ...extra });
const sealed = (id: string, confirmed = true): RuleExit => ({ id, status: 'sealed', ...(confirmed ? { sealing: { confirmedAt: NOW } } : {}) });
const fullDay = (from = -60): ShiftTimes[] => [
  { start: at(from), end: h(8), clockInAt: at(from + 1) },
  { start: h(8), end: h(16) },
  { start: h(16), end: h(24.5) },
];

describe('surplus_open_exit', () => {
  it('allows one open exit below 300,000 m² and flags the rest', () => {
    const found = surplusOpenExits(group({ areaM2: 299_999, exits: [open('e1'), open('e2'), sealed('e3')] }));
    expect([...found.keys()]).toEqual(['e2']);
    expect(found.get('e2')).toEqual({ allowed: 1, open: 2 });
  });

  it('allows two at exactly 300,000 m²', () => {
    expect(surplusOpenExits(group({ areaM2: 300_000, exits: [open('e1'), open('e2')] })).size).toBe(0);
    expect([...surplusOpenExits(group({ areaM2: 300_000, exits: [open('e1'), open('e2'), open('e3')] })).keys()]).toEqual(['e3']);
  });

  it('keeps the designated main checkpoint open and flags the others, whatever their ids', () => {
    const found = surplusOpenExits(group({ exits: [open('a'), open('z', { main: true }), open('m')] }));
    expect([...found.keys()].sort()).toEqual(['a', 'm']);
  });

  it('does not judge a normal or lifted compound', () => {
    for (const status of ['normal', 'lifted'] as const) {
      expect(surplusOpenExits(group({ status, exits: [open('e1'), open('e2')] })).size).toBe(0);
    }
  });
});

describe('seal_unconfirmed', () => {
  it('flags a sealed exit until its sealing is confirmed', () => {
    const found = unconfirmedSeals(group({ exits: [open('e1'), sealed('e2', false), sealed('e3')] }));
    expect([...found.keys()]).toEqual(['e2']);
  });
});

describe('no_duty_coverage', () => {
  it('passes when shifts cover every minute of the next 24 h, touching end to start', () => {
    const g = group({ exits: [open('e1')], shifts: new Map([['e1', fullDay()]]) });
    expect(uncoveredExits(g, NOW, DEFAULT_RULE_SETTINGS).size).toBe(0);
  });

  it('flags a gap of one minute between two shifts', () => {
    const shifts = [{ start: at(-60), end: h(8) }, { start: at(8 * 60 + 1), end: h(25) }];
    const found = uncoveredExits(group({ exits: [open('e1')], shifts: new Map([['e1', shifts]]) }), NOW, DEFAULT_RULE_SETTINGS);
    expect(found.get('e1')).toEqual({ gapStart: h(8), gapEnd: at(8 * 60 + 1) });
  });

  it('flags an exit whose rota ends a minute before the 24 hours do, and one with no shifts at all', () => {
    const short = [{ start: at(-60), end: at(24 * 60 - 1) }];
    const g = group({ exits: [open('e1'), open('e2')], shifts: new Map([['e1', short]]) });
    const found = uncoveredExits(g, NOW, DEFAULT_RULE_SETTINGS);
    expect(found.get('e1')).toEqual({ gapStart: at(24 * 60 - 1), gapEnd: 'open' });
    expect(found.get('e2')).toEqual({ gapStart: 'now', gapEnd: 'open' });
  });

  it('does not ask shifts of sealed exits', () => {
    expect(uncoveredExits(group({ exits: [sealed('e1')] }), NOW, DEFAULT_RULE_SETTINGS).size).toBe(0);
  });
});

describe('missed_clock_in', () => {
  const shiftFrom = (startMinutes: number, clockInMinutes?: number): ShiftTimes[] => [
    { start: at(startMinutes), end: at(startMinutes + 480), ...(clockInMinutes !== undefined ? { clockInAt: at(startMinutes + clockInMinutes) } : {}) },
  ];
  const judge = (shifts: ShiftTimes[]) => missedClockIns(group({ exits: [open('e1')], shifts: new Map([['e1', shifts]]) }), NOW, DEFAULT_RULE_SETTINGS);

  it('accepts a clock-in 14 minutes after the start and flags none 16 minutes in', () => {
    expect(judge(shiftFrom(-30, 14)).size).toBe(0);
    expect(judge(shiftFrom(-16)).size).toBe(1);
    expect(judge(shiftFrom(-16)).get('e1')).toMatchObject({ shiftStart: at(-16), graceMinutes: 15 });
  });

  it('waits out the grace: 14 minutes in without a clock-in is not yet missed', () => {
    expect(judge(shiftFrom(-14)).size).toBe(0);
  });

  it('is resolved by a late clock-in (someone is on post), the lateness kept for accountability elsewhere', () => {
    expect(judge(shiftFrom(-30, 16)).size).toBe(0);
  });

  it('follows the configured grace', () => {
    const g = group({ exits: [open('e1')], shifts: new Map([['e1', shiftFrom(-10)]]) });
    expect(missedClockIns(g, NOW, { ...DEFAULT_RULE_SETTINGS, clockInGraceMinutes: 5 }).size).toBe(1);
  });
});

describe('open_in_lockdown', () => {
  it('flags an exit open to ordinary traffic in lockdown, not a restricted one', () => {
    const found = openInLockdown(group({ status: 'lockdown', exits: [open('e1'), open('e2', { restricted: true }), sealed('e3')] }));
    expect([...found.keys()]).toEqual(['e1']);
  });

  it('does not apply under closed management', () => {
    expect(openInLockdown(group({ status: 'closed', exits: [open('e1')] })).size).toBe(0);
  });
});

describe('evaluateExits', () => {
  it('gathers every rule an exit breaks, in rule order, and nothing for a compliant compound', () => {
    const g = group({
      status: 'lockdown',
      exits: [open('e1'), open('e2'), sealed('e3', false)],
      shifts: new Map([['e1', fullDay()]]),
    });
    const findings = evaluateExits(g, NOW);
    expect(findings.get('e1')?.map((f) => f.code)).toEqual(['open_in_lockdown']);
    expect(findings.get('e2')?.map((f) => f.code)).toEqual(['surplus_open_exit', 'no_duty_coverage', 'open_in_lockdown']);
    expect(findings.get('e3')?.map((f) => f.code)).toEqual(['seal_unconfirmed']);
    const fine = group({ exits: [open('e1'), sealed('e2')], shifts: new Map([['e1', fullDay()]]) });
    expect(evaluateExits(fine, NOW).size).toBe(0);
  });

  it('has one rule per contract code, each explained in Chinese and English', () => {
    expect(EXIT_RULES.map((r) => r.code)).toEqual([...EXIT_RULE_CODES]);
    for (const rule of EXIT_RULES) {
      expect(rule.rule['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(rule.rule.en).toMatch(/[a-z]/);
    }
    const finding = { code: 'surplus_open_exit' as const, detail: { allowed: 1, open: 3 } };
    expect(explain(finding, 'zh-CN')).toContain('最多允许1个');
    expect(explain(finding, 'en')).toContain('3 open where 1 is allowed');
    expect(explain({ code: 'no_duty_coverage', detail: { gapStart: 'now', gapEnd: 'open' } }, 'en')).toContain('from now');
  });

  it('tells times as the people at the gate read them: China time (UTC+8), so a gap at midnight there says 00:00', () => {
    const gap = { code: 'no_duty_coverage' as const, detail: { gapStart: '2026-11-22T16:00:00.000Z', gapEnd: '2026-11-23T00:00:00.000Z' } };
    expect(explain(gap, 'zh-CN')).toBe('值班有空档：2026-11-23 00:00至2026-11-23 08:00无人值守（北京时间）');
    expect(explain(gap, 'en')).toBe('No one on duty from 2026-11-23 00:00 to 2026-11-23 08:00 (China time, UTC+8)');
    const missed = { code: 'missed_clock_in' as const, detail: { shiftStart: '2026-11-22T16:00:00.000Z', person: 'duty-a', graceMinutes: 15 } };
    expect(explain(missed, 'zh-CN')).toContain('2026-11-23 00:00');
    expect(explain(missed, 'en')).toContain('2026-11-23 00:00');
  });
});

describe('nextCheckAt', () => {
  it('is the next moment a time-based finding can change: a grace running out, a shift starting or ending', () => {
    const shifts: ShiftTimes[] = [{ start: at(-5), end: h(8) }];
    const g = group({ exits: [open('e1')], shifts: new Map([['e1', shifts]]) });
    // The grace of the running shift ends 10 minutes from now (+1 ms: judged just after it).
    expect(nextCheckAt(g, NOW)).toBe(new Date(Date.parse(at(10)) + 1).toISOString());
  });

  it('is nothing for a compound that is not sealed', () => {
    expect(nextCheckAt(group({ status: 'normal', exits: [open('e1')], shifts: new Map([['e1', fullDay()]]) }), NOW)).toBeUndefined();
  });
});

describe('withSince', () => {
  it('keeps when a reason began while it persists, and starts new ones now', () => {
    const findings = [{ code: 'seal_unconfirmed' as const, detail: {} }, { code: 'surplus_open_exit' as const, detail: {} }];
    expect(withSince(findings, [{ code: 'seal_unconfirmed', since: '2026-11-01T00:00:00.000Z' }], NOW).map((f) => f.since))
      .toEqual(['2026-11-01T00:00:00.000Z', NOW]);
  });
});
