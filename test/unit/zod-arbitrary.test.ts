/**
 * The schema-driven generator the route fuzz stands on (test/support/zod-arbitrary.ts): what
 * `valid` makes parses, what `mutated` makes does not, for every JSON body of the catalogue and
 * for a schema that uses each kind of node the generator reads.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from '#shared/zod.ts';
import { routes } from '#shared/catalogue/routes.ts';
import type { RouteSpec } from '#shared/catalogue/types.ts';
import { CompoundCreate } from '#shared/schemas/compound.ts';
import { hasRefinements, mutated, valid } from '../support/zod-arbitrary.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
// A fixed seed in `npm test` (the generator is checked for the code it was given); `npm run fuzz` draws anew.
const SEED = process.env.FUZZ_SEED ?? '20261206';
const runs = (numRuns: number) => ({ numRuns, ...(SEED === 'random' ? {} : { seed: Number(SEED) }) });

/** Every issue comes from a refinement (code custom), or is a union whose some option failed only those. */
function onlyRefinements(issues: readonly z.core.$ZodIssue[]): boolean {
  return issues.every((issue) => issue.code === 'custom'
    || (issue.code === 'invalid_union' && issue.errors.some((option) => option.length > 0 && onlyRefinements(option))));
}

const Kitchen = z.strictObject({
  id: z.uuid(),
  at: z.iso.datetime({ offset: true }),
  utc: z.iso.datetime(),
  day: z.iso.date(),
  n: z.int().check(z.gte(-3), z.lte(7)),
  open: z.number().check(z.gt(0), z.lt(1)),
  label: z.string().check(z.trim(), z.minLength(2), z.maxLength(5)),
  code: z.string().check(z.regex(/^[A-Z]{2}\d{3}$/)),
  kind: z.enum(['a', 'b']),
  eight: z.union([z.literal(8), z.literal(12)]),
  pair: z.tuple([z.string(), z.number()]),
  rest: z.tuple([z.boolean()], z.number()),
  list: z.array(z.boolean()).check(z.minLength(1), z.maxLength(3)),
  maybe: z.nullable(z.string()),
  opt: z.optional(z.number()),
  flag: z._default(z.boolean(), true),
  tags: z.record(z.string(), z.int()),
  shape: z.discriminatedUnion('t', [z.strictObject({ t: z.literal('p'), x: z.number() }), z.strictObject({ t: z.literal('q') })]),
  either: z.union([z.string().check(z.minLength(3)), z.number()]),
  piped: z.pipe(z.string().check(z.maxLength(4)), z.transform((s) => s.length)),
  nested: z.lazy(() => z.array(z.number().check(z.nonnegative())).check(z.maxLength(2))),
  loose: z.object({ a: z.string() }),
});

const bodies = Object.entries(routes as Record<string, RouteSpec>)
  .flatMap(([operationId, route]) => (route.body?.kind === 'json' ? [{ operationId, schema: route.body.schema }] : []));

describe('valid(schema)', () => {
  it('makes values every node of a schema takes', () => {
    fc.assert(fc.property(valid(Kitchen), (value) => {
      expect(Kitchen.safeParse(value).error?.issues).toBeUndefined();
    }), runs(RUNS * 4));
  });

  for (const { operationId, schema } of bodies) {
    const refined = hasRefinements(schema);
    it(`makes ${operationId} bodies that parse${refined ? ' or fail only a refinement (the schema has refinements or transforms)' : ''}`, () => {
      fc.assert(fc.property(valid(schema), (value) => {
        const result = schema.safeParse(value);
        if (!result.success) expect(refined && onlyRefinements(result.error.issues), JSON.stringify(result.error.issues)).toBe(true);
      }), runs(RUNS));
      // Refinements aside (closed rings, "a geometry or a location"), some values must get through,
      // or the fuzz would never reach a handler. A fixed seed keeps the count from being luck.
      const parsed = fc.sample(valid(schema), { numRuns: 200, seed: 13 }).filter((v) => schema.safeParse(v).success);
      expect(parsed.length).toBeGreaterThanOrEqual(refined ? 10 : 200);
    });
  }
});

describe('mutated(schema)', () => {
  it('makes values a schema of every kind of node refuses', () => {
    fc.assert(fc.property(mutated(Kitchen), (value) => {
      expect(Kitchen.safeParse(value).success).toBe(false);
    }), runs(RUNS * 4));
  });

  for (const { operationId, schema } of bodies) {
    it(`makes ${operationId} bodies that never parse`, () => {
      fc.assert(fc.property(mutated(schema), (value) => {
        expect(schema.safeParse(value).success).toBe(false);
      }), runs(RUNS));
    });
  }

  it('breaks every kind of rule: type, required and unknown keys, bounds, lengths, formats, members', () => {
    const codes = new Set<string>();
    for (const value of fc.sample(mutated(CompoundCreate), 500)) {
      for (const issue of CompoundCreate.safeParse(value).error?.issues ?? []) codes.add(issue.code);
    }
    for (const code of ['invalid_type', 'unrecognized_keys', 'too_big', 'too_small', 'invalid_format', 'invalid_value']) {
      expect(codes).toContain(code);
    }
  });

  it('makes one thing wrong: every issue of a mutated value is at one place', () => {
    const Two = z.strictObject({ a: z.int().check(z.gte(0), z.lte(9)), b: z.enum(['x', 'y']), c: z.array(z.string().check(z.maxLength(2))).check(z.maxLength(3)) });
    for (const value of fc.sample(mutated(Two), 300)) {
      const paths = new Set(Two.safeParse(value).error?.issues.map((issue) => issue.path.join('.')));
      expect(paths.size).toBe(1);
    }
  });
});
