import { describe, expect, it } from 'vitest';
import { allFeatures, createApiClient } from '#web/src/api/client.ts';
import { ApiError, NetworkError, ProblemError, UnauthorizedError } from '#web/src/api/errors.ts';

interface Seen {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;
}

/** A client whose fetch answers from `answer` and records what it was asked. */
function clientWith(answer: (request: Seen) => Response | Promise<Response>, token: string | undefined = 't0k3n') {
  const seen: Seen[] = [];
  let unauthorized = 0;
  const api = createApiClient({
    baseUrl: 'https://api.example',
    getToken: () => token,
    onUnauthorized: () => void (unauthorized += 1),
    fetch: async (input, init) => {
      const request = { url: String(input), method: init?.method ?? 'GET', headers: new Headers(init?.headers), body: init?.body as string | undefined };
      seen.push(request);
      return answer(request);
    },
  });
  return { api, seen, unauthorized: () => unauthorized };
}

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('api client', () => {
  it('takes method and path from the catalogue, fills parameters and sends the token', async () => {
    const { api, seen } = clientWith(() => json({ type: 'Feature', id: 'c 1', geometry: null, properties: {} }));
    await api.call('getCompound', { params: { id: 'c 1' } });
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.url).toBe('https://api.example/v1/compounds/c%201');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer t0k3n');
  });

  it('writes the query without empty values, and JSON bodies', async () => {
    const { api, seen } = clientWith(() => json({ token: 'x', expiresAt: '2026-01-01T00:00:00Z' }));
    await api.call('issueLocalToken', { body: { username: 'city-1' } });
    expect(seen[0]).toMatchObject({ method: 'POST', url: 'https://api.example/local/token', body: '{"username":"city-1"}' });
    expect(seen[0]?.headers.get('content-type')).toBe('application/json');

    const list = clientWith(() => json({ type: 'FeatureCollection', features: [] }));
    await list.api.call('listCompounds', { query: { bbox: '1,2,3,4', status: undefined, communityId: '' } });
    expect(list.seen[0]?.url).toBe('https://api.example/v1/compounds?bbox=1%2C2%2C3%2C4');
  });

  it('turns a problem+json answer into a ProblemError with its field errors', async () => {
    const problem = { type: '/problems/validation', title: 'Invalid request', status: 400, detail: 'query.bbox: bad', errors: [{ field: 'query.bbox', message: 'bad' }] };
    const { api } = clientWith(() => json(problem, 400, 'application/problem+json'));
    const error = await api.call('listCompounds', { query: { bbox: 'x' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).problem.errors).toEqual(problem.errors);
    expect((error as ProblemError).status).toBe(400);
  });

  it('calls onUnauthorized and rejects with UnauthorizedError on 401, whatever the body', async () => {
    const client = clientWith(() => json({ message: 'Unauthorized' }, 401));
    await expect(client.api.call('listCommunities')).rejects.toBeInstanceOf(UnauthorizedError);
    expect(client.unauthorized()).toBe(1);
  });

  it('answers a non-problem failure with a plain ApiError, and no answer with a NetworkError', async () => {
    const failing = clientWith(() => new Response('<html>bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    const error = await failing.api.call('listCommunities').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(ProblemError);
    expect((error as ApiError).status).toBe(502);

    const down = clientWith(() => Promise.reject(new TypeError('fetch failed')));
    await expect(down.api.call('listCommunities')).rejects.toBeInstanceOf(NetworkError);
  });

  it('lets an abort through as an abort', async () => {
    const { api } = clientWith(() => Promise.reject(new DOMException('aborted', 'AbortError')));
    const error = await api.call('listCommunities').catch((e: unknown) => e);
    expect((error as DOMException).name).toBe('AbortError');
  });

  it('asks a conditional read with If-None-Match: unchanged on 304, else the body and its ETag', async () => {
    const list = { unread: 1, items: [] };
    const { api, seen } = clientWith((request) => request.headers.get('if-none-match') === '"v1"'
      ? new Response(null, { status: 304, headers: { etag: '"v1"' } })
      : new Response(JSON.stringify(list), { status: 200, headers: { 'content-type': 'application/json', etag: '"v1"' } }));
    expect(await api.callIfChanged('listNotifications', undefined)).toEqual({ unchanged: false, body: list, etag: '"v1"' });
    expect(seen[0]?.headers.has('if-none-match')).toBe(false);
    expect(await api.callIfChanged('listNotifications', '"v1"')).toEqual({ unchanged: true });
    expect(seen[1]?.headers.get('if-none-match')).toBe('"v1"');
    // A plain call never takes a 304 for an answer.
    const stale = clientWith(() => new Response(null, { status: 304 }));
    await expect(stale.api.call('listNotifications')).rejects.toBeInstanceOf(ApiError);
  });

  it('follows nextToken through every page of a collection', async () => {
    const pages: Record<string, unknown> = {
      '': { type: 'FeatureCollection', features: [{ id: 'a' }, { id: 'b' }], nextToken: 'p2' },
      p2: { type: 'FeatureCollection', features: [{ id: 'c' }], nextToken: 'p3' },
      p3: { type: 'FeatureCollection', features: [{ id: 'd' }] },
    };
    const { api, seen } = clientWith((request) => json(pages[new URL(request.url).searchParams.get('nextToken') ?? '']));
    const features = await allFeatures(api, 'listCompounds', { query: { bbox: '1,2,3,4' } });
    expect(features.map((f) => f.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(seen.map((s) => new URL(s.url).searchParams.get('bbox'))).toEqual(['1,2,3,4', '1,2,3,4', '1,2,3,4']);
  });
});
