import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, type RouteSpec } from '#shared/catalogue/index.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ users: [] });
});
afterAll(() => stack.stop());

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document, served without a token', async () => {
    const res = await stack.anonymous().get('/openapi.json');
    expect(res.status).toBe(200);
    const document = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { operationId: string; security: unknown[] }>> };
    expect(document.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every catalogue route, with a bearer requirement exactly on /v1 routes', async () => {
    const document = (await (await stack.anonymous().get('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { operationId: string; security: unknown[]; responses: Record<string, unknown> }>>;
    };
    for (const [operationId, route] of Object.entries(routes as Record<string, RouteSpec>)) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation?.operationId, `${operationId} ${route.method} ${route.path}`).toBe(operationId);
      expect(operation?.security.length).toBe(route.auth === 'jwt' ? 1 : 0);
      expect(Object.keys(operation?.responses ?? {})).toContain(String(route.response.status));
      if (route.auth === 'jwt') expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['401', '403']));
    }
  });
});
