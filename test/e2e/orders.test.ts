/**
 * Proxy purchase and delivery end to end (issue 18): a community admin makes a household's link
 * through the API; the resident, on a phone (360×740) with no session, opens `/h/{token}` in
 * Chinese and orders urgent medicine with a prescription; a volunteer of the community signs in
 * on a phone, opens /orders, accepts the order, records the purchase and its delivery to the
 * drop-off point; the resident's page then shows it waiting at that point, and the resident
 * confirms collection. The staff API then holds the order collected by the household, each step
 * by the volunteer. Screenshots land in test-results/e2e/.
 *
 * Data: a household of the second staffed community's first staffed compound with a drop-off
 * point and a building (the demo city's seeded orders are the first community's), in a room no
 * other journey uses; its order is found in the queue by id, so other orders there do not matter.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { demoCity } from '#infra/local/demo/users.ts';
import { staffedCompoundIds } from '#infra/local/demo/passes.ts';
import zhHousehold from '#web/src/locales/zh-CN/household.json' with { type: 'json' };
import zhOrders from '#web/src/locales/zh-CN/orders.json' with { type: 'json' };
import { apiAs, browserPerFile, PHONE, screenshot, signIn } from './browser.ts';

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');
const text = zhHousehold.household;
const staff = zhOrders.orders;

const city = demoCity();
const staffed = new Set(staffedCompoundIds(city));
const usersOf = (role: string, communityId: string) => city.users.filter((u) => u.role === role && u.jurisdiction.communityId === communityId);
/** The staffed compounds with a building whose community has an admin and a volunteer, in the city's order. */
const candidates = city.compounds.filter((c) => c.communityId && staffed.has(c.id) && city.buildings.some((b) => b.compoundId === c.id)
  && usersOf('community', c.communityId).length > 0 && usersOf('volunteer', c.communityId).length > 0);
const compound = candidates.find((c) => c.communityId !== candidates[0]?.communityId);
const building = city.buildings.find((b) => b.compoundId === compound?.id);
const admin = compound?.communityId ? usersOf('community', compound.communityId)[0] : undefined;
const volunteer = compound?.communityId ? usersOf('volunteer', compound.communityId).at(-1) : undefined;
const ROOM = '9单元901';

const { open } = browserPerFile(webUrl);

/** The household's order card on its page, once the page shows it in `status`. */
async function householdCard(page: Page, id: string, status: string) {
  const card = page.locator(`.household-order-card[data-order-id="${id}"][data-status="${status}"]`);
  await card.waitFor();
  return card;
}

/** The volunteer's card of the order on /orders under `tab`, read again until it is there. */
async function staffCard(page: Page, tab: string, id: string) {
  await page.locator(`.order-tabs button[data-tab="${tab}"]`).click();
  const card = page.locator(`.order-card[data-order-id="${id}"]`);
  await card.waitFor();
  return card;
}

describe('an order from a household\'s link to the drop-off point', () => {
  it('is placed on a phone without signing in, carried by a volunteer and confirmed collected', async () => {
    if (!compound || !building || !admin || !volunteer) throw new Error('the demo city has no second staffed community with a building, an admin and a volunteer');
    const api = await apiAs(apiUrl, admin.username);
    const { token } = await api.call('createHouseholdLink', { body: { compoundId: compound.id, buildingId: building.id, room: ROOM } });

    // The resident: no session, Chinese, a phone.
    const resident = await open(`/h/${token}`, { ...PHONE, deviceScaleFactor: 2 });
    await resident.locator('main.household-page[data-state="ready"]').waitFor();
    expect(await resident.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await resident.locator('h1').textContent()).toBe(text.title);
    expect(await resident.getByTestId('household-address').textContent()).toContain(ROOM);
    expect(await resident.locator('.login-page, #user-search').count()).toBe(0);
    // The compound's notices are on the same page.
    await resident.getByTestId('today-confirmed').waitFor();
    await resident.getByTestId('hotlines').waitFor();

    await resident.getByRole('button', { name: text.order.open }).click();
    await resident.getByRole('button', { name: text.kinds.medicine, exact: true }).click();
    await resident.getByLabel(text.order.itemName.replace('{{n}}', '1'), { exact: true }).fill('布洛芬缓释胶囊 0.3g');
    await resident.getByLabel(text.order.unit).first().fill('盒');
    await resident.getByRole('button', { name: text.order.add }).click();
    await resident.getByLabel(text.order.itemName.replace('{{n}}', '2'), { exact: true }).fill('医用口罩');
    await resident.getByLabel(text.order.qty).nth(1).fill('2');
    await resident.getByLabel(text.order.prescription).fill('布洛芬 0.3g 每日两次，社区卫生服务中心');
    await resident.getByLabel(text.order.urgent).check();
    const point = resident.locator('.household-point').first();
    const pointName = (await point.locator('strong').textContent()) ?? '';
    expect(pointName).not.toBe('');
    await point.locator('input').check();
    await screenshot(resident, 'household-order-form-phone');
    const answered = resident.waitForResponse((r) => r.url().includes('/public/orders/') && r.request().method() === 'POST');
    await resident.getByRole('button', { name: text.order.send }).click();
    const created = await answered;
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await resident.getByTestId('order-placed').waitFor();
    const placed = await householdCard(resident, id, 'requested');
    expect(await placed.getByTestId('order-status').textContent()).toBe(text.status.requested);
    // Laid out for the phone: nothing wider than the screen.
    expect(await resident.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await resident.screenshot({ path: await screenshot(resident, 'household-ordered-phone'), fullPage: true });

    // The volunteer, on a phone: the community's queue, then the steps.
    const phone = await open('/orders', PHONE);
    await signIn(phone, volunteer.username);
    await phone.waitForURL('**/orders');
    const queued = await staffCard(phone, 'requested', id);
    // Volunteers see the room masked, never whole.
    expect(await queued.textContent()).not.toContain(ROOM);
    await queued.getByRole('button', { name: staff.steps.accept, exact: true }).click();
    await phone.locator('[data-said="done"]').waitFor();

    const accepted = await staffCard(phone, 'mine', id);
    await accepted.getByRole('button', { name: staff.steps.purchase, exact: true }).click();
    await accepted.getByLabel(staff.purchase.amount).fill('36.8');
    await accepted.getByLabel(staff.purchase.receipt).fill('XP-20261207-01');
    await accepted.getByRole('button', { name: staff.purchase.save }).click();
    await phone.locator(`.order-card[data-order-id="${id}"][data-status="purchased"]`).waitFor();

    const bought = await staffCard(phone, 'mine', id);
    await bought.getByRole('button', { name: staff.steps.deliver, exact: true }).click();
    await bought.getByRole('button', { name: staff.deliver.save }).click();
    await phone.locator(`.order-card[data-order-id="${id}"][data-status="delivered"]`).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(phone, 'orders-volunteer-delivered');

    // The resident looks again: it waits at the drop-off point, and they confirm collecting it.
    await resident.getByRole('button', { name: text.orders.refresh }).click();
    const waiting = await householdCard(resident, id, 'delivered');
    expect(await waiting.getByTestId('waiting-at').textContent()).toBe(text.orders.waitingAt.replace('{{point}}', pointName));
    expect(await waiting.textContent()).toContain('实付 ¥36.80');
    await resident.screenshot({ path: await screenshot(resident, 'household-waiting-phone'), fullPage: true });
    await waiting.getByRole('button', { name: text.orders.collect }).click();
    const collected = await householdCard(resident, id, 'collected');
    expect(await collected.getByTestId('order-status').textContent()).toBe(text.status.collected);

    const order = await api.call('getOrder', { params: { id } });
    expect(order).toMatchObject({
      status: 'collected', kind: 'medicine', urgent: true, source: 'household_link', collectedBy: 'self', dropOffPointName: pointName,
      acceptedBy: volunteer.username, amountPaid: 36.8, receiptNo: 'XP-20261207-01', prescription: '布洛芬 0.3g 每日两次，社区卫生服务中心',
      items: [{ name: '布洛芬缓释胶囊 0.3g', qty: 1, unit: '盒' }, { name: '医用口罩', qty: 2 }],
    });
  });
});
