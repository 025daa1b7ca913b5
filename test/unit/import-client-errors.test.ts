import { describe, expect, it } from 'vitest';
import { ImportRequestError } from '#infra/local/import-client.ts';

describe('ImportRequestError', () => {
  it('says what the parts before the failed one put in, and that sending the file again completes it', () => {
    const before = { imported: 40, updated: 2, rejected: 1, rejects: [{ line: 7, reason: 'name: required' }] };
    const error = new ImportRequestError(503, JSON.stringify({ detail: 'lines 2-10 written' }), 500, before);

    expect(error.message).toContain('answered 503 for the part starting after line 500: lines 2-10 written');
    expect(error.message).toContain('lines up to 500 went in (40 imported, 2 updated, 1 rejected): send the file again');
    expect(error.before).toBe(before);
  });

  it('claims nothing went in when the first part failed', () => {
    const error = new ImportRequestError(400, JSON.stringify({ title: 'Invalid request' }), 1);

    expect(error.message).toMatch(/answered 400 for the part starting after line 1: Invalid request$/);
    expect(error.before.imported).toBe(0);
  });
});
