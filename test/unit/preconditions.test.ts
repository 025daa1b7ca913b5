import { describe, expect, it } from 'vitest';
import { compoundEtag, exitEtag, IfMatchHeader, ifMatches } from '#shared/schemas/preconditions.ts';

const parse = (value: string) => IfMatchHeader.safeParse(value);

describe('IfMatchHeader', () => {
  it('reads * as any version', () => {
    expect(parse(' * ').data).toEqual({ any: true });
  });

  it('reads a list of strong tags, keeping commas inside a tag and skipping empty elements', () => {
    expect(parse('"v3"').data).toEqual({ any: false, tags: ['"v3"'] });
    expect(parse('"v3", "t2026-11-22T08:00:00.000Z"').data).toEqual({ any: false, tags: ['"v3"', '"t2026-11-22T08:00:00.000Z"'] });
    expect(parse('"a,b"').data).toEqual({ any: false, tags: ['"a,b"'] });
    expect(parse(' , "v3" ,, ').data).toEqual({ any: false, tags: ['"v3"'] });
  });

  it('drops weak tags, which never match If-Match', () => {
    expect(parse('W/"v3"').data).toEqual({ any: false, tags: [] });
    expect(parse('W/"v3", "v4"').data).toEqual({ any: false, tags: ['"v4"'] });
  });

  it('refuses what is not * or a list of entity tags', () => {
    for (const value of ['', 'v3', '"v3', '"v3" "v4"', '*, "v3"', 'w/"v3"', '"v 3"', ',']) {
      const result = parse(value);
      expect(result.success, value).toBe(false);
      expect(result.error?.issues[0]?.message, value).toBe('must be * or a list of entity tags, e.g. "v3"');
    }
  });
});

describe('ifMatches', () => {
  it('compares strongly: the exact tag, or anything for *', () => {
    expect(ifMatches({ any: true }, '"v1"')).toBe(true);
    expect(ifMatches({ any: false, tags: ['"v1"', '"v2"'] }, '"v2"')).toBe(true);
    expect(ifMatches({ any: false, tags: ['"v1"'] }, '"v2"')).toBe(false);
    expect(ifMatches({ any: false, tags: [] }, '"v2"')).toBe(false);
  });
});

describe('item tags', () => {
  it('are strong tags naming the version: a compound\'s counter, an exit\'s updatedAt', () => {
    expect(compoundEtag({ version: 7 })).toBe('"v7"');
    expect(exitEtag({ updatedAt: '2026-11-22T08:00:00.001Z' })).toBe('"t2026-11-22T08:00:00.001Z"');
    // Nothing a tag may not hold gets through, so the tag always parses back.
    const odd = exitEtag({ updatedAt: 'a "b" c' });
    expect(parse(odd).data).toEqual({ any: false, tags: [odd] });
  });
});
