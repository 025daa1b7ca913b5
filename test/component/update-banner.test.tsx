/**
 * The update banner in real Chromium, with the service worker's news injected (AppUpdates): it
 * appears only when a new version waits, says so in the user's language, and switches only on
 * the user's click — a half-typed form beside it keeps its text until then.
 */
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { changeLanguage } from '#web/src/i18n.ts';
import en from '#web/src/locales/en/pwa.json' with { type: 'json' };
import { UpdateBanner } from '#web/src/pwa/UpdateBanner.tsx';
import { createAppUpdates } from '#web/src/pwa/updates.ts';

afterEach(async () => {
  await changeLanguage('zh-CN');
  localStorage.clear();
});

/** The banner beside a form with a half-typed note, and how often the update was applied. */
async function bannerBesideForm() {
  const updates = createAppUpdates();
  const applied: string[] = [];
  await render(
    <>
      <label>
        备注 <input name="note" />
      </label>
      <UpdateBanner updates={updates} />
    </>,
  );
  await userEvent.type(page.getByRole('textbox', { name: '备注' }), '3楼东户未开门');
  return { updates, applied, waiting: () => updates.announce(async () => void applied.push('applied')) };
}

describe('UpdateBanner', () => {
  it('shows nothing while no new version waits', async () => {
    await bannerBesideForm();
    expect(page.getByRole('button').elements()).toEqual([]);
  });

  it('announces a waiting version and applies it only when clicked', async () => {
    const { applied, waiting } = await bannerBesideForm();
    waiting();
    const button = page.getByRole('button', { name: '有新版本，点击更新' });
    await expect.element(button).toBeVisible();
    // Announced, not applied: the half-typed note is still there, nothing has switched.
    expect(applied).toEqual([]);
    await expect.element(page.getByRole('textbox', { name: '备注' })).toHaveValue('3楼东户未开门');

    await userEvent.click(button);
    expect(applied).toEqual(['applied']);
    await expect.element(page.getByRole('button', { name: '正在更新…' })).toBeDisabled();
  });

  it('speaks English when the app does', async () => {
    await changeLanguage('en');
    const { waiting } = await bannerBesideForm();
    waiting();
    await expect.element(page.getByRole('button', { name: en.pwa.updateAvailable })).toBeVisible();
    expect(i18next.t('pwa.updateAvailable')).toBe(en.pwa.updateAvailable);
  });
});
