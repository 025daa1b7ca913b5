/**
 * Alerts that reach people, against the whole local stack on a phone (360×740): a community
 * admin opens the alert inbox; while the page stays open, the duty user of a checkpoint of their
 * community registers a fever through the API (as the gate's form sends it); the fever alert
 * appears in the inbox without a reload (the header's feed polls with If-None-Match) and the
 * badge counts the new notification (the alert job's run, which this file makes, sent it); the admin acknowledges it, the card says so by name, the
 * badge goes down — and the API, asked afterwards, agrees. axe-core finds no serious or critical violation.
 *
 * Entities (all e2e files share one seeded stack): the last sealed compound's checkpoint with a
 * duty user, in a community none of the gate journeys use (they take checkpoints with a missed
 * clock-in: every twelfth from the eighth, infra/local/demo/duty.ts), and an admin of that community.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { escalateAlerts } from '#functions/jobs/escalate-alerts.ts';
import { demoCity } from '#infra/local/demo/users.ts';
import { pointHandlersAt } from '#infra/local/handler-env.ts';
import { isSealed } from '#shared/domain/exits.ts';
import { apiAs, browserPerFile, PHONE, screenshot, signIn } from './browser.ts';

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');
// The runtime of the e2e stack fires no schedule on its timers: this file runs the alert job
// (every minute in the cloud and under npm start) itself, against the stack's table.
pointHandlersAt(inject('dynamodbEndpoint'), inject('tableName'));
const city = demoCity();
const compounds = new Map(city.compounds.map((c) => [c.id, c]));
const checkpoints = city.exits.filter((e) => e.status === 'open' && isSealed(compounds.get(e.compoundId)?.status ?? 'normal'));
const communityOf = (exitId: string) => compounds.get(checkpoints.find((e) => e.id === exitId)?.compoundId ?? '')?.communityId;
const dutyOf = (exitId: string) => city.users.find((u) => u.role === 'duty' && u.jurisdiction.exitIds?.includes(exitId));
const adminOf = (communityId: string | null | undefined) =>
  city.users.find((u) => u.role === 'community' && communityId && u.jurisdiction.communityId === communityId);
const gateCommunities = new Set(checkpoints.filter((_, i) => i % 12 === 7).map((e) => communityOf(e.id)));
const exit = [...checkpoints].reverse().find((e) => dutyOf(e.id) && adminOf(communityOf(e.id)) && !gateCommunities.has(communityOf(e.id)));
const duty = exit && dutyOf(exit.id);
const admin = exit && adminOf(communityOf(exit.id));

const { open } = browserPerFile(webUrl);

/** The badge's unread count as shown (undefined before the first answer). */
const unreadOf = async (page: Page) => {
  const value = await page.getByTestId('inbox-badge').getAttribute('data-unread');
  return value === null ? undefined : Number(value);
};

describe('the alert inbox', () => {
  it('shows a fever alert raised while it is open, without a reload, and acknowledges it', async () => {
    if (!exit || !duty || !admin) throw new Error('the demo city has no checkpoint with a duty user and community admin outside the gate journeys\' communities');
    const page = await open('/inbox', PHONE);
    await signIn(page, admin.username);
    await page.waitForURL('**/inbox');
    await page.getByRole('heading', { name: '预警收件箱' }).waitFor();
    // Opening the inbox reads the notifications it lists; the count settles once they are.
    await page.locator('[data-testid="inbox-badge"][data-unread]').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => !document.querySelector('.inbox-notification[data-read="false"]'), undefined, { timeout: 30_000 });
    await expect.poll(() => unreadOf(page), { timeout: 30_000 }).toBeDefined();
    const before = (await unreadOf(page)) ?? 0;
    // Marks this document: a reload would lose it.
    await page.evaluate(() => Object.assign(window, { inboxStillOpen: true }));

    const dutyApi = await apiAs(apiUrl, duty.username);
    const entry = await dutyApi.call('createEntry', {
      params: { id: exit.id },
      body: {
        entryId: `e2e-inbox-${Date.now().toString(36)}`, direction: 'in', category: 'visitor',
        checks: { identityAsked: true, recorded: true, temperatureMeasured: true, maskWorn: true },
        temperatureC: 38.6, outcome: 'refused', refusalReason: '发热，送定点医院', escort: { hospital: '市第一人民医院' },
      },
    });
    expect(entry.fever).toBe(true);
    const alertId = entry.alertId;
    if (!alertId) throw new Error('the fever entry raised no alert');
    // The minute's run of the alert job sends the community's notices.
    expect((await escalateAlerts()).notices).toBeGreaterThan(0);

    // The feed polls every 20 s: the alert arrives well within this.
    const card = page.locator(`.inbox-card[data-alert-id="${alertId}"]`);
    await card.waitFor({ timeout: 90_000 });
    await expect.poll(() => card.getAttribute('data-status')).toBe('open');
    expect(await card.textContent()).toContain('卡口发热');
    await expect.poll(() => card.textContent()).toContain(compounds.get(exit.compoundId)?.name ?? '?');
    await expect.poll(() => unreadOf(page), { timeout: 30_000 }).toBeGreaterThan(before);
    const arrived = (await unreadOf(page)) ?? 0;
    expect(await page.evaluate(() => (window as unknown as { inboxStillOpen?: boolean }).inboxStillOpen)).toBe(true);
    // The bell stays on the phone's one-line header, however many views the role has.
    const bell = await page.getByTestId('inbox-badge').boundingBox();
    expect(bell && bell.x >= 0 && bell.x + bell.width <= (PHONE.viewport?.width ?? 360)).toBe(true);
    await screenshot(page, 'inbox-phone');

    await card.getByRole('button', { name: '确认', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '已确认该预警。' }).waitFor();
    await expect.poll(() => card.getAttribute('data-status')).toBe('acknowledged');
    expect(await card.textContent()).toContain(`${admin.name} 已确认`);
    // Acting on the alert reads what was sent about it: the badge goes down.
    await expect.poll(() => unreadOf(page), { timeout: 30_000 }).toBeLessThan(arrived);

    const results = await new AxeBuilder({ page }).analyze();
    const failing = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(failing.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(', ')}`)).toEqual([]);

    // The API says the same.
    const adminApi = await apiAs(apiUrl, admin.username);
    const alerts = await adminApi.call('listAlerts', { query: { kind: 'fever', status: 'acknowledged', limit: 100 } });
    expect(alerts.items.find((a) => a.id === alertId)).toMatchObject({ acknowledgedBy: admin.username, status: 'acknowledged' });
  }, 180_000);
});
