/**
 * The city dashboard in real Chromium against a scripted API: today's figures as tiles, the
 * 14-day trend and the alerts by kind drawn as ECharts canvases, today's orders (代购配送) as tiles
 * with their trend and per community in the table, and drilling down from a street to a community
 * asks the API for that community.
 */
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { emptyFigures, orderFigures } from '#shared/domain/daily-figures.ts';
import type { Dashboard } from '#shared/schemas/dashboard.ts';
import { DashboardPage } from '#web/src/dashboard/DashboardPage.tsx';
import { renderWithServices, type Call } from './render.tsx';

const board = (level: Dashboard['level'], children: Dashboard['children']): Dashboard => ({
  date: '2026-12-07', level, place: { id: null, name: '' },
  today: {
    source: 'reports', compounds: 12, figures: { ...emptyFigures('s1', '2026-12-07'), entries: { in: 340, out: 20, refused: 3, fevers: 2 } },
    orders: orderFigures({ requested_groceries: 120, requested_medicine: 31, requested_other: 7, delivered: 96, deliveryMinutes: 9600, overdue: 4 }),
  },
  trend: Array.from({ length: 14 }, (_, i) => ({
    date: `2026-11-${String(24 + i).padStart(2, '0')}`.replace('2026-11-31', '2026-12-01'), cases: i % 3, entries: 300 + i, fevers: i % 2,
    coverage: 90, roundsRequired: 24, roundsDone: 20, reportsSubmitted: 10, reportsZero: 4,
    ordersRequested: 100 + i, ordersDelivered: 90, ordersOverdue: i % 4, avgDeliveryMinutes: i === 0 ? null : 95.5,
  })),
  alerts: [{ kind: 'fever', count: 5, acknowledged: 4, medianAckMinutes: 6.5 }],
  children,
});

describe('the dashboard', () => {
  it('draws today\'s figures and both charts, and drills down street → community', async () => {
    // The map beside the charts lists communities and compounds: none here.
    const answer = (call: Call) => (!call.path.startsWith('/v1/dashboard') ? { type: 'FeatureCollection', features: [] } : call.path.includes('communityId=cm1')
      ? board('community', [{ id: 'c1', name: '阳光花园', level: 'compound', compounds: 1, reportsSubmitted: 1, cases: 0, fevers: 1, orders: null }])
      : board('city', [{ id: 'cm1', name: '王府社区', level: 'community', compounds: 12, reportsSubmitted: 10, cases: 1, fevers: 2, orders: orderFigures({ requested_groceries: 58, overdue: 3 }) }]));
    const { calls, screen } = renderWithServices(<DashboardPage />, answer);
    await screen;
    await expect.element(page.getByRole('heading', { name: '指挥大屏' })).toBeVisible();
    await expect.element(page.getByText('进入登记').first()).toBeVisible();
    await expect.element(page.getByText('340')).toBeVisible();
    await expect.poll(() => document.querySelectorAll('[data-chart="trend"] canvas').length).toBeGreaterThan(0);
    await expect.poll(() => document.querySelectorAll('[data-chart="alerts"] canvas').length).toBeGreaterThan(0);
    // Today's orders: 158 new, 100 minutes on average to delivery, 4 not accepted in time; their trend drawn; per community in the table.
    const orders = page.getByRole('region', { name: '2026-12-07 代购配送' });
    await expect.element(orders.getByRole('definition').first()).toHaveTextContent('158');
    expect(document.querySelector('[data-order-figure="avgDelivery"] dd')?.textContent).toBe('100');
    expect(document.querySelector('[data-order-figure="overdue"] dd')?.textContent).toBe('4');
    await expect.poll(() => document.querySelectorAll('[data-chart="orders"] canvas').length).toBeGreaterThan(0);
    expect(document.querySelector('[data-child="cm1"] [data-order-figure="requested"]')?.textContent).toBe('58');
    expect(document.querySelector('[data-child="cm1"] [data-order-figure="overdue"]')?.textContent).toBe('3');
    await userEvent.click(page.getByRole('button', { name: '王府社区' }));
    await expect.element(page.getByRole('heading', { name: '各小区' })).toBeVisible();
    expect(calls.map((c) => c.path)).toContain('/v1/dashboard?communityId=cm1');
    // A compound has no orders of its own: no order columns for compounds.
    expect(document.querySelector('[data-child="c1"] [data-order-figure]')).toBeNull();
    await expect.element(page.getByRole('navigation', { name: '层级' }).getByRole('button', { name: '辖区' })).toBeVisible();
  });
});
