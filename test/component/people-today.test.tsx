/**
 * The grid worker's today list (/people) in real Chromium against a scripted API: who has not
 * reported this slot, who is due a test, whom to call; a report made on someone's behalf moves
 * them out of "not reported"; a contact moves a paired resident out of "to call"; the report
 * link's QR code shows the link the API issued. The clock is fixed at 09:00 in China.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { TodayList } from '#web/src/people/TodayList.tsx';
import '#web/src/styles/tasks.css';
import '#web/src/styles/people.css';
import { gridUser, NOW, person, peopleApi, slotsOf, TODAY } from './people-fixtures.ts';
import { renderWithServices, signInWith } from './render.tsx';
import { unsignedToken } from './tokens.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

async function openToday(api: ReturnType<typeof peopleApi>) {
  const rendered = renderWithServices(<TodayList />, (call) => api.answer(call));
  signInWith(rendered.services, unsignedToken(gridUser));
  await rendered.screen;
  await expect.element(page.getByRole('heading', { name: '今日重点人员' })).toBeVisible();
  return rendered;
}

const section = (name: RegExp) => page.getByRole('region', { name });

describe('the grid worker\'s today list', () => {
  it('lists who has not reported this slot, and a report on their behalf moves them', async () => {
    const api = peopleApi([
      person('p1', { name: '张*' }),
      person('p2', { name: '李*', today: [{ date: TODAY, slot: 'am', status: 'reported_ok', temperatureC: 36.5 }, { date: TODAY, slot: 'pm', status: 'pending' }] }),
    ]);
    const { calls } = await openToday(api);
    const late = section(/^上午未报告/);
    await expect.element(late.getByRole('link', { name: '张*' })).toBeVisible();
    // The row says where they live and the slot's state in words.
    await expect.element(late.getByText('粮食局宿舍区 · 3栋 · 1单元302')).toBeVisible();
    await expect.element(late.getByText(/上午：待报告/)).toBeVisible();
    expect(late.getByRole('link', { name: '李*' }).query()).toBeNull();

    await userEvent.click(late.getByRole('button', { name: '代为报告' }));
    await userEvent.fill(page.getByLabelText('体温（℃）'), '36.6');
    await userEvent.click(page.getByRole('button', { name: '提交报告' }));
    await expect.element(page.getByRole('status').getByText('已为 张* 报告：12-07 上午。')).toBeVisible();
    await expect.element(late.getByText('本时段都已报告。')).toBeVisible();
    const post = calls.find((c) => c.method === 'POST' && c.path === '/v1/people/p1/reports');
    expect(post?.body).toEqual({ temperatureC: 36.6, symptoms: [], date: TODAY, slot: 'am' });
  });

  it('after midnight, before the morning window, chases yesterday evening\'s slot, and a report on their behalf fills it', async () => {
    // 00:40 in China on 12-08: no window open, the slot being chased is 12-07's evening, which
    // the API lists among the period's slots, not among the new day's (`today`).
    vi.setSystemTime(new Date('2026-12-07T16:40:00.000Z'));
    const nextDay = '2026-12-08';
    const yesterday = slotsOf({ today: [] }).concat([
      { date: TODAY, slot: 'am', status: 'reported_ok', temperatureC: 36.5 },
      { date: TODAY, slot: 'pm', status: 'pending' },
      { date: nextDay, slot: 'am', status: 'pending' },
      { date: nextDay, slot: 'pm', status: 'pending' },
    ]);
    const api = peopleApi([
      person('p1', { name: '张*', today: [{ date: nextDay, slot: 'am', status: 'pending' }, { date: nextDay, slot: 'pm', status: 'pending' }], slots: yesterday }),
    ]);
    const { calls } = await openToday(api);
    const late = section(/^下午未报告/);
    await expect.element(late.getByRole('link', { name: '张*' })).toBeVisible();

    await userEvent.click(late.getByRole('button', { name: '代为报告' }));
    await userEvent.fill(page.getByLabelText('体温（℃）'), '36.6');
    await userEvent.click(page.getByRole('button', { name: '提交报告' }));
    await expect.element(page.getByRole('status').getByText(/已为 张\* 报告：12-07 下午/)).toBeVisible();
    await expect.element(late.getByText('本时段都已报告。')).toBeVisible();
    const post = calls.find((c) => c.method === 'POST' && c.path === '/v1/people/p1/reports');
    expect(post?.body).toEqual({ temperatureC: 36.6, symptoms: [], date: TODAY, slot: 'pm' });
  });

  it('says a fever before sending, and refuses a temperature no thermometer reads', async () => {
    const api = peopleApi([person('p1')]);
    const { calls } = await openToday(api);
    await userEvent.click(page.getByRole('button', { name: '代为报告' }));
    await userEvent.fill(page.getByLabelText('体温（℃）'), '3.6');
    await userEvent.click(page.getByRole('button', { name: '提交报告' }));
    await expect.element(page.getByText('请填写 34–43 之间的体温')).toBeVisible();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await userEvent.fill(page.getByLabelText('体温（℃）'), '38.2');
    await expect.element(page.getByRole('note')).toMatchTextContent('体温达到发热标准');
    await userEvent.click(page.getByRole('checkbox', { name: '咳嗽' }));
    await userEvent.click(page.getByRole('button', { name: '提交报告' }));
    await expect.element(page.getByText('本时段都已报告。')).toBeVisible();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ temperatureC: 38.2, symptoms: ['cough'], date: TODAY, slot: 'am' });
  });

  it('lists who is due a test and whom to call; a contact takes a resident off the calls', async () => {
    const api = peopleApi([
      person('p1', { name: '赵*', testsOutstanding: ['2026-12-07', '2026-12-14'], today: [{ date: TODAY, slot: 'am', status: 'reported_ok' }] }),
      person('v1', { name: '钱*', category: 'vulnerable', status: 'registered', pairedWith: gridUser.username, lastContactAt: '2026-12-06T02:00:00.000Z', today: [] }),
    ]);
    const { calls } = await openToday(api);
    await expect.element(section(/^今日需核酸检测/).getByText('核酸应检日：12-07')).toBeVisible();
    const toCall = section(/^今日需联系/);
    await expect.element(toCall.getByRole('link', { name: '钱*' })).toBeVisible();
    await userEvent.click(toCall.getByRole('button', { name: '记录联系' }));
    await userEvent.click(page.getByRole('radio', { name: '上门' }));
    await userEvent.fill(page.getByLabelText('备注（可选）'), '老人身体好');
    await userEvent.click(page.getByRole('button', { name: '保存' }));
    await expect.element(toCall.getByText('结对的困难群众今天都已联系。')).toBeVisible();
    expect(calls.find((c) => c.path === '/v1/people/v1/contacts')?.body).toEqual({ kind: 'visit', outcome: 'ok', note: '老人身体好' });
  });

  it('shows the report link the API issues as a QR code', async () => {
    const api = peopleApi([person('p1')]);
    await openToday(api);
    await userEvent.click(page.getByRole('button', { name: '报告二维码' }));
    await userEvent.click(page.getByRole('button', { name: '重新生成二维码' }));
    const image = page.getByRole('img', { name: '张* 的健康报告二维码' });
    await expect.element(image).toBeVisible();
    expect(document.querySelector('.people-qr')?.getAttribute('data-url')).toBe(`${window.location.origin}/r/tok-abc.def`);
  });
});
