/**
 * The exit rules (DOMAIN.md, Exits and checkpoints; seed 000 rules 4–6, seed 004 §二): each a
 * pure function of a compound's (or an enclosure's) exits, duty shifts and the time, with its
 * code and a Chinese and English explanation. What they find makes an exit "unresolved".
 *
 * The rules apply while the compound is under closed management or lockdown; a normal or lifted
 * compound keeps its gates as it likes. An enclosure (several small compounds or single buildings
 * merged behind one fence) is judged as one: its exits together, its area together.
 *
 * Which open exits are surplus must not change from one evaluation to the next, so the ones kept
 * are chosen by a fixed order: designated main checkpoints (`main`) first, then by id.
 */
import type { CompoundStatus } from '../schemas/compound.ts';
import type { ExitRuleCode } from '../schemas/exit.ts';
import { chinaMinute } from './china-time.ts';
import { clockInState, coverageGaps, currentShifts, type ShiftTimes } from './duty.ts';
import { HOUR_MS, isoAfter, isoAt, MINUTE_MS } from './time.ts';
import { allowedOpenExits, isSealed } from './exits.ts';
import type { Language } from '../messages/language.ts';


export interface RuleSettings {
  /** Minutes after a shift's start within which its person must clock in (15 by seed 000's practice). */
  readonly clockInGraceMinutes: number;
  /** How far ahead every minute must be covered by a shift (24 h: 24小时轮班). */
  readonly coverageHours: number;
}
export const DEFAULT_RULE_SETTINGS: RuleSettings = { clockInGraceMinutes: 15, coverageHours: 24 };

export interface RuleExit {
  readonly id: string;
  readonly status: 'open' | 'sealed';
  /** The designated main checkpoint: kept open before any other. */
  readonly main?: boolean | undefined;
  /** Open only to the people lockdown lets through (medical, supply, emergency), not ordinary traffic. */
  readonly restricted?: boolean | undefined;
  readonly sealing?: { readonly confirmedAt: string } | undefined;
}

export interface ExitGroup {
  /** The strictest status among the group's compounds. */
  readonly status: CompoundStatus;
  readonly areaM2: number;
  readonly exits: readonly RuleExit[];
  /** Shifts by exit id; only open exits need them. */
  readonly shifts: ReadonlyMap<string, readonly (ShiftTimes & { readonly person?: string })[]>;
}

export type Detail = Readonly<Record<string, string | number>>;

export interface ExitRule {
  readonly code: ExitRuleCode;
  /** What the rule asks, in both languages (for documentation and the UI's legend). */
  readonly rule: Readonly<Record<Language, string>>;
  /** Why this exit breaks it. */
  explain(detail: Detail, language: Language): string;
  /** The exits that break it, each with the detail its explanation names. */
  check(group: ExitGroup, now: string, settings: RuleSettings): Map<string, Detail>;
}

const openExits = (group: ExitGroup) => group.exits.filter((e) => e.status === 'open');
const byKeepOrder = (a: RuleExit, b: RuleExit) => Number(b.main ?? false) - Number(a.main ?? false) || a.id.localeCompare(b.id);
/** Times as the gate reads them (China time); the detail keeps the instant in UTC. */
const hhmm = chinaMinute;
const zone: Record<Language, string> = { 'zh-CN': '（北京时间）', en: ' (China time, UTC+8)' };

/** Exactly one open exit under closed management or lockdown, at most two from 300,000 m². */
export function surplusOpenExits(group: ExitGroup): Map<string, Detail> {
  const found = new Map<string, Detail>();
  if (!isSealed(group.status)) return found;
  const allowed = allowedOpenExits(group.areaM2);
  const open = openExits(group).sort(byKeepOrder);
  for (const exit of open.slice(allowed)) found.set(exit.id, { allowed, open: open.length });
  return found;
}

/** An exit ordered sealed stays unresolved until someone confirms how it was sealed. */
export function unconfirmedSeals(group: ExitGroup): Map<string, Detail> {
  const found = new Map<string, Detail>();
  if (!isSealed(group.status)) return found;
  for (const exit of group.exits) if (exit.status === 'sealed' && !exit.sealing?.confirmedAt) found.set(exit.id, {});
  return found;
}

/** Every minute of the next 24 hours at an open exit is someone's shift. */
export function uncoveredExits(group: ExitGroup, now: string, settings: RuleSettings): Map<string, Detail> {
  const found = new Map<string, Detail>();
  if (!isSealed(group.status)) return found;
  const until = isoAfter(now, settings.coverageHours * HOUR_MS);
  for (const exit of openExits(group)) {
    const gaps = coverageGaps(group.shifts.get(exit.id) ?? [], now, until);
    const first = gaps[0];
    // 'now' and 'open' instead of the window's moving ends, so the finding stays the same while nothing changes.
    if (first) {
      found.set(exit.id, {
        gapStart: first.start === isoAt(now) ? 'now' : first.start,
        gapEnd: first.end === until ? 'open' : first.end,
      });
    }
  }
  return found;
}

/**
 * The current shift of each open exit whose person did not clock in within the grace after its
 * start, by exit id: the rule's finding, and the shifts the judgement raises a missed_clock_in alert for.
 */
export function missedShifts<S extends ShiftTimes>(group: Omit<ExitGroup, 'shifts'> & { readonly shifts: ReadonlyMap<string, readonly S[]> }, now: string, settings: RuleSettings): Map<string, S> {
  const found = new Map<string, S>();
  if (!isSealed(group.status)) return found;
  for (const exit of openExits(group)) {
    const missed = currentShifts(group.shifts.get(exit.id) ?? [], now).find(
      (s) => clockInState(s, now, settings.clockInGraceMinutes) === 'missed',
    );
    if (missed) found.set(exit.id, missed);
  }
  return found;
}

/** The current shift's person clocked in within the grace after its start. */
export function missedClockIns(group: ExitGroup, now: string, settings: RuleSettings): Map<string, Detail> {
  const found = new Map<string, Detail>();
  for (const [exitId, missed] of missedShifts(group, now, settings)) {
    found.set(exitId, { shiftStart: missed.start, person: missed.person ?? '', graceMinutes: settings.clockInGraceMinutes });
  }
  return found;
}

/** Lockdown (里不出，外不进): no exit open to ordinary traffic. */
export function openInLockdown(group: ExitGroup): Map<string, Detail> {
  const found = new Map<string, Detail>();
  if (group.status !== 'lockdown') return found;
  for (const exit of openExits(group)) if (!exit.restricted) found.set(exit.id, {});
  return found;
}

export const EXIT_RULES: readonly ExitRule[] = [
  {
    code: 'surplus_open_exit',
    rule: {
      'zh-CN': '封闭管理小区只保留一个出入口，30万平方米以上的小区最多开放2个出入口',
      en: 'A compound under closed management keeps one open exit; from 300,000 m² at most two',
    },
    explain: (d, l) =>
      l === 'zh-CN'
        ? `多余的开放出入口：开放${d.open}个，最多允许${d.allowed}个，应予封闭`
        : `Surplus open exit: ${d.open} open where ${d.allowed} ${d.allowed === 1 ? 'is' : 'are'} allowed; seal it`,
    check: (g) => surplusOpenExits(g),
  },
  {
    code: 'seal_unconfirmed',
    rule: {
      'zh-CN': '应封闭的出入口须确认已封闭（围挡、铁皮、铁丝网或上锁）',
      en: 'An exit ordered sealed must have its sealing confirmed (fence, iron sheet, wire mesh or lock)',
    },
    explain: (_d, l) => (l === 'zh-CN' ? '出入口已下令封闭，但尚未确认封闭到位' : 'Ordered sealed, but the sealing has not been confirmed'),
    check: (g) => unconfirmedSeals(g),
  },
  {
    code: 'no_duty_coverage',
    rule: {
      'zh-CN': '开放的出入口须24小时轮班值守，未来24小时每一分钟都有人值班',
      en: 'An open exit is staffed 24 hours: every minute of the next 24 hours is someone\'s shift',
    },
    explain: (d, l) => {
      const from = d.gapStart === 'now' ? (l === 'zh-CN' ? '现在' : 'now') : hhmm(String(d.gapStart));
      const at = d.gapStart === 'now' ? '' : zone[l];
      if (d.gapEnd === 'open') return l === 'zh-CN' ? `${from}起未来24小时内无人排班值守${at}` : `No one on duty from ${from} for the rest of the next 24 hours${at}`;
      const to = hhmm(String(d.gapEnd));
      return l === 'zh-CN' ? `值班有空档：${from}至${to}无人值守${zone[l]}` : `No one on duty from ${from} to ${to}${zone[l]}`;
    },
    check: uncoveredExits,
  },
  {
    code: 'missed_clock_in',
    rule: {
      'zh-CN': '值守人员须在班次开始后15分钟内打卡（严格打卡制）',
      en: 'The person on duty clocks in within 15 minutes of the shift\'s start',
    },
    explain: (d, l) =>
      l === 'zh-CN'
        ? `当前班次（北京时间${hhmm(String(d.shiftStart))}开始）${d.graceMinutes}分钟内未打卡，疑似擅离职守`
        : `No clock-in within ${d.graceMinutes} minutes of the current shift's start (${hhmm(String(d.shiftStart))} China time)`,
    check: missedClockIns,
  },
  {
    code: 'open_in_lockdown',
    rule: {
      'zh-CN': '封控小区“里不出，外不进”，出入口不得对一般人员开放',
      en: 'A compound in lockdown lets nobody in or out: no exit open to ordinary traffic',
    },
    explain: (_d, l) =>
      l === 'zh-CN' ? '小区处于封控状态，该出入口仍对一般人员开放' : 'The compound is in lockdown and this exit is open to ordinary traffic',
    check: (g) => openInLockdown(g),
  },
];

const RULE_BY_CODE = new Map(EXIT_RULES.map((r) => [r.code, r]));

export interface Finding {
  readonly code: ExitRuleCode;
  readonly detail: Detail;
}

/** Every rule over the group: the findings of each exit that breaks one (in rule order). */
export function evaluateExits(group: ExitGroup, now: string, settings: RuleSettings = DEFAULT_RULE_SETTINGS): Map<string, Finding[]> {
  const findings = new Map<string, Finding[]>();
  for (const rule of EXIT_RULES) {
    for (const [exitId, detail] of rule.check(group, now, settings)) {
      findings.set(exitId, [...(findings.get(exitId) ?? []), { code: rule.code, detail }]);
    }
  }
  return findings;
}

/** The explanation of a finding in a language. */
export function explain(finding: Finding, language: Language): string {
  const rule = RULE_BY_CODE.get(finding.code);
  return rule ? rule.explain(finding.detail, language) : finding.code;
}

/**
 * The next moment the findings can change without anyone writing anything: a shift starts, its
 * clock-in grace runs out, it ends, or the 24-hour window's far end passes a shift's end. Nothing
 * when the group is not sealed (no time-based rule applies).
 */
export function nextCheckAt(group: ExitGroup, now: string, settings: RuleSettings = DEFAULT_RULE_SETTINGS): string | undefined {
  if (!isSealed(group.status)) return undefined;
  const t = Date.parse(now);
  let next = Infinity;
  const consider = (at: number) => {
    if (at > t && at < next) next = at;
  };
  for (const exit of openExits(group)) {
    for (const s of group.shifts.get(exit.id) ?? []) {
      const start = Date.parse(s.start);
      const end = Date.parse(s.end);
      consider(start);
      if (s.clockInAt === undefined) consider(start + settings.clockInGraceMinutes * MINUTE_MS + 1);
      consider(end);
      consider(end - settings.coverageHours * HOUR_MS + 1);
    }
  }
  return Number.isFinite(next) ? isoAt(next) : undefined;
}

/** Findings with the time each began: kept from the previous evaluation while the code persists. */
export function withSince(
  findings: readonly Finding[],
  previous: readonly { readonly code: string; readonly since: string }[] | undefined,
  now: string,
): (Finding & { since: string })[] {
  const before = new Map((previous ?? []).map((r) => [r.code, r.since]));
  return findings.map((f) => ({ ...f, since: before.get(f.code) ?? now }));
}
