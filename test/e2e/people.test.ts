/**
 * People under care against the whole local stack, on a phone (360×740): a community admin
 * enrols a returnee of a grid (through the API, as the register's form sends it, with the
 * period starting yesterday so that whatever the hour the slot being chased lies in it); the
 * grid worker of that grid opens /people, finds them among those who have not reported this
 * slot, reports on their behalf, and the list moves them out — as the API, asked afterwards,
 * agrees. Screenshots land in test-results/e2e/.
 *
 * Entities (all e2e files share one seeded stack): the last grid of the demo city other than the
 * grids other journeys use (g-xianling-4, g-mochou-2), its grid worker, a building of it, and a
 * community admin of that building's community.
 */
import { describe, expect, inject, it } from 'vitest';
import { demoCity } from '#infra/local/demo/users.ts';
import { dayAfter } from '#shared/domain/observation.ts';
import { chinaToday, slotOfNow } from '#web/src/people/data.ts';
import { apiAs, browserPerFile, PHONE, screenshot, signIn } from './browser.ts';

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');

const TAKEN = new Set(['g-xianling-4', 'g-mochou-2']);
const city = demoCity();
const worker = [...city.users].reverse().find((u) => u.role === 'grid' && u.jurisdiction.gridId && !TAKEN.has(u.jurisdiction.gridId));
const building = city.buildings.find((b) => b.gridId === worker?.jurisdiction.gridId);
const compound = city.compounds.find((c) => c.id === building?.compoundId);
const admin = city.users.find((u) => u.role === 'community' && u.jurisdiction.communityId === compound?.communityId);

const { open } = browserPerFile(webUrl);

describe('people under care', () => {
  it('the grid worker\'s today list moves a person out once reported on their behalf', async () => {
    if (!worker || !building || !compound || !admin) throw new Error('no grid worker, building or community admin in the demo city');
    const boss = await apiAs(apiUrl, admin.username);
    // A name of its own per run, so a rerun against the same stack finds this run's person.
    const name = `测${Date.now().toString(36)}`;
    const created = await boss.call('createPerson', {
      body: { name, compoundId: compound.id, buildingId: building.id, category: 'returnee', reason: '自外地返回', startDate: dayAfter(chinaToday(), -1) },
    });
    expect(created.status).toBe('under_observation');
    expect(created.reportToken).toBeTruthy();

    const page = await open('/people', PHONE);
    await signIn(page, worker.username);
    await page.getByRole('heading', { name: '今日重点人员' }).waitFor();
    const row = page.locator(`.people-section[data-section="late"] .person-row[data-person-id="${created.id}"]`);
    await row.waitFor({ timeout: 30_000 });
    await screenshot(page, 'people-today-phone');

    await row.getByRole('button', { name: '代为报告' }).click();
    await row.getByLabel('体温（℃）').fill('36.6');
    await row.getByRole('button', { name: '提交报告' }).click();
    await page.getByRole('status').filter({ hasText: '已为' }).waitFor();
    await row.waitFor({ state: 'detached', timeout: 30_000 });

    // The API says the same: the slot chased is reported.
    const workerApi = await apiAs(apiUrl, worker.username);
    const person = await workerApi.call('getPerson', { params: { id: created.id } });
    const chased = slotOfNow();
    expect(person.slots.find((s) => s.date === chased.date && s.slot === chased.slot)?.status).toBe('reported_ok');
  }, 120_000);
});
