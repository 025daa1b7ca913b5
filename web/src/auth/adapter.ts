/**
 * How the app signs a user in. Locally a demo user is picked and the local issuer mints the
 * token; in the cloud the Cognito adapter (./cognito.ts: hosted sign-in, then the ID token) takes its place.
 * The rest of the app sees only the session store and `signOut`. Every adapter's shape is
 * declared here and the Cognito one is built in ./cognito.ts, which imports this module (never
 * the other way round).
 */
import type { LocalUser } from '#shared/schemas/local.ts';
import type { ApiClient } from '../api/client.ts';
import { sessionFromToken, type Session, type SessionStore } from './session.ts';

interface AdapterBase {
  signOut(): Promise<void>;
}

/** The local runtime's demo users and token issuer. */
export interface LocalAuthAdapter extends AdapterBase {
  readonly kind: 'local';
  listUsers(signal?: AbortSignal): Promise<LocalUser[]>;
  signIn(username: string): Promise<Session>;
}

/** Cognito's hosted UI (built by ./cognito.ts). */
export interface CognitoAuthAdapter extends AdapterBase {
  readonly kind: 'cognito';
  /** Sends the browser to the hosted UI. */
  signIn(): Promise<void>;
  /**
   * Completes a sign-in when the URL is Cognito's callback (once per code, however often it is
   * called): the session, or undefined when the URL is no callback.
   */
  completeSignIn(url: string): Promise<Session | undefined>;
}

/** One member per provider: the demo issuer locally, Cognito's hosted UI in the cloud (./cognito.ts). */
export type AuthAdapter = LocalAuthAdapter | CognitoAuthAdapter;

export class SignInError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SignInError';
  }
}

export function createLocalAuth(api: ApiClient, store: SessionStore): LocalAuthAdapter {
  return {
    kind: 'local',
    listUsers: (signal) => api.call('listLocalUsers', {}, { signal }),
    async signIn(username) {
      const { token } = await api.call('issueLocalToken', { body: { username } });
      const session = sessionFromToken(token);
      if (!session) throw new SignInError(`the token issued for ${username} does not carry a usable role`);
      store.start(session);
      return session;
    },
    async signOut() {
      store.end('signed-out');
    },
  };
}
