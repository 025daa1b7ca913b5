/**
 * The orders view's queue (代购配送) in real Chromium against a scripted API: a volunteer accepts
 * from the queue, records the purchase (the amount needed) and delivers; "mine" batched by
 * drop-off point; a lost race and a step out of turn said in words from the problem's code, with
 * who by name; a community admin cancels only with a reason; what waits at the drop-off points,
 * over a day marked.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { OrdersPage } from '#web/src/orders/OrdersPage.tsx';
import { communityUser } from './people-fixtures.ts';
import { NOW, order, ordersApi, volunteerUser } from './orders-fixtures.ts';
import { renderWithServices, signInWith } from './render.tsx';
import { unsignedToken } from './tokens.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

/** An order's card, by what it orders. */
const cardOf = (id: string) => page.getByRole('article').filter({ hasText: id === 'o1' ? '布洛芬缓释胶囊' : '大米' });

describe('a volunteer works the queue on a phone', () => {
  it('accepts, records the purchase and delivers to the drop-off point', async () => {
    const api = ordersApi([
      order('o1', { kind: 'medicine', urgent: true, items: [{ name: '布洛芬缓释胶囊', qty: 1, unit: '盒' }], acceptBy: '2026-12-07T00:30:00.000Z', dropOffPointId: 'p-b3', dropOffPointName: '3号楼存放点' }),
      order('o2'),
    ], { username: volunteerUser.username, name: volunteerUser.name });
    const { calls, services, screen } = renderWithServices(<OrdersPage />, api.answer);
    signInWith(services, unsignedToken(volunteerUser));
    await screen;
    const medicine = cardOf('o1');
    await expect.element(medicine).toBeVisible();
    // Medicine and urgent, and past its accept-by time: said in words.
    await expect.element(medicine.getByText('药品 · 加急')).toBeVisible();
    await expect.element(medicine.getByText(/已超时/)).toBeVisible();
    await expect.element(medicine.getByText('粮食局宿舍区 · 3栋 · 2**')).toBeVisible();
    // A volunteer neither cancels nor enters orders.
    expect(page.getByRole('button', { name: '取消订单' }).elements()).toHaveLength(0);
    expect(page.getByRole('button', { name: '代下单' }).elements()).toHaveLength(0);

    await userEvent.click(medicine.getByRole('button', { name: '接单' }));
    await expect.element(page.getByRole('status').filter({ hasText: '已接单' })).toBeVisible();
    expect(calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body])).toEqual([['/v1/orders/o1/accept', {}]]);

    await userEvent.click(page.getByRole('button', { name: '我接的单' }));
    await expect.element(page.getByRole('heading', { name: '1 件送往 3号楼存放点' })).toBeVisible();
    await userEvent.click(cardOf('o1').getByRole('button', { name: '登记采购' }));
    // Not without the amount paid.
    await userEvent.click(page.getByRole('button', { name: '保存采购' }));
    await expect.element(page.getByText('请填写小票上的实付金额（0 至 100000 元）。')).toBeVisible();
    expect(calls.some((c) => c.path.endsWith('/purchase'))).toBe(false);
    await userEvent.fill(page.getByRole('spinbutton', { name: '实付金额（元）' }), '35.5');
    await userEvent.fill(page.getByRole('textbox', { name: '小票或发票号（可选）' }), 'NO-0042');
    await userEvent.click(page.getByRole('button', { name: '保存采购' }));
    await expect.element(page.getByText('已登记采购。')).toBeVisible();
    expect(calls.filter((c) => c.path === '/v1/orders/o1/purchase').map((c) => c.body)).toEqual([{ amountPaid: 35.5, receiptNo: 'NO-0042' }]);

    await userEvent.click(cardOf('o1').getByRole('button', { name: '送达存放点' }));
    await userEvent.click(page.getByRole('button', { name: '确认送达' }));
    await expect.element(page.getByText('已送达存放点，住户会收到取件提示。')).toBeVisible();
    expect(calls.filter((c) => c.path === '/v1/orders/o1/deliver').map((c) => c.body)).toEqual([{}]);
    await expect.element(page.getByRole('heading', { name: '1 件已送达，等待住户取件' })).toBeVisible();
    expect(api.orders.get('o1')?.status).toBe('delivered');
  });

  it('batches what I carry by drop-off point', async () => {
    const mine = { status: 'accepted' as const, acceptedBy: volunteerUser.username, acceptedByName: volunteerUser.name };
    const api = ordersApi([
      order('a1', { ...mine, dropOffPointId: 'p-b3', dropOffPointName: '3号楼存放点' }),
      order('a2', { ...mine, status: 'purchased', dropOffPointId: 'p-b3', dropOffPointName: '3号楼存放点' }),
      order('a3', { ...mine, dropOffPointId: 'p-east', dropOffPointName: '东门物品存放点' }),
      order('a4', { ...mine, dropOffPointId: 'p-b3', dropOffPointName: '3号楼存放点' }),
      order('x1', { status: 'accepted', acceptedBy: 'vol-2', acceptedByName: '志愿者小李', dropOffPointId: 'p-b3', dropOffPointName: '3号楼存放点' }),
    ], { username: volunteerUser.username, name: volunteerUser.name });
    const { services, screen } = renderWithServices(<OrdersPage />, api.answer);
    signInWith(services, unsignedToken(volunteerUser));
    await screen;
    await userEvent.click(page.getByRole('button', { name: '我接的单' }));
    const headings = page.getByRole('heading', { level: 3 }).filter({ hasText: '件送往' });
    await expect.element(headings.first()).toHaveTextContent('3 件送往 3号楼存放点');
    expect(headings.elements().map((h) => h.textContent)).toEqual(['3 件送往 3号楼存放点', '1 件送往 东门物品存放点']);
  });

  it('says in words, by name, who took an order first and what an order out of turn now is', async () => {
    const api = ordersApi([order('o2'), order('o3', { items: [{ name: '鸡蛋', qty: 1, unit: '盒' }] })], { username: volunteerUser.username, name: volunteerUser.name }, { taken: { o2: '志愿者小李' } });
    const { services, screen } = renderWithServices(<OrdersPage />, api.answer);
    signInWith(services, unsignedToken(volunteerUser));
    await screen;
    await userEvent.click(cardOf('o2').getByRole('button', { name: '接单' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('晚了一步：这单已被 志愿者小李 接走。');
    // The queue is read again: the order is gone from 待接单. The list is empty while it loads, so
    // wait for the other order to come back before the community touches it (or the read answers
    // it already cancelled, and there is nothing to click).
    const eggs = page.getByRole('article').filter({ hasText: '鸡蛋' });
    await expect.element(eggs).toBeVisible();
    expect(cardOf('o2').elements()).toHaveLength(0);

    // Cancelled meanwhile by the community: the step says what the order now is.
    api.orders.set('o3', { ...api.orders.get('o3')!, status: 'cancelled', cancelReason: '重复下单' });
    await userEvent.click(eggs.getByRole('button', { name: '接单' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('这单现在是「已取消」，不能再接单。');
  });
});

describe('a community admin', () => {
  it('cancels an order only with a reason', async () => {
    const api = ordersApi([order('o2', { room: '201' })], { username: communityUser.username, name: communityUser.name });
    const { calls, services, screen } = renderWithServices(<OrdersPage />, api.answer);
    signInWith(services, unsignedToken(communityUser));
    await screen;
    await expect.element(page.getByText('粮食局宿舍区 · 3栋 · 201')).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: '取消订单' }));
    await userEvent.click(page.getByRole('button', { name: '确认取消' }));
    await expect.element(page.getByText('请填写取消原因。')).toBeVisible();
    expect(calls.some((c) => c.path.endsWith('/cancel'))).toBe(false);
    await userEvent.fill(page.getByRole('textbox', { name: '取消原因' }), '住户已自行解决');
    await userEvent.click(page.getByRole('button', { name: '确认取消' }));
    await expect.element(page.getByText('订单已取消。')).toBeVisible();
    expect(calls.filter((c) => c.path === '/v1/orders/o2/cancel').map((c) => c.body)).toEqual([{ reason: '住户已自行解决' }]);
    await userEvent.click(page.getByRole('button', { name: '已取消', exact: true }));
    await expect.element(page.getByRole('article').filter({ hasText: '大米' })).toMatchTextContent('取消原因：住户已自行解决');
  });

  it('sees what waits at each drop-off point, what waited over a day marked', async () => {
    const api = ordersApi([], { username: communityUser.username, name: communityUser.name });
    const { services, screen } = renderWithServices(<OrdersPage />, api.answer);
    signInWith(services, unsignedToken(communityUser));
    await screen;
    await userEvent.click(page.getByRole('button', { name: '存放点' }));
    await userEvent.selectOptions(page.getByRole('combobox', { name: '小区' }), 'c1');
    const east = page.getByRole('region', { name: /东门物品存放点/ });
    await expect.element(east.getByRole('heading')).toHaveTextContent('东门物品存放点 2 件待取 · 1 件超过一天');
    await expect.element(east.getByRole('listitem').first()).toMatchTextContent('3栋 · 1** · 药品 · 1 项');
    await expect.element(east.getByRole('listitem').first()).toMatchTextContent('已超过一天，请联系住户');
    await expect.element(east.getByRole('listitem').nth(1)).not.toMatchTextContent('超过一天');
    await expect.element(page.getByRole('region', { name: /3号楼存放点/ }).getByText('暂无待取物品。')).toBeVisible();
    // Neither a removed point without a name nor the goods left at no point has an empty heading.
    await expect.element(page.getByRole('region', { name: /已撤销的存放点/ }).getByRole('listitem')).toMatchTextContent('5栋 · 6** · 其他');
    await expect.element(page.getByRole('region', { name: /未指定存放点/ }).getByRole('listitem')).toMatchTextContent('2栋 · 4** · 生活物资');
    expect([...document.querySelectorAll('.order-point-card h3')].every((h) => !h.textContent?.startsWith(' '))).toBe(true);
  });
});
