/**
 * The daily report (日报告) against the whole local stack, on a laptop: a community admin opens
 * /reports, finds a compound of theirs under closed management in the day's roll-up, opens its
 * report — the figures drafted from the day's data — and confirms it with a note; the roll-up
 * and the API, asked afterwards, say it is reported. Screenshots land in test-results/e2e/.
 *
 * Entities (all e2e files share one seeded stack): the last community of the demo city with a
 * compound under closed management, its admin, and that compound (no other journey reports it).
 */
import { describe, expect, inject, it } from 'vitest';
import { demoCity } from '#infra/local/demo/users.ts';
import { chinaToday } from '#web/src/reports/data.ts';
import { apiAs, browserPerFile, LAPTOP, screenshot, signIn } from './browser.ts';

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');

const city = demoCity();
const compound = [...city.compounds].reverse().find((c) => c.status === 'closed' && c.communityId
  && city.users.some((u) => u.role === 'community' && u.jurisdiction.communityId === c.communityId));
const admin = city.users.find((u) => u.role === 'community' && u.jurisdiction.communityId === compound?.communityId);

const { open } = browserPerFile(webUrl);

describe('the daily report', () => {
  it('a community admin confirms the day\'s report of a compound with a note', async () => {
    if (!compound || !admin) throw new Error('no compound under closed management with a community admin in the demo city');
    const page = await open('/reports', LAPTOP);
    await signIn(page, admin.username);
    await page.getByRole('heading', { name: '日报告', level: 1 }).waitFor();
    const row = page.locator(`.report-table tr[data-compound-id="${compound.id}"]`);
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name: compound.name }).click();

    const card = page.getByRole('region', { name: `${compound.name} · ${chinaToday()}` });
    await card.getByText('进入人次').waitFor();
    const note = `e2e ${Date.now().toString(36)}`;
    await card.getByLabel('备注（选填）').fill(note);
    await screenshot(page, 'daily-report-draft');
    await card.getByRole('button', { name: /^(确认上报|重新上报)$/ }).click();
    await card.getByRole('status').filter({ hasText: '已上报。' }).waitFor();
    await row.getByText('已上报').waitFor();
    await screenshot(page, 'daily-report-submitted');

    // The API says the same, by name.
    const api = await apiAs(apiUrl, admin.username);
    const report = await api.call('getDailyReport', { params: { compoundId: compound.id, date: chinaToday() } });
    expect(report).toMatchObject({ status: 'submitted', note, submittedBy: admin.username, submittedByName: admin.name });
  });
});
