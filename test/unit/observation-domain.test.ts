/**
 * Home health observation in China time: report windows and the slot of an instant across UTC and
 * China midnight, the period's slots and its 14-day end, judgement of a slot once its window has
 * closed, two missed in a row, tests due, and the conditions of release.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OBSERVATION_SETTINGS as D, dayAfter, judgeSlot, nextSlotAfter, parseDays, parseWindow, periodDays, periodEndsAt, periodOf,
  periodSlots, releasable, releaseBlocks, reportStatus, slotAt, slotForReport, slotsOf, slotWindow, testsDue, testsOf, testsOutstanding,
  twoMissedInRow, windowsOverlap, type JudgedSlot, type ObservationSettings, type SlotRecord,
} from '#shared/domain/observation.ts';

const W = D.windows;
/** A China wall-clock time as the UTC instant it is. */
const cn = (day: string, hhmm: string) => new Date(Date.parse(`${day}T${hhmm}:00.000+08:00`)).toISOString();

describe('report windows in China time', () => {
  it('default to 06:00–12:00 and 17:00–22:00 China time, which is 22:00–04:00 and 09:00–14:00 UTC', () => {
    expect(slotWindow('2026-11-23', 'am', W)).toEqual({ opens: '2026-11-22T22:00:00.000Z', closes: '2026-11-23T04:00:00.000Z' });
    expect(slotWindow('2026-11-23', 'pm', W)).toEqual({ opens: '2026-11-23T09:00:00.000Z', closes: '2026-11-23T14:00:00.000Z' });
  });

  it('place an instant in the slot of the China day, across UTC midnight, opening inclusive and closing exclusive', () => {
    // 22:00 UTC on the 22nd is 06:00 on the 23rd in China: the 23rd's morning.
    expect(slotAt('2026-11-22T22:00:00.000Z', W)).toEqual({ date: '2026-11-23', slot: 'am' });
    expect(slotAt('2026-11-22T21:59:59.999Z', W)).toBeUndefined();
    expect(slotAt('2026-11-23T03:59:59.999Z', W)).toEqual({ date: '2026-11-23', slot: 'am' });
    expect(slotAt('2026-11-23T04:00:00.000Z', W)).toBeUndefined();
    expect(slotAt(cn('2026-11-23', '17:00'), W)).toEqual({ date: '2026-11-23', slot: 'pm' });
    expect(slotAt(cn('2026-11-23', '21:59'), W)).toEqual({ date: '2026-11-23', slot: 'pm' });
    expect(slotAt(cn('2026-11-23', '22:00'), W)).toBeUndefined();
    expect(slotAt(cn('2026-11-24', '00:30'), W)).toBeUndefined();
  });

  it('let an evening window run past China midnight, belonging to the day it opened', () => {
    const late = { am: W.am, pm: { start: '20:00', end: '01:00' } };
    expect(slotWindow('2026-11-23', 'pm', late)).toEqual({ opens: cn('2026-11-23', '20:00'), closes: cn('2026-11-24', '01:00') });
    expect(slotAt(cn('2026-11-24', '00:30'), late)).toEqual({ date: '2026-11-23', slot: 'pm' });
    expect(slotAt(cn('2026-11-24', '01:00'), late)).toBeUndefined();
    expect(windowsOverlap(late)).toBe(false);
    expect(windowsOverlap({ am: W.am, pm: { start: '11:00', end: '22:00' } })).toBe(true);
    expect(windowsOverlap({ am: W.am, pm: { start: '20:00', end: '07:00' } })).toBe(true);
  });

  it('tell the next slot to open after an instant', () => {
    expect(nextSlotAfter(cn('2026-11-23', '13:00'), W)).toEqual({ date: '2026-11-23', slot: 'pm', opens: cn('2026-11-23', '17:00') });
    expect(nextSlotAfter(cn('2026-11-23', '23:00'), W)).toEqual({ date: '2026-11-24', slot: 'am', opens: cn('2026-11-24', '06:00') });
    expect(nextSlotAfter(cn('2026-11-24', '02:00'), W)).toEqual({ date: '2026-11-24', slot: 'am', opens: cn('2026-11-24', '06:00') });
  });

  it('are read from settings text, keeping the default for anything malformed', () => {
    expect(parseWindow('07:30-11:00')).toEqual({ start: '07:30', end: '11:00' });
    expect(parseWindow(' 20:00 - 01:00 ')).toEqual({ start: '20:00', end: '01:00' });
    for (const bad of [undefined, '', '7:30-11:00', '07:30', '24:00-01:00', '08:00-08:00']) expect(parseWindow(bad)).toBeUndefined();
    expect([parseDays('7'), parseDays('0'), parseDays('1.5'), parseDays(''), parseDays(undefined), parseDays('x')]).toEqual([7, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('the period', () => {
  it('lasts 14 days from the start (day 1), two slots a day, and is over at the China midnight after day 14', () => {
    const period = periodOf('2026-11-23', 'returnee', D);
    expect(period).toEqual({ start: '2026-11-23', end: '2026-12-06' });
    expect(periodDays(period)).toHaveLength(14);
    const slots = periodSlots(period);
    expect(slots).toHaveLength(28);
    expect(slots[0]).toEqual({ date: '2026-11-23', slot: 'am' });
    expect(slots.at(-1)).toEqual({ date: '2026-12-06', slot: 'pm' });
    expect(periodEndsAt(period)).toBe('2026-12-06T16:00:00.000Z');
  });

  it('takes its length per category from the settings, across a month\'s end', () => {
    const settings: ObservationSettings = { ...D, days: { ...D.days, close_contact: 7 } };
    expect(periodOf('2026-11-27', 'close_contact', settings)).toEqual({ start: '2026-11-27', end: '2026-12-03' });
    expect(periodOf('2026-12-25', 'returnee', settings).end).toBe('2027-01-07');
    expect(dayAfter('2026-02-28')).toBe('2026-03-01');
  });
});

describe('judgement of slots', () => {
  const period = periodOf('2026-11-23', 'returnee', D);

  it('keeps a slot pending while its window is open or to come, and missed from the moment it closes', () => {
    const am = { date: '2026-11-23', slot: 'am' } as const;
    expect(judgeSlot(am, cn('2026-11-23', '11:59'), W)).toBe('pending');
    expect(judgeSlot(am, cn('2026-11-23', '12:00'), W)).toBe('missed');
    expect(judgeSlot({ date: '2026-11-23', slot: 'pm' }, cn('2026-11-23', '12:00'), W)).toBe('pending');
  });

  it('gives each slot of the period its record where there is one, judged otherwise; records outside the period are left out', () => {
    const records: SlotRecord[] = [
      { date: '2026-11-23', slot: 'pm', status: 'reported_ok', temperatureC: 36.5, symptoms: [], at: cn('2026-11-23', '18:00'), by: 'self' },
      { date: '2026-11-22', slot: 'pm', status: 'reported_ok' },
    ];
    const slots = slotsOf(period, records, cn('2026-11-24', '13:00'), W);
    expect(slots).toHaveLength(28);
    expect(slots.slice(0, 5).map((s) => s.status)).toEqual(['missed', 'reported_ok', 'missed', 'pending', 'pending']);
    expect(slots[1]).toMatchObject({ temperatureC: 36.5, by: 'self' });
  });

  it('finds two missed in a row, across China midnight (evening then next morning), once per pair', () => {
    const s = (date: string, slot: 'am' | 'pm', status: JudgedSlot['status']): JudgedSlot => ({ date, slot, status });
    const slots = [
      s('2026-11-24', 'am', 'missed'), s('2026-11-23', 'pm', 'missed'), s('2026-11-23', 'am', 'reported_ok'),
      s('2026-11-24', 'pm', 'missed'), s('2026-11-25', 'am', 'reported_symptoms'), s('2026-11-25', 'pm', 'missed'),
    ];
    expect(twoMissedInRow(slots)).toEqual([{ date: '2026-11-24', slot: 'am' }, { date: '2026-11-24', slot: 'pm' }]);
    expect(twoMissedInRow([s('2026-11-23', 'am', 'missed'), s('2026-11-23', 'pm', 'pending')])).toEqual([]);
  });

  it('calls a report with symptoms, or at or over the fever threshold, not ok', () => {
    expect(reportStatus({ temperatureC: 37.2, symptoms: [] }, 37.3)).toBe('reported_ok');
    expect(reportStatus({ temperatureC: 37.3, symptoms: [] }, 37.3)).toBe('reported_symptoms');
    expect(reportStatus({ temperatureC: 36.5, symptoms: ['cough'] }, 37.3)).toBe('reported_symptoms');
  });
});

describe('the slot a report fills', () => {
  const period = periodOf('2026-11-23', 'returnee', D);

  it('is the open window\'s, and none between windows (saying which opens next)', () => {
    expect(slotForReport(cn('2026-11-23', '07:00'), period, W)).toEqual({ slot: { date: '2026-11-23', slot: 'am' } });
    expect(slotForReport(cn('2026-11-23', '13:00'), period, W)).toEqual({
      refusal: { code: 'no-window-open', next: { date: '2026-11-23', slot: 'pm', opens: cn('2026-11-23', '17:00') } },
    });
  });

  it('refuses a window outside the period: before the start, after the 14th day', () => {
    expect(slotForReport(cn('2026-11-22', '18:00'), period, W)).toEqual({ refusal: { code: 'outside-period', period } });
    expect(slotForReport(cn('2026-12-07', '07:00'), period, W)).toEqual({ refusal: { code: 'outside-period', period } });
    expect(slotForReport(cn('2026-12-06', '21:00'), period, W)).toEqual({ slot: { date: '2026-12-06', slot: 'pm' } });
  });

  it('is the named one when staff name a slot whose window has opened, late included, never one to come', () => {
    const at = cn('2026-11-24', '13:00');
    expect(slotForReport(at, period, W, { date: '2026-11-23', slot: 'pm' })).toEqual({ slot: { date: '2026-11-23', slot: 'pm' } });
    expect(slotForReport(at, period, W, { date: '2026-11-24', slot: 'pm' })).toEqual({ refusal: { code: 'not-yet-open', opens: cn('2026-11-24', '17:00') } });
    expect(slotForReport(at, period, W, { date: '2026-11-22', slot: 'pm' })).toEqual({ refusal: { code: 'outside-period', period } });
  });
});

describe('tests', () => {
  const period = periodOf('2026-11-23', 'returnee', D);

  it('are due on arrival for returnees and every 7 days from the start within the period', () => {
    expect(testsDue(period, 'returnee', D)).toEqual(['2026-11-23', '2026-11-30']);
    expect(testsDue(period, 'close_contact', D)).toEqual(['2026-11-30']);
    const often: ObservationSettings = { ...D, testEveryDays: 3, testOnArrival: [] };
    expect(testsDue(periodOf('2026-11-23', 'close_contact', { ...often, days: { ...D.days, close_contact: 7 } }), 'close_contact', often)).toEqual(['2026-11-26', '2026-11-29']);
  });

  it('are listed by due day with what was recorded, extra tests among them, and outstanding once their day has come untaken', () => {
    const tests = testsOf(['2026-11-23', '2026-11-30'], [
      { due: '2026-11-23', takenAt: cn('2026-11-23', '09:00'), result: 'negative' },
      { due: '2026-11-26', takenAt: cn('2026-11-26', '09:00') },
    ]);
    expect(tests.map((t) => t.due)).toEqual(['2026-11-23', '2026-11-26', '2026-11-30']);
    expect(testsOutstanding(tests, cn('2026-11-29', '23:59'))).toEqual([]);
    expect(testsOutstanding(tests, cn('2026-11-30', '00:00'))).toEqual([{ due: '2026-11-30' }]);
  });
});

describe('release', () => {
  const period = periodOf('2026-11-23', 'returnee', D);
  const negative = [{ due: '2026-11-23', takenAt: cn('2026-11-23', '09:00'), result: 'negative' as const }, { due: '2026-11-30', takenAt: cn('2026-11-30', '09:00'), result: 'negative' as const }];
  const reportedAll = (at: string) => slotsOf(period, periodSlots(period).map((k) => ({ ...k, status: 'reported_ok' as const })), at, W);

  it('waits for the period to be over: not in the last evening of day 14, from the China midnight after it', () => {
    const lastEvening = cn('2026-12-06', '23:59');
    expect(releaseBlocks({ period, slots: reportedAll(lastEvening), tests: negative }, lastEvening)).toEqual([{ code: 'period-not-over', endsAt: '2026-12-06T16:00:00.000Z' }]);
    const midnight = cn('2026-12-07', '00:00');
    expect(releaseBlocks({ period, slots: reportedAll(midnight), tests: negative }, midnight)).toEqual([]);
    expect(releasable({ period, slots: reportedAll(midnight), tests: negative }, midnight)).toBe(true);
  });

  it('names the slots still pending, the tests without a result and a positive one', () => {
    const early = cn('2026-12-06', '13:00');
    const blocks = releaseBlocks({ period, slots: slotsOf(period, [], early, W), tests: [negative[0]!, { due: '2026-11-30', takenAt: cn('2026-11-30', '09:00') }] }, early);
    expect(blocks.map((b) => b.code)).toEqual(['period-not-over', 'slots-pending', 'tests-missing']);
    expect(blocks[1]).toEqual({ code: 'slots-pending', slots: [{ date: '2026-12-06', slot: 'pm' }] });
    const after = cn('2026-12-08', '09:00');
    expect(releaseBlocks({ period, slots: slotsOf(period, [], after, W), tests: [negative[0]!, { due: '2026-11-30', result: 'positive' }] }, after))
      .toEqual([{ code: 'test-positive', due: ['2026-11-30'] }]);
  });

  it('counts missed slots as judged: a person who missed reports is still released at the end', () => {
    const after = cn('2026-12-07', '08:00');
    expect(releaseBlocks({ period, slots: slotsOf(period, [], after, W), tests: negative }, after)).toEqual([]);
  });
});
