/**
 * Rendering for the component tests: a component inside the app's providers. Components that
 * call the API get a real client (web/src/api/client.ts) whose fetch is the test's — the API's
 * own behaviour is tested against DynamoDB Local elsewhere; here only what the component asks
 * for and shows matters. The same scripted client serves the resident page, which has no React
 * (mount-resident.ts).
 */
import type { ReactNode } from 'react';
import { render } from 'vitest-browser-react';
import { createApiClient } from '#web/src/api/client.ts';
import { createLocalAuth } from '#web/src/auth/adapter.ts';
import { createSessionStore, sessionFromToken } from '#web/src/auth/session.ts';
import { ServicesProvider, type Services } from '#web/src/services.tsx';
import { createIndexedDbOutbox, OUTBOX_DATABASE } from '#web/src/tasks/outbox.ts';
import { createIndexedDbReads } from '#web/src/tasks/offline-reads.ts';
import { currentLanguage } from '#web/src/i18n.ts';
import { IDEMPOTENCY_KEY_HEADER } from '#shared/schemas/idempotency.ts';
import type { RuntimeConfig } from '#shared/runtime-config.ts';

/** What a test's fetch sees of each call. */
export interface Call {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  /** The version a change was made from, when it was sent with one (If-Match). */
  readonly ifMatch?: string | undefined;
  /** The client's id for a change, when it was sent with one (Idempotency-Key). */
  readonly idempotencyKey?: string | undefined;
  /** The version a poll already holds, when it was sent with one (If-None-Match): answer 304 if still current. */
  readonly ifNoneMatch?: string | undefined;
}

/** Answers a call: a JSON body (200), or a full Response. */
export type Answer = (call: Call) => unknown;

/**
 * A real API client (web/src/api/client.ts) whose fetch is the test's: each call is recorded in
 * `calls` (and the language it asked for in `languages`) and answered by `answer`.
 */
export function scriptedApi(answer: Answer = () => ({})) {
  const calls: Call[] = [];
  /** The language each call asked the API to answer in (Accept-Language), in the order of `calls`. */
  const languages: (string | undefined)[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input), window.location.origin);
    const call = {
      method: init?.method ?? 'GET', path: url.pathname + url.search, body: init?.body ? JSON.parse(String(init.body)) : undefined,
      // Undefined unless sent, which toEqual takes as absent: other calls still equal { method, path, body }.
      ifMatch: new Headers(init?.headers).get('if-match') ?? undefined,
      idempotencyKey: new Headers(init?.headers).get(IDEMPOTENCY_KEY_HEADER) ?? undefined,
      ifNoneMatch: new Headers(init?.headers).get('if-none-match') ?? undefined,
    };
    calls.push(call);
    // Every call carries it, so it is kept beside the calls rather than in them (which tests compare whole).
    languages.push(new Headers(init?.headers).get('accept-language') ?? undefined);
    const result = await answer(call);
    return result instanceof Response ? result : Response.json(result);
  };
  const sessions = createSessionStore();
  // The app's language as the app sends it (web/src/services.tsx).
  const api = createApiClient({ baseUrl: '', getToken: () => 'test', getLanguage: currentLanguage, onUnauthorized: () => sessions.end('expired'), fetch });
  return { api, calls, languages, sessions };
}

export function renderWithServices(ui: ReactNode, answer: Answer = () => ({}), options: { config?: Partial<RuntimeConfig> } = {}) {
  const { api, calls, languages, sessions } = scriptedApi(answer);
  const services: Services = { config: { apiUrl: '', ...options.config }, api, sessions, auth: createLocalAuth(api, sessions) };
  const screen = render(<ServicesProvider services={services}>{ui}</ServicesProvider>);
  // render() settles after the first paint with a trace mark; a test that does not await it may
  // end (and its afterEach empty the body) first, and that late failure is the teardown's, not a
  // finding. A test that awaits `screen` still gets any rejection: this handler only keeps it
  // from surfacing unhandled.
  screen.catch(() => undefined);
  return { screen, calls, languages, services };
}

/** Starts the session a test token makes (tokens.ts), as signing in would. */
export function signInWith(services: Pick<Services, 'sessions'>, token: string): void {
  const session = sessionFromToken(token);
  if (!session) throw new Error('the test token does not make a session');
  services.sessions.start(session);
}

/** Empties the phone's field data for the next test: the whole outbox and the user's saved reads. */
export async function clearPhone(username: string): Promise<void> {
  const store = createIndexedDbOutbox(OUTBOX_DATABASE);
  for (const entry of await store.list()) await store.remove(entry.id);
  await createIndexedDbReads(OUTBOX_DATABASE).forget(username);
}
