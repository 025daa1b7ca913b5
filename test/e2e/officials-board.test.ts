/**
 * The officials' journey on the board, in Debian's Chromium against the shared seeded stack: the
 * city-wide official (`official-city`) lands on the board, narrows it to one community, sees an
 * unresolved exit in its reason group and on the map, confirms its sealing (the one resolve
 * action officials may take: inspectors on site) and sees it leave the board — and stay gone
 * after a reload; missed clock-ins stand in their own group with the shifts behind them; the
 * actions that are not an official's (sealing a surplus exit) are not offered.
 *
 * Exits used (the stack is shared with the other journeys, so nothing here assumes pristine
 * counts): the LAST exit by id whose only reason is `seal_unconfirmed` (resolved here; no other
 * journey touches exits) and any exit with `missed_clock_in` (only read); missed disinfection
 * rounds are only read and compared with the API's list.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { explain } from '#shared/domain/exit-rules.ts';
import type { UnresolvedExit } from '#shared/schemas/exit.ts';
import type { ApiClient } from '#web/src/api/client.ts';
import zhCN from '#web/src/locales/zh-CN/board.json' with { type: 'json' };
import { apiAs, browserPerFile, LAPTOP, PHONE, screenshot, signIn } from './browser.ts';

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');
const OFFICIAL = 'official-city';

let api: ApiClient;

beforeAll(async () => {
  api = await apiAs(apiUrl, OFFICIAL);
});
const { open } = browserPerFile(webUrl);

async function unresolved(): Promise<UnresolvedExit[]> {
  const all: UnresolvedExit[] = [];
  let nextToken: string | undefined;
  do {
    const page = await api.call('listExits', { query: { status: 'unresolved', limit: 500, nextToken } });
    all.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return all;
}

async function boardOf(username: string, screen = LAPTOP): Promise<Page> {
  const page = await open('', screen);
  await signIn(page, username);
  await page.waitForURL('**/board');
  await page.locator('.board-page[data-state="ready"]').waitFor();
  return page;
}

/** Narrows the board to a community and waits for its list to load. */
async function showCommunity(page: Page, communityId: string): Promise<void> {
  await page.locator('#board-community').selectOption(communityId);
  await page.locator('.board-page[data-state="ready"]').waitFor();
}

const card = (page: Page, group: string, exitId: string) =>
  page.locator(`section.board-group[data-group="${group}"] .board-exit[data-exit-id="${exitId}"]`);

describe('the officials\' board', () => {
  it('shows an unresolved exit in its group and on the map; the official confirms its sealing and it leaves the board', async () => {
    const before = await unresolved();
    const candidates = before
      .filter((e) => e.status === 'sealed' && e.reasons.length === 1 && e.reasons[0]?.code === 'seal_unconfirmed' && e.communityId)
      .sort((a, b) => a.id.localeCompare(b.id));
    const target = candidates.at(-1);
    if (!target?.communityId) throw new Error('the demo city has no exit whose only reason is seal_unconfirmed');

    const page = await boardOf(OFFICIAL);
    await showCommunity(page, target.communityId);
    const listed = card(page, 'seal_unconfirmed', target.id);
    await listed.waitFor();
    const text = await listed.textContent();
    expect(text).toContain(target.compoundName);
    expect(text).toContain(target.name);
    expect(text).toContain(zhCN.board.reasons.seal_unconfirmed);
    // The API's own explanation, in the app's language (the client sends it as Accept-Language).
    expect(text).toContain(explain({ code: 'seal_unconfirmed', detail: {} }, 'zh-CN'));
    if (target.responsible) expect(await listed.getByTestId('responsible-name').textContent()).toBe(target.responsible.responsiblePerson.name);
    // Oldest first within the group.
    const sinces = await page.locator('section.board-group[data-group="seal_unconfirmed"] .board-exit time').evaluateAll((times) =>
      times.map((el) => Date.parse(el.getAttribute('datetime') ?? '')));
    expect(sinces).toEqual([...sinces].sort((a, b) => a - b));
    // The community's count agrees with the API.
    const ofCommunity = before.filter((e) => e.communityId === target.communityId && e.reasons.some((r) => r.code === 'seal_unconfirmed'));
    expect(Number(await page.locator('section.board-group[data-group="seal_unconfirmed"] h2 .board-count').getAttribute('data-count'))).toBe(ofCommunity.length);

    const marker = page.locator(`.board-map .board-marker[data-exit-id="${target.id}"]`);
    await marker.waitFor();
    // Markers are keyboard-reachable: focus one and press Enter, as a keyboard user would.
    await page.locator('.board-map .leaflet-marker-icon', { has: page.locator(`.board-marker[data-exit-id="${target.id}"]`) }).focus();
    await page.keyboard.press('Enter');
    await page.locator(`.board-exit[data-exit-id="${target.id}"][data-selected]`).waitFor();
    await screenshot(page, 'board-official');

    // An official confirms how it was sealed; sealing or restricting exits is not theirs.
    expect(await page.locator('.board-exit [data-action="seal"], .board-exit [data-action="restrict"], .board-exit [data-action="addShifts"]').count()).toBe(0);
    await listed.locator('select').selectOption('iron_sheet');
    await listed.locator('[data-action="confirmSealing"]').click();
    // The board waits for the API's judgement of the exit before it settles.
    await page.locator('.board-page[data-state="acting"]').waitFor({ state: 'detached' });
    await page.locator('.board-page[data-state="ready"]').waitFor();
    expect(await page.locator(`.board-exit[data-exit-id="${target.id}"]`).count()).toBe(0);
    expect(await marker.count()).toBe(0);
    await screenshot(page, 'board-official-resolved');

    const detail = await api.call('getExit', { params: { id: target.id } });
    expect(detail.unresolved).toBe(false);
    expect(detail.sealing).toMatchObject({ method: 'iron_sheet', confirmedBy: OFFICIAL });
    expect((await unresolved()).some((e) => e.id === target.id)).toBe(false);

    // A fresh load asks the API again: still gone.
    await page.reload();
    await page.locator('.board-page[data-state="ready"]').waitFor();
    await showCommunity(page, target.communityId);
    expect(await page.locator(`.board-exit[data-exit-id="${target.id}"]`).count()).toBe(0);
  });

  it('lists missed clock-ins as their own group, with the shifts behind them, and missed rounds beside them', async () => {
    const missed = (await unresolved()).filter((e) => e.reasons.some((r) => r.code === 'missed_clock_in') && e.communityId);
    const exit = missed[0];
    if (!exit?.communityId) throw new Error('the demo city has no exit with a missed clock-in');
    const page = await boardOf(OFFICIAL);
    await showCommunity(page, exit.communityId);
    const group = page.locator('section.board-group[data-group="missed_clock_in"]');
    await group.waitFor();
    expect(await group.locator('h2').textContent()).toContain(zhCN.board.reasons.missed_clock_in);
    const listed = card(page, 'missed_clock_in', exit.id);
    await listed.locator('[data-action="shifts"]').click();
    const panel = listed.getByTestId('board-shifts');
    await panel.waitFor();
    const states = await panel.locator('li[data-clock-in]').evaluateAll((items) => items.map((li) => li.getAttribute('data-clock-in')));
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((s) => s === 'missed' || s === 'late')).toBe(true);

    // Missed disinfection rounds stand beside them, as the API lists them for the community.
    const rounds = await api.call('listMissedRounds', { query: { communityId: exit.communityId } });
    const section = page.getByTestId('missed-rounds');
    await section.locator(`.board-count[data-count="${rounds.items.length}"]`).waitFor();
    expect(await section.locator('[role="alert"]').count()).toBe(0);
    expect(await section.locator('.board-round').count()).toBe(rounds.items.length);

    // The reason filter narrows the list to the one group, over the community.
    await page.locator('#board-reason').selectOption('missed_clock_in');
    expect(await page.locator('section.board-group').evaluateAll((sections) => sections.map((s) => s.getAttribute('data-group')))).toEqual(['missed_clock_in']);
    await screenshot(page, 'board-missed-clock-ins');
  });
});

/** Where the exits are, on a laptop and on a phone (issue 14). */
describe('the board\'s map', () => {
  it('draws the compounds (outlines and names close in) under the exits\' markers, none hiding another', async () => {
    const exit = (await unresolved()).find((e) => e.communityId);
    if (!exit?.communityId) throw new Error('the demo city has no unresolved exit in a community');
    const page = await boardOf(OFFICIAL);
    await showCommunity(page, exit.communityId);
    const map = page.locator('.board-map');
    await map.locator(`.board-marker[data-exit-id="${exit.id}"]`).waitFor();
    // Fitted to one community's exits, the map is close in: the compounds are outlines, with names.
    await expect.poll(() => map.getAttribute('data-drawn').then(Number)).toBeGreaterThan(0);
    await expect.poll(() => map.locator('.compound-label:not(.compound-label-hidden)').count()).toBeGreaterThan(0);
    // No two markers on top of one another (polled: the spread follows the map's last move).
    const closestMarkers = () => map.locator('.board-marker').evaluateAll((markers) => {
      const centres = markers.map((m) => {
        const box = m.getBoundingClientRect();
        return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      });
      return Math.min(Infinity, ...centres.flatMap((a, i) => centres.slice(i + 1).map((b) => Math.hypot(a.x - b.x, a.y - b.y))));
    });
    await expect.poll(closestMarkers).toBeGreaterThanOrEqual(12);
    await screenshot(page, 'board-map-outlines');
  });

  it('on a phone, shows the list or the map, switched at the top', async () => {
    const page = await boardOf(OFFICIAL, PHONE);
    const list = page.locator('.board-list');
    const map = page.locator('.board-map-area');
    expect(await list.isVisible()).toBe(true);
    expect(await map.isVisible()).toBe(false);
    await page.getByRole('button', { name: zhCN.board.pane.map }).click();
    await map.waitFor();
    expect(await list.isVisible()).toBe(false);
    const box = await map.evaluate((el) => el.getBoundingClientRect());
    expect(box.top).toBeLessThan(200);
    expect(box.height).toBeGreaterThan(400);
    await page.locator('.board-map .board-marker').first().waitFor();
    await screenshot(page, 'board-phone-map');
  });
});
