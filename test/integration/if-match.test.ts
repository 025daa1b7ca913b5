/**
 * Optimistic concurrency for PATCH of compounds and exits (issue 13, defect 7): a read answers
 * an ETag naming the item's version, a PATCH with If-Match is refused with 412 and writes nothing
 * when the item changed since, of two racing PATCHes made from one read exactly one lands, and
 * `*` matches whatever version there is. If-Match stays optional (older clients send none).
 * The clock stands still, so two changes fall in one millisecond: the version must move anyway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, startExitStack } from '../support/exit-fixture.ts';
import type { Client, TestStack } from '../support/stack.ts';
import { scanTable, tableFingerprint } from '../support/table-scan.ts';

const clock = Date.parse('2026-11-22T08:00:00.000Z');
let stack: TestStack;

beforeAll(async () => {
  stack = await startExitStack(() => clock);
});
afterAll(() => stack.stop());

const STRONG_TAG = /^"[\x21\x23-\x7e]+"$/;

const patch = (client: Client, path: string, body: unknown, ifMatch?: string) =>
  client.request('PATCH', path, { body, headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } });

async function tagOf(client: Client, path: string): Promise<string> {
  const res = await client.get(path);
  expect(res.status, await res.clone().text()).toBe(200);
  const etag = res.headers.get('etag') ?? '';
  expect(etag).toMatch(STRONG_TAG);
  return etag;
}

async function auditsOf(entity: string, entityId: string): Promise<number> {
  return (await scanTable()).filter((item) => item.type === 'audit' && item.entity === entity && item.entityId === entityId).length;
}

/** The same behaviour for both resources; each `change(n)` differs from every other n. */
const resources = [
  {
    name: 'compounds',
    path: '/v1/compounds/c_c',
    audit: ['COMPOUND', 'c_c'],
    change: (n: number) => ({ address: `兰台路${n}号` }),
    version: (body: Record<string, unknown>) => `"v${(body.properties as { version: number }).version}"`,
  },
  {
    name: 'exits',
    path: '/v1/exits/e_d1',
    audit: ['EXIT', 'e_d1'],
    change: (n: number) => ({ status: 'sealed', sealing: { method: 'fence', confirmedAt: new Date(clock - n * 60_000).toISOString() } }),
    version: undefined,
  },
] as const;

describe.each(resources)('If-Match on PATCH of $name', (resource) => {
  let city: Client;
  beforeAll(async () => {
    city = await stack.as('city');
  });

  it('answers a strong ETag on a read, naming the version it read', async () => {
    const res = await city.get(resource.path);
    const body = (await expectStatus(res, 200)) as Record<string, unknown>;
    expect(res.headers.get('etag')).toMatch(STRONG_TAG);
    if (resource.version) expect(res.headers.get('etag')).toBe(resource.version(body));
    // The same version read again has the same tag.
    expect(await tagOf(city, resource.path)).toBe(res.headers.get('etag'));
  });

  it('applies a PATCH made from the current version and answers the new ETag, which a read then gives', async () => {
    const etag = await tagOf(city, resource.path);
    const res = await patch(city, resource.path, resource.change(1), etag);
    await expectStatus(res, 200);
    const next = res.headers.get('etag');
    expect(next).toMatch(STRONG_TAG);
    expect(next).not.toBe(etag);
    expect(await tagOf(city, resource.path)).toBe(next);
  });

  it('refuses a PATCH made from a stale version with 412 and writes nothing, audit included', async () => {
    const stale = await tagOf(city, resource.path);
    await expectStatus(await patch(city, resource.path, resource.change(2), stale), 200);
    const current = await tagOf(city, resource.path);
    const before = await tableFingerprint();
    const res = await patch(city, resource.path, resource.change(3), stale);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = await expectStatus(res, 412);
    expect(problem).toMatchObject({ type: '/problems/precondition-failed', title: 'Precondition failed', status: 412 });
    expect(await tableFingerprint()).toBe(before);
    expect(await tagOf(city, resource.path)).toBe(current);
    // A stale PATCH that would change nothing is refused as well: the client saw another version.
    await expectStatus(await patch(city, resource.path, resource.change(2), stale), 412);
  });

  it('lets exactly one of two PATCHes made from one read land; the other gets 412', async () => {
    const etag = await tagOf(city, resource.path);
    const audits = await auditsOf(resource.audit[0], resource.audit[1]);
    const results = await Promise.all([
      patch(city, resource.path, resource.change(4), etag),
      patch(city, resource.path, resource.change(5), etag),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = results.find((r) => r.status === 200);
    expect(await tagOf(city, resource.path)).toBe(winner?.headers.get('etag'));
    expect(await auditsOf(resource.audit[0], resource.audit[1])).toBe(audits + 1);
  });

  it('takes If-Match: * and a list naming the current version; no If-Match keeps working', async () => {
    await expectStatus(await patch(city, resource.path, resource.change(6), '*'), 200);
    const etag = await tagOf(city, resource.path);
    await expectStatus(await patch(city, resource.path, resource.change(7), `"v0", ${etag}`), 200);
    await expectStatus(await patch(city, resource.path, resource.change(8)), 200);
  });

  it('never matches a weak ETag, and names the header when it is not a list of entity tags', async () => {
    const etag = await tagOf(city, resource.path);
    const before = await tableFingerprint();
    await expectStatus(await patch(city, resource.path, resource.change(9), `W/${etag}`), 412);
    const bad = await expectStatus(await patch(city, resource.path, resource.change(9), 'v1'), 400);
    expect(bad.errors).toEqual([expect.objectContaining({ field: 'headers.if-match' })]);
    expect(await tableFingerprint()).toBe(before);
  });
});

describe('If-Match in the API description', () => {
  it('declares the header and the 412 on both PATCH routes', async () => {
    const doc = (await expectStatus(await stack.anonymous().get('/openapi.json'), 200)) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>>;
    };
    for (const path of ['/v1/compounds/{id}', '/v1/exits/{id}']) {
      const op = doc.paths[path]?.patch;
      expect(op?.parameters).toContainEqual(expect.objectContaining({ name: 'if-match', in: 'header' }));
      expect(Object.keys(op?.responses ?? {})).toContain('412');
    }
  });
});
