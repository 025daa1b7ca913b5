/**
 * A resident reports from their personal link: a community admin enrols a returnee through the
 * API, and a phone (360×740) with no session opens `/r/{token}`, sees only the masked name and
 * the open slot in Chinese, taps a usual temperature and a symptom toggle, submits, and reads
 * "已记录：M月D日 上午/下午"; the staff API then shows that slot filled. A tampered link shows
 * the invalid-link text. Screenshots land in test-results/e2e/.
 *
 * Data: a returnee enrolled here in the demo city's last community's first compound with a
 * building (no other journey enrols there). The suite's runtime keeps report windows over the
 * whole day (test/support/global-web.ts), so a slot is open whenever this runs.
 */
import { describe, expect, inject, it } from 'vitest';
import { demoCity } from '#infra/local/demo/users.ts';
import zhCN from '#web/src/locales/zh-CN/report.json' with { type: 'json' };
import zhTasks from '#web/src/locales/zh-CN/tasks.json' with { type: 'json' };
import { apiAs, browserPerFile, PHONE, screenshot } from './browser.ts';

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');
const text = zhCN.report;

const city = demoCity();
const admin = [...city.users].reverse().find((u) => u.role === 'community');
const compound = city.compounds.find((c) => c.communityId === admin?.jurisdiction.communityId && city.buildings.some((b) => b.compoundId === c.id));
const building = city.buildings.find((b) => b.compoundId === compound?.id);

const { open } = browserPerFile(webUrl);

describe('a resident\'s report link on a phone', () => {
  it('takes a report with no sign-in, and the API shows the slot filled', async () => {
    if (!admin || !compound || !building) throw new Error('the demo city has no community admin with a compound and a building');
    const api = await apiAs(apiUrl, admin.username);
    const created = await api.call('createPerson', {
      body: { name: '王小明', phone: '13900001111', compoundId: compound.id, buildingId: building.id, room: '1单元101', category: 'returnee', reason: 'e2e：外地返回' },
    });
    const token = created.reportToken;
    if (!token) throw new Error('enrolment gave no report token');

    const page = await open(`/r/${token}`, { ...PHONE, deviceScaleFactor: 2 });
    const openSlot = page.locator('[data-testid="slot-open"]');
    await openSlot.waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.locator('h1').textContent()).toBe(text.title);
    expect(await page.locator('.report-name').textContent()).toContain('王**');
    const body = await page.locator('main').textContent();
    for (const secret of ['王小明', '13900001111', '1单元101', '外地返回']) expect(body).not.toContain(secret);
    expect(await page.locator('.login-page, #user-search').count()).toBe(0);
    expect(await page.locator('.report-strip li').count()).toBe(28);

    await page.getByRole('button', { name: '36.5', exact: true }).click();
    const cough = page.getByRole('button', { name: zhTasks.tasks.symptom.cough, exact: true });
    await cough.click();
    expect(await cough.getAttribute('aria-pressed')).toBe('true');
    await cough.click();
    expect(await cough.getAttribute('aria-pressed')).toBe('false');
    const answered = page.waitForResponse((r) => r.url().includes('/public/reports/') && r.request().method() === 'POST');
    await page.getByRole('button', { name: text.submit }).click();
    expect((await answered).status()).toBe(201);
    const recorded = page.locator('[data-testid="recorded"]');
    await recorded.waitFor();
    expect(await recorded.textContent()).toMatch(/^已记录：\d{1,2}月\d{1,2}日 (上午|下午)$/);
    // Laid out for the phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: await screenshot(page, 'report-link-phone'), fullPage: true });

    const person = await api.call('getPerson', { params: { id: created.id } });
    const filled = person.slots.filter((s) => s.status === 'reported_ok');
    expect(filled).toHaveLength(1);
    expect(filled[0]).toMatchObject({ temperatureC: 36.5, by: 'self' });
    const [, month, day] = filled[0]!.date.split('-').map(Number);
    expect(await recorded.textContent()).toContain(`${month}月${day}日 ${text.slot[filled[0]!.slot]}`);
    expect(await page.locator('.report-strip li[data-status="reported_ok"]').count()).toBe(1);
  });

  it('says so when the link is not valid', async () => {
    const page = await open('/r/R1.r.pp_nobody.abc.AAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA', { ...PHONE });
    await page.locator('main[data-state="invalid"]').waitFor();
    expect(await page.locator('.report-closed').textContent()).toBe(text.link.invalid);
    await screenshot(page, 'report-link-invalid');
  });
});
