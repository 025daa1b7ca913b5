/**
 * Rendering for the component tests: a component inside the app's providers. Components that
 * call the API get a real client (web/src/api/client.ts) whose fetch is the test's — the API's
 * own behaviour is tested against DynamoDB Local elsewhere; here only what the component asks
 * for and shows matters.
 */
import type { ReactNode } from 'react';
import { render } from 'vitest-browser-react';
import { createApiClient } from '#web/src/api/client.ts';
import { createLocalAuth } from '#web/src/auth/adapter.ts';
import { createSessionStore } from '#web/src/auth/session.ts';
import { ServicesProvider, type Services } from '#web/src/services.tsx';

/** What a test's fetch sees of each call. */
export interface Call {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  /** The version a change was made from, when it was sent with one (If-Match). */
  readonly ifMatch?: string | undefined;
}

/** Answers a call: a JSON body (200), or a full Response. */
export type Answer = (call: Call) => unknown;

export function renderWithServices(ui: ReactNode, answer: Answer = () => ({})) {
  const calls: Call[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input), window.location.origin);
    const call = {
      method: init?.method ?? 'GET', path: url.pathname + url.search, body: init?.body ? JSON.parse(String(init.body)) : undefined,
      // Undefined unless sent, which toEqual takes as absent: other calls still equal { method, path, body }.
      ifMatch: new Headers(init?.headers).get('if-match') ?? undefined,
    };
    calls.push(call);
    const result = await answer(call);
    return result instanceof Response ? result : Response.json(result);
  };
  const sessions = createSessionStore();
  const api = createApiClient({ baseUrl: '', getToken: () => 'test', onUnauthorized: () => sessions.end('expired'), fetch });
  const services: Services = { config: { apiUrl: '' }, api, sessions, auth: createLocalAuth(api, sessions) };
  const screen = render(<ServicesProvider services={services}>{ui}</ServicesProvider>);
  return { screen, calls, services };
}
