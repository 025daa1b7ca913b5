import { describe, expect, it } from 'vitest';
import { routeHeaders } from '#shared/catalogue/headers.ts';
import { routes, type RouteSpec } from '#shared/catalogue/index.ts';
import { openApiDocument } from '#shared/openapi.ts';
import { requestFingerprint } from '#shared/domain/idempotency.ts';
import { IdempotencyKey } from '#shared/schemas/idempotency.ts';
import { IfMatchHeaders } from '#shared/schemas/preconditions.ts';

describe('requestFingerprint', () => {
  const params = { id: 'cp_1.b_a1' };
  const body = { areas: ['corridor', 'elevator'], note: '一楼', reason: undefined };

  it('is the same for the same request, key order and undefined fields aside', () => {
    const reordered = { note: '一楼', areas: ['corridor', 'elevator'] };
    expect(requestFingerprint({ params, body: reordered })).toBe(requestFingerprint({ params, body }));
    expect(requestFingerprint({ params: { ...params }, body: structuredClone(reordered) })).toBe(requestFingerprint({ params, body }));
  });

  it('tells apart another target, another body, another order of a list', () => {
    const base = requestFingerprint({ params, body });
    expect(requestFingerprint({ params: { id: 'cp_1.b_a2' }, body })).not.toBe(base);
    expect(requestFingerprint({ params, body: { ...body, note: '二楼' } })).not.toBe(base);
    expect(requestFingerprint({ params, body: { ...body, areas: ['elevator', 'corridor'] } })).not.toBe(base);
    expect(requestFingerprint({ params, body: { ...body, extra: null } })).not.toBe(base);
  });

  it('counts a missing body as no body, and an empty one as a body', () => {
    expect(requestFingerprint({ params, body: undefined })).toBe(requestFingerprint({ params, body: null }));
    expect(requestFingerprint({ params, body: {} })).not.toBe(requestFingerprint({ params, body: undefined }));
  });

  it('does not confuse a value moved between params and body', () => {
    expect(requestFingerprint({ params: { id: 'x' }, body: {} })).not.toBe(requestFingerprint({ params: {}, body: { id: 'x' } }));
  });
});

describe('the Idempotency-Key header', () => {
  it.each(['abcd1234', 'claim:cp_1.b_a1:01J9Z3X8', 'a'.repeat(100), 'A-b_c.d:e'])('takes %s', (key) => {
    expect(IdempotencyKey.safeParse(key).success).toBe(true);
  });

  it.each(['short12', 'a'.repeat(101), 'has space1', 'slash/key1', '钥匙钥匙钥匙钥匙', 'new\nline12', ''])('refuses %j', (key) => {
    expect(IdempotencyKey.safeParse(key).success).toBe(false);
  });

  it('is added to the headers an idempotent route reads, beside its own', () => {
    expect(Object.keys(routeHeaders({ idempotent: true })?.shape ?? {})).toEqual(['idempotency-key']);
    expect(Object.keys(routeHeaders({ idempotent: true, headers: IfMatchHeaders })?.shape ?? {})).toEqual(['if-match', 'idempotency-key']);
    expect(routeHeaders({ headers: IfMatchHeaders })).toBe(IfMatchHeaders);
    expect(routeHeaders({})).toBeUndefined();
  });
});

describe('idempotent routes of the catalogue', () => {
  const idempotent = Object.entries(routes as Record<string, RouteSpec>).filter(([, route]) => route.idempotent);

  it('are the field actions a phone resends', () => {
    expect(idempotent.map(([id]) => id).sort()).toEqual(['claimTask', 'completeTask', 'createClockIn', 'extendTask', 'releaseTask']);
  });

  it('are writes behind the token: the key is scoped to the caller', () => {
    for (const [id, route] of idempotent) {
      expect(route.auth, id).toBe('jwt');
      expect(route.method, id).not.toBe('GET');
    }
  });
});

describe('the OpenAPI document', () => {
  const document = openApiDocument({ version: 'test' });
  type Operation = { parameters?: { in: string; name: string; required?: boolean }[]; responses: Record<string, { headers?: Record<string, unknown> }> };
  const post = (path: string) => (document.paths?.[path] as { post: Operation }).post;

  it('documents the optional header, the replay header and the 422 on an idempotent route', () => {
    const claim = post('/v1/tasks/{id}/claim');
    const header = claim.parameters?.find((p) => p.in === 'header' && p.name === 'idempotency-key');
    expect(header).toMatchObject({ schema: { pattern: '^[A-Za-z0-9_.:-]{8,100}$' } });
    expect(header?.required ?? false).toBe(false);
    expect(Object.keys(claim.responses)).toContain('422');
    expect(Object.keys(claim.responses['200']?.headers ?? {})).toEqual(['Idempotent-Replayed']);
  });

  it('leaves other routes as they were', () => {
    const visit = post('/v1/tasks/{id}/visits');
    expect(visit.parameters?.some((p) => p.in === 'header')).toBe(false);
    expect(Object.keys(visit.responses)).not.toContain('422');
  });
});
