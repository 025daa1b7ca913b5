/**
 * The orders view's forms in real Chromium against a scripted API: a grid worker enters an order
 * for a household (a phone call) — the household, items and kind needed, the order's id kept for a
 * resend — makes a household's link and its door slip (the QR code reads the household's page),
 * and revokes it; and a help request turned into an order, the form starting from the request.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { HelpRequest } from '#shared/schemas/help.ts';
import { OrdersPage } from '#web/src/orders/OrdersPage.tsx';
import { tokenOf } from '#web/src/orders/HouseholdLink.tsx';
import { HelpRequests } from '#web/src/people/HelpRequests.tsx';
import { communityUser, gridUser } from './people-fixtures.ts';
import { NOW, ordersApi } from './orders-fixtures.ts';
import { renderWithServices, signInWith, type Call } from './render.tsx';
import { unsignedToken } from './tokens.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

const gridMe = { username: gridUser.username, name: gridUser.name };

describe('an order entered for a household', () => {
  it('needs the household and an item, then places it once under its own id', async () => {
    const api = ordersApi([], gridMe);
    const { calls, services, screen } = renderWithServices(<OrdersPage />, api.answer);
    signInWith(services, unsignedToken(gridUser));
    await screen;
    // A grid worker records collections but neither accepts nor carries: no "mine".
    expect(page.getByRole('button', { name: '我接的单' }).elements()).toHaveLength(0);
    await userEvent.click(page.getByRole('button', { name: '代下单' }));
    await userEvent.click(page.getByRole('button', { name: '提交订单' }));
    const problems = page.getByRole('alert');
    await expect.element(problems).toMatchTextContent('请选择小区。');
    await expect.element(problems).toMatchTextContent('请选择楼栋。');
    await expect.element(problems).toMatchTextContent('请填写单元和房号。');
    await expect.element(problems).toMatchTextContent('请至少填写一项物品，数量为 1 至 99。');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    // The item's own message is tied to the first item's name, where the item goes.
    const firstItem = page.getByRole('textbox', { name: '第 1 项物品' });
    await expect.element(firstItem).toHaveAttribute('aria-invalid', 'true');
    expect(document.getElementById(firstItem.element().getAttribute('aria-describedby') ?? '')?.textContent).toBe('请至少填写一项物品。');

    await userEvent.selectOptions(page.getByRole('combobox', { name: '小区' }), 'c1');
    await userEvent.selectOptions(page.getByRole('combobox', { name: '楼栋' }), 'b1');
    await userEvent.fill(page.getByRole('textbox', { name: '单元和房号' }), '2单元301');
    await userEvent.click(page.getByRole('radio', { name: '药品' }));
    await userEvent.click(page.getByRole('checkbox', { name: /加急/ }));
    await userEvent.fill(page.getByRole('textbox', { name: '第 1 项物品' }), '硝苯地平缓释片');
    // Full-width digits from a Chinese keyboard count, as on the household's own form.
    await userEvent.fill(page.getByRole('textbox', { name: '第 1 项数量' }), '２');
    await userEvent.fill(page.getByRole('textbox', { name: '第 1 项单位' }), '盒');
    await userEvent.click(page.getByRole('button', { name: '再加一项' }));
    await userEvent.fill(page.getByRole('textbox', { name: '第 2 项物品' }), '体温计');
    // The drop-off points are the compound's, read from what waits there: never the bucket of goods left at no point, nor a removed point.
    await expect.poll(() => [...page.getByRole('combobox', { name: '存放点' }).element().querySelectorAll('option')].map((o) => o.value)).toContain('p-east');
    const offered = [...page.getByRole('combobox', { name: '存放点' }).element().querySelectorAll('option')].map((o) => o.value);
    expect(offered).not.toContain('none');
    expect(offered).not.toContain('p-gone');
    await userEvent.selectOptions(page.getByRole('combobox', { name: '存放点' }), 'p-east');
    await userEvent.fill(page.getByRole('textbox', { name: /处方信息/ }), '硝苯地平缓释片 20mg 每日两次，市一医院');
    await userEvent.click(page.getByRole('button', { name: '提交订单' }));
    await expect.element(page.getByText('已为 粮食局宿舍区 · 3栋 · 2单元301 下单。')).toBeVisible();
    const sent = calls.filter((c) => c.method === 'POST' && c.path === '/v1/orders');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toEqual({
      orderId: expect.stringMatching(/^[A-Za-z0-9_-]{1,64}$/) as unknown as string,
      compoundId: 'c1', buildingId: 'b1', room: '2单元301', kind: 'medicine', urgent: true, dropOffPointId: 'p-east',
      items: [{ name: '硝苯地平缓释片', qty: 2, unit: '盒' }, { name: '体温计', qty: 1 }],
      prescription: '硝苯地平缓释片 20mg 每日两次，市一医院',
    });
  });
});

describe('a household\'s link', () => {
  it('is made for compound, building and room, printed on a door slip, and revoked', async () => {
    const api = ordersApi([], gridMe);
    const { calls, services, screen } = renderWithServices(<OrdersPage />, api.answer, { config: { publicUrl: 'https://cordon.example.cn' } });
    signInWith(services, unsignedToken(gridUser));
    await screen;
    await userEvent.click(page.getByRole('button', { name: '住户链接' }));
    await userEvent.click(page.getByRole('button', { name: '生成链接和门贴' }));
    await expect.element(page.getByText('请选择小区、楼栋并填写房号。')).toBeVisible();
    // The message is tied to the fields still empty.
    const roomBox = page.getByRole('textbox', { name: '单元和房号' });
    await expect.element(roomBox).toHaveAttribute('aria-invalid', 'true');
    expect(document.getElementById(roomBox.element().getAttribute('aria-describedby') ?? '')?.textContent).toBe('请选择小区、楼栋并填写房号。');
    await expect.element(page.getByRole('combobox', { name: '楼栋' })).toHaveAttribute('aria-invalid', 'true');
    await userEvent.selectOptions(page.getByRole('combobox', { name: '小区' }), 'c1');
    await userEvent.selectOptions(page.getByRole('combobox', { name: '楼栋' }), 'b1');
    await userEvent.fill(page.getByRole('textbox', { name: '单元和房号' }), '2单元301');
    await userEvent.click(page.getByRole('button', { name: '生成链接和门贴' }));
    const qr = page.getByRole('img', { name: '粮食局宿舍区 · 3栋 · 2单元301 的下单二维码' });
    await expect.element(qr).toBeVisible();
    expect(calls.filter((c) => c.path === '/v1/household-links').map((c) => c.body)).toEqual([{ compoundId: 'c1', buildingId: 'b1', room: '2单元301' }]);
    expect(document.querySelector('.order-slip')?.getAttribute('data-url')).toBe('https://cordon.example.cn/h/hh-tok.abc');
    await expect.element(page.getByRole('button', { name: '打印门贴' })).toBeVisible();

    await userEvent.click(page.getByRole('button', { name: '撤销此链接' }));
    await expect.element(page.getByText('链接已撤销，旧门贴上的二维码不再可用。')).toBeVisible();
    expect(calls.filter((c) => c.path === '/v1/household-links/revoke').map((c) => c.body)).toEqual([{ token: 'hh-tok.abc' }]);
    await expect.element(qr).not.toBeInTheDocument();
  });

  it('reads the token off a pasted link', () => {
    expect(tokenOf(' https://cordon.example.cn/h/hh-tok.abc ')).toBe('hh-tok.abc');
    expect(tokenOf('/h/hh-tok.abc?x=1')).toBe('hh-tok.abc');
    expect(tokenOf('hh-tok.abc')).toBe('hh-tok.abc');
    // A stray % is no escape: the path as written, not a thrown URIError lost in the form's send.
    expect(tokenOf('https://cordon.example.cn/h/hh%tok')).toBe('hh%tok');
  });
});

describe('a help request turned into an order', () => {
  it('opens the order form from the request and sends its id', async () => {
    const request: HelpRequest = {
      id: 'help-1', compoundId: 'c1', communityId: 'cm1', streetId: 's1', buildingId: 'b1', kind: 'medicine', urgency: 'high', note: '降压药吃完了',
      status: 'open', via: 'resident_link', raisedAt: '2026-12-07T00:30:00.000Z', raisedBy: 'self', alertId: 'a-help-1',
    };
    const orders = ordersApi([], { username: communityUser.username, name: communityUser.name });
    const answer = (call: Call): unknown =>
      call.method === 'GET' && call.path.split('?')[0] === '/v1/help-requests' ? { items: [request] } : orders.answer(call);
    const { calls, services, screen } = renderWithServices(<HelpRequests role="community" />, answer);
    signInWith(services, unsignedToken(communityUser));
    await screen;
    await userEvent.click(page.getByRole('button', { name: '转为代购订单' }));
    const form = page.getByRole('form', { name: '由求助转为代购订单' });
    await expect.element(form).toBeVisible();
    // Started from the request: its place, kind, urgency and note.
    await expect.element(form.getByRole('radio', { name: '药品' })).toBeChecked();
    await expect.element(form.getByRole('checkbox', { name: /加急/ })).toBeChecked();
    await expect.element(form.getByRole('textbox', { name: /备注/ })).toHaveValue('降压药吃完了');
    await expect.element(form.getByRole('combobox', { name: '楼栋' })).toHaveValue('b1');
    await userEvent.fill(form.getByRole('textbox', { name: '单元和房号' }), '1单元502');
    await userEvent.fill(form.getByRole('textbox', { name: '第 1 项物品' }), '苯磺酸氨氯地平片');
    await userEvent.click(form.getByRole('button', { name: '提交订单' }));
    await expect.element(page.getByText('已转为代购订单，可在「代购配送」中跟进。')).toBeVisible();
    const sent = calls.filter((c) => c.method === 'POST' && c.path === '/v1/orders');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toMatchObject({ helpRequestId: 'help-1', compoundId: 'c1', buildingId: 'b1', room: '1单元502', kind: 'medicine', urgent: true, note: '降压药吃完了' });
  });
});
