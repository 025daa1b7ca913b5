/**
 * Emergency help (紧急求助) in real Chromium against a scripted API: the resident asks from their
 * report page (kind, urgency, note) through the public help route; staff list the open requests,
 * close one only with a note on what was done, and record one for a household.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { HelpRequest } from '#shared/schemas/help.ts';
import { HelpRequests } from '#web/src/people/HelpRequests.tsx';
import { ReportPage } from '#web/src/report/ReportPage.tsx';
import '#web/src/styles/tasks.css';
import '#web/src/styles/people.css';
import { communityUser, NOW, peopleApi, TODAY } from './people-fixtures.ts';
import { renderWithServices, signInWith, type Call } from './render.tsx';
import { unsignedToken } from './tokens.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

const TOKEN = 'tok-abc.def';

describe('the resident\'s 紧急求助', () => {
  it('asks for help through the report link with the kind, urgency and note', async () => {
    const answer = (call: Call): unknown => {
      if (call.method === 'GET' && call.path === `/public/reports/${TOKEN}`) {
        return {
          name: '张*', period: { start: '2026-12-01', end: '2026-12-14' },
          open: { date: TODAY, slot: 'am', closes: '2026-12-07T04:00:00.000Z' },
          slots: [{ date: TODAY, slot: 'am', status: 'pending' }],
        };
      }
      if (call.method === 'POST' && call.path === `/public/reports/${TOKEN}/help`) {
        const body = call.body as { kind: string; urgency: string };
        return Response.json({ id: 'h1', kind: body.kind, urgency: body.urgency, status: 'open', raisedAt: NOW.toISOString() }, { status: 201 });
      }
      return Response.json({ status: 404, title: 'Not found', type: '/problems/not-found' }, { status: 404 });
    };
    const { calls, screen } = renderWithServices(<ReportPage token={TOKEN} />, answer);
    await screen;
    await expect.element(page.getByText('张*，您好')).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: '紧急求助' }));
    // Not without saying what help.
    await userEvent.click(page.getByRole('button', { name: '发送求助' }));
    await expect.element(page.getByText('请选择需要什么帮助。')).toBeVisible();
    expect(calls.some((c) => c.path.endsWith('/help'))).toBe(false);

    await userEvent.click(page.getByRole('button', { name: '买药取药' }));
    await userEvent.click(page.getByRole('button', { name: '紧急', exact: true }));
    await userEvent.fill(page.getByRole('textbox', { name: '补充说明（可选）' }), '降压药吃完了');
    await userEvent.click(page.getByRole('button', { name: '发送求助' }));
    await expect.element(page.getByTestId('help-asked')).toHaveTextContent('已收到您的求助（买药取药，09:00），社区会尽快联系您。');
    const sent = calls.filter((c) => c.method === 'POST' && c.path === `/public/reports/${TOKEN}/help`);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toMatchObject({ kind: 'medicine', urgency: 'high', note: '降压药吃完了' });
    expect((sent[0]?.body as { requestId: string }).requestId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });
});

describe('help requests for staff', () => {
  const request = (id: string, over: Partial<HelpRequest> = {}): HelpRequest => ({
    id, compoundId: 'c1', communityId: 'cm1', streetId: 's1', buildingId: 'b1', kind: 'medical', urgency: 'high', note: '老人发热需要就医',
    status: 'open', via: 'resident_link', raisedAt: '2026-12-07T00:30:00.000Z', raisedBy: 'self', alertId: `a-${id}`, ...over,
  });

  function helpApi() {
    const people = peopleApi([]);
    const requests = new Map([['h1', request('h1')]]);
    const answer = (call: Call): unknown => {
      const path = call.path.split('?')[0];
      if (call.method === 'GET' && path === '/v1/help-requests') return { items: [...requests.values()].filter((r) => r.status === 'open') };
      const close = /^\/v1\/help-requests\/([^/]+)\/close$/.exec(path ?? '');
      if (call.method === 'POST' && close?.[1]) {
        const closed = { ...requests.get(close[1])!, status: 'closed' as const, closeNote: (call.body as { note: string }).note };
        requests.set(closed.id, closed);
        return closed;
      }
      if (call.method === 'POST' && path === '/v1/help-requests') {
        const body = call.body as Pick<HelpRequest, 'compoundId' | 'kind' | 'urgency' | 'note'>;
        const made = request('h2', { ...body, via: 'staff', raisedBy: communityUser.username });
        requests.set('h2', made);
        return Response.json(made, { status: 201 });
      }
      return people.answer(call);
    };
    return { answer, requests };
  }

  it('lists open requests and closes one only with what was done', async () => {
    const api = helpApi();
    const { calls, services, screen } = renderWithServices(<HelpRequests role="community" />, api.answer);
    signInWith(services, unsignedToken(communityUser));
    await screen;
    const item = page.getByRole('listitem').filter({ hasText: '就医 · 紧急' });
    await expect.element(item).toBeVisible();
    await expect.element(item.getByText('· 粮食局宿舍区 · 3栋')).toBeVisible();
    await expect.element(item.getByText(/· 居民自报$/)).toBeVisible();

    await userEvent.click(item.getByRole('button', { name: '办结' }));
    await userEvent.click(page.getByRole('button', { name: '确认办结' }));
    await expect.element(page.getByText('请写明处理情况。')).toBeVisible();
    expect(calls.some((c) => c.path.endsWith('/close'))).toBe(false);

    await userEvent.fill(page.getByRole('textbox', { name: '处理情况（必填）' }), '社区医生已上门');
    await userEvent.click(page.getByRole('button', { name: '确认办结' }));
    await expect.element(page.getByText('求助已办结。')).toBeVisible();
    await expect.element(page.getByText('没有待处理的求助。')).toBeVisible();
    expect(calls.filter((c) => c.path === '/v1/help-requests/h1/close').map((c) => c.body)).toEqual([{ note: '社区医生已上门' }]);
  });

  it('records a request for a household', async () => {
    const api = helpApi();
    api.requests.clear();
    const { calls, services, screen } = renderWithServices(<HelpRequests role="community" />, api.answer);
    signInWith(services, unsignedToken(communityUser));
    await screen;
    await userEvent.click(page.getByRole('button', { name: '记录求助' }));
    await userEvent.selectOptions(page.getByRole('combobox', { name: '小区' }), 'c1');
    await userEvent.selectOptions(page.getByRole('combobox', { name: '楼栋' }), 'b1');
    await userEvent.selectOptions(page.getByRole('combobox', { name: '求助类型' }), 'medicine');
    await userEvent.fill(page.getByRole('textbox', { name: '需要什么（人员、药品、房号）' }), '3栋201 胰岛素');
    await userEvent.click(page.getByRole('button', { name: '提交求助' }));
    await expect.element(page.getByText('求助已记录，社区已收到提醒。')).toBeVisible();
    const sent = calls.filter((c) => c.method === 'POST' && c.path === '/v1/help-requests');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toMatchObject({ compoundId: 'c1', buildingId: 'b1', kind: 'medicine', urgency: 'normal', note: '3栋201 胰岛素' });
    await expect.element(page.getByRole('listitem').filter({ hasText: '买药取药' })).toBeVisible();
  });
});
