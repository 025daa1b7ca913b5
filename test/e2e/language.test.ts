/**
 * The API speaks the app's language, not the browser's: on a laptop whose browser asks for
 * English (locale en-US), the app starts in Chinese, its default, and the board's reasons — the
 * API's own sentences — are Chinese; switching the app to English brings the same exits' reasons
 * in English, read again from the API. Compared with what the API says in each language.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { ApiClient } from '#web/src/api/client.ts';
import { apiAs, browserPerFile, LAPTOP, screenshot, signIn } from './browser.ts';

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');
const OFFICIAL = 'official-city';
const CJK = /[\u4e00-\u9fff]/;

let zh: ApiClient;
let en: ApiClient;

beforeAll(async () => {
  [zh, en] = await Promise.all([apiAs(apiUrl, OFFICIAL, 'zh-CN'), apiAs(apiUrl, OFFICIAL, 'en')]);
});
const { open } = browserPerFile(webUrl);

/** The reasons each listed exit shows, as the API wrote them (the card's text after its reason tag). */
async function shownReasons(page: Page): Promise<Map<string, string[]>> {
  const cards = await page.locator('.board-exit').evaluateAll((items) => items.map((item) => ({
    id: (item as HTMLElement).dataset.exitId ?? '',
    reasons: [...item.querySelectorAll('.board-reasons > li')].map((li) => {
      const tag = li.querySelector('.board-reason-tag')?.textContent ?? '';
      return (li.textContent ?? '').slice(tag.length).trim();
    }),
  })));
  return new Map(cards.map((c) => [c.id, c.reasons]));
}

/** The same exits' reasons as the API says them in a language. */
async function apiReasons(api: ApiClient, ids: readonly string[]): Promise<Map<string, string[]>> {
  const details = await Promise.all(ids.map((id) => api.call('getExit', { params: { id } })));
  return new Map(details.map((d) => [d.id, d.reasons.map((r) => r.message)]));
}

/** The language switch: in the header on a laptop, behind the menu button where the header folds it away. */
async function switchLanguage(page: Page): Promise<void> {
  const toggle = page.locator('.header-menu-toggle');
  if (await toggle.isVisible()) await toggle.click();
  await page.locator('button[data-language]').click();
}

describe('the API\'s language on the board', () => {
  it('is the app\'s: Chinese reasons under an English browser, English ones after switching the app to English', async () => {
    // Prepare: a browser that asks for English; the app's own language is its default, Chinese.
    const page = await open('', { ...LAPTOP, locale: 'en-US' });
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    await signIn(page, OFFICIAL);
    await page.waitForURL('**/board');
    await page.locator('.board-page[data-state="ready"]').waitFor();
    await page.locator('.board-exit').first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

    // Assess: the reasons shown are the API's Chinese ones.
    const before = await shownReasons(page);
    const sample = [...before.keys()].slice(0, 8);
    expect(sample.length).toBeGreaterThan(0);
    const zhReasons = await apiReasons(zh, sample);
    for (const id of sample) {
      expect(before.get(id), id).toEqual(zhReasons.get(id));
      for (const reason of before.get(id) ?? []) expect(reason, id).toMatch(CJK);
    }
    await screenshot(page, 'language-board-zh');

    // Act
    await switchLanguage(page);

    // Assess: the same exits now show the API's English reasons, with no Chinese left in them.
    await page.locator('html[lang="en"]').waitFor();
    const enReasons = await apiReasons(en, sample);
    await expect.poll(async () => {
      const after = await shownReasons(page);
      return sample.map((id) => after.get(id));
    }, { timeout: 30_000 }).toEqual(sample.map((id) => enReasons.get(id)));
    for (const id of sample) for (const reason of enReasons.get(id) ?? []) expect(reason, id).not.toMatch(CJK);
    await screenshot(page, 'language-board-en');
  });
});
