/**
 * Duty staff's journey at the gate on a phone (360×740), against the whole local stack: a duty
 * user signs in and lands on /gate, clocks in for the shift running now (the phone's position is
 * the exit's), registers a person with a fever — the fever flow asks for the designated hospital
 * and says "已通知社区" once the API answered, and the API holds exactly one community alert for
 * it — and sees the entry among the latest. axe-core finds no serious or critical violation.
 *
 * Entities (all e2e files share one seeded stack): the checkpoint whose current shift the demo
 * city leaves without a clock-in (infra/local/demo/duty.ts: every twelfth checkpoint from the
 * eighth), and its compound's duty user. No other journey uses that user.
 */
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, inject, it } from 'vitest';
import { isSealed } from '#shared/domain/exits.ts';
import { demoCity } from '#infra/local/demo/users.ts';
import { apiAs, browserPerFile, PHONE, screenshot, signIn } from './browser.ts';

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');
const city = demoCity();
const compounds = new Map(city.compounds.map((c) => [c.id, c]));
// The demo's checkpoints in its own order; the eighth's current shift has no clock-in.
const checkpoints = city.exits.filter((e) => e.status === 'open' && isSealed(compounds.get(e.compoundId)?.status ?? 'normal'));
const exit = checkpoints[7];
const duty = city.users.find((u) => u.role === 'duty' && exit && u.jurisdiction.exitIds?.includes(exit.id));
const admin = city.users.find((u) => u.role === 'community' && u.jurisdiction.communityId === (exit && compounds.get(exit.compoundId)?.communityId));

/** The exit's fever entries as its duty user reads them, and the community's fever alerts raised there as its admin does. */
async function feverAtExit() {
  if (!exit || !duty || !admin) throw new Error('no exit, duty user or community admin');
  const entries = await (await apiAs(apiUrl, duty.username)).call('listEntries', { params: { id: exit.id }, query: { limit: 200 } });
  const alerts = await (await apiAs(apiUrl, admin.username)).call('listAlerts', { query: { kind: 'fever', communityId: compounds.get(exit.compoundId)?.communityId ?? undefined, limit: 100 } });
  return { entries: entries.items.filter((e) => e.fever), alerts: alerts.items.filter((a) => a.exitId === exit.id) };
}

const { open } = browserPerFile(webUrl);

describe('the gate on a phone', () => {
  it('signs in to /gate, clocks in, registers a fever entry and sees the community alerted', async () => {
    if (!exit || !duty) throw new Error('the demo city has no checkpoint with a missed clock-in and its duty user');
    const [longitude, latitude] = exit.location;
    const page = await open('', { ...PHONE, geolocation: { longitude, latitude }, permissions: ['geolocation'] });
    await signIn(page, duty.username);
    await page.waitForURL('**/gate');
    const compound = compounds.get(exit.compoundId);
    await page.getByRole('heading', { name: /^出入口 / }).waitFor();
    // A user posted to several exits picks this one.
    const choice = page.getByRole('group', { name: '选择出入口' });
    if (await choice.isVisible()) await choice.getByRole('button', { name: exit.name, exact: true }).click();
    await page.getByRole('heading', { name: `出入口 ${compound?.name ?? ''} ${exit.name}` }).waitFor();

    await page.getByRole('button', { name: '上岗打卡' }).click();
    await page.getByText('已上岗打卡。').waitFor();
    await page.getByRole('button', { name: '下岗打卡' }).waitFor();

    const before = await feverAtExit();
    await page.getByRole('radio', { name: '外来人员' }).check();
    for (const check of ['身份必问', '信息必录', '口罩必戴']) await page.getByRole('button', { name: check }).click();
    await page.getByLabel('体温（℃）').fill('38.4');
    await page.getByRole('heading', { name: '体温异常（≥ 37.3 ℃）' }).waitFor();
    await page.getByLabel('定点医院').fill('市第一人民医院');
    await page.getByRole('radio', { name: '劝返' }).check();
    await page.getByLabel('劝返原因').fill('发热，送定点医院');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByText('已通知社区。').waitFor();
    await page.getByRole('region', { name: '最近登记' }).getByText('发热', { exact: true }).first().waitFor();
    await expect.poll(() => page.locator('.sync-status').getAttribute('data-sync-state')).toBe('synced');
    // The API holds the one fever entry and exactly one community alert for it.
    const after = await feverAtExit();
    const added = after.entries.filter((e) => !before.entries.some((b) => b.id === e.id));
    expect(added.map((e) => e.temperatureC)).toEqual([38.4]);
    expect(after.alerts.filter((a) => !before.alerts.some((b) => b.id === a.id)).map((a) => a.id)).toEqual([added[0]?.alertId]);
    await screenshot(page, 'gate-phone');

    const results = await new AxeBuilder({ page }).analyze();
    const failing = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(failing.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(', ')}`)).toEqual([]);
  });
});
