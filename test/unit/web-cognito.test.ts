/**
 * The hosted-UI sign-in: PKCE and state, the URLs sent to Cognito, and the code exchange. The
 * token endpoint is a cloud endpoint, so fetch is a double here; the ID token it answers is a
 * real signed JWT with the claims a Cognito ID token carries (cognito:groups, custom:…).
 */
import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { claimsFor } from '#shared/claims.ts';
import { SignInError } from '#web/src/auth/adapter.ts';
import {
  authorizeUrl, callbackOf, codeChallenge, cognitoSettings, createCognitoAuth, exchangeCode, logoutUrl, randomToken,
  type BrowserPorts, type CognitoSettings,
} from '#web/src/auth/cognito.ts';
import { createSessionStore } from '#web/src/auth/session.ts';
import { memoryStorage } from '../support/memory-storage.ts';

const settings: CognitoSettings = {
  domain: 'https://cordon-dev-123456789012.auth.eu-west-1.amazoncognito.com',
  clientId: 'client123',
  redirectUri: 'https://d111.cloudfront.net/',
};
const APP = 'https://d111.cloudfront.net';

const { privateKey } = await generateKeyPair('ES256');
const idToken = (groups: string[] = ['official']) =>
  new SignJWT({ ...claimsFor({ userId: 'sub-1', username: 'inspector-li', role: 'official', jurisdiction: { streetId: 'st-1' } }), 'cognito:groups': groups, name: '李督查', aud: settings.clientId })
    .setProtectedHeader({ alg: 'ES256' }).setIssuedAt().setExpirationTime('1h').sign(privateKey);

interface TokenCall { url: string; body: URLSearchParams; headers: Record<string, string> }

/** The browser, with a token endpoint that answers `answer` and records what it was sent. */
function browser(answer: () => Promise<Response> | Response) {
  const calls: TokenCall[] = [];
  const assigned: string[] = [];
  const replaced: string[] = [];
  const ports: BrowserPorts = {
    fetch: async (input, init) => {
      calls.push({ url: String(input), body: new URLSearchParams(init?.body as URLSearchParams), headers: init?.headers as Record<string, string> });
      return answer();
    },
    crypto: globalThis.crypto,
    storage: memoryStorage(),
    assign: (url) => void assigned.push(url),
    replaceUrl: (url) => void replaced.push(url),
  };
  const store = createSessionStore(memoryStorage());
  const auth = createCognitoAuth(settings, store, ports);
  return { auth, store, ports, calls, assigned, replaced };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Starts a sign-in and answers as Cognito would: the callback URL with a code and the state sent. */
async function redirectedBack(b: ReturnType<typeof browser>, code = 'code-1'): Promise<string> {
  await b.auth.signIn();
  const sent = new URL(b.assigned.at(-1) ?? '');
  return `${APP}/?code=${code}&state=${sent.searchParams.get('state')}`;
}

describe('PKCE and state', () => {
  it('derives the S256 challenge of RFC 7636\'s own example', async () => {
    expect(await codeChallenge(crypto, 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of 43 URL-safe characters, a new one each time', () => {
    const tokens = Array.from({ length: 50 }, () => randomToken(crypto));
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(randomToken(crypto, 16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('URLs', () => {
  it('asks the hosted UI for a code with PKCE, the three scopes and the state', () => {
    const url = new URL(authorizeUrl({ ...settings, domain: `${settings.domain}/` }, 'st', 'ch'));
    expect(`${url.origin}${url.pathname}`).toBe(`${settings.domain}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code', client_id: 'client123', redirect_uri: 'https://d111.cloudfront.net/', scope: 'openid email profile',
      state: 'st', code_challenge: 'ch', code_challenge_method: 'S256',
    });
  });

  it('signs out at /logout, back to the app', () => {
    const url = new URL(logoutUrl(settings));
    expect(`${url.origin}${url.pathname}`).toBe(`${settings.domain}/logout`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: 'client123', logout_uri: 'https://d111.cloudfront.net/' });
  });

  it('reads a callback\'s code and state, or its error, and nothing from other URLs', () => {
    expect(callbackOf(`${APP}/?code=c&state=s`)).toEqual({ code: 'c', state: 's' });
    expect(callbackOf(`${APP}/?error=access_denied&error_description=denied`)).toEqual({ error: 'denied' });
    expect(callbackOf(`${APP}/board`)).toBeUndefined();
    expect(callbackOf(`${APP}/?code=c`)).toBeUndefined();
  });

  it('is chosen only when the runtime config names the domain and the client', () => {
    expect(cognitoSettings({}, APP)).toBeUndefined();
    expect(cognitoSettings({ userPoolClientId: 'client123' }, APP)).toBeUndefined();
    expect(cognitoSettings({ authDomain: settings.domain, userPoolClientId: 'client123' }, APP)).toEqual(settings);
  });
});

describe('the code exchange', () => {
  it('posts the code, verifier, client and redirect URI as a form and answers the ID token', async () => {
    const token = await idToken();
    const b = browser(() => json(200, { id_token: token, access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 3600 }));
    expect(await exchangeCode(settings, 'the-code', 'the-verifier', b.ports.fetch)).toBe(token);
    expect(b.calls).toHaveLength(1);
    expect(b.calls[0]?.url).toBe(`${settings.domain}/oauth2/token`);
    expect(b.calls[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(b.calls[0]?.body ?? [])).toEqual({
      grant_type: 'authorization_code', client_id: 'client123', code: 'the-code', redirect_uri: settings.redirectUri, code_verifier: 'the-verifier',
    });
  });

  it('says why when Cognito refuses the code, sends no token, or cannot be reached', async () => {
    await expect(exchangeCode(settings, 'c', 'v', browser(() => json(400, { error: 'invalid_grant' })).ports.fetch))
      .rejects.toThrow(/invalid_grant/);
    await expect(exchangeCode(settings, 'c', 'v', browser(() => json(200, { access_token: 'a' })).ports.fetch))
      .rejects.toThrow(/no ID token/);
    await expect(exchangeCode(settings, 'c', 'v', browser(() => Promise.reject(new TypeError('offline'))).ports.fetch))
      .rejects.toBeInstanceOf(SignInError);
  });
});

describe('the Cognito adapter', () => {
  it('sends the browser to the hosted UI with the challenge of the verifier it keeps', async () => {
    const b = browser(() => json(500, {}));
    await b.auth.signIn();
    const sent = new URL(b.assigned[0] ?? '');
    const pending = JSON.parse(b.ports.storage.getItem('cordon.oauth') ?? '{}') as { state: string; verifier: string };
    expect(sent.searchParams.get('state')).toBe(pending.state);
    expect(sent.searchParams.get('code_challenge')).toBe(await codeChallenge(crypto, pending.verifier));
  });

  it('completes the sign-in once per code: the ID token becomes the session, the URL loses code and state', async () => {
    const token = await idToken();
    const b = browser(() => json(200, { id_token: token }));
    const callback = await redirectedBack(b);
    const pending = JSON.parse(b.ports.storage.getItem('cordon.oauth') ?? '{}') as { verifier: string };
    // React's StrictMode runs the effect twice: one exchange (a code is good once).
    const [first, second] = await Promise.all([b.auth.completeSignIn(callback), b.auth.completeSignIn(callback)]);
    expect(b.calls).toHaveLength(1);
    expect(b.calls[0]?.body.get('code_verifier')).toBe(pending.verifier);
    expect(first).toBe(second);
    expect(b.store.getState().session?.user).toMatchObject({ username: 'inspector-li', name: '李督查', role: 'official', jurisdiction: { streetId: 'st-1' } });
    expect(b.store.getState().session?.token).toBe(token);
    expect(b.replaced).toEqual([`${APP}/`]);
    expect(b.ports.storage.getItem('cordon.oauth')).toBeNull();
  });

  it('never exchanges a code whose state it did not send', async () => {
    const b = browser(async () => json(200, { id_token: await idToken() }));
    await b.auth.signIn();
    await expect(b.auth.completeSignIn(`${APP}/?code=c&state=forged`)).rejects.toBeInstanceOf(SignInError);
    expect(b.calls).toHaveLength(0);
    expect(b.store.getState().session).toBeUndefined();
    // Nor one that comes with no sign-in started here at all.
    const fresh = browser(async () => json(200, { id_token: await idToken() }));
    await expect(fresh.auth.completeSignIn(`${APP}/?code=c&state=s`)).rejects.toBeInstanceOf(SignInError);
    expect(fresh.calls).toHaveLength(0);
  });

  it('refuses an ID token without exactly one role group, and reports Cognito\'s error callback', async () => {
    const token = await idToken(['official', 'city']);
    const b = browser(() => json(200, { id_token: token }));
    await expect(b.auth.completeSignIn(await redirectedBack(b))).rejects.toThrow(/role/);
    expect(b.store.getState().session).toBeUndefined();
    await expect(b.auth.completeSignIn(`${APP}/?error=access_denied`)).rejects.toThrow('access_denied');
    expect(b.replaced.at(-1)).toBe(`${APP}/`);
  });

  it('uses up the sign-in started here on an error callback too: its state is never accepted after', async () => {
    const b = browser(async () => json(200, { id_token: await idToken() }));
    const back = await redirectedBack(b);
    await expect(b.auth.completeSignIn(`${APP}/?error=access_denied`)).rejects.toBeInstanceOf(SignInError);
    expect(b.ports.storage.getItem('cordon.oauth')).toBeNull();
    await expect(b.auth.completeSignIn(back)).rejects.toBeInstanceOf(SignInError);
    expect(b.calls).toHaveLength(0);
  });

  it('does nothing on a URL that is no callback', async () => {
    const b = browser(() => json(500, {}));
    expect(await b.auth.completeSignIn(`${APP}/board`)).toBeUndefined();
    expect(b.calls).toHaveLength(0);
  });

  it('signs out: the session ends and the browser goes to /logout', async () => {
    const b = browser(async () => json(200, { id_token: await idToken() }));
    await b.auth.completeSignIn(await redirectedBack(b));
    expect(b.store.getState().session).toBeDefined();
    await b.auth.signOut();
    expect(b.store.getState()).toEqual({ session: undefined, ended: 'signed-out' });
    expect(b.assigned.at(-1)).toBe(logoutUrl(settings));
  });
});
