/**
 * The dashboard's sums (shared/domain/dashboard.ts): a trend day from the day's submitted reports,
 * alerts by kind with the median minutes to acknowledge, and the places one level down.
 */
import { describe, expect, it } from 'vitest';
import { emptyFigures, orderFigures } from '#shared/domain/daily-figures.ts';
import { alertsByKind, childrenOf, trendDay } from '#shared/domain/dashboard.ts';

const figures = (compoundId: string, over: { fevers?: number; confirmed?: number; households?: number; visited?: number } = {}) => ({
  ...emptyFigures(compoundId, '2026-12-07'),
  entries: { in: 10, out: 5, refused: 1, fevers: over.fevers ?? 0 },
  cases: { confirmed: over.confirmed ?? 0, suspected: 0, asymptomatic: 0 },
  sweep: over.households ? { campaigns: 1, households: over.households, householdsVisited: over.visited ?? 0, coverage: 0 } : null,
  rounds: { required: 2, done: 1 },
});

describe('the dashboard sums', () => {
  it('make a trend day of the submitted reports', () => {
    const day = trendDay('2026-12-07', [
      { status: 'submitted', figures: figures('a', { fevers: 2, confirmed: 1, households: 100, visited: 50 }) },
      { status: 'zero', figures: figures('b', { households: 100, visited: 100 }) },
    ]);
    expect(day).toEqual({
      date: '2026-12-07', cases: 1, entries: 20, fevers: 2, coverage: 75, roundsRequired: 4, roundsDone: 2, reportsSubmitted: 2, reportsZero: 1,
      ordersRequested: 0, ordersDelivered: 0, ordersOverdue: 0, avgDeliveryMinutes: null,
    });
    expect(trendDay('2026-12-06', [])).toMatchObject({ cases: 0, coverage: null, reportsSubmitted: 0 });
    // The day's orders come from the place's counters, beside the reports.
    expect(trendDay('2026-12-07', [], orderFigures({ requested_medicine: 2, requested_other: 1, delivered: 2, deliveryMinutes: 90, overdue: 1 })))
      .toMatchObject({ ordersRequested: 3, ordersDelivered: 2, ordersOverdue: 1, avgDeliveryMinutes: 45 });
  });

  it('count alerts by kind with the median minutes to acknowledge', () => {
    const at = (m: number) => new Date(Date.parse('2026-12-07T00:00:00.000Z') + m * 60_000).toISOString();
    expect(alertsByKind([
      { kind: 'fever', raisedAt: at(0), acknowledgedAt: at(4) },
      { kind: 'fever', raisedAt: at(0), acknowledgedAt: at(10) },
      { kind: 'fever', raisedAt: at(0) },
      { kind: 'help', raisedAt: at(0) },
    ])).toEqual([
      { kind: 'fever', count: 3, acknowledged: 2, medianAckMinutes: 7 },
      { kind: 'help', count: 1, acknowledged: 0, medianAckMinutes: null },
    ]);
  });

  it('group compounds and today\'s reports one level down', () => {
    const street = new Map([['a', 's1'], ['b', 's1'], ['c', 's2']]);
    const children = childrenOf('street', [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      [{ compoundId: 'a', figures: figures('a', { fevers: 3 }) }, { compoundId: 'c', figures: figures('c', { confirmed: 2 }) }],
      (id) => street.get(id) ?? null, (id) => `街道${id}`);
    expect(children).toEqual([
      { id: 's2', name: '街道s2', level: 'street', compounds: 1, reportsSubmitted: 1, cases: 2, fevers: 0, orders: null },
      { id: 's1', name: '街道s1', level: 'street', compounds: 2, reportsSubmitted: 1, cases: 0, fevers: 3, orders: null },
    ]);
    const overdue = orderFigures({ overdue: 2 });
    const withOrders = childrenOf('street', [{ id: 'a' }], [], (id) => street.get(id) ?? null, (id) => `街道${id}`, (id) => (id === 's1' ? overdue : null));
    expect(withOrders[0]?.orders).toEqual(overdue);
  });
});
