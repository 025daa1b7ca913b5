/**
 * The session in the browser's own storage: kept in localStorage, so a field worker who closes
 * the app (a new tab or window, a restarted phone) opens it again still signed in; an expired or
 * malformed token found there is dropped, and signing out forgets it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSessionStore, sessionFromToken } from '#web/src/auth/session.ts';
import { unsignedToken } from './tokens.ts';

const tokenFor = (expiresInSeconds: number) =>
  unsignedToken({ username: 'grid-wangfu-1', role: 'grid', jurisdiction: { streetId: 's1', communityId: 'cm1', gridId: 'g1' } }, expiresInSeconds);

afterEach(() => {
  localStorage.removeItem('cordon.token');
  sessionStorage.removeItem('cordon.token');
});

describe('the session store in the browser', () => {
  it('keeps the token in localStorage, not sessionStorage, and a new store restores it', () => {
    const session = sessionFromToken(tokenFor(3600));
    if (!session) throw new Error('no session');
    createSessionStore().start(session);
    expect(localStorage.getItem('cordon.token')).toBe(session.token);
    expect(sessionStorage.getItem('cordon.token')).toBeNull();
    expect(createSessionStore().getState().session?.user.username).toBe('grid-wangfu-1');
  });

  it('drops an expired or malformed token it finds there', () => {
    for (const token of [tokenFor(-60), 'not-a-token']) {
      localStorage.setItem('cordon.token', token);
      expect(createSessionStore().getState().session).toBeUndefined();
      expect(localStorage.getItem('cordon.token')).toBeNull();
    }
  });

  it('forgets the token on sign-out', () => {
    const session = sessionFromToken(tokenFor(3600));
    if (!session) throw new Error('no session');
    const store = createSessionStore();
    store.start(session);
    store.end('signed-out');
    expect(localStorage.getItem('cordon.token')).toBeNull();
    expect(createSessionStore().getState().session).toBeUndefined();
  });
});
