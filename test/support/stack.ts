/**
 * A test's own Cordon: a fresh table on the run's DynamoDB Local and the local runtime on it
 * (API on a free port, queue and schedule runners), composed as `npm start` composes it.
 * Requests go over real HTTP.
 */
import { inject } from 'vitest';
import type { LocalUser } from '#shared/schemas/local.ts';
import type { LocalIdentity } from '#infra/local/identity.ts';
import type { QueueRunner, QueueRunnerOptions } from '#infra/local/queue-runner.ts';
import { startLocalRuntime } from '#infra/local/runtime.ts';
import { freshTable } from './env.ts';

export interface TestStack {
  readonly url: string;
  readonly tableName: string;
  readonly endpoint: string;
  readonly identity: LocalIdentity;
  /** The queue runner the handlers' messages land in. */
  readonly queues: QueueRunner;
  /** A client that calls the API as this demo user. */
  as(username: string): Promise<Client>;
  /** A client with no token. */
  anonymous(): Client;
  stop(): Promise<void>;
}

export interface Client {
  request(method: string, path: string, init?: { body?: unknown; raw?: Buffer | string; contentType?: string; headers?: Record<string, string> }): Promise<Response>;
  get(path: string): Promise<Response>;
  post(path: string, body?: unknown): Promise<Response>;
  patch(path: string, body?: unknown): Promise<Response>;
}

export async function startTestStack(options: {
  users: readonly LocalUser[];
  seed?: () => Promise<void>;
  queueOptions?: Omit<QueueRunnerOptions, 'log'>;
  /** Receives the runtime's own lines (the local API's request log among them). */
  log?: (line: string) => void;
}): Promise<TestStack> {
  // The e2e setup opens report windows all day for its live runtime (global-web.ts), and the test
  // workers inherit that process's environment: a test stack keeps the city's default windows,
  // since its tests set the clock to the instants they judge.
  delete process.env.OBSERVATION_AM_WINDOW;
  delete process.env.OBSERVATION_PM_WINDOW;
  const endpoint = inject('dynamodbEndpoint');
  const tableName = await freshTable(endpoint);
  if (options.seed) await options.seed();
  const runtime = await startLocalRuntime({ endpoint, tableName, apiPort: 0, users: options.users, queueOptions: options.queueOptions, log: options.log });
  const { api, identity } = runtime;
  const client = (token: string | undefined): Client => {
    const request: Client['request'] = (method, path, init = {}) => {
      // Tests read the API's texts in English; one that asks for another language says so.
      const headers: Record<string, string> = { 'accept-language': 'en', ...init.headers };
      if (token) headers.authorization = `Bearer ${token}`;
      let body: string | Uint8Array | undefined;
      if (init.raw !== undefined) {
        body = typeof init.raw === 'string' ? init.raw : new Uint8Array(init.raw);
        headers['content-type'] = init.contentType ?? 'application/octet-stream';
      } else if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers['content-type'] = init.contentType ?? 'application/json';
      }
      return fetch(`${api.url}${path}`, { method, headers, body: body as BodyInit | undefined });
    };
    return {
      request,
      get: (path) => request('GET', path),
      post: (path, body) => request('POST', path, { body }),
      patch: (path, body) => request('PATCH', path, { body }),
    };
  };
  return {
    url: api.url,
    tableName,
    endpoint,
    identity,
    queues: runtime.queues,
    async as(username) {
      const issued = await identity.issue(username);
      if (!issued) throw new Error(`no demo user ${username}`);
      return client(issued.token);
    },
    anonymous: () => client(undefined),
    stop: () => runtime.stop(),
  };
}
