/**
 * The household's order form on its page (/h/{token}) in real Chromium against a scripted public
 * API (household-fixtures.ts): what it sends (kind, item rows, urgent, drop-off point, note, the
 * prescription for medicine only), what it refuses before sending, and that a resend after a lost
 * answer carries the same orderId while the next order gets a new one.
 */
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { HouseholdPage } from '#web/src/household/HouseholdPage.tsx';
import { householdApi, ORDERS_PATH, problem, TOKEN } from './household-fixtures.ts';
import { renderWithServices, type Call } from './render.tsx';

const posts = (calls: readonly Call[]) => calls.filter((c) => c.method === 'POST' && c.path === ORDERS_PATH);
const orderIdOf = (call: Call | undefined) => (call?.body as { orderId?: string } | undefined)?.orderId;

async function openForm() {
  await page.getByRole('button', { name: '下单代购' }).click();
  await expect.element(page.getByLabelText('物品 1', { exact: true })).toBeVisible();
}

describe('the household\'s order form', () => {
  it('sends the kind, the items, urgency, the drop-off point, a note and the prescription, then lists the order', async () => {
    const api = householdApi([]);
    const { calls } = renderWithServices(<HouseholdPage token={TOKEN} />, api.answer);
    await expect.element(page.getByText('还没有订单。')).toBeVisible();
    await openForm();
    expect(page.getByLabelText(/处方信息/).elements()).toHaveLength(0);
    await page.getByRole('button', { name: '药品' }).click();
    await expect.element(page.getByRole('button', { name: '药品' })).toHaveAttribute('aria-pressed', 'true');
    await userEvent.fill(page.getByLabelText('物品 1', { exact: true }), ' 布洛芬缓释胶囊 0.3g ');
    await userEvent.fill(page.getByLabelText('单位').first(), '盒');
    await page.getByRole('button', { name: '＋ 再加一项' }).click();
    await userEvent.fill(page.getByLabelText('物品 2', { exact: true }), '体温计');
    // Full-width digits from a Chinese keyboard count as digits.
    await userEvent.fill(page.getByLabelText('数量').nth(1), '２');
    await page.getByRole('button', { name: '＋ 再加一项' }).click();
    await page.getByRole('button', { name: '删除物品 3' }).click();
    await userEvent.fill(page.getByLabelText(/处方信息/), '布洛芬 0.3g 每日两次，社区医院王医生');
    await page.getByLabelText(/急需/).click();
    await page.getByRole('radio', { name: /北门存放点/ }).click();
    await userEvent.fill(page.getByLabelText('备注（可选）'), '到了请打 13900001111');
    await page.getByRole('button', { name: '提交订单' }).click();
    await expect.element(page.getByTestId('order-placed')).toBeVisible();
    const [sent] = posts(calls);
    expect(sent?.body).toEqual({
      orderId: expect.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
      kind: 'medicine',
      items: [{ name: '布洛芬缓释胶囊 0.3g', qty: 1, unit: '盒' }, { name: '体温计', qty: 2 }],
      urgent: true,
      dropOffPointId: 'pg',
      note: '到了请打 13900001111',
      prescription: '布洛芬 0.3g 每日两次，社区医院王医生',
    });
    // The form closes and the list, asked again, shows the order waiting for a volunteer.
    expect(page.getByLabelText('物品 1', { exact: true }).elements()).toHaveLength(0);
    await expect.poll(() => document.querySelector('.household-order-card')?.getAttribute('data-status')).toBe('requested');
    expect(document.querySelector('.household-order-card h3')?.textContent).toBe('药品急待接单');
  });

  it('takes the building\'s point by default and sends no prescription once the kind is not medicine', async () => {
    const { calls } = renderWithServices(<HouseholdPage token={TOKEN} />, householdApi([]).answer);
    await openForm();
    await page.getByRole('button', { name: '药品' }).click();
    await userEvent.fill(page.getByLabelText(/处方信息/), '不该发送');
    await page.getByRole('button', { name: '生活物资' }).click();
    await userEvent.fill(page.getByLabelText('物品 1', { exact: true }), '大米');
    await page.getByRole('button', { name: '提交订单' }).click();
    await expect.element(page.getByTestId('order-placed')).toBeVisible();
    expect(posts(calls)[0]?.body).toEqual({ orderId: expect.any(String), kind: 'groceries', items: [{ name: '大米', qty: 1 }], urgent: false, dropOffPointId: 'p3' });
  });

  it('refuses an order without items or with a quantity out of 1–99, sending nothing', async () => {
    const { calls } = renderWithServices(<HouseholdPage token={TOKEN} />, householdApi([]).answer);
    await openForm();
    await page.getByRole('button', { name: '提交订单' }).click();
    await expect.element(page.getByText('请至少填写一项物品。')).toBeVisible();
    // The message is tied to the first item's name, where the item goes.
    const firstItem = page.getByLabelText('物品 1', { exact: true });
    await expect.element(firstItem).toHaveAttribute('aria-invalid', 'true');
    expect(document.getElementById(firstItem.element().getAttribute('aria-describedby') ?? '')?.textContent).toBe('请至少填写一项物品。');
    await userEvent.fill(page.getByLabelText('物品 1', { exact: true }), '鸡蛋');
    await userEvent.fill(page.getByLabelText('数量'), '0');
    await page.getByRole('button', { name: '提交订单' }).click();
    await expect.element(page.getByText('数量请填 1–99')).toBeVisible();
    await expect.element(page.getByLabelText('数量')).toHaveAttribute('aria-invalid', 'true');
    expect(posts(calls)).toHaveLength(0);
    await userEvent.fill(page.getByLabelText('数量'), '30');
    await page.getByRole('button', { name: '提交订单' }).click();
    await expect.element(page.getByTestId('order-placed')).toBeVisible();
    expect(posts(calls).map((c) => (c.body as { items: unknown }).items)).toEqual([[{ name: '鸡蛋', qty: 30 }]]);
  });

  it('resends a lost order with the same orderId, and gives the next order a new one', async () => {
    let lose = true;
    const api = householdApi([], (call) => {
      if (lose && call.method === 'POST') throw new TypeError('Failed to fetch');
      return undefined;
    });
    const { calls } = renderWithServices(<HouseholdPage token={TOKEN} />, api.answer);
    await openForm();
    await userEvent.fill(page.getByLabelText('物品 1', { exact: true }), '青菜');
    await page.getByRole('button', { name: '提交订单' }).click();
    await expect.poll(() => page.getByRole('alert').elements()[0]?.textContent).toContain('订单未能提交，请重试。');
    lose = false;
    await page.getByRole('button', { name: '提交订单' }).click();
    await expect.element(page.getByTestId('order-placed')).toBeVisible();
    const [first, resent] = posts(calls);
    expect(orderIdOf(resent)).toBe(orderIdOf(first));
    expect(resent?.body).toEqual(first?.body);

    await page.getByRole('button', { name: '下单代购' }).click();
    await userEvent.fill(page.getByLabelText('物品 1', { exact: true }), '牛奶');
    await page.getByRole('button', { name: '提交订单' }).click();
    await expect.poll(() => posts(calls).length).toBe(3);
    expect(orderIdOf(posts(calls)[2])).not.toBe(orderIdOf(first));
  });

  it('says an earlier send was stored when an edited resend is refused as different, and starts a new order id', async () => {
    // The first send is stored but its answer is lost; the household then edits and sends again.
    let answered = 0;
    const api = householdApi([], (call) => {
      if (call.method === 'POST' && call.path === ORDERS_PATH && answered++ === 0) {
        api.answer({ ...call, path: ORDERS_PATH });
        throw new TypeError('Failed to fetch');
      }
      return undefined;
    });
    const { calls } = renderWithServices(<HouseholdPage token={TOKEN} />, api.answer);
    await openForm();
    await userEvent.fill(page.getByLabelText('物品 1', { exact: true }), '青菜');
    await page.getByRole('button', { name: '提交订单' }).click();
    await expect.element(page.getByRole('alert')).toBeVisible();
    await userEvent.fill(page.getByLabelText('物品 1', { exact: true }), '青菜和土豆');
    await page.getByRole('button', { name: '提交订单' }).click();
    await expect.element(page.getByTestId('stored-earlier')).toBeVisible();
    await expect.poll(() => document.querySelectorAll('.household-order-card')).toHaveLength(1);
    expect(document.querySelector('.household-order-card .household-lines')?.textContent).toBe('青菜 ×1');
    await page.getByRole('button', { name: '提交订单' }).click();
    await expect.element(page.getByTestId('order-placed')).toBeVisible();
    const ids = posts(calls).map(orderIdOf);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it('says "stored earlier" only for order.differs: another 409 is said as refused and the order id kept', async () => {
    let refuse = true;
    const api = householdApi([], (call) => (refuse && call.method === 'POST' && call.path === ORDERS_PATH ? problem(409, 'order.wrong-status') : undefined));
    const { calls } = renderWithServices(<HouseholdPage token={TOKEN} />, api.answer);
    await openForm();
    await userEvent.fill(page.getByLabelText('物品 1', { exact: true }), '青菜');
    await page.getByRole('button', { name: '提交订单' }).click();
    await expect.poll(() => page.getByRole('alert').elements()[0]?.textContent).toContain('订单未能提交，请重试。');
    expect(page.getByTestId('stored-earlier').elements()).toHaveLength(0);
    refuse = false;
    await page.getByRole('button', { name: '提交订单' }).click();
    await expect.element(page.getByTestId('order-placed')).toBeVisible();
    const ids = posts(calls).map(orderIdOf);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
  });
});
