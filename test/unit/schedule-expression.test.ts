import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schedules } from '#shared/catalogue/index.ts';
import {
  nextFire,
  parseScheduleExpression,
  ScheduleExpressionError,
  type ScheduleField,
} from '#infra/local/schedule-expression.ts';

const at = (iso: string): Date => new Date(iso);
const fire = (expression: string, after: string): string => nextFire(expression, at(after)).toISOString();

function errorOf(expression: string): ScheduleExpressionError {
  try {
    nextFire(expression, at('2026-03-01T00:00:00Z'));
  } catch (error) {
    if (error instanceof ScheduleExpressionError) return error;
    throw error;
  }
  throw new Error(`${expression} was accepted`);
}

describe('parseScheduleExpression', () => {
  it('parses every schedule in the catalogue', () => {
    for (const spec of Object.values(schedules)) expect(() => parseScheduleExpression(spec.expression)).not.toThrow();
  });

  it.each([
    ['rate(1 minute)', 60_000],
    ['rate(5 minutes)', 300_000],
    ['rate(1 hour)', 3_600_000],
    ['rate(12 hours)', 43_200_000],
    ['rate(1 day)', 86_400_000],
    ['rate(2 days)', 172_800_000],
  ])('reads %s as a period of %i ms', (expression, periodMs) => {
    expect(parseScheduleExpression(expression)).toMatchObject({ kind: 'rate', periodMs });
  });

  it('expands lists, ranges and steps', () => {
    const cron = parseScheduleExpression('cron(0/15,7 8-18/5 * * ? *)');
    expect(cron).toMatchObject({ kind: 'cron', minutes: [0, 7, 15, 30, 45], hours: [8, 13, 18] });
    expect(parseScheduleExpression('cron(*/20 * * * ? *)')).toMatchObject({ minutes: [0, 20, 40] });
    expect(parseScheduleExpression('cron(5/25 * * * ? *)')).toMatchObject({ minutes: [5, 30, 55] });
    expect(parseScheduleExpression('cron(10-30/10 * * * ? *)')).toMatchObject({ minutes: [10, 20, 30] });
  });

  it('reads month names and weekday names in any case', () => {
    const cron = parseScheduleExpression('cron(0 0 ? jan-Mar,DEC mon-fri *)');
    if (cron.kind !== 'cron') throw new Error('not a cron');
    expect([...cron.months]).toEqual([1, 2, 3, 12]);
    // EventBridge numbers weekdays from 1 = Sunday: MON-FRI is 2-6.
    expect(cron.matchesDay(2026, 3, 1)).toBe(false); // Sunday
    expect(cron.matchesDay(2026, 3, 2)).toBe(true); // Monday
  });

  it.each<[string, ScheduleField]>([
    ['every 5 minutes', 'expression'],
    ['rate(5)', 'expression'],
    ['rate(1 minutes)', 'rate unit'],
    ['rate(5 minute)', 'rate unit'],
    ['rate(5 weeks)', 'rate unit'],
    ['rate(0 minutes)', 'rate value'],
    ['rate(1.5 hours)', 'rate value'],
    ['rate(-1 hours)', 'rate value'],
    ['cron(0 8 * * ?)', 'expression'],
    ['cron(60 * * * ? *)', 'minutes'],
    ['cron(,5 * * * ? *)', 'minutes'],
    ['cron(0/0 * * * ? *)', 'minutes'],
    ['cron(30-10 * * * ? *)', 'minutes'],
    ['cron(1/2/3 * * * ? *)', 'minutes'],
    ['cron(0 24 * * ? *)', 'hours'],
    ['cron(0 x * * ? *)', 'hours'],
    ['cron(0 0 32 * ? *)', 'day-of-month'],
    ['cron(0 0 0 * ? *)', 'day-of-month'],
    ['cron(0 0 1,L * ? *)', 'day-of-month'],
    ['cron(0 0 * * * *)', 'day-of-month'],
    ['cron(0 0 * 13 ? *)', 'month'],
    ['cron(0 0 * FEBRUARY ? *)', 'month'],
    ['cron(0 0 ? * ? *)', 'day-of-week'],
    ['cron(0 0 ? * 8 *)', 'day-of-week'],
    ['cron(0 0 ? * FOO *)', 'day-of-week'],
    ['cron(0 0 ? * 3#6 *)', 'day-of-week'],
    ['cron(0 0 ? * 2,6L *)', 'day-of-week'],
    ['cron(0 0 * * ? 1969)', 'year'],
    ['cron(0 0 * * ? 2200)', 'year'],
  ])('rejects %s naming the field %s', (expression, field) => {
    const error = errorOf(expression);
    expect(error.field).toBe(field);
    expect(error.message).toContain(`${field}:`);
    expect(error.message).toContain(expression);
  });
});

describe('nextFire', () => {
  it('fires a rate one period after the given time', () => {
    expect(fire('rate(5 minutes)', '2026-03-01T07:59:30.250Z')).toBe('2026-03-01T08:04:30.250Z');
    expect(fire('rate(2 days)', '2026-12-31T12:00:00Z')).toBe('2027-01-02T12:00:00.000Z');
  });

  it('fires a cron strictly after the given time, on whole minutes', () => {
    expect(fire('cron(0 8,20 * * ? *)', '2026-03-01T07:59:30Z')).toBe('2026-03-01T08:00:00.000Z');
    expect(fire('cron(0 8,20 * * ? *)', '2026-03-01T08:00:00Z')).toBe('2026-03-01T20:00:00.000Z');
    expect(fire('cron(0 8,20 * * ? *)', '2026-03-01T20:00:00Z')).toBe('2026-03-02T08:00:00.000Z');
    expect(fire('cron(* * * * ? *)', '2026-03-01T08:00:59.999Z')).toBe('2026-03-01T08:01:00.000Z');
  });

  it('skips months without the day', () => {
    expect(fire('cron(0 0 31 * ? *)', '2026-04-01T00:00:00Z')).toBe('2026-05-31T00:00:00.000Z');
    expect(fire('cron(0 0 30 * ? *)', '2026-01-30T00:00:00Z')).toBe('2026-03-30T00:00:00.000Z');
  });

  it('finds the next leap day', () => {
    expect(fire('cron(0 12 29 2 ? *)', '2026-03-01T00:00:00Z')).toBe('2028-02-29T12:00:00.000Z');
    expect(fire('cron(0 0 L FEB ? *)', '2027-03-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
    expect(fire('cron(0 0 L FEB ? *)', '2026-01-15T00:00:00Z')).toBe('2026-02-28T00:00:00.000Z');
  });

  it('rolls over into the next year', () => {
    expect(fire('cron(30 23 31 12 ? *)', '2026-12-31T23:30:00Z')).toBe('2027-12-31T23:30:00.000Z');
    expect(fire('cron(0 0 1 JAN ? *)', '2026-12-31T23:59:59.999Z')).toBe('2027-01-01T00:00:00.000Z');
    expect(fire('cron(0 9 ? * MON-FRI *)', '2026-12-31T10:00:00Z')).toBe('2027-01-01T09:00:00.000Z');
  });

  it('follows weekdays, Sunday being 1', () => {
    expect(fire('cron(0 9 ? * MON-FRI *)', '2026-03-06T10:00:00Z')).toBe('2026-03-09T09:00:00.000Z');
    expect(fire('cron(0 9 ? * 1 *)', '2026-03-02T00:00:00Z')).toBe('2026-03-08T09:00:00.000Z');
    expect(fire('cron(0 9 ? * 2/2 *)', '2026-03-03T00:00:00Z')).toBe('2026-03-04T09:00:00.000Z');
  });

  it('keeps to the year field and says when a cron never fires again', () => {
    expect(fire('cron(0 0 1 1 ? 2027-2028)', '2026-06-01T00:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
    expect(() => fire('cron(0 0 1 1 ? 2027-2028)', '2028-01-01T00:00:00Z')).toThrow(/never fires/);
    expect(() => fire('cron(0 0 30 FEB ? *)', '2026-01-01T00:00:00Z')).toThrow(/never fires/);
  });

  it('supports L, W and LW in day-of-month', () => {
    // 2026-08-01 is a Saturday: 1W moves forward to Monday the 3rd, never back into July.
    expect(fire('cron(0 0 1W * ? *)', '2026-07-31T00:00:00Z')).toBe('2026-08-03T00:00:00.000Z');
    // 2026-05-31 is a Sunday and the month's last day: 31W moves back to Friday the 29th.
    expect(fire('cron(0 0 31W * ? *)', '2026-05-01T00:00:00Z')).toBe('2026-05-29T00:00:00.000Z');
    // February has no 31st, so 31W does not fire in it.
    expect(fire('cron(0 0 31W * ? *)', '2026-02-01T00:00:00Z')).toBe('2026-03-31T00:00:00.000Z');
    // 2026-10-31 is a Saturday.
    expect(fire('cron(0 0 LW * ? *)', '2026-10-01T00:00:00Z')).toBe('2026-10-30T00:00:00.000Z');
    expect(fire('cron(0 0 L * ? *)', '2026-04-01T00:00:00Z')).toBe('2026-04-30T00:00:00.000Z');
  });

  it('supports L, nL and n#k in day-of-week', () => {
    expect(fire('cron(0 0 ? * L *)', '2026-03-01T00:00:00Z')).toBe('2026-03-07T00:00:00.000Z');
    expect(fire('cron(0 0 ? * 6L *)', '2026-03-01T00:00:00Z')).toBe('2026-03-27T00:00:00.000Z');
    expect(fire('cron(0 0 ? * FRIL *)', '2026-03-01T00:00:00Z')).toBe('2026-03-27T00:00:00.000Z');
    expect(fire('cron(0 0 ? * 3#2 *)', '2026-03-01T00:00:00Z')).toBe('2026-03-10T00:00:00.000Z');
    expect(fire('cron(0 0 ? * TUE#5 *)', '2026-03-01T00:00:00Z')).toBe('2026-03-31T00:00:00.000Z');
  });

  it('agrees with a minute-by-minute search', () => {
    const set = (min: number, max: number) =>
      fc.uniqueArray(fc.integer({ min, max }), { minLength: 1, maxLength: 4 }).map((xs) => xs.sort((a, b) => a - b));
    fc.assert(
      fc.property(
        set(0, 59),
        set(0, 23),
        set(1, 7),
        fc.date({ min: at('2024-01-01T00:00:00Z'), max: at('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        (minutes, hours, weekdays, after) => {
          const expression = `cron(${minutes.join(',')} ${hours.join(',')} ? * ${weekdays.join(',')} *)`;
          let t = Math.floor(after.getTime() / 60_000) * 60_000 + 60_000;
          const matches = (d: Date) =>
            minutes.includes(d.getUTCMinutes()) && hours.includes(d.getUTCHours()) && weekdays.includes(d.getUTCDay() + 1);
          while (!matches(new Date(t))) t += 60_000;
          expect(nextFire(expression, after).getTime()).toBe(t);
        },
      ),
      { numRuns: 200 },
    );
  });
});
