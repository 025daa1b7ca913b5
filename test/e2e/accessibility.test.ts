/**
 * Accessibility of every view of every role, checked by axe-core (@axe-core/playwright) in
 * Debian's Chromium against the shared seeded stack, on a laptop (1440×900) and a phone
 * (360×740): the sign-in page; the map (city staff, and a community admin with a compound's
 * panel open, its gate QR code included); the board (an official); the dashboard (city staff); the tasks view (a grid
 * worker, with a building's households opened, and disinfection staff, both with the demo city's
 * seeded work); the orders view (a volunteer, with the demo city's seeded queue); the residents'
 * notice page (/c/{id}, no session) and a household's order page (/h/{token}, no session). A serious or critical violation fails the test, printed
 * rule by rule with the elements it found, so the report says what to fix.
 *
 * Read only: no view's data is changed here. The users are the first of their role (the demo
 * city seeds their work: 王府社区's running sweep and round, infra/local/demo/).
 */
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { demoCity } from '#infra/local/demo/users.ts';
import { apiAs, browserPerFile, LAPTOP, openFirstInView, PHONE, settledMap, signIn } from './browser.ts';

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');
const city = demoCity();
const firstOf = (role: string) => {
  const user = city.users.find((u) => u.role === role);
  if (!user) throw new Error(`the demo city has no ${role} user`);
  return user.username;
};
const sealed = city.compounds.find((c) => c.status === 'closed' && c.communityId === city.communities[0]?.id);
// A returnee for the report page, enrolled where test/e2e/report-link.test.ts enrols its own (no count is asserted there).
const lastAdmin = [...city.users].reverse().find((u) => u.role === 'community');
const reportCompound = city.compounds.find((c) => c.communityId === lastAdmin?.jurisdiction.communityId && city.buildings.some((b) => b.compoundId === c.id));
const reportBuilding = city.buildings.find((b) => b.compoundId === reportCompound?.id);

/** Impacts that fail the check; moderate and minor ones are left to review. */
const FAILING = new Set(['serious', 'critical']);

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/** The violations that fail, one paragraph each: rule, impact, what it asks, and where. */
function report(view: string, violations: AxeResults['violations']): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.slice(0, 8).map((n) => `    - ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replaceAll('\n', '\n      ')}`);
      const more = v.nodes.length > 8 ? [`    … and ${v.nodes.length - 8} more`] : [];
      return [`${view}: ${v.id} (${v.impact}) — ${v.help}\n  ${v.helpUrl}`, ...nodes, ...more].join('\n');
    })
    .join('\n\n');
}

/** Runs axe-core over the page as it stands; fails on serious or critical violations. */
async function expectAccessible(page: Page, view: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const failing = results.violations.filter((v) => FAILING.has(v.impact ?? ''));
  if (failing.length > 0) console.error(`\n${report(view, failing)}\n`);
  expect(failing.map((v) => `${v.id} (${v.impact}, ${v.nodes.length} elements)`), `serious or critical axe-core violations on ${view}`).toEqual([]);
}

const { open } = browserPerFile(webUrl);

/** Signs in as the user on a fresh page of this size and waits for the role's home view. */
async function signedIn(username: string, size: BrowserContextOptions, path: string): Promise<Page> {
  const page = await open('', size);
  await signIn(page, username);
  await page.waitForURL(`**${path}`);
  return page;
}

/** Waits until the tasks view has loaded its lists and shows at least one task. */
async function tasksLoaded(page: Page): Promise<void> {
  await page.locator('[data-section="open"], [data-section="mine"]').first().waitFor();
  await page.locator('.task-card').first().waitFor();
}

const SIZES = [
  ['laptop', LAPTOP],
  ['phone', PHONE],
] as const;

describe.each(SIZES)('axe-core on a %s', (size, options) => {
  it('the sign-in page', async () => {
    const page = await open('', options);
    await page.locator(`button[data-username="${firstOf('city')}"]`).waitFor();
    await expectAccessible(page, `sign-in (${size})`);
  });

  it('the map, as city staff', async () => {
    const page = await signedIn(firstOf('city'), options, '/map');
    await settledMap(page);
    await expectAccessible(page, `map, city staff (${size})`);
  });

  it('the map with a compound\'s panel and its gate QR code, as a community admin', async () => {
    const page = await signedIn(firstOf('community'), options, '/map');
    await settledMap(page);
    const { panel } = await openFirstInView(page);
    await panel.locator('.gate-qr').waitFor();
    await expectAccessible(page, `map with a compound panel, community admin (${size})`);
  });

  it('the board, as an official', async () => {
    const page = await signedIn(firstOf('official'), options, '/board');
    await page.locator('.board-page[data-state="ready"]').waitFor();
    await expectAccessible(page, `board, official (${size})`);
  });

  it('the dashboard, as city staff', async () => {
    const page = await open('/dashboard', options);
    await signIn(page, firstOf('city'));
    await page.locator('.dashboard-page[data-state="ready"] .dashboard-canvas canvas').first().waitFor();
    await expectAccessible(page, `dashboard, city staff (${size})`);
  });

  it('the tasks view, as a grid worker with the seeded sweep\'s tasks', async () => {
    const page = await signedIn(firstOf('grid'), options, '/tasks');
    await tasksLoaded(page);
    await expectAccessible(page, `tasks, grid worker (${size})`);
  });

  it('a building\'s households, opened from the grid worker\'s list (no claim)', async () => {
    const page = await signedIn(firstOf('grid'), options, '/tasks');
    await tasksLoaded(page);
    await page.locator('[data-section="open"] .task-card .button-primary').first().click();
    await page.locator('.task-detail[data-task-id]').waitFor();
    await page.locator('.task-detail .household').first().waitFor();
    await expectAccessible(page, `task detail, grid worker (${size})`);
  });

  it('the tasks view, as disinfection staff with the seeded round\'s tasks', async () => {
    const page = await signedIn(firstOf('disinfection'), options, '/tasks');
    await tasksLoaded(page);
    await expectAccessible(page, `tasks, disinfection staff (${size})`);
  });

  it('the residents\' notice page, with no session', async () => {
    if (!sealed) throw new Error('the demo city\'s first community has no compound under closed management');
    const page = await open(`/c/${sealed.id}`, options);
    await page.locator('[data-testid="today-confirmed"]').waitFor();
    await page.locator('[data-testid="log-summary"]').waitFor();
    await expectAccessible(page, `resident page (${size})`);
  });

  it('the resident\'s report page (/r/{token}) with its emergency help form open, with no session', async () => {
    if (!lastAdmin || !reportCompound || !reportBuilding) throw new Error('the demo city has no community admin with a compound and a building');
    const api = await apiAs(apiUrl, lastAdmin.username);
    const created = await api.call('createPerson', {
      body: { name: '赵无障', compoundId: reportCompound.id, buildingId: reportBuilding.id, category: 'returnee', reason: 'e2e：无障碍检查' },
    });
    if (!created.reportToken) throw new Error('enrolment gave no report token');
    const page = await open(`/r/${created.reportToken}`, options);
    await page.locator('[data-testid="slot-open"], [data-testid="no-slot-open"]').first().waitFor();
    await page.locator('.report-help-open').click();
    await page.locator('.report-help-form').waitFor();
    await expectAccessible(page, `report page (${size})`);
  });

  it('a household\'s page (/h/{token}) with its order form open, with no session', async () => {
    if (!lastAdmin || !reportCompound || !reportBuilding) throw new Error('the demo city has no community admin with a compound and a building');
    const api = await apiAs(apiUrl, lastAdmin.username);
    // A room of its own: making a link again revokes the household's previous one.
    const { token } = await api.call('createHouseholdLink', { body: { compoundId: reportCompound.id, buildingId: reportBuilding.id, room: '无障碍1单元101' } });
    const page = await open(`/h/${token}`, options);
    await page.locator('main.household-page[data-state="ready"]').waitFor();
    await page.locator('.household-open').click();
    await page.locator('.household-form').waitFor();
    await page.locator('[data-testid="today-confirmed"]').waitFor();
    await expectAccessible(page, `household page (${size})`);
  });

  it('the people view (/people), as a grid worker', async () => {
    const page = await signedIn(firstOf('grid'), options, '/tasks');
    await page.goto(`${webUrl}/people`);
    await page.locator('[data-section="help"]').waitFor();
    await page.locator('.people-page h1, .people-page h2').first().waitFor();
    await expectAccessible(page, `people, grid worker (${size})`);
  });

  it('the orders view (/orders), as a volunteer with the seeded queue', async () => {
    const page = await signedIn(firstOf('volunteer'), options, '/orders');
    await page.locator('[data-section="requested"] .order-card').first().waitFor();
    await expectAccessible(page, `orders, volunteer (${size})`);
  });
});
