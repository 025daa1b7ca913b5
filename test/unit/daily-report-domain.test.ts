/**
 * The day's figures from their items (shared/domain/daily-figures.ts) and the daily report's
 * rules (shared/domain/daily-report.ts): the zero-report rule, resubmission until the deadline,
 * the deadline knob, and the roll-up's rows and totals.
 */
import { describe, expect, it } from 'vitest';
import { chinaDay } from '#shared/domain/china-time.ts';
import {
  abnormalities, alertFigures, caseFigures, emptyFigures, emptyOrderFigures, entryFigures, observationFigures, orderFigures, ordersOfPlace,
  ordersRequested, sumFigures, sumOrderFigures, sweepFigures,
} from '#shared/domain/daily-figures.ts';
import { deadlineOf, parseDeadline, rollupRows, rollupTotals, submitRefusal, type SubmittedReport } from '#shared/domain/daily-report.ts';
import { say } from '#shared/messages/say.ts';

const DAY = '2026-11-22';

describe('the day\'s figures from items', () => {
  it('sum the exits\' hourly counters', () => {
    const hour = { in: 2, out: 1, admitted: 2, refused: 1, fever: 1 };
    expect(entryFigures([hour, { ...hour, fever: 0 }])).toEqual({ in: 4, out: 2, refused: 2, fevers: 1 });
    expect(entryFigures([])).toEqual({ in: 0, out: 0, refused: 0, fevers: 0 });
  });

  it('sum the day\'s case reports by kind, other days left out', () => {
    expect(caseFigures([
      { date: DAY, kind: 'suspected', count: 2 }, { date: DAY, kind: 'confirmed', count: 1 },
      { date: DAY, kind: 'suspected', count: 1 }, { date: '2026-11-21', kind: 'confirmed', count: 5 },
    ], DAY)).toEqual({ confirmed: 1, suspected: 3, asymptomatic: 0 });
  });

  it('cover the day\'s sweeps together, null without one', () => {
    expect(sweepFigures([])).toBeNull();
    expect(sweepFigures([{ households: 10, householdsVisited: 5 }, { households: 30, householdsVisited: 25 }]))
      .toEqual({ campaigns: 2, households: 40, householdsVisited: 30, coverage: 0.75 });
    expect(sweepFigures([{ households: 0, householdsVisited: 0 }])?.coverage).toBe(0);
  });

  it('count the day\'s missed slots of the people under observation', () => {
    const slots = [
      { date: DAY, status: 'missed' as const }, { date: DAY, status: 'reported_ok' as const }, { date: '2026-11-21', status: 'missed' as const },
    ];
    expect(observationFigures([{ slots }, { slots: [] }], DAY)).toEqual({ people: 2, missedSlots: 1 });
  });

  it('count symptoms raised that day and event alerts not closed, never supervision\'s own', () => {
    const alerts = [
      { kind: 'symptoms', status: 'closed', raisedAt: '2026-11-21T17:00:00.000Z' }, // 01:00 on the 22nd in China
      { kind: 'symptoms', status: 'open', raisedAt: '2026-11-21T15:00:00.000Z' }, // the 21st in China
      { kind: 'fever', status: 'acknowledged', raisedAt: '2026-11-22T02:00:00.000Z' },
      { kind: 'daily_report_missing', status: 'open', raisedAt: '2026-11-22T11:00:00.000Z' },
      { kind: 'missed_round', status: 'open', raisedAt: '2026-11-22T11:00:00.000Z' },
    ];
    expect(alertFigures(alerts, chinaDay, DAY)).toEqual({ symptoms: 1, open: 2 });
  });

  it('sum over compounds for a roll-up', () => {
    const a = { ...emptyFigures('c_a', DAY), entries: { in: 3, out: 1, refused: 1, fevers: 1 }, sweep: sweepFigures([{ households: 10, householdsVisited: 10 }]) };
    const b = { ...emptyFigures('c_b', DAY), entries: { in: 1, out: 0, refused: 0, fevers: 0 }, sweep: sweepFigures([{ households: 10, householdsVisited: 0 }]), helpOpen: 2 };
    const sum = sumFigures([a, b, emptyFigures('c_c', DAY)], 'cm1', DAY);
    expect(sum).toMatchObject({ compoundId: 'cm1', entries: { in: 4, out: 1, refused: 1, fevers: 1 }, sweep: { campaigns: 2, households: 20, householdsVisited: 10, coverage: 0.5 }, helpOpen: 2 });
  });
});

describe('the zero report (零报告)', () => {
  const quiet = emptyFigures('c_a', DAY);

  it('is a day without a new case, fever, symptoms or open alert', () => {
    expect(abnormalities(quiet)).toEqual([]);
    // What does not make a day abnormal: people passing, a help request answered, an unresolved exit.
    expect(abnormalities({ ...quiet, entries: { in: 50, out: 40, refused: 3, fevers: 0 } })).toEqual([]);
    expect(abnormalities({ ...quiet, cases: { confirmed: 0, suspected: 0, asymptomatic: 1 } })).toEqual(['case']);
    expect(abnormalities({ ...quiet, entries: { ...quiet.entries, fevers: 1 }, alerts: { symptoms: 1, open: 2 } })).toEqual(['fever', 'symptoms', 'open_alert']);
  });

  it('is refused while the day had one, saying which', () => {
    const refusal = submitRefusal({ zero: true }, { ...quiet, entries: { ...quiet.entries, fevers: 1 }, alerts: { symptoms: 0, open: 1 } }, undefined, '2026-11-22T02:00:00.000Z', deadlineOf(DAY, '18:00'));
    expect(refusal).toMatchObject({ code: 'not-zero', abnormal: ['fever', 'open_alert'] });
    expect(refusal?.message).toBe('compound c_a may not submit a zero report for 2026-11-22: the day had a fever at an exit, an open alert');
    expect(say(refusal!.said, 'zh-CN')).toContain('出入口发热人员、未关闭的预警');
    // The same figures in a full report are accepted.
    expect(submitRefusal({}, { ...quiet, entries: { ...quiet.entries, fevers: 1 } }, undefined, '2026-11-22T02:00:00.000Z', deadlineOf(DAY, '18:00'))).toBeUndefined();
  });
});

describe('submitting again and the deadline', () => {
  const deadline = deadlineOf(DAY, '18:00');
  const existing: SubmittedReport = {
    compoundId: 'c_a', compoundName: '阳光花园', communityId: 'cm1', streetId: 's1', date: DAY, status: 'zero',
    figures: emptyFigures('c_a', DAY), submittedBy: 'community-cm1', submittedByName: '王府社区干部', submittedAt: '2026-11-22T02:00:00.000Z',
  };

  it('reads the deadline in China time, keeping the default for a malformed knob', () => {
    expect(deadline).toBe('2026-11-22T10:00:00.000Z');
    expect(parseDeadline(' 17:30 ')).toBe('17:30');
    expect(parseDeadline('25:00')).toBeUndefined();
    expect(parseDeadline('6pm')).toBeUndefined();
  });

  it('lets a submitted report be submitted again until the deadline, final after it', () => {
    expect(submitRefusal({}, existing.figures, existing, '2026-11-22T09:59:59.000Z', deadline)).toBeUndefined();
    const final = submitRefusal({}, existing.figures, existing, '2026-11-22T10:00:01.000Z', deadline);
    expect(final).toMatchObject({ code: 'final' });
    expect(final?.message).toContain('王府社区干部');
    // Never submitted: a late report is accepted.
    expect(submitRefusal({ zero: true }, existing.figures, undefined, '2026-11-22T12:00:00.000Z', deadline)).toBeUndefined();
  });
});

describe('the roll-up', () => {
  const names = { community: (id: string | null) => ({ cm1: '王府社区', cm2: '兰台社区' } as Record<string, string>)[id ?? ''], street: () => '郢中街道' };
  const compounds = [
    { id: 'c_a', name: '阳光花园', status: 'closed', communityId: 'cm1', streetId: 's1' },
    { id: 'c_b', name: '王府小区', status: 'lockdown', communityId: 'cm1', streetId: 's1' },
    { id: 'c_c', name: '兰台名苑', status: 'normal', communityId: 'cm2', streetId: 's1' },
    { id: 'c_d', name: '兰台小楼', status: 'closed', communityId: 'cm2', streetId: 's1' },
  ];
  const report = (compoundId: string, status: 'submitted' | 'zero', submittedAt: string): SubmittedReport => ({
    compoundId, compoundName: compoundId, communityId: 'cm1', streetId: 's1', date: DAY, status,
    figures: { ...emptyFigures(compoundId, DAY), entries: { in: 2, out: 0, refused: 0, fevers: 0 } }, submittedBy: 'u', submittedAt,
  });

  it('lists the compounds under closure that did not report first, late ones flagged, normal ones left out', () => {
    const rows = rollupRows(compounds, [report('c_a', 'submitted', '2026-11-22T02:00:00.000Z'), report('c_b', 'zero', '2026-11-22T11:00:00.000Z')], names, deadlineOf(DAY, '18:00'));
    expect(rows.map((r) => [r.compoundId, r.status, r.late ?? false])).toEqual([['c_d', 'missing', false], ['c_a', 'submitted', false], ['c_b', 'zero', true]]);
    const totals = rollupTotals(rows, DAY, { level: 'street', id: 's1', name: '郢中街道' });
    expect(totals.filter((t) => t.level === 'community').map((t) => [t.id, t.submitted, t.zero, t.missing])).toEqual([['cm2', 0, 0, 1], ['cm1', 1, 1, 0]]);
    expect(totals.at(-1)).toMatchObject({ level: 'street', submitted: 1, zero: 1, missing: 1, late: 1, figures: { entries: { in: 4 } } });
    // Without the day's counters every line has no orders.
    for (const total of totals) expect(total.orders).toEqual(emptyOrderFigures());
  });

  it('gives each line its place\'s orders of the day: the community\'s counters, sums for a street and the whole', () => {
    const rows = rollupRows(compounds, [report('c_a', 'submitted', '2026-11-22T02:00:00.000Z')], names, deadlineOf(DAY, '18:00'));
    const byCommunity = new Map([
      ['cm1', orderFigures({ requested_medicine: 3, requested_groceries: 5, delivered: 2, deliveryMinutes: 100, overdue: 1 })],
      ['cm2', orderFigures({ requested_other: 1, delivered: 1, deliveryMinutes: 40 })],
      ['cm9', orderFigures({ requested_groceries: 7 })],
    ]);
    const streetOf = (id: string) => ({ cm1: 's1', cm2: 's1', cm9: 's2' } as Record<string, string>)[id];
    const totals = rollupTotals(rows, DAY, { level: 'street', id: 's1', name: '郢中街道' }, (place) => ordersOfPlace(place, byCommunity, streetOf));
    const of = (level: string, id: string) => totals.find((t) => t.level === level && t.id === id)?.orders;
    expect(of('community', 'cm1')).toMatchObject({ requested: { groceries: 5, medicine: 3, other: 0 }, delivered: 2, overdue: 1, avgDeliveryMinutes: 50 });
    expect(of('community', 'cm2')).toMatchObject({ requested: { groceries: 0, medicine: 0, other: 1 }, avgDeliveryMinutes: 40 });
    // The street: cm1 and cm2, not cm9 of another street; the average over all three deliveries, not of the averages.
    expect(totals.at(-1)?.orders).toMatchObject({ requested: { groceries: 5, medicine: 3, other: 1 }, delivered: 3, deliveryMinutes: 140, avgDeliveryMinutes: 46.7 });
  });
});

describe('order figures (代购配送) from a community\'s day counters', () => {
  it('read the counters by kind and step, absent counters as 0, the average time to delivery to a tenth', () => {
    expect(orderFigures({ requested_groceries: 4, accepted: 3, purchased: 2, delivered: 3, collected: 1, cancelled: 1, overdue: 2, deliveryMinutes: 200 })).toEqual({
      requested: { groceries: 4, medicine: 0, other: 0 },
      accepted: 3, purchased: 2, delivered: 3, collected: 1, cancelled: 1, overdue: 2, deliveryMinutes: 200, avgDeliveryMinutes: 66.7,
    });
    expect(orderFigures(undefined)).toEqual(emptyOrderFigures());
    expect(emptyOrderFigures().avgDeliveryMinutes).toBeNull();
    expect(ordersRequested(orderFigures({ requested_groceries: 1, requested_medicine: 2, requested_other: 3 }))).toBe(6);
  });

  it('sum over communities: the city takes every one, a community only its own', () => {
    const byCommunity = new Map([['cm1', orderFigures({ overdue: 1 })], ['cm2', orderFigures({ overdue: 2 })], ['', orderFigures({ overdue: 4 })]]);
    const streetOf = (id: string) => (id === 'cm1' ? 's1' : 's2');
    expect(ordersOfPlace({ level: 'city', id: 'city' }, byCommunity, streetOf).overdue).toBe(7);
    expect(ordersOfPlace({ level: 'community', id: 'cm2' }, byCommunity, streetOf).overdue).toBe(2);
    expect(ordersOfPlace({ level: 'street', id: 's1' }, byCommunity, streetOf).overdue).toBe(1);
    expect(ordersOfPlace({ level: 'community', id: 'cm7' }, byCommunity, streetOf)).toEqual(emptyOrderFigures());
    expect(sumOrderFigures([])).toEqual(emptyOrderFigures());
  });
});
