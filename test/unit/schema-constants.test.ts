/**
 * The zod-free constants (shared/schemas/constants.ts) that stores read instead of the schema
 * modules, so that a function with no schema of its own carries no zod: each names exactly what
 * its schema checks.
 */
import { describe, expect, it } from 'vitest';
import { RESPONSIBILITY_ROLES } from '#shared/schemas/constants.ts';
import { ResponsibilityPut } from '#shared/schemas/sealing.ts';

describe('schema constants', () => {
  it('name the responsibility list\'s roles as its schema\'s keys, in the order the notice posts them', () => {
    expect([...RESPONSIBILITY_ROLES]).toEqual(Object.keys(ResponsibilityPut.shape));
  });
});
