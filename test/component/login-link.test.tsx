/**
 * The local sign-in link in real Chromium against a scripted API: /login?user=NAME signs in as
 * that demo user (replacing whoever was signed in) and opens the role's home view; a name the
 * API does not know leaves the sign-in page up, saying so, with the address unchanged.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { App } from '#web/src/App.tsx';
import { sessionFromToken } from '#web/src/auth/session.ts';
import { loginLink } from '#web/src/layout/navigation.ts';
import { renderWithServices, type Call } from './render.tsx';
import { unsignedToken } from './tokens.ts';

const grid = {
  username: 'grid-wangfu-1',
  token: unsignedToken({ username: 'grid-wangfu-1', role: 'grid', jurisdiction: { streetId: 's1', communityId: 'cm1', gridId: 'g1' }, name: '姚欣' }),
};
const notFound = () => Response.json({ type: '/problems/not-found', title: 'Not found', status: 404, detail: 'no such user' }, { status: 404, headers: { 'content-type': 'application/problem+json' } });

/** The local API: the token issuer knows the grid worker only; views' own reads stay loading. */
function answer(call: Call): unknown {
  if (call.path === '/local/token') return (call.body as { username: string }).username === grid.username ? { token: grid.token } : notFound();
  if (call.path === '/local/users') return [];
  return new Promise(() => undefined);
}

afterEach(() => {
  window.history.replaceState(null, '', '/');
  localStorage.removeItem('cordon.token');
  document.body.replaceChildren();
});

describe('the sign-in link', () => {
  it("signs in as the named user and opens the role's home view", async () => {
    window.history.replaceState(null, '', loginLink(grid.username));
    const { services, calls } = renderWithServices(<App />, answer);
    await expect.poll(() => window.location.pathname).toBe('/tasks');
    expect(window.location.search).toBe('');
    expect(services.sessions.getState().session?.user).toMatchObject({ username: grid.username, role: 'grid', name: '姚欣' });
    expect(calls.filter((c) => c.path === '/local/token').map((c) => c.body)).toContainEqual({ username: grid.username });
    await expect.element(page.getByText('姚欣')).toBeVisible();
  });

  it('replaces a user already signed in', async () => {
    window.history.replaceState(null, '', loginLink(grid.username));
    const { services } = renderWithServices(<App />, answer);
    const city = sessionFromToken(unsignedToken({ username: 'city-1', role: 'city', jurisdiction: {}, name: '王强' }));
    if (!city) throw new Error('no city session');
    services.sessions.start(city);
    await expect.poll(() => services.sessions.getState().session?.user.username).toBe(grid.username);
    await expect.poll(() => window.location.pathname).toBe('/tasks');
  });

  it('shows the sign-in page, saying the name is unknown, and drops the name from the address', async () => {
    window.history.replaceState(null, '', loginLink('nobody'));
    const { services } = renderWithServices(<App />, answer);
    await expect.element(page.getByRole('alert')).toHaveTextContent('没有名为“nobody”的演示账号，请在下面选择一个账号登录。');
    await expect.element(page.getByRole('searchbox', { name: '搜索账号' })).toBeVisible();
    expect(window.location.pathname + window.location.search).toBe('/login');
    expect(services.sessions.getState().session).toBeUndefined();
  });

  it('keeps a signed-in user on the sign-in page after a bad link, until someone signs in', async () => {
    window.history.replaceState(null, '', loginLink('nobody'));
    const { services } = renderWithServices(<App />, answer);
    const city = sessionFromToken(unsignedToken({ username: 'city-1', role: 'city', jurisdiction: {}, name: '王强' }));
    if (!city) throw new Error('no city session');
    services.sessions.start(city);
    await expect.element(page.getByRole('alert')).toBeVisible();
    expect(window.location.pathname).toBe('/login');

    // Picking someone (here: the session store, as the page's buttons do) leaves for their home view.
    const grid2 = sessionFromToken(grid.token);
    if (!grid2) throw new Error('no grid session');
    services.sessions.start(grid2);
    await expect.poll(() => window.location.pathname).toBe('/tasks');
  });
});
