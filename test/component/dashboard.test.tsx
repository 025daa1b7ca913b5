/**
 * The city dashboard in real Chromium against a scripted API: today's figures as tiles, the
 * 14-day trend and the alerts by kind drawn as ECharts canvases, and drilling down from a street
 * to a community asks the API for that community.
 */
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { emptyFigures } from '#shared/domain/daily-figures.ts';
import type { Dashboard } from '#shared/schemas/dashboard.ts';
import { DashboardPage } from '#web/src/dashboard/DashboardPage.tsx';
import { renderWithServices, type Call } from './render.tsx';

const board = (level: Dashboard['level'], children: Dashboard['children']): Dashboard => ({
  date: '2026-12-07', level, place: { id: null, name: '' },
  today: { source: 'reports', compounds: 12, figures: { ...emptyFigures('s1', '2026-12-07'), entries: { in: 340, out: 20, refused: 3, fevers: 2 } } },
  trend: Array.from({ length: 14 }, (_, i) => ({
    date: `2026-11-${String(24 + i).padStart(2, '0')}`.replace('2026-11-31', '2026-12-01'), cases: i % 3, entries: 300 + i, fevers: i % 2,
    coverage: 90, roundsRequired: 24, roundsDone: 20, reportsSubmitted: 10, reportsZero: 4,
  })),
  alerts: [{ kind: 'fever', count: 5, acknowledged: 4, medianAckMinutes: 6.5 }],
  children,
});

describe('the dashboard', () => {
  it('draws today\'s figures and both charts, and drills down street → community', async () => {
    // The map beside the charts lists communities and compounds: none here.
    const answer = (call: Call) => (!call.path.startsWith('/v1/dashboard') ? { type: 'FeatureCollection', features: [] } : call.path.includes('communityId=cm1')
      ? board('community', [{ id: 'c1', name: '阳光花园', level: 'compound', compounds: 1, reportsSubmitted: 1, cases: 0, fevers: 1 }])
      : board('city', [{ id: 'cm1', name: '王府社区', level: 'community', compounds: 12, reportsSubmitted: 10, cases: 1, fevers: 2 }]));
    const { calls, screen } = renderWithServices(<DashboardPage />, answer);
    await screen;
    await expect.element(page.getByRole('heading', { name: '指挥大屏' })).toBeVisible();
    await expect.element(page.getByText('进入登记').first()).toBeVisible();
    await expect.element(page.getByText('340')).toBeVisible();
    await expect.poll(() => document.querySelectorAll('[data-chart="trend"] canvas').length).toBeGreaterThan(0);
    await expect.poll(() => document.querySelectorAll('[data-chart="alerts"] canvas').length).toBeGreaterThan(0);
    await userEvent.click(page.getByRole('button', { name: '王府社区' }));
    await expect.element(page.getByRole('heading', { name: '各小区' })).toBeVisible();
    expect(calls.map((c) => c.path)).toContain('/v1/dashboard?communityId=cm1');
    await expect.element(page.getByRole('navigation', { name: '层级' }).getByRole('button', { name: '辖区' })).toBeVisible();
  });
});
