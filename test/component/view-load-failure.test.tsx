/**
 * A view whose chunk cannot load (an old tab after a deploy, offline before the service worker
 * installed): the page says it could not load and offers a reload, in the user's language,
 * instead of staying blank; and the failed load is not kept, so the next start tries again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { changeLanguage } from '#web/src/i18n.ts';
import { viewLoader, ViewSlot } from '#web/src/layout/lazy-view.tsx';

afterEach(async () => {
  await changeLanguage('zh-CN');
  localStorage.clear();
});

/** A view whose chunk fetch fails as a browser's does for a chunk file that is gone. */
function missingChunk() {
  let tries = 0;
  const view = viewLoader<object>(() => {
    tries += 1;
    return Promise.reject(new TypeError('Failed to fetch dynamically imported module: /assets/ResidentPage-old.js'));
  }, ['public']);
  return { view, tries: () => tries };
}

describe('a view that cannot load', () => {
  it.each([
    { language: 'zh-CN', message: '页面无法加载，请检查网络后重新加载。', reload: '重新加载' },
    { language: 'en', message: 'The page could not load. Check the connection and reload.', reload: 'Reload' },
  ] as const)('says so and offers a reload instead of a blank page, in the user\'s language ($language)', async ({ language, message, reload }) => {
    await changeLanguage(language);
    const { view } = missingChunk();
    await render(
      <ViewSlot>
        <view.Component />
      </ViewSlot>,
    );
    await expect.element(page.getByRole('alert').getByText(message)).toBeVisible();
    await expect.element(page.getByRole('button', { name: reload })).toBeVisible();
  });

  it('does not keep a failed load: the next start fetches again', async () => {
    const { view, tries } = missingChunk();
    await expect(view.start()).rejects.toThrow(TypeError);
    await expect(view.start()).rejects.toThrow(TypeError);
    expect(tries()).toBe(2);
  });
});
