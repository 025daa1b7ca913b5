import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureUsers } from '../support/fixture-city.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ users: fixtureUsers });
});
afterAll(() => stack.stop());

describe('the local identity routes', () => {
  it('lists the demo users with role and jurisdiction', async () => {
    const res = await stack.anonymous().get('/local/users');
    expect(res.status).toBe(200);
    const users = (await res.json()) as { username: string; role: string; jurisdiction: Record<string, unknown> }[];
    expect(users.map((u) => u.username)).toEqual(fixtureUsers.map((u) => u.username));
    expect(users.find((u) => u.username === 'grid-g1')).toMatchObject({ role: 'grid', jurisdiction: { gridId: 'g1' } });
  });

  it('issues a token the API accepts, carrying the user\'s role and jurisdiction', async () => {
    const res = await stack.anonymous().post('/local/token', { username: 'community-cm2' });
    expect(res.status).toBe(200);
    const { token, expiresAt } = (await res.json()) as { token: string; expiresAt: string };
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ 'cognito:username': 'community-cm2', 'cognito:groups': ['community'], 'custom:community': 'cm2' });
    const list = await fetch(`${stack.url}/v1/communities`, { headers: { authorization: `Bearer ${token}` } });
    expect(list.status).toBe(200);
  });

  it('answers 400 naming the field for a bad body and 404 for an unknown user', async () => {
    for (const body of [{}, { username: '' }, { username: 'x', extra: 1 }]) {
      const res = await stack.anonymous().post('/local/token', body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('body.username');
    }
    const malformed = await stack.anonymous().request('POST', '/local/token', { raw: '{', contentType: 'application/json' });
    expect(malformed.status).toBe(400);
    const unknown = await stack.anonymous().post('/local/token', { username: 'nobody' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
  });
});
