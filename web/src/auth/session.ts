/**
 * The signed-in session: the token and who it says the user is. The user is read from the
 * token's own claims with the same parser the API uses, so a Cognito ID token reads the same
 * as a local one. Kept in localStorage so that it survives a cold start: a field worker who
 * closes the app (or whose phone ends it) opens it again, offline too, still signed in. It is
 * still dropped when expired or malformed, and on sign-out.
 */
import { decodeJwt, type JWTPayload } from 'jose';
import { callerFromClaims } from '#shared/claims.ts';
import type { Role, Jurisdiction } from '#shared/roles.ts';

export interface SessionUser {
  readonly username: string;
  readonly name: string;
  readonly role: Role;
  readonly jurisdiction: Jurisdiction;
}

export interface Session {
  readonly token: string;
  readonly expiresAt: number;
  readonly user: SessionUser;
}

/** Why the last session ended, for the login page to say. */
export type EndReason = 'signed-out' | 'expired';

/** The session a token carries, or undefined for a token that is malformed, foreign or expired. */
export function sessionFromToken(token: string, now = Date.now()): Session | undefined {
  const claims = decodePayload(token);
  if (!claims) return undefined;
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : 0;
  if (exp <= now) return undefined;
  const result = callerFromClaims(claims);
  if (!result.ok) return undefined;
  const { username, role, jurisdiction } = result.caller;
  const name = typeof claims.name === 'string' && claims.name !== '' ? claims.name : username;
  return { token, expiresAt: exp, user: { username, name, role, jurisdiction } };
}

/** The claims, unverified: the API verifies the signature, the app only reads who the user is. */
function decodePayload(token: string): JWTPayload | undefined {
  try {
    return decodeJwt(token);
  } catch {
    return undefined;
  }
}

const STORAGE_KEY = 'cordon.token';

export interface SessionState {
  readonly session: Session | undefined;
  readonly ended: EndReason | undefined;
}

/**
 * The one place the session lives, observable for React (`useSyncExternalStore`) and readable
 * by the API client without React.
 */
export interface SessionStore {
  getState(): SessionState;
  subscribe(listener: () => void): () => void;
  start(session: Session): void;
  end(reason: EndReason): void;
}

export function createSessionStore(storage: Storage = localStorage): SessionStore {
  const saved = storage.getItem(STORAGE_KEY);
  const restored = saved ? sessionFromToken(saved) : undefined;
  if (saved && !restored) storage.removeItem(STORAGE_KEY);
  let state: SessionState = { session: restored, ended: undefined };
  const listeners = new Set<() => void>();
  const set = (next: SessionState) => {
    state = next;
    for (const listener of listeners) listener();
  };
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start(session) {
      storage.setItem(STORAGE_KEY, session.token);
      set({ session, ended: undefined });
    },
    end(reason) {
      storage.removeItem(STORAGE_KEY);
      if (state.session) set({ session: undefined, ended: reason });
    },
  };
}
