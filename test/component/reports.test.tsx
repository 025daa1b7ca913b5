/**
 * The daily report view (日报告、零报告) in real Chromium against a scripted API: a community admin
 * sees the day's compounds with the missing ones first, opens one, is refused a zero report on a
 * day with a fever — the refusal said in words — and confirms the report with a note; a street
 * official sees the roll-up's counts and totals (with each place's orders of the day) and no
 * submit buttons.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { emptyFigures, emptyOrderFigures, orderFigures } from '#shared/domain/daily-figures.ts';
import type { DailyReport, DailyReportRollup } from '#shared/schemas/daily-report.ts';
import { ReportsPage } from '#web/src/reports/ReportsPage.tsx';
import { communityUser, NOW, TODAY } from './people-fixtures.ts';
import { renderWithServices, signInWith, type Call } from './render.tsx';
import { unsignedToken } from './tokens.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

const figures = { ...emptyFigures('c_a', TODAY), entries: { in: 12, out: 7, refused: 1, fevers: 1 }, alerts: { symptoms: 0, open: 1 }, rounds: { required: 2, done: 1 } };
const draft: DailyReport = {
  compoundId: 'c_a', compoundName: '阳光花园', communityId: 'cm1', streetId: 's1', date: TODAY, status: 'draft',
  figures, abnormal: ['fever', 'open_alert'], deadline: '2026-12-07T10:00:00.000Z', final: false,
};
const cm1Orders = orderFigures({ requested_medicine: 4, requested_groceries: 17, delivered: 3, deliveryMinutes: 250, overdue: 2 });
const rollup = (aStatus: 'missing' | 'submitted'): DailyReportRollup => ({
  date: TODAY, deadline: '2026-12-07T10:00:00.000Z', submitted: aStatus === 'submitted' ? 1 : 0, zero: 1, missing: aStatus === 'missing' ? 1 : 0, late: 0,
  items: [
    { compoundId: 'c_a', compoundName: '阳光花园', communityId: 'cm1', communityName: '王府社区', streetId: 's1', streetName: '郢中街道', status: aStatus, ...(aStatus === 'submitted' ? { submittedByName: '测试社区', figures } : {}) },
    { compoundId: 'c_b', compoundName: '王府小区', communityId: 'cm1', communityName: '王府社区', streetId: 's1', streetName: '郢中街道', status: 'zero', submittedByName: '测试社区', figures: emptyFigures('c_b', TODAY) },
  ],
  totals: [
    { level: 'community', id: 'cm1', name: '王府社区', submitted: 0, zero: 1, missing: 1, late: 0, figures, orders: cm1Orders },
    { level: 'street', id: 's1', name: '郢中街道', submitted: 0, zero: 1, missing: 1, late: 0, figures, orders: emptyOrderFigures() },
    { level: 'community', id: 'cm1', name: '王府社区', submitted: 0, zero: 1, missing: 1, late: 0, figures, orders: cm1Orders },
  ],
});

describe('the community admin\'s daily report', () => {
  it('refuses a zero report in words on a day with a fever, then confirms the report with a note', async () => {
    let submitted = false;
    const answer = (call: Call): unknown => {
      if (call.method === 'GET' && call.path === `/v1/daily-reports?date=${TODAY}`) return rollup(submitted ? 'submitted' : 'missing');
      if (call.method === 'GET' && call.path === `/v1/daily-reports/c_a/${TODAY}`) return submitted ? { ...draft, status: 'submitted', note: '发热1人已转运', submittedBy: 'community-p3-1', submittedByName: '测试社区', submittedAt: NOW.toISOString() } : draft;
      if (call.method === 'POST' && call.path === `/v1/daily-reports/c_a/${TODAY}/submit`) {
        const body = call.body as { zero?: boolean; note?: string };
        if (body.zero) {
          return Response.json(
            { type: '/problems/conflict', title: '状态冲突', status: 409, detail: `小区 c_a ${TODAY} 不能零报告：当天有出入口发热人员、未关闭的预警`, code: 'daily-report.not-zero' },
            { status: 409, headers: { 'content-type': 'application/problem+json' } },
          );
        }
        submitted = true;
        return { ...draft, status: 'submitted', note: body.note, submittedBy: 'community-p3-1', submittedByName: '测试社区', submittedAt: NOW.toISOString() };
      }
      return Response.json({ status: 404, title: 'Not found', type: '/problems/not-found' }, { status: 404 });
    };
    const { calls, screen, services } = renderWithServices(<ReportsPage />, answer);
    signInWith(services, unsignedToken(communityUser));
    await screen;
    await expect.element(page.getByRole('heading', { name: '日报告', level: 1 })).toBeVisible();
    await expect.element(page.getByText('已上报 0 · 零报告 1 · 未上报 1 · 迟报 0')).toBeVisible();
    // The missing compound comes first, named, not by id.
    const rows = page.getByRole('row');
    await expect.element(rows.nth(1)).toHaveTextContent('阳光花园王府社区未上报');

    await userEvent.click(page.getByRole('button', { name: '阳光花园' }));
    const card = page.getByRole('region', { name: `阳光花园 · ${TODAY}` });
    await expect.element(card).toBeVisible();
    await expect.element(card.getByRole('definition').first()).toHaveTextContent('12');
    await expect.element(card.getByText('进入人次')).toBeVisible();
    await expect.element(page.getByText('当天有出入口发热人员、未关闭的预警，不能零报告，请核对后确认上报。')).toBeVisible();

    await userEvent.click(page.getByRole('button', { name: '零报告' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent(`未能上报： 小区 c_a ${TODAY} 不能零报告：当天有出入口发热人员、未关闭的预警`);

    await userEvent.fill(page.getByRole('textbox', { name: '备注（选填）' }), '发热1人已转运');
    await userEvent.click(page.getByRole('button', { name: '确认上报' }));
    await expect.element(page.getByRole('status').filter({ hasText: '已上报。' })).toBeVisible();
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.body)).toEqual([{ zero: true }, { note: '发热1人已转运' }]);
    // The roll-up is read again: the compound is reported now.
    await expect.element(page.getByText('已上报 1 · 零报告 1 · 未上报 0 · 迟报 0')).toBeVisible();
    await expect.element(page.getByText('测试社区 于', { exact: false })).toBeVisible();
  });

  it('shows a street official the roll-up and totals, with no buttons to submit', async () => {
    const answer = (call: Call): unknown => {
      if (call.method === 'GET' && call.path.startsWith('/v1/daily-reports?')) return rollup('missing');
      if (call.method === 'GET' && call.path === `/v1/daily-reports/c_b/${TODAY}`) return { ...draft, compoundId: 'c_b', compoundName: '王府小区', status: 'zero', abnormal: [], figures: emptyFigures('c_b', TODAY), submittedBy: 'x', submittedByName: '测试社区', submittedAt: NOW.toISOString() };
      return Response.json({ status: 404, title: 'Not found', type: '/problems/not-found' }, { status: 404 });
    };
    const { screen, services } = renderWithServices(<ReportsPage />, answer);
    signInWith(services, unsignedToken({ username: 'official-s1', role: 'official', name: '街道督查', jurisdiction: { streetId: 's1' } }));
    await screen;
    await expect.element(page.getByRole('button', { name: '导出 Excel' })).toBeEnabled();
    await expect.element(page.getByRole('table', { name: '分级汇总' })).toMatchTextContent('郢中街道');
    // Each line's orders: 王府社区 21 new, 3 delivered in 83.3 minutes on average, 2 not accepted in time.
    await expect.element(page.getByRole('columnheader', { name: '平均送达用时（分钟）' })).toBeVisible();
    const cm1 = document.querySelector('.report-totals tr[data-level="community"]');
    const figure = (name: string) => cm1?.querySelector(`[data-order-figure="${name}"]`)?.textContent;
    expect([figure('requested'), figure('delivered'), figure('avgDelivery'), figure('overdue')]).toEqual(['21', '3', '83.3', '2']);
    expect(document.querySelector('.report-totals tr[data-level="street"] [data-order-figure="avgDelivery"]')?.textContent).toBe('—');
    await userEvent.click(page.getByRole('button', { name: '王府小区' }));
    await expect.element(page.getByRole('heading', { name: `王府小区 · ${TODAY}` })).toBeVisible();
    await expect.element(page.getByText('零报告').first()).toBeVisible();
    expect(page.getByRole('button', { name: '确认上报' }).elements()).toHaveLength(0);
  });
});
