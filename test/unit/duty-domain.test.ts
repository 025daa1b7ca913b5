import { describe, expect, it } from 'vitest';
import {
  clockInState, coverageGaps, coverageOverlaps, currentShifts, metresBetween, rotationShifts, shiftIdFor, shiftToClockIn,
} from '#shared/domain/duty.ts';

const T = '2026-11-22T00:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T) + minutes * 60_000).toISOString();

describe('coverage', () => {
  it('finds the gaps of a window, a one-minute gap included, and none where shifts touch', () => {
    const shifts = [{ start: at(0), end: at(480) }, { start: at(481), end: at(960) }, { start: at(960), end: at(1440) }];
    expect(coverageGaps(shifts, at(0), at(1440))).toEqual([{ start: at(480), end: at(481) }]);
    expect(coverageGaps([], at(0), at(60))).toEqual([{ start: at(0), end: at(60) }]);
  });

  it('finds overlaps between shifts', () => {
    const shifts = [{ start: at(0), end: at(490) }, { start: at(480), end: at(960) }];
    expect(coverageOverlaps(shifts)).toEqual([{ start: at(480), end: at(490) }]);
    expect(coverageOverlaps([{ start: at(0), end: at(480) }, { start: at(480), end: at(960) }])).toEqual([]);
  });

  it('knows the shifts running now: start inclusive, end exclusive', () => {
    const shifts = [{ start: at(0), end: at(480) }, { start: at(480), end: at(960) }];
    expect(currentShifts(shifts, at(480))).toEqual([shifts[1]]);
  });
});

describe('clockInState', () => {
  const shift = { start: at(0), end: at(480) };
  it('is on time at 14 and 15 minutes, late at 16', () => {
    expect(clockInState({ ...shift, clockInAt: at(14) }, at(100), 15)).toBe('on_time');
    expect(clockInState({ ...shift, clockInAt: at(15) }, at(100), 15)).toBe('on_time');
    expect(clockInState({ ...shift, clockInAt: at(16) }, at(100), 15)).toBe('late');
  });

  it('is upcoming, then pending through the grace, then missed', () => {
    expect(clockInState(shift, at(-1), 15)).toBe('upcoming');
    expect(clockInState(shift, at(14), 15)).toBe('pending');
    expect(clockInState(shift, at(16), 15)).toBe('missed');
  });
});

describe('shifts', () => {
  it('get the same id for the same exit, person and start, however the time is written', () => {
    expect(shiftIdFor('e1', 'duty-a', '2026-11-22T08:00:00Z')).toBe(shiftIdFor('e1', 'duty-a', '2026-11-22T08:00:00.000Z'));
    expect(shiftIdFor('e1', 'duty-a', at(0))).not.toBe(shiftIdFor('e2', 'duty-a', at(0)));
  });

  it('come back to back from a 3 × 8 h rotation, people in turn', () => {
    const shifts = rotationShifts({ from: at(0), days: 2, shiftHours: 8, people: ['a', 'b', 'c'] });
    expect(shifts).toHaveLength(6);
    expect(shifts.map((s) => s.person)).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    expect(coverageGaps(shifts, at(0), at(2880))).toEqual([]);
    expect(shifts[5]?.end).toBe(at(2880));
  });

  it('are clocked in by their own person, from 30 minutes before the start', () => {
    const shifts = [{ person: 'a', start: at(0), end: at(480) }, { person: 'b', start: at(480), end: at(960) }];
    expect(shiftToClockIn(shifts, 'b', at(450))?.person).toBe('b');
    expect(shiftToClockIn(shifts, 'b', at(449))).toBeUndefined();
    expect(shiftToClockIn(shifts, 'a', at(480))).toBeUndefined();
  });

  it('measure how far from the exit a clock-in was made', () => {
    expect(metresBetween([112.58, 31.17], [112.58, 31.17])).toBe(0);
    expect(metresBetween([112.58, 31.17], [112.58, 31.171])).toBeGreaterThan(100);
    expect(metresBetween([112.58, 31.17], [112.58, 31.171])).toBeLessThan(120);
  });
});
