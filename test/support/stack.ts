/**
 * A test's own Cordon: a fresh table on the run's DynamoDB Local and the local API on a free
 * port, with the demo users. Requests go over real HTTP, through the same edge as `npm start`.
 */
import { inject } from 'vitest';
import type { LocalUser } from '../../shared/schemas/local.ts';
import { startApiServer, type ApiServer } from '../../infra/local/api-server.ts';
import { createLocalIdentity, type LocalIdentity } from '../../infra/local/identity.ts';
import { freshTable } from './env.ts';

export interface TestStack {
  readonly url: string;
  readonly tableName: string;
  readonly endpoint: string;
  readonly identity: LocalIdentity;
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

export async function startTestStack(options: { users: readonly LocalUser[]; seed?: () => Promise<void> }): Promise<TestStack> {
  const endpoint = inject('dynamodbEndpoint');
  const tableName = await freshTable(endpoint);
  if (options.seed) await options.seed();
  const identity = await createLocalIdentity({ users: options.users });
  const api: ApiServer = await startApiServer({ port: 0, identity });
  const client = (token: string | undefined): Client => {
    const request: Client['request'] = (method, path, init = {}) => {
      const headers: Record<string, string> = { ...init.headers };
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
    async as(username) {
      const issued = await identity.issue(username);
      if (!issued) throw new Error(`no demo user ${username}`);
      return client(issued.token);
    },
    anonymous: () => client(undefined),
    stop: () => api.close(),
  };
}
