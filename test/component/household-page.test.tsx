/**
 * The household's page (/h/{token}) in real Chromium against a scripted public API
 * (household-fixtures.ts): its address and orders with their steps in Chinese, confirming
 * collection of a delivered order, withdrawing one nobody has accepted, what a refused link says,
 * and the compound's notices below.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { changeLanguage } from '#web/src/i18n.ts';
import { HouseholdPage } from '#web/src/household/HouseholdPage.tsx';
import { delivered, householdApi, ORDERS_PATH, problem, requested, TOKEN } from './household-fixtures.ts';
import { renderWithServices } from './render.tsx';

const card = (id: string) => document.querySelector<HTMLElement>(`.household-order-card[data-order-id="${id}"]`);

afterEach(async () => {
  await changeLanguage('zh-CN');
});

describe('HouseholdPage', () => {
  it('shows the household, its orders newest first with their steps, and the compound\'s notices, in Chinese', async () => {
    const { calls } = renderWithServices(<HouseholdPage token={TOKEN} />, householdApi().answer);
    await expect.element(page.getByRole('heading', { level: 1 })).toHaveTextContent('代购配送');
    await expect.element(page.getByTestId('household-address')).toHaveTextContent('阳光花园 3号楼 502');
    await expect.poll(() => card('o_deliv')?.dataset.status).toBe('delivered');
    const waiting = card('o_deliv')!;
    expect(waiting.querySelector('h3')?.textContent).toBe('生活物资待取货');
    expect(waiting.querySelector('.household-lines')?.textContent).toBe('大米 ×1袋、鸡蛋 ×2盒');
    expect([...waiting.querySelectorAll('.household-steps li')].map((li) => li.textContent)).toEqual([
      '✓已下单11月22日 09:00', '✓志愿者已接单11月22日 09:30', '✓已购买11月22日 11:00实付 ¥86.50', '✓已送到存放点11月22日 13:05', '已取货',
    ]);
    expect(waiting.querySelector('[aria-current="step"]')?.textContent).toContain('已送到存放点');
    expect(waiting.querySelector('[data-testid="waiting-at"]')?.textContent).toBe('已送到「3号楼存放点」，请尽快前往领取。');
    const asked = card('o_req')!;
    expect(asked.querySelector('h3')?.textContent).toBe('药品急待接单');
    // Each order offers only the step the household may take in its state.
    expect(waiting.querySelector('.household-withdraw')).toBeNull();
    expect([...asked.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['取消订单']);
    // The compound's notices, from its public routes.
    await expect.element(page.getByTestId('today-confirmed')).toHaveTextContent('1 例');
    await expect.element(page.getByRole('link', { name: '010-6000 1234' })).toHaveAttribute('href', 'tel:01060001234');
    await expect.poll(() => page.getByTestId('drop-off-points').elements()[0]?.textContent).toContain('3号楼存放点');
    expect(calls.every((c) => c.method === 'GET' && (c.path === ORDERS_PATH || c.path.startsWith('/public/compounds/c_a/')))).toBe(true);
  });

  it('confirms collection of a delivered order and shows it collected', async () => {
    const { calls } = renderWithServices(<HouseholdPage token={TOKEN} />, householdApi().answer);
    await page.getByRole('button', { name: '我已取货' }).click();
    await expect.poll(() => card('o_deliv')?.dataset.status).toBe('collected');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([`${ORDERS_PATH}/o_deliv/collect`]);
    expect(card('o_deliv')?.querySelector('[data-testid="order-status"]')?.textContent).toBe('已取货');
    expect(card('o_deliv')?.querySelector('[data-testid="waiting-at"]')).toBeNull();
    expect(page.getByRole('button', { name: '我已取货' }).elements()).toHaveLength(0);
  });

  it('withdraws an order nobody has accepted, after a second tap', async () => {
    const { calls } = renderWithServices(<HouseholdPage token={TOKEN} />, householdApi().answer);
    await page.getByRole('button', { name: '取消订单' }).click();
    await expect.element(page.getByText('确定取消这个订单吗？')).toBeVisible();
    await page.getByRole('button', { name: '不取消' }).click();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await page.getByRole('button', { name: '取消订单' }).click();
    await page.getByRole('button', { name: '确定取消' }).click();
    await expect.poll(() => card('o_req')?.dataset.status).toBe('cancelled');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([`${ORDERS_PATH}/o_req/cancel`]);
    expect(card('o_req')?.textContent).toContain('已于 11月23日 10:00 取消');
    expect(card('o_req')?.querySelector('.household-steps')).toBeNull();
  });

  it('says the order moved on when a volunteer accepted it before the household withdrew it', async () => {
    const api = householdApi([requested], (call) => (call.path.endsWith('/cancel') ? problem(409, 'order.wrong-status') : undefined));
    renderWithServices(<HouseholdPage token={TOKEN} />, api.answer);
    await page.getByRole('button', { name: '取消订单' }).click();
    await page.getByRole('button', { name: '确定取消' }).click();
    await expect.poll(() => page.getByRole('alert').elements()[0]?.textContent).toContain('订单状态已变化');
  });

  it.each([
    [problem(404, 'link.refused.revoked'), 'revoked', '此链接已作废。请向网格员索取新的代购链接。'],
    [problem(404, 'link.refused.bad'), 'invalid', '链接无效。请核对链接或二维码，或联系您的网格员。'],
    [problem(410, 'link.expired'), 'expired', '此链接已过期。请向网格员索取新的代购链接。'],
  ])('says plainly when the link is refused (%#: %s)', async (refusal, state, words) => {
    const { calls } = renderWithServices(<HouseholdPage token={TOKEN} />, () => refusal.clone());
    await expect.poll(() => document.querySelector('main')?.dataset.state).toBe(state);
    expect(document.querySelector('.report-closed')?.textContent).toBe(words);
    // Nothing of the compound is asked for on a link that does not work.
    expect(calls.map((c) => c.path)).toEqual([ORDERS_PATH]);
  });

  it('keeps the page and says to wait when the link is called too often', async () => {
    let busy = true;
    const api = householdApi([delivered], (call) => (busy && call.path === ORDERS_PATH ? problem(429) : undefined));
    renderWithServices(<HouseholdPage token={TOKEN} />, api.answer);
    await expect.poll(() => page.getByRole('alert').elements()[0]?.textContent).toContain('操作过于频繁，请一分钟后再试。');
    busy = false;
    await page.getByRole('button', { name: '重试' }).click();
    await expect.poll(() => card('o_deliv')?.dataset.status).toBe('delivered');
  });

  it('switches to English', async () => {
    renderWithServices(<HouseholdPage token={TOKEN} />, householdApi().answer);
    await expect.poll(() => card('o_deliv')?.dataset.status).toBe('delivered');
    await changeLanguage('en');
    await expect.poll(() => card('o_deliv')?.querySelector('[data-testid="waiting-at"]')?.textContent).toBe('Waiting at “3号楼存放点”: please collect it soon.');
    expect(card('o_deliv')?.querySelector('.household-lines')?.textContent).toBe('大米 ×1 袋, 鸡蛋 ×2 盒');
    await expect.element(page.getByRole('button', { name: 'I have collected it' })).toBeVisible();
  });
});
