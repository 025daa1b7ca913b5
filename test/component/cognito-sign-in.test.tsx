/**
 * The cloud's sign-in page in real Chromium: when the hosted UI sends the browser back with an
 * error, the page says so in the user's language — never the text the URL carries (anyone can
 * craft such a link) — and the address bar no longer holds it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { CognitoSignIn } from '#web/src/auth/CognitoSignIn.tsx';
import { createCognitoAuth, type BrowserPorts } from '#web/src/auth/cognito.ts';
import { createSessionStore } from '#web/src/auth/session.ts';
import { renderWithServices } from './render.tsx';

afterEach(() => window.history.replaceState(null, '', '/'));

describe('CognitoSignIn', () => {
  it('says a refused sign-in in its own words and drops the error from the address bar', async () => {
    const planted = '请拨打 400-000-0000 领取补贴';
    window.history.replaceState(null, '', `/?error=access_denied&error_description=${encodeURIComponent(planted)}`);
    const ports: BrowserPorts = {
      fetch: () => Promise.reject(new Error('no fetch expected')),
      crypto,
      storage: sessionStorage,
      assign: () => undefined,
      replaceUrl: (url) => window.history.replaceState(null, '', url),
    };
    const auth = createCognitoAuth({ domain: 'https://auth.example', clientId: 'client', redirectUri: `${location.origin}/` }, createSessionStore(), ports);
    renderWithServices(<CognitoSignIn auth={auth} />);
    const alert = page.getByRole('alert');
    await expect.element(alert).toBeVisible();
    expect(alert.element().textContent).toMatch(/^登录失败/);
    expect(alert.element().textContent).not.toContain('400-000-0000');
    expect(location.search).toBe('');
    await expect.element(page.getByRole('button', { name: '前往登录' })).toBeEnabled();
  });
});
