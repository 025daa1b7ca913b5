import * as z from '#shared/zod.ts';
import { describe, expect, it } from 'vitest';
import { fieldErrors } from '#functions/edge/http.ts';

const Shift = z.union([
  z.strictObject({ person: z.string(), start: z.string() }),
  z.strictObject({ rotation: z.strictObject({ days: z.int().check(z.gte(1)), shiftHours: z.union([z.literal(8), z.literal(12), z.literal(24)]) }) }),
]);
const errorsOf = (schema: z.ZodMiniType, input: unknown) => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return fieldErrors('body', result.error);
};

describe('fieldErrors', () => {
  it('names the field inside the union branch the input was meant for', () => {
    expect(errorsOf(Shift, { rotation: { days: 2, shiftHours: 7 } })).toMatchObject([
      { field: 'body.rotation.shiftHours', message: 'must be one of 8, 12, 24' },
    ]);
    expect(errorsOf(Shift, { rotation: { days: 0, shiftHours: 8 } })).toEqual([
      { field: 'body.rotation.days', message: expect.stringContaining('>=1') },
    ]);
    expect(errorsOf(Shift, { person: 'duty-a' })).toEqual([{ field: 'body.start', message: expect.any(String) }]);
  });

  it('lists unknown keys one by one, and plain issues at their path', () => {
    expect(errorsOf(z.strictObject({ a: z.number() }), { a: 'x', b: 1, c: 2 })).toMatchObject([
      { field: 'body.a', message: expect.any(String) },
      { field: 'body.b', message: 'is not a known field' },
      { field: 'body.c', message: 'is not a known field' },
    ]);
  });
});
