/**
 * EventBridge schedule expressions, parsed and evaluated without I/O: the local schedule runner
 * fires jobs at the times EventBridge would, and a catalogue test rejects an expression that
 * EventBridge would refuse at deploy time.
 *
 * - `rate(1 minute)`, `rate(5 minutes)`, `rate(1 hour)`, `rate(2 days)`: a positive whole
 *   number, singular unit with 1 and plural otherwise (EventBridge refuses `rate(1 minutes)`).
 *   A rate has no anchor: it fires one period after the previous firing (or the rule's creation).
 * - `cron(Minutes Hours Day-of-month Month Day-of-week Year)`, always in UTC, with `*`, lists,
 *   ranges (`start-end`, no wrap-around), steps (`start/n`, `start-end/n`, and `/n` after `*`), month names
 *   JAN–DEC, weekday names SUN–SAT (weekday 1 = SUN … 7 = SAT), names in any case. Exactly one
 *   of Day-of-month and Day-of-week is `?`.
 * - Supported like EventBridge (Quartz): in Day-of-month `L` (last day), `nW` (the weekday
 *   nearest day n, never leaving the month) and `LW` (last weekday); in Day-of-week `L`
 *   (Saturday), `nL` (the last weekday n of the month) and `n#k` (the k-th weekday n). Each of
 *   these stands alone in its field, as Quartz requires.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS } from '#shared/domain/time.ts';

export type ScheduleField =
  | 'expression'
  | 'rate value'
  | 'rate unit'
  | 'minutes'
  | 'hours'
  | 'day-of-month'
  | 'month'
  | 'day-of-week'
  | 'year';

/** An expression EventBridge would refuse (or one that never fires); `field` names the culprit. */
export class ScheduleExpressionError extends Error {
  readonly field: ScheduleField;
  readonly expression: string;

  constructor(expression: string, field: ScheduleField, reason: string) {
    super(`Invalid schedule expression "${expression}": ${field}: ${reason}`);
    this.name = 'ScheduleExpressionError';
    this.field = field;
    this.expression = expression;
  }
}

export interface RateSchedule {
  readonly kind: 'rate';
  readonly expression: string;
  readonly periodMs: number;
}

export interface CronSchedule {
  readonly kind: 'cron';
  readonly expression: string;
  /** Sorted ascending. */
  readonly minutes: readonly number[];
  /** Sorted ascending. */
  readonly hours: readonly number[];
  readonly months: ReadonlySet<number>;
  readonly years: ReadonlySet<number>;
  /** Day-of-month and Day-of-week together: does the schedule fire on this date? Month 1–12. */
  readonly matchesDay: (year: number, month: number, day: number) => boolean;
}

export type ScheduleExpression = RateSchedule | CronSchedule;

const UNIT_MS = { minute: MINUTE_MS, hour: HOUR_MS, day: DAY_MS } as const;

/** EventBridge accepts years 1970–2199; the last one bounds the search for the next firing. */
const FIRST_YEAR = 1970;
const LAST_YEAR = 2199;

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldDef {
  readonly field: ScheduleField;
  readonly min: number;
  readonly max: number;
  /** Names counted from `min`: JAN = 1, SUN = 1. */
  readonly names?: readonly string[];
}

const FIELDS = {
  minutes: { field: 'minutes', min: 0, max: 59 },
  hours: { field: 'hours', min: 0, max: 23 },
  dayOfMonth: { field: 'day-of-month', min: 1, max: 31 },
  month: { field: 'month', min: 1, max: 12, names: MONTH_NAMES },
  dayOfWeek: { field: 'day-of-week', min: 1, max: 7, names: WEEKDAY_NAMES },
  year: { field: 'year', min: FIRST_YEAR, max: LAST_YEAR },
} as const satisfies Record<string, FieldDef>;

export function parseScheduleExpression(expression: string): ScheduleExpression {
  const text = expression.trim();
  const rate = /^rate\((.*)\)$/s.exec(text);
  if (rate) return parseRate(expression, rate[1] ?? '');
  const cron = /^cron\((.*)\)$/s.exec(text);
  if (cron) return parseCron(expression, cron[1] ?? '');
  throw new ScheduleExpressionError(expression, 'expression', 'expected rate(value unit) or cron(fields)');
}

/** The first firing strictly after `after` (UTC). Rates fire one period later. */
export function nextFire(expression: string | ScheduleExpression, after: Date): Date {
  const schedule = typeof expression === 'string' ? parseScheduleExpression(expression) : expression;
  if (Number.isNaN(after.getTime())) throw new RangeError('nextFire: `after` is not a valid date');
  return schedule.kind === 'rate' ? new Date(after.getTime() + schedule.periodMs) : nextCronFire(schedule, after);
}

function parseRate(expression: string, inner: string): RateSchedule {
  const parts = inner.trim().split(/\s+/);
  if (parts.length !== 2) throw new ScheduleExpressionError(expression, 'expression', 'a rate is "value unit", e.g. rate(5 minutes)');
  const [valueText = '', unitText = ''] = parts;
  if (!/^\d+$/.test(valueText) || Number(valueText) < 1) {
    throw new ScheduleExpressionError(expression, 'rate value', `"${valueText}" is not a positive whole number`);
  }
  const value = Number(valueText);
  const unit = unitText.replace(/s$/, '');
  if (unit !== 'minute' && unit !== 'hour' && unit !== 'day') {
    throw new ScheduleExpressionError(expression, 'rate unit', `"${unitText}" is not minute(s), hour(s) or day(s)`);
  }
  const plural = unitText.endsWith('s');
  if (plural !== value > 1) {
    const expected = value > 1 ? `${unit}s` : unit;
    throw new ScheduleExpressionError(expression, 'rate unit', `"${unitText}" with ${value}: EventBridge requires "${expected}"`);
  }
  return { kind: 'rate', expression, periodMs: value * UNIT_MS[unit] };
}

function parseCron(expression: string, inner: string): CronSchedule {
  const parts = inner.trim().split(/\s+/);
  if (parts.length !== 6) {
    throw new ScheduleExpressionError(
      expression,
      'expression',
      `cron needs 6 fields (Minutes Hours Day-of-month Month Day-of-week Year), got ${parts.length}`,
    );
  }
  const [minutes = '', hours = '', dayOfMonth = '', month = '', dayOfWeek = '', year = ''] = parts;
  const values = (def: FieldDef, text: string) => parseValues(expression, def, text);
  return {
    kind: 'cron',
    expression,
    minutes: [...values(FIELDS.minutes, minutes)].sort((a, b) => a - b),
    hours: [...values(FIELDS.hours, hours)].sort((a, b) => a - b),
    months: values(FIELDS.month, month),
    years: values(FIELDS.year, year),
    matchesDay: parseDays(expression, dayOfMonth, dayOfWeek),
  };
}

function parseDays(expression: string, dayOfMonth: string, dayOfWeek: string): CronSchedule['matchesDay'] {
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    const field = dayOfMonth === '?' ? 'day-of-week' : 'day-of-month';
    throw new ScheduleExpressionError(expression, field, 'exactly one of day-of-month and day-of-week must be "?"');
  }
  return dayOfWeek === '?' ? parseDayOfMonth(expression, dayOfMonth) : parseDayOfWeek(expression, dayOfWeek);
}

function parseDayOfMonth(expression: string, text: string): CronSchedule['matchesDay'] {
  const upper = text.toUpperCase();
  if (upper === 'L') return (y, m, d) => d === daysInMonth(y, m);
  if (upper === 'LW') return (y, m, d) => d === lastWeekday(y, m);
  const nearest = /^(\d+)W$/.exec(upper);
  if (nearest) {
    const target = parseValue(expression, FIELDS.dayOfMonth, nearest[1] ?? '');
    return (y, m, d) => d === nearestWeekday(y, m, target);
  }
  if (/[LW#]/.test(upper)) {
    throw new ScheduleExpressionError(expression, 'day-of-month', `"${text}": L, LW and nW stand alone; # belongs to day-of-week`);
  }
  const days = parseValues(expression, FIELDS.dayOfMonth, text);
  return (_y, _m, d) => days.has(d);
}

function parseDayOfWeek(expression: string, text: string): CronSchedule['matchesDay'] {
  const upper = text.toUpperCase();
  const weekday = (value: string) => parseValue(expression, FIELDS.dayOfWeek, value);
  // Quartz: `L` alone is the last day of the week, Saturday.
  if (upper === 'L') return (y, m, d) => weekdayOf(y, m, d) === 7;
  const last = /^(\w+)L$/.exec(upper);
  if (last) {
    const target = weekday(last[1] ?? '');
    return (y, m, d) => weekdayOf(y, m, d) === target && d + 7 > daysInMonth(y, m);
  }
  const nth = /^(\w+)#(\d+)$/.exec(upper);
  if (nth) {
    const target = weekday(nth[1] ?? '');
    const k = Number(nth[2]);
    if (k < 1 || k > 5) throw new ScheduleExpressionError(expression, 'day-of-week', `"${text}": the occurrence after # is 1–5`);
    return (y, m, d) => weekdayOf(y, m, d) === target && Math.ceil(d / 7) === k;
  }
  // No weekday name ends in L or holds #, so these are misplaced Quartz specials.
  if (upper.split(',').some((item) => item.endsWith('L') || item.includes('#'))) {
    throw new ScheduleExpressionError(expression, 'day-of-week', `"${text}": L, nL and n#k stand alone`);
  }
  const days = parseValues(expression, FIELDS.dayOfWeek, text);
  return (y, m, d) => days.has(weekdayOf(y, m, d));
}

/** A field of `*`, values, ranges and steps, as the set of values it allows. */
function parseValues(expression: string, def: FieldDef, text: string): Set<number> {
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const [range = '', step, extra] = item.split('/');
    if (extra !== undefined || item === '') throw new ScheduleExpressionError(expression, def.field, `"${item}" is not a value, range or step`);
    const by = step === undefined ? 1 : parseStep(expression, def, step);
    let start: number;
    let end: number;
    if (range === '*') {
      start = def.min;
      end = def.max;
    } else if (range.includes('-')) {
      const [from = '', to = '', more] = range.split('-');
      if (more !== undefined) throw new ScheduleExpressionError(expression, def.field, `"${range}" is not a range`);
      start = parseValue(expression, def, from);
      end = parseValue(expression, def, to);
      if (start > end) throw new ScheduleExpressionError(expression, def.field, `range "${range}" runs backwards (no wrap-around)`);
    } else {
      start = parseValue(expression, def, range);
      // `5/15` means from 5 to the end of the field, every 15.
      end = step === undefined ? start : def.max;
    }
    for (let v = start; v <= end; v += by) out.add(v);
  }
  return out;
}

function parseStep(expression: string, def: FieldDef, text: string): number {
  const step = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(step >= 1 && step <= def.max - def.min + 1)) {
    throw new ScheduleExpressionError(expression, def.field, `step "${text}" is not a whole number from 1 to ${def.max - def.min + 1}`);
  }
  return step;
}

function parseValue(expression: string, def: FieldDef, text: string): number {
  const named = def.names?.indexOf(text.toUpperCase()) ?? -1;
  const value = named >= 0 ? def.min + named : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isNaN(value)) {
    const names = def.names ? ` or ${def.names[0]}–${def.names.at(-1)}` : '';
    throw new ScheduleExpressionError(expression, def.field, `"${text}" is not a number${names}`);
  }
  if (value < def.min || value > def.max) {
    throw new ScheduleExpressionError(expression, def.field, `${value} is out of range ${def.min}–${def.max}`);
  }
  return value;
}

function nextCronFire(cron: CronSchedule, after: Date): Date {
  // Cron fires on whole minutes; the first candidate is the next whole minute after `after`.
  const from = new Date(Math.floor(after.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
  const [fromYear, fromMonth, fromDay] = [from.getUTCFullYear(), from.getUTCMonth() + 1, from.getUTCDate()];
  const [fromHour, fromMinute] = [from.getUTCHours(), from.getUTCMinutes()];
  for (let year = Math.max(fromYear, FIRST_YEAR); year <= LAST_YEAR; year++) {
    if (!cron.years.has(year)) continue;
    const sameYear = year === fromYear;
    for (let month = sameYear ? fromMonth : 1; month <= 12; month++) {
      if (!cron.months.has(month)) continue;
      const sameMonth = sameYear && month === fromMonth;
      for (let day = sameMonth ? fromDay : 1; day <= daysInMonth(year, month); day++) {
        if (!cron.matchesDay(year, month, day)) continue;
        const sameDay = sameMonth && day === fromDay;
        for (const hour of cron.hours) {
          if (sameDay && hour < fromHour) continue;
          const earliest = sameDay && hour === fromHour ? fromMinute : 0;
          const minute = cron.minutes.find((m) => m >= earliest);
          if (minute !== undefined) return new Date(Date.UTC(year, month - 1, day, hour, minute));
        }
      }
    }
  }
  throw new ScheduleExpressionError(cron.expression, 'expression', `never fires after ${after.toISOString()}`);
}

/** Month 1–12. */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** EventBridge numbering: 1 = Sunday … 7 = Saturday. */
function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

/** Quartz `nW`: the weekday nearest day n, never crossing into another month; none if n is past the month's end. */
function nearestWeekday(year: number, month: number, target: number): number | undefined {
  const last = daysInMonth(year, month);
  if (target > last) return undefined;
  const weekday = weekdayOf(year, month, target);
  if (weekday === 7) return target === 1 ? target + 2 : target - 1;
  if (weekday === 1) return target === last ? target - 2 : target + 1;
  return target;
}

function lastWeekday(year: number, month: number): number {
  const last = daysInMonth(year, month);
  const weekday = weekdayOf(year, month, last);
  return weekday === 7 ? last - 1 : weekday === 1 ? last - 2 : last;
}
