import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  functionAccess, queues, routes, schedules, type QueueSpec, type RouteSpec,
} from '#shared/catalogue/index.ts';
import { parseScheduleExpression } from '#infra/local/schedule-expression.ts';

const root = path.resolve(import.meta.dirname, '../..');
const moduleExists = (folder: string, name: string) => existsSync(path.join(root, 'functions', folder, `${name}.ts`));

describe('the routes', () => {
  const entries = Object.entries(routes as Record<string, RouteSpec>);

  it('are unique by method and path', () => {
    const keys = entries.map(([, r]) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('join every routes/<resource>.ts file without an operation id declared twice', async () => {
    const folder = path.join(root, 'shared/catalogue/routes');
    const groups = await Promise.all(readdirSync(folder).map(async (file) =>
      Object.values(await import(path.join(folder, file)) as Record<string, object>)));
    const declared = groups.flat().flatMap((group) => Object.keys(group));
    expect(declared.sort()).toEqual(Object.keys(routes).sort());
  });

  it('name handler modules that exist, except the local identity routes', () => {
    for (const [id, route] of entries) {
      if (route.auth === 'local') continue;
      expect(moduleExists('api', route.resource), `${id} → functions/api/${route.resource}.ts`).toBe(true);
    }
  });

  it('declare a schema for every path parameter, and roles exactly on /v1 routes', () => {
    for (const [id, route] of entries) {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(Object.keys(route.params?.shape ?? {}).sort(), id).toEqual(names.sort());
      expect(route.path.startsWith('/v1/'), id).toBe(route.auth === 'jwt');
      expect((route.roles?.length ?? 0) > 0, id).toBe(route.auth === 'jwt');
    }
  });
});

describe('the queues', () => {
  it.each(Object.entries(queues as Record<string, QueueSpec>))('%s fits SQS and Lambda limits', (_, spec) => {
    expect(moduleExists('workers', spec.consumer)).toBe(true);
    expect(spec.batchSize).toBeGreaterThanOrEqual(1);
    // Above 10 SQS needs a batching window.
    expect(spec.batchSize).toBeLessThanOrEqual((spec.maxBatchingWindowSeconds ?? 0) > 0 ? 10_000 : 10);
    expect(spec.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(1);
    expect(spec.visibilityTimeoutSeconds).toBeLessThanOrEqual(43_200);
    expect(spec.maxReceiveCount).toBeGreaterThanOrEqual(1);
    expect(spec.maxReceiveCount).toBeLessThanOrEqual(1000);
    if (spec.maxConcurrency !== undefined) expect(spec.maxConcurrency).toBeGreaterThanOrEqual(2);
    if (spec.maxBatchingWindowSeconds !== undefined) expect(spec.maxBatchingWindowSeconds).toBeLessThanOrEqual(300);
  });
});

describe('the schedules', () => {
  it.each(Object.entries(schedules))('%s has a valid expression and a job module', (_, spec) => {
    expect(() => parseScheduleExpression(spec.expression)).not.toThrow();
    expect(moduleExists('jobs', spec.job)).toBe(true);
  });
});

describe('the function access list', () => {
  const deployed = {
    api: Object.values(routes as Record<string, RouteSpec>).filter((r) => r.auth !== 'local').map((r) => r.resource),
    workers: Object.values(queues as Record<string, QueueSpec>).map((q) => q.consumer),
    jobs: Object.values(schedules).map((s) => s.job),
  };

  it.each(Object.entries(deployed))('names every %s module of the catalogue and no other', (kind, names) => {
    const listed = Object.keys(functionAccess[kind as keyof typeof functionAccess]);
    expect(listed.sort()).toEqual([...new Set(names)].sort());
  });
});
