/**
 * Sign-in through Cognito's hosted UI, for the cloud: the OAuth 2.0 authorization code grant
 * with PKCE (RFC 7636), in plain fetch and Web Crypto. Signing in sends the browser to the
 * user pool's domain; it comes back to the app with a code, which is exchanged at
 * /oauth2/token for the tokens. The ID token (it carries `cognito:groups` and the jurisdiction
 * attributes the API reads, and its audience is the app client the API's authorizer expects)
 * goes into the same session store as a local token. Signing out ends the session and sends the
 * browser to /logout, which ends the hosted UI's own session too.
 */
import type { RuntimeConfig } from '#shared/runtime-config.ts';
import { SignInError, type CognitoAuthAdapter } from './adapter.ts';
import { sessionFromToken, type Session, type SessionStore } from './session.ts';

export interface CognitoSettings {
  /** The user pool domain, e.g. https://cordon-dev-123456789012.auth.eu-west-1.amazoncognito.com */
  readonly domain: string;
  readonly clientId: string;
  /** Where Cognito sends the browser back: one of the app client's callback (and logout) URLs. */
  readonly redirectUri: string;
}

const SCOPES = ['openid', 'email', 'profile'] as const;

/**
 * The hosted UI's settings when the runtime config names the domain and the app client (the
 * cloud deploy writes both), else undefined: the local demo sign-in. Cognito comes back to the
 * app's root, the callback and logout URL the deploy registers.
 */
export function cognitoSettings(config: Pick<RuntimeConfig, 'authDomain' | 'userPoolClientId'>, origin: string): CognitoSettings | undefined {
  if (!config.authDomain || !config.userPoolClientId) return undefined;
  return { domain: config.authDomain, clientId: config.userPoolClientId, redirectUri: `${origin}/` };
}

/** What the browser gives the adapter; tests pass their own. */
export interface BrowserPorts {
  readonly fetch: typeof fetch;
  readonly crypto: Crypto;
  /** Holds the state and verifier across the round trip to the hosted UI. */
  readonly storage: Storage;
  /** Leaves the app for the hosted UI. */
  assign(url: string): void;
  /** Drops the code and state from the address bar once they are used. */
  replaceUrl(url: string): void;
}

const PENDING_KEY = 'cordon.oauth';

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A random URL-safe string of `bytes` random bytes (32 → 43 characters, PKCE's shortest verifier). */
export function randomToken(crypto: Crypto, bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The S256 code challenge of a verifier: base64url(SHA-256(verifier)). */
export async function codeChallenge(crypto: Crypto, verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

const endpoint = (settings: CognitoSettings, path: string) => `${settings.domain.replace(/\/+$/, '')}${path}`;

export function authorizeUrl(settings: CognitoSettings, state: string, challenge: string): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: settings.redirectUri,
    scope: SCOPES.join(' '),
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `${endpoint(settings, '/oauth2/authorize')}?${query}`;
}

export function logoutUrl(settings: CognitoSettings): string {
  const query = new URLSearchParams({ client_id: settings.clientId, logout_uri: settings.redirectUri });
  return `${endpoint(settings, '/logout')}?${query}`;
}

/** The code and state a callback URL carries, or the error Cognito sent back, or nothing. */
export function callbackOf(url: string): { code: string; state: string } | { error: string } | undefined {
  const query = new URL(url).searchParams;
  const error = query.get('error');
  if (error) return { error: query.get('error_description') ?? error };
  const code = query.get('code');
  const state = query.get('state');
  return code && state ? { code, state } : undefined;
}

/** Exchanges an authorization code for the ID token (the token endpoint's form-encoded POST). */
export async function exchangeCode(settings: CognitoSettings, code: string, verifier: string, doFetch: typeof fetch): Promise<string> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: settings.clientId,
    code,
    redirect_uri: settings.redirectUri,
    code_verifier: verifier,
  });
  let response: Response;
  try {
    response = await doFetch(endpoint(settings, '/oauth2/token'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
    });
  } catch (error) {
    throw new SignInError('the sign-in service could not be reached', { cause: error });
  }
  const answer = (await response.json().catch(() => ({}))) as { id_token?: unknown; error?: unknown };
  if (!response.ok) throw new SignInError(`the sign-in service refused the code (${String(answer.error ?? response.status)})`);
  if (typeof answer.id_token !== 'string') throw new SignInError('the sign-in service sent no ID token');
  return answer.id_token;
}

export function createCognitoAuth(settings: CognitoSettings, store: SessionStore, ports: BrowserPorts): CognitoAuthAdapter {
  const completions = new Map<string, Promise<Session>>();

  const complete = async (code: string, state: string, cleanUrl: string): Promise<Session> => {
    const saved = ports.storage.getItem(PENDING_KEY);
    ports.storage.removeItem(PENDING_KEY);
    ports.replaceUrl(cleanUrl);
    const pending = saved ? (JSON.parse(saved) as { state?: unknown; verifier?: unknown }) : {};
    // A state we did not send is someone else's redirect (login CSRF): never exchange its code.
    if (pending.state !== state || typeof pending.verifier !== 'string') throw new SignInError('the sign-in answer does not match a sign-in started here');
    const token = await exchangeCode(settings, code, pending.verifier, ports.fetch);
    const session = sessionFromToken(token);
    if (!session) throw new SignInError('the ID token does not carry a usable role (is the user in exactly one role group?)');
    store.start(session);
    return session;
  };

  return {
    kind: 'cognito',
    async signIn() {
      const state = randomToken(ports.crypto, 16);
      const verifier = randomToken(ports.crypto);
      ports.storage.setItem(PENDING_KEY, JSON.stringify({ state, verifier }));
      ports.assign(authorizeUrl(settings, state, await codeChallenge(ports.crypto, verifier)));
    },
    async completeSignIn(url) {
      const callback = callbackOf(url);
      if (!callback) return undefined;
      const clean = new URL(url);
      for (const name of ['code', 'state', 'error', 'error_description']) clean.searchParams.delete(name);
      if ('error' in callback) {
        // Any answer uses up the sign-in started: its state and verifier serve no later callback.
        ports.storage.removeItem(PENDING_KEY);
        ports.replaceUrl(clean.toString());
        throw new SignInError(callback.error);
      }
      let completion = completions.get(callback.code);
      if (!completion) {
        completion = complete(callback.code, callback.state, clean.toString());
        completions.set(callback.code, completion);
      }
      return completion;
    },
    async signOut() {
      store.end('signed-out');
      ports.assign(logoutUrl(settings));
    },
  };
}

/** The real browser's ports. */
export function browserPorts(): BrowserPorts {
  return {
    fetch: globalThis.fetch.bind(globalThis),
    crypto: globalThis.crypto,
    storage: sessionStorage,
    assign: (url) => window.location.assign(url),
    replaceUrl: (url) => window.history.replaceState(null, '', url),
  };
}
