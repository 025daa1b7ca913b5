/**
 * The installable, offline app shell: the production build (served by the e2e stack's preview
 * server) carries a service worker and a web app manifest, and a signed-in grid worker's /tasks
 * opens from cold with the network off after one online visit — on a reload and in a new page of
 * the same browser, as when a field worker closes the app and opens it again in a stairwell.
 * Also the local sign-in link, /login?user=NAME, for every role and for an unknown name.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoUsers } from '#infra/local/demo/users.ts';
import { WEB_DIST } from '#web/vite.config.ts';
import { loginLink, pathOf, viewsOf } from '#web/src/layout/navigation.ts';
import zhCore from '#web/src/locales/zh-CN/core.json' with { type: 'json' };
import zhPwa from '#web/src/locales/zh-CN/pwa.json' with { type: 'json' };
import { ROLES } from '#shared/roles.ts';
import { browserPerFile, PHONE, screenshot, untilOfflineReady } from './browser.ts';

const webUrl = inject('webUrl');
const browser = browserPerFile(webUrl);
const users = demoUsers();
const firstGridUser = users.find((u) => u.role === 'grid');

/** The app's own shell (not a browser error page): its header, its main content, no start-up failure. */
async function expectShell(page: Page, name: string): Promise<void> {
  await page.locator('.app-header').waitFor();
  await page.locator('main#main').waitFor();
  await expect.poll(() => page.locator('.app-header').textContent()).toContain(name);
  expect(await page.locator('.startup-error').count()).toBe(0);
}

/**
 * A grid worker's one online visit on a phone: signed in by link, on /tasks, the service worker
 * installed and controlling the page, the runtime config kept for offline starts.
 */
async function gridWorkerOnline(): Promise<{ page: Page; gridUser: NonNullable<typeof firstGridUser> }> {
  const gridUser = firstGridUser;
  if (!gridUser) throw new Error('the demo city has no grid worker');
  const page = await browser.open(loginLink(gridUser.username), PHONE);
  await page.waitForURL(`${webUrl}/tasks`);
  await expectShell(page, gridUser.name);
  await untilOfflineReady(page);
  return { page, gridUser };
}

describe('the production build', () => {
  it('serves a service worker and a manifest with its icons', async () => {
    const sw = await fetch(`${webUrl}/sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get('content-type')).toMatch(/javascript/);
    // Precaches the shell, never the API or the runtime config.
    const script = await sw.text();
    expect(script).toContain('"index.html"');
    expect(script).not.toContain('"config.json"');

    const manifest = (await (await fetch(`${webUrl}/manifest.webmanifest`)).json()) as {
      name: string; short_name: string; display: string; start_url: string; theme_color: string; icons: { src: string; sizes: string; purpose?: string }[];
    };
    expect(manifest).toMatchObject({ name: '小区封闭管理', short_name: '小区封闭管理', display: 'standalone', start_url: '/' });
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
    for (const icon of [...manifest.icons.map((i) => i.src), '/icons/apple-touch-icon.png']) {
      const answer = await fetch(new URL(icon, webUrl));
      expect(answer.status, icon).toBe(200);
      expect(answer.headers.get('content-type'), icon).toBe('image/png');
    }
  });
});

describe('offline app shell', () => {
  it("opens a grid worker's /tasks from cold with the network off, after one online visit", async () => {
    const { page, gridUser } = await gridWorkerOnline();

    const context = page.context();
    await context.setOffline(true);
    try {
      // The network is really gone for the page: the API cannot be reached. Chromium takes the
      // offline state to the service worker's fetches a moment later, so ask until it has.
      await expect.poll(() => page.evaluate(() => fetch('/health', { cache: 'no-store' }).then(() => 'reached', () => 'unreachable'))).toBe('unreachable');

      await page.reload();
      expect(page.url()).toBe(`${webUrl}/tasks`);
      await expectShell(page, gridUser.name);

      // Closed and opened again: a new page of the same browser, straight at /tasks.
      const again = await context.newPage();
      again.on('pageerror', (error) => console.error('page error:', error));
      await again.goto(`${webUrl}/tasks`);
      await expectShell(again, gridUser.name);
      expect(new URL(again.url()).pathname).toBe('/tasks');
      await screenshot(again, 'offline-tasks-zh');
    } finally {
      await context.setOffline(false);
    }
  });
});

describe('update banner', () => {
  it('announces a new version that waits, and reloads only when clicked', async () => {
    const { page, gridUser } = await gridWorkerOnline();

    // The next version, as a deploy would serve it: the same worker with a line more, which the
    // browser's update check finds (Playwright's routing does not reach a worker's script fetch).
    // Put back afterwards, byte for byte, for the files that follow.
    const file = path.join(WEB_DIST, 'sw.js');
    const current = readFileSync(file);
    try {
      writeFileSync(file, Buffer.concat([current, Buffer.from('\n// the next version\n')]));
      // A marker on this page's window: a reload would lose it.
      await page.evaluate(() => Object.assign(window, { stillThisPage: true }));
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));

      const banner = page.getByRole('button', { name: zhPwa.pwa.updateAvailable });
      await banner.waitFor();
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting !== null))).toBe(true);
      expect(await page.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage)).toBe(true);

      await Promise.all([page.waitForEvent('load'), banner.click()]);
      await expectShell(page, gridUser.name);
      expect(await page.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage)).toBeUndefined();
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting ?? null))).toBeNull();
      expect(await banner.count()).toBe(0);
    } finally {
      writeFileSync(file, current);
    }
  });
});

describe('sign-in link', () => {
  it.each(ROLES)("/login?user=NAME signs in as a %s user and opens that role's home view", async (role) => {
    const user = users.find((u) => u.role === role);
    if (!user) throw new Error(`the demo city has no ${role} user`);
    const page = await browser.open(loginLink(user.username), PHONE);
    await page.waitForURL(`${webUrl}${pathOf(viewsOf(role)[0] ?? 'map')}`);
    await expectShell(page, user.name);
  });

  it('shows the sign-in page, saying why, for a name that is no demo user', async () => {
    const page = await browser.open(loginLink('nobody-here'));
    const notice = page.locator('.login-card .notice-error');
    await notice.waitFor();
    expect(await notice.textContent()).toBe(zhCore.login.link.unknown.replace('{{username}}', 'nobody-here'));
    await page.locator('#user-search').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
