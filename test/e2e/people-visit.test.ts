/**
 * Enrolling a person under care from a sweep visit's flag, on a phone (360×740), against the
 * whole local stack: city staff launch a sweep over one compound (through the API); the grid
 * worker claims the building's task, records a visit for one household with the returnee flag
 * ticked (where from, the day of return), accepts the "登记为重点人员" prompt — the enrol form
 * opens prefilled with the building, the room and the category — types the name and saves, and
 * the report link's QR is shown. The API, asked as the community admin, then holds the person:
 * a returnee of that building and household, enrolled from that visit. Screenshots land in
 * test-results/e2e/.
 *
 * Entities (all e2e files share one seeded stack): grid g-jiankang-2 (no other journey uses it)
 * and its grid worker, the smallest building of that grid and its compound (the sweep is
 * launched for the compound only), and the community admin of that compound's community.
 */
import { describe, expect, inject, it, vi } from 'vitest';
import { demoCity } from '#infra/local/demo/users.ts';
import { dayAfter } from '#shared/domain/observation.ts';
import zhPeople from '#web/src/locales/zh-CN/people.json' with { type: 'json' };
import zh from '#web/src/locales/zh-CN/tasks.json' with { type: 'json' };
import { chinaToday } from '#web/src/people/data.ts';
import { apiAs, browserPerFile, PHONE, screenshot, signIn } from './browser.ts';
import { markOf, recordVisit, syncState } from './tasks-phone.ts';

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');

const GRID = 'g-jiankang-2';
const city = demoCity();
const worker = city.users.find((u) => u.role === 'grid' && u.jurisdiction.gridId === GRID);
const building = city.buildings
  .filter((b) => b.gridId === GRID)
  .sort((a, b) => a.households - b.households || a.id.localeCompare(b.id))[0];
const compound = city.compounds.find((c) => c.id === building?.compoundId);
const cityUser = city.users.find((u) => u.role === 'city');
const admin = city.users.find((u) => u.role === 'community' && u.jurisdiction.communityId === compound?.communityId);

/** A fan-out through the queue runner, polled: on a loaded machine it may take a while, never a fixed time. */
const FAN_OUT = { timeout: 60_000, interval: 200 };
/** The whole journey on a loaded 2-core machine: the fan-out, signing in, the visit, the enrolment. */
const JOURNEY = 300_000;

const { open } = browserPerFile(webUrl);

describe('enrolling a person under care from a sweep visit', () => {
  it('a returnee flagged at the door is enrolled from the prompt, from that visit', async () => {
    if (!worker || !building || !compound || !cityUser || !admin) throw new Error(`the demo city has no grid worker, building or community admin for ${GRID}`);
    const boss = await apiAs(apiUrl, cityUser.username);
    const { id: campaignId } = await boss.call('createCampaign', { body: { kind: 'sweep', scope: { type: 'compound', id: compound.id } } });
    const taskId = `${campaignId}.${building.id}`;
    await vi.waitFor(async () => {
      const { status } = await boss.call('getCampaign', { params: { id: campaignId } });
      if (status !== 'active') throw new Error(`campaign ${campaignId} is still ${status}`);
    }, FAN_OUT);

    const page = await open('', PHONE);
    await signIn(page, worker.username);
    await page.waitForURL(/\/tasks$/);
    const card = page.locator(`[data-section="open"] .task-card[data-task-id="${taskId}"]`);
    await card.waitFor({ timeout: 30_000 });
    await card.locator('[data-action="claim"]').click();
    const mine = page.locator(`[data-section="mine"] .task-card[data-task-id="${taskId}"]`);
    await mine.waitFor();
    await mine.getByRole('button', { name: zh.tasks.actions.view, exact: false }).click();
    await page.locator(`.task-detail[data-task-id="${taskId}"]`).waitFor();
    const householdId = await page.locator('.household').first().getAttribute('data-household-id');
    if (!householdId) throw new Error('the building shows no household');

    // Back two days ago from elsewhere: the visit is saved (and synced), then the prompt asks.
    await recordVisit(page, householdId, 'seen_all', 0, { origin: '武汉', date: dayAfter(chinaToday(), -2) });
    await expect.poll(() => markOf(page, householdId), { timeout: 30_000 }).toBe('recorded');
    await expect.poll(() => syncState(page), { timeout: 30_000 }).toBe('synced');
    const prompt = page.locator('.enrol-prompt');
    await prompt.getByRole('button', { name: zhPeople.people.prompt.enrol }).click();

    // The form comes prefilled: the category the flag suggests, the building and the room visited.
    const form = prompt.locator('form.enrol-form');
    await form.waitFor();
    expect(await form.getByLabel(zhPeople.people.enrol.category, { exact: true }).inputValue()).toBe('returnee');
    await expect.poll(() => form.getByLabel(zhPeople.people.enrol.building, { exact: true }).inputValue(), { timeout: 30_000 }).toBe(building.id);
    await expect.poll(() => form.getByLabel(zhPeople.people.enrol.room, { exact: true }).inputValue(), { timeout: 30_000 }).toBe(householdId);
    expect(await form.getByLabel(zhPeople.people.enrol.reason, { exact: true }).inputValue()).toContain('武汉');
    // A name of its own per run, so a rerun against the same stack finds this run's person.
    const name = `返${Date.now().toString(36)}`;
    await form.getByLabel(zhPeople.people.enrol.name, { exact: true }).fill(name);
    await screenshot(page, 'people-visit-enrol-form');
    await form.getByRole('button', { name: zhPeople.people.enrol.save }).click();

    // The report link's QR, to show the resident at once.
    const qr = prompt.locator('.people-qr');
    await qr.waitFor({ timeout: 30_000 });
    expect(await qr.getAttribute('data-url')).toMatch(/\/r\/[^/]+$/);
    expect(await qr.getByRole('img').getAttribute('aria-label')).toContain(name);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'people-visit-enrolled');

    // The API: the visit recorded, and a returnee of that household enrolled from it.
    const workerApi = await apiAs(apiUrl, worker.username);
    const visit = (await workerApi.call('getTask', { params: { id: taskId } })).visits.find((v) => v.householdId === householdId);
    expect(visit?.flags?.some((f) => f.type === 'returnee')).toBe(true);
    const community = await apiAs(apiUrl, admin.username);
    const listed = await community.call('listPeople', { query: { compoundId: compound.id, category: 'returnee' } });
    const people = await Promise.all(listed.items.map((p) => community.call('getPerson', { params: { id: p.id } })));
    const person = people.find((p) => p.visitId === visit?.visitId);
    expect(person).toMatchObject({
      name, category: 'returnee', status: 'under_observation', compoundId: compound.id, buildingId: building.id, householdId, visitId: visit?.visitId,
    });
  }, JOURNEY);
});
