/**
 * The local API's own edge, where it stands in for API Gateway (issue 13, defects 6 and 8b): a
 * path that is not valid percent-encoding is a 400 problem naming `path`, never a 500; and a
 * token issued in the future is refused as the cloud's JWT authorizer refuses it (iat must lie
 * before now), beyond a minute's clock skew.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureUsers, seedFixtureCity } from '../support/fixture-city.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { tableFingerprint } from '../support/table-scan.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ users: fixtureUsers, seed: seedFixtureCity });
});
afterAll(() => stack.stop());

describe('malformed paths', () => {
  it('answer 400 problem+json naming the path, for GET and for writes, and write nothing', async () => {
    const city = await stack.as('city');
    const before = await tableFingerprint();
    const requests: [string, string][] = [
      ['GET', '/v1/compounds/%E0%A4%A'],
      ['GET', '/v1/compounds/%'],
      ['GET', '/v1/compounds/%ZZ/exits'],
      ['PATCH', '/v1/compounds/%'],
      ['POST', '/v1/exits/%C3%28/shifts'],
    ];
    for (const [method, path] of requests) {
      const res = await city.request(method, path, method === 'GET' ? {} : { body: { name: 'x' } });
      expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const body = (await res.json()) as { type: string; errors: { field: string }[] };
      expect(body.type).toBe('/problems/validation');
      expect(body.errors.map((e) => e.field)).toEqual(['path']);
    }
    expect(await tableFingerprint()).toBe(before);
  });

  it('still decode well-formed escapes into the path parameter', async () => {
    const res = await (await stack.as('city')).get('/v1/compounds/c%5Fa');
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { id?: string; properties?: { id: string } }).properties?.id ?? '').toBe('c_a');
  });
});

describe('tokens issued in the future', () => {
  const issuedAt = async (username: string, offsetMs: number) => {
    const issued = await stack.identity.issue(username, new Date(Date.now() + offsetMs));
    if (!issued) throw new Error(`no user ${username}`);
    return { authorization: `Bearer ${issued.token}` };
  };

  it('are refused with 401 when iat lies beyond the clock skew', async () => {
    for (const offsetMs of [5 * 60_000, 60 * 60_000]) {
      const res = await fetch(`${stack.url}/v1/communities`, { headers: await issuedAt('city', offsetMs) });
      expect(res.status, `iat ${offsetMs} ms ahead`).toBe(401);
    }
  });

  it('are accepted within the skew, as are tokens issued now', async () => {
    for (const offsetMs of [0, 20_000]) {
      const res = await fetch(`${stack.url}/v1/communities`, { headers: await issuedAt('city', offsetMs) });
      expect(res.status, `iat ${offsetMs} ms ahead`).toBe(200);
    }
  });
});
