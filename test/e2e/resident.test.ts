/**
 * The residents' journey: a phone (360×740) with no session opens a compound's notice page
 * (/c/{id}) and reads, in Chinese, the cases reported and the round completed through the staff
 * API; an earlier day's log by date; the not-found page; and in the admin map's compound panel
 * (found by name in the map's search) the gate QR code, which encodes the page's URL — and the
 * configured public URL where one is set. The page does not contradict itself on a day with a
 * missed round, and its layout does not jump while it loads (layout shifts summed by a
 * PerformanceObserver, read once the content is in). Screenshots land in test-results/e2e/.
 *
 * Data: the demo city's LAST disinfection team's last closed or lockdown compound, which no other
 * journey picks (the others take the first, "handy" users); cases and a round are made here
 * through the API with ids of this file (case_e2e_resident_*). The missed round is the demo
 * seed's (yesterday's 16:00 round left undone, as GET /v1/missed-rounds lists it), only read.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { encode } from 'uqr';
import { demoCity } from '#infra/local/demo/users.ts';
import { startWebServer } from '#infra/local/web-server.ts';
import { chinaDay } from '#shared/domain/china-time.ts';
import { dayBefore } from '#shared/domain/disinfection.ts';
import type { ApiClient } from '#web/src/api/client.ts';
import zhMap from '#web/src/locales/zh-CN/map.json' with { type: 'json' };
import zhCN from '#web/src/locales/zh-CN/public.json' with { type: 'json' };
import { QR_OPTIONS } from '#web/src/public/qr.ts';
import { leakedKeys } from '../support/public-keys.ts';
import { apiAs, browserPerFile, findAndOpen, LAPTOP, PHONE, screenshot, settledMap, signIn } from './browser.ts';

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');
const text = zhCN.public;

const city = demoCity();
const team = city.users.filter((u) => u.role === 'disinfection').at(-1);
const compound = [...city.compounds]
  .reverse()
  .find((c) => team?.jurisdiction.compoundIds?.includes(c.id) && (c.status === 'closed' || c.status === 'lockdown') && city.buildings.some((b) => b.compoundId === c.id));
const building = city.buildings.find((b) => b.compoundId === compound?.id);
const cityUser = city.users.find((u) => u.role === 'city');

const today = chinaDay(new Date().toISOString());

beforeAll(async () => {
  if (!team || !compound || !building || !cityUser) throw new Error('the demo city has no disinfection team with a closed compound');
  const community = city.users.find((u) => u.role === 'community' && u.jurisdiction.communityId === compound.communityId);
  const reporter: ApiClient = await apiAs(apiUrl, (community ?? cityUser).username);
  await reporter.call('createCase', { body: { caseId: 'case_e2e_resident_1', compoundId: compound.id, buildingId: building.id, date: today, kind: 'confirmed', count: 2 } });
  await reporter.call('createCase', { body: { caseId: 'case_e2e_resident_2', compoundId: compound.id, buildingId: building.id, date: dayBefore(today, 2), kind: 'suspected', count: 1 } });
  const boss = await apiAs(apiUrl, cityUser.username);
  const { id: campaignId } = await boss.call('createCampaign', { body: { kind: 'disinfection', scope: { type: 'compound', id: compound.id } } });
  const staff = await apiAs(apiUrl, team.username);
  // The fan-out runs on the queue runner: poll until the round's public-areas task is there.
  const publicTask = await vi.waitFor(async () => {
    const task = (await staff.call('listTasks', { query: { campaignId } })).items.find((t) => !t.buildingId);
    if (!task) throw new Error(`round ${campaignId} made no public-areas task for ${compound.id} yet`);
    return task;
  }, { timeout: 150_000, interval: 200 });
  await staff.call('claimTask', { params: { id: publicTask.id } });
  await staff.call('completeTask', { params: { id: publicTask.id }, body: { areas: ['corridor', 'elevator', 'guard_room', 'garbage_point', 'public_area'] } });
}, 180_000);

/** A layout-shift entry (not in TypeScript's DOM types yet). */
type LayoutShift = PerformanceEntry & { readonly value: number };
/** What the page's init script keeps: the sum of layout shifts, and its observer. */
interface ShiftWindow {
  layoutShift: number;
  layoutShifts: PerformanceObserver;
  addShifts(entries: readonly PerformanceEntry[]): void;
}

/**
 * The page's layout shifts so far. Entries not yet handed to the observer's callback are taken
 * with takeRecords(), so the sum is complete when read.
 */
const layoutShiftSoFar = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const w = window as unknown as ShiftWindow;
    w.addShifts(w.layoutShifts.takeRecords());
    return w.layoutShift;
  });

const { open } = browserPerFile(webUrl);
const onPhone = (path: string): Promise<Page> => open(path, { ...PHONE, deviceScaleFactor: 2 });

describe('the resident page on a phone', () => {
  it('shows the compound, today\'s counts and the day\'s rounds in Chinese, with no session', async () => {
    if (!compound) throw new Error('no compound');
    const page = await onPhone(`/c/${compound.id}`);
    await page.locator('[data-testid="today-confirmed"]').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.locator('h1').textContent()).toBe(compound.name);
    expect(await page.locator('[data-testid="today-confirmed"]').textContent()).toMatch(/^[2-9]\d* 例$/);
    expect(await page.locator(`.case-days tr[data-day="${dayBefore(today, 2)}"] td[data-kind="suspected"]`).textContent()).not.toBe('0');
    expect(await page.locator('.case-days tbody tr').count()).toBe(14);

    const done = page.locator('.log-round[data-status="done"]').first();
    await done.waitFor();
    expect(await done.textContent()).toContain(text.roundStatus.done);
    expect(await done.locator('.log-round-areas').textContent()).toContain(['楼道', '电梯', '门卫室', '垃圾点', '公共区域'].join('、'));
    expect(await page.locator('[data-testid="log-summary"]').textContent()).toMatch(/已完成 [1-9]/);
    // The compound's own hotlines as its public notice gives them, then the city's three.
    const notice = (await (await fetch(`${apiUrl}/public/compounds/${compound.id}/notice`)).json()) as { hotlines: { phone: string }[] };
    expect(await page.locator('[data-testid="hotlines"] .hotline-number').allTextContents()).toEqual([...notice.hotlines.map((h) => h.phone), '110', '120', '12315']);
    expect(await page.locator('[data-testid="updated"]').textContent()).toContain('更新于');
    // Laid out for the phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await page.locator('.login-page, #user-search').count()).toBe(0);
    await page.screenshot({ path: await screenshot(page, 'resident-phone'), fullPage: true });
  });

  it('reads an earlier day\'s log from the date picker', async () => {
    if (!compound) throw new Error('no compound');
    const page = await onPhone(`/c/${compound.id}`);
    await page.locator('[data-testid="log-summary"]').waitFor();
    const earlier = dayBefore(today, 5);
    const answered = page.waitForResponse((r) => r.url().includes(`/public/compounds/${compound.id}/disinfection-log?date=${earlier}`));
    await page.locator('.log-date input').fill(earlier);
    expect((await answered).status()).toBe(200);
    await page.locator(`[data-testid="log-summary"]:has-text("${earlier}")`).waitFor();
    await screenshot(page, 'resident-phone-earlier-day');
  });

  it('answers an unknown compound with a not-found page', async () => {
    const page = await onPhone('/c/c_no_such_compound');
    await page.locator('main[data-state="not-found"]').waitFor();
    expect(await page.locator('h1').textContent()).toBe(text.notFound.title);
    await screenshot(page, 'resident-not-found');
  });

  it('does not contradict itself on a day with a missed round', async () => {
    if (!cityUser) throw new Error('no city user');
    const boss = await apiAs(apiUrl, cityUser.username);
    const yesterday = dayBefore(today);
    const [missed] = (await boss.call('listMissedRounds', { query: { date: yesterday } })).items;
    if (!missed) throw new Error(`the demo city lists no missed round on ${yesterday}`);
    const page = await onPhone(`/c/${missed.compoundId}`);
    await page.locator('[data-testid="log-summary"]').waitFor();
    await page.locator('.log-date input').fill(yesterday);
    const summary = page.locator(`[data-testid="log-summary"]:has-text("${yesterday}")`);
    await summary.waitFor();
    // The summary's counts are the API's, and the rounds listed bear them out.
    expect(await summary.textContent()).toBe(`${yesterday}：公共区域应消毒 ${missed.required} 次，已完成 ${missed.completed} 次`);
    const publicRounds = page.locator('.log-round').filter({ hasText: text.log.publicAreas });
    const statuses = await publicRounds.evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.status));
    expect(statuses.filter((s) => s === 'done' || s === 'partial')).toHaveLength(missed.completed);
    // The round left undone reads "not done, due by 24:00 that day", not "overdue, due by 00:00".
    const undone = page.locator('.log-round[data-status="missed"]');
    expect(await undone.count()).toBeGreaterThan(0);
    const undoneText = (await undone.allTextContents()).join('\n');
    expect(undoneText).toContain(text.roundStatus.missed);
    expect(undoneText).not.toContain(text.roundStatus.overdue);
    expect(undoneText).not.toContain('00:00 前');
    expect(await page.locator('main').textContent()).not.toContain(text.log.empty);
    await screenshot(page, 'resident-phone-missed-round');
  });

  it.each([['phone', { ...PHONE, deviceScaleFactor: 2 }], ['laptop', LAPTOP]] as const)('keeps its layout while it loads on a %s: the layout shifts add up to less than 0.1', async (name, size) => {
    if (!compound) throw new Error('no compound');
    const page = await open('', size);
    // Every layout shift from the first paint on. All count, hadRecentInput or not: nothing here is
    // the user's doing, and Chromium marks some of an emulated phone's load shifts as after input.
    await page.addInitScript(() => {
      const w = window as unknown as ShiftWindow;
      w.layoutShift = 0;
      w.addShifts = (entries) => {
        for (const entry of entries as LayoutShift[]) w.layoutShift += entry.value;
      };
      w.layoutShifts = new PerformanceObserver((list) => w.addShifts(list.getEntries()));
      w.layoutShifts.observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${webUrl}/c/${compound.id}`);
    await page.locator('[data-testid="today-confirmed"]').waitFor();
    // Real rounds (placeholders have no slot) and the page's last line: everything has come.
    await page.locator('.log-round[data-slot]').first().waitFor();
    await page.locator('[data-testid="updated"]').waitFor();
    const shift = await layoutShiftSoFar(page);
    expect(shift, `layout shift on a ${name}`).toBeLessThan(0.1);
    // The measure is live: the page's content pushed down now counts, so a jumping page would fail above.
    await page.evaluate(() => document.querySelector('main')?.prepend(Object.assign(document.createElement('div'), { style: 'height: 300px' })));
    await expect.poll(() => layoutShiftSoFar(page)).toBeGreaterThan(shift);
  });

  it('serves answers with only public keys', async () => {
    if (!compound) throw new Error('no compound');
    for (const path of [`/public/compounds/${compound.id}/cases`, `/public/compounds/${compound.id}/disinfection-log`]) {
      const response = await fetch(webUrl + path);
      expect(response.status).toBe(200);
      expect(leakedKeys(await response.json())).toEqual([]);
    }
  });
});

/** The dark modules of the rendered QR path, as rows of booleans. */
function modulesOf(path: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array.from({ length: size }, () => false));
  for (const [, x, y] of path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) grid[Number(y)]![Number(x)] = true;
  return grid;
}

describe('the gate QR code in the admin panel', () => {
  it('encodes the resident page\'s URL and says it as text', async () => {
    if (!cityUser || !compound) throw new Error('no city user or compound');
    const page = await open();
    await signIn(page, cityUser.username);
    await settledMap(page);
    // Opened the way a user finds a compound: by its name in the map's search (H3's city map).
    await page.getByLabel(zhMap.map.search.label).fill(compound.name);
    const result = page.locator(`section.compound-list-box .compound-item[data-compound-id="${compound.id}"]`);
    await result.waitFor();
    await result.click();
    const target = { id: compound.id };
    const qr = page.locator(`.compound-panel[data-compound-id="${target.id}"] .gate-qr`);
    await qr.waitFor();
    const expected = `${webUrl}/c/${target.id}`;
    expect(await qr.locator('h3').textContent()).toBe(text.qr.heading);
    expect(await qr.locator('.gate-qr-url').textContent()).toBe(expected);
    const viewBox = (await qr.locator('svg').getAttribute('viewBox')) ?? '';
    const size = Number(viewBox.split(' ')[2]);
    const drawn = modulesOf((await qr.locator('svg path').getAttribute('d')) ?? '', size);
    const reference = encode(expected, QR_OPTIONS);
    expect(size).toBe(reference.size);
    expect(drawn).toEqual(reference.data);
    expect(await qr.locator('button').textContent()).toBe(text.qr.print);
    await qr.scrollIntoViewIfNeeded();
    await screenshot(page, 'gate-qr-admin');
  });

  it('encodes the configured public URL when the app is served with one', async () => {
    if (!cityUser || !compound) throw new Error('no city user or compound');
    const publicUrl = 'http://cordon.example.test:8080';
    // The same build, served as `npm start -- --public-url …` serves it.
    const web = await startWebServer({ port: 0, apiUrl, mode: 'preview', publicUrl });
    try {
      const config = (await (await fetch(`${web.url}/config.json`)).json()) as { publicUrl?: string };
      expect(config.publicUrl).toBe(publicUrl);
      const page = await open();
      await page.goto(web.url);
      await signIn(page, cityUser.username);
      await settledMap(page);
      const panel = await findAndOpen(page, compound.name, compound.id);
      const qr = panel.locator('.gate-qr');
      const expected = `${publicUrl}/c/${compound.id}`;
      expect(await qr.locator('.gate-qr-url').textContent()).toBe(expected);
      const size = Number(((await qr.locator('svg').getAttribute('viewBox')) ?? '').split(' ')[2]);
      expect(modulesOf((await qr.locator('svg path').getAttribute('d')) ?? '', size)).toEqual(encode(expected, QR_OPTIONS).data);
      // A reachable address: no warning that only this machine can open it.
      expect(await qr.locator('[data-testid="gate-qr-loopback"]').count()).toBe(0);
    } finally {
      await web.close();
    }
  });
});
