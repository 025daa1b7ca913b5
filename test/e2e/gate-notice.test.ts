/**
 * The gate notice (门口公示) against the whole local stack: a community admin opens a compound's
 * panel on the map, goes to its notice view, reports a building's cases, edits the responsibility
 * list and the hotlines (the view passes axe-core), and prints the A4 notice — the printing recorded (the scorecard's
 * evidence), on paper only the notice, its QR code decoding (jsQR, from a screenshot in print
 * media) to the resident page's URL, and the PDF Chromium prints from it one A4 page
 * (210 × 297 mm = 595.28 × 841.89 pt) whose text holds the notice's Chinese. The resident page
 * then shows the responsibility list and hotlines as tap-to-call links.
 *
 * Entities (all e2e files share one seeded stack): the third-last community admin of the demo
 * city and the first of their closed compounds with buildings (its responsibility list seeded);
 * the case reported is asymptomatic, so it raises no alert another journey could see.
 */
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, inject, it } from 'vitest';
import { demoCity } from '#infra/local/demo/users.ts';
import { residentPath } from '#web/src/layout/navigation.ts';
import { apiAs, browserPerFile, findAndOpen, screenshot, settledMap, signIn } from './browser.ts';
import { decodeQr, mediaBoxes, pdfText } from './printed.ts';

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');
const city = demoCity();
const admin = city.users.filter((u) => u.role === 'community').at(-3);
const compound = city.compounds.find((c) => c.communityId === admin?.jurisdiction.communityId && c.status === 'closed' && city.buildings.some((b) => b.compoundId === c.id));
const building = city.buildings.find((b) => b.compoundId === compound?.id);

/** A4 in PDF points (1 pt = 1/72 in): 210 mm × 297 mm. */
const A4_PT = { width: (210 / 25.4) * 72, height: (297 / 25.4) * 72 };

const { open } = browserPerFile(webUrl);

describe('the gate notice', () => {
  it('is edited from the map\'s compound panel and prints on one A4 page with its Chinese text and the resident page\'s QR code', async () => {
    if (!admin || !compound || !building) throw new Error('the demo city has no community admin with a closed compound that has buildings');
    const api = await apiAs(apiUrl, admin.username);
    const page = await open();
    await signIn(page, admin.username);
    await settledMap(page);
    const panel = await findAndOpen(page, compound.name, compound.id);
    await panel.getByTestId('notices-link').click();
    await page.waitForURL((url) => url.pathname === '/notices' && url.searchParams.get('compound') === compound.id);
    await page.getByRole('heading', { name: compound.name, level: 2 }).waitFor();

    // A building's cases of today.
    const cases = page.locator('form.case-form');
    await cases.getByLabel('楼栋').selectOption(building.id);
    await cases.getByLabel('类别').selectOption('asymptomatic');
    await cases.getByLabel('人数').fill('2');
    await cases.getByRole('button', { name: '上报病例' }).click();
    await cases.getByRole('status').filter({ hasText: `已上报：${building.name}` }).waitFor();

    // The responsibility list, from the seeded one.
    const list = page.locator('form.responsibility-form');
    const person = list.getByRole('group', { name: '小区责任人' });
    await person.getByLabel('姓名').fill('测试责任人');
    await person.getByLabel('电话').fill('13712345678');
    await list.getByRole('button', { name: '保存责任清单' }).click();
    await list.getByRole('status').waitFor();

    // The hotlines: a phone that is not one is refused beside its line; then saved.
    const hotlines = page.locator('form.hotlines-form');
    const line = (n: number) => hotlines.getByRole('listitem', { name: `第 ${n} 行` });
    await line(1).getByLabel('电话').fill('0724-4221234');
    await line(2).getByLabel('电话').fill('找物业');
    await line(3).getByLabel('电话').fill('12345');
    await hotlines.getByRole('button', { name: '保存联系电话' }).click();
    await expect.poll(() => line(2).getByLabel('电话').getAttribute('aria-invalid')).toBe('true');
    expect((await api.call('getHotlines', { params: { id: compound.id } })).hotlines, 'nothing written').toEqual([]);
    await line(2).getByLabel('电话').fill('13912345678');
    await hotlines.getByRole('button', { name: '保存联系电话' }).click();
    await hotlines.getByRole('status').waitFor();

    const results = await new AxeBuilder({ page }).analyze();
    const failing = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(failing.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    // The print view: printing records the notice as printed, by the admin.
    await page.getByRole('link', { name: '打印门口公示' }).click();
    await page.locator('.gate-notice-page[data-state="ready"]').waitFor();
    await page.evaluate(() => {
      window.print = () => {
        document.body.dataset.printed = 'yes';
      };
    });
    await page.getByRole('button', { name: '打印', exact: true }).click();
    await page.locator('body[data-printed="yes"]').waitFor();
    const postings = await api.call('listNoticePostings', { params: { id: compound.id }, query: {} });
    expect(postings.items.some((p) => p.how === 'printed' && p.by === admin.username)).toBe(true);

    const notice = await api.call('getPublicNotice', { params: { id: compound.id } });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.gate-notice-bar').isVisible(), 'on paper only the notice').toBe(false);
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    const expectedUrl = webUrl + residentPath(compound.id);
    expect(await decodeQr(page, page.locator('.gate-notice-qr-code'))).toBe(expectedUrl);
    await screenshot(page, 'gate-notice-print');

    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = mediaBoxes(pdf);
    expect(pages, 'one A4 page').toHaveLength(1);
    expect(pages[0]?.width).toBeCloseTo(A4_PT.width, 0);
    expect(pages[0]?.height).toBeCloseTo(A4_PT.height, 0);
    const text = pdfText(pdf);
    for (const shown of [
      '小区疫情防控公示', compound.name, '管理状态', '封闭管理', `日期：${notice.casesToday.day}`,
      '今日病例', '无症状', `${notice.casesToday.asymptomatic} 例`, '今日消杀',
      '责任体系', '小区责任人', '测试责任人', '13712345678', notice.responsibility[0]?.name ?? '?',
      '联系电话', '社区办公室', '0724-4221234', '物业', '13912345678', '防疫热线', '12345', '报警电话', '110',
      '物品指定存放点', '扫码查看每日病例和消杀情况',
    ]) expect(text, shown).toContain(shown);
    expect(notice.casesToday.asymptomatic).toBeGreaterThanOrEqual(2);

    // The resident page shows the list and the hotlines, tap to call.
    await page.emulateMedia({ media: 'screen' });
    await page.goto(webUrl + residentPath(compound.id));
    const resident = page;
    const people = resident.getByTestId('responsibility');
    await people.waitFor();
    expect(await people.textContent()).toContain('测试责任人');
    expect(await resident.getByRole('link', { name: '13712345678' }).getAttribute('href')).toBe('tel:13712345678');
    expect(await resident.getByTestId('hotlines').getByRole('link', { name: '0724-4221234' }).getAttribute('href')).toBe('tel:07244221234');
    // A whole journey across four screens, on a machine other runs may be loading.
  }, 240_000);
});
