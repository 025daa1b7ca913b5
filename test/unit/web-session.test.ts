import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { claimsFor } from '#shared/claims.ts';
import { createSessionStore, sessionFromToken } from '#web/src/auth/session.ts';
import { memoryStorage } from '../support/memory-storage.ts';

const { privateKey } = await generateKeyPair('ES256');
const subject = { userId: 'local-community-wangfu', username: 'community-wangfu', role: 'community' as const, jurisdiction: { streetId: 's1', communityId: 'cm1' } };

function token(options: { name?: string; expiresIn?: string; claims?: Record<string, unknown> } = {}): Promise<string> {
  return new SignJWT({ ...claimsFor(subject), ...(options.name ? { name: options.name } : {}), ...options.claims })
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h')
    .sign(privateKey);
}

describe('sessionFromToken', () => {
  it('reads the user from the token\'s claims as the API does', async () => {
    const session = sessionFromToken(await token({ name: '董艳' }));
    expect(session?.user).toEqual({ username: 'community-wangfu', name: '董艳', role: 'community', jurisdiction: { streetId: 's1', communityId: 'cm1' } });
    expect(session?.expiresAt).toBeGreaterThan(Date.now());
  });

  it('falls back to the username when the token carries no name', async () => {
    expect(sessionFromToken(await token())?.user.name).toBe('community-wangfu');
  });

  it('refuses an expired token, a token without a role, and garbage', async () => {
    expect(sessionFromToken(await token({ expiresIn: '-1m' }))).toBeUndefined();
    expect(sessionFromToken(await token({ claims: { 'cognito:groups': [] } }))).toBeUndefined();
    expect(sessionFromToken('not.a-token')).toBeUndefined();
    expect(sessionFromToken('')).toBeUndefined();
  });
});

/** A store on empty storage with a session started from a fresh token. */
async function startedStore() {
  const storage = memoryStorage();
  const store = createSessionStore(storage);
  const session = sessionFromToken(await token());
  if (!session) throw new Error('no session');
  store.start(session);
  return { storage, store };
}

describe('session store', () => {
  it('keeps the token in storage and restores it in a new store', async () => {
    const { storage } = await startedStore();
    expect(createSessionStore(storage).getState().session?.user.username).toBe('community-wangfu');
  });

  it('tells its listeners why a session ended, and forgets the token', async () => {
    const { storage, store } = await startedStore();
    const seen: unknown[] = [];
    store.subscribe(() => seen.push(store.getState()));
    store.end('expired');
    expect(seen).toEqual([{ session: undefined, ended: 'expired' }]);
    expect(storage.length).toBe(0);
  });

  it('drops an expired token it finds in storage', async () => {
    const storage = memoryStorage();
    storage.setItem('cordon.token', await token({ expiresIn: '-1m' }));
    expect(createSessionStore(storage).getState().session).toBeUndefined();
    expect(storage.length).toBe(0);
  });
});
