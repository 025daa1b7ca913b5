/**
 * Residents' links (shared/domain/links.ts, functions/platform/link-signing.ts): a token issued
 * for a subject and purpose verifies for that purpose only, until its expiry; a one-character
 * change or another key fails as `bad`; issuing again gives a new token; the stored hash is not
 * the token; paths that carry a token are redacted for logs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { judgeLink, maskLinkTokens, parseLinkToken, redactLinkPath, type LinkRecord } from '#shared/domain/links.ts';
import { resetConfig } from '#functions/platform/config.ts';
import { issueLink, linkHash, verifyLink } from '#functions/platform/link-signing.ts';
import { withheldFromLogs } from '#functions/platform/logger.ts';

const expiresAt = '2026-12-21T16:00:00.000Z';
const at = '2026-12-07T01:00:00.000Z';
const tamper = (token: string, index: number) => token.slice(0, index) + (token[index] === 'A' ? 'B' : 'A') + token.slice(index + 1);

afterEach(() => {
  delete process.env.LINK_SIGNING_KEY;
  resetConfig();
});

describe('resident links', () => {
  it('verifies for its subject and purpose until its expiry, compact enough for a QR', () => {
    const { token, hash } = issueLink({ subjectId: 'pe_0123456789abcdef', purpose: 'report', expiresAt });
    expect(token.length).toBeLessThan(90);
    expect(token).toMatch(/^R1\.r\.pe_0123456789abcdef\.[0-9a-z]+\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{22}$/);
    expect(verifyLink(token, 'report', at)).toEqual({ ok: true, subjectId: 'pe_0123456789abcdef' });
    expect(verifyLink(token, 'report', '2026-12-21T16:00:01.000Z')).toEqual({ ok: false, reason: 'expired' });
    expect(hash).toBe(linkHash(token));
    expect(hash).not.toContain(token.split('.').at(-1));
  });

  it('is useless for another purpose', () => {
    const { token } = issueLink({ subjectId: 'pe_1', purpose: 'report', expiresAt });
    expect(verifyLink(token, 'order', at)).toEqual({ ok: false, reason: 'wrong_purpose' });
    // Relabelling the purpose letter breaks the MAC (the key is per purpose, and the letter is signed).
    expect(verifyLink(token.replace(/^R1\.r\./, 'R1.o.'), 'order', at)).toEqual({ ok: false, reason: 'bad' });
  });

  it('answers bad for a changed character, a changed expiry, garbage, or another key', () => {
    const { token } = issueLink({ subjectId: 'pe_1', purpose: 'report', expiresAt });
    expect(verifyLink(tamper(token, token.length - 2), 'report', at)).toEqual({ ok: false, reason: 'bad' });
    expect(verifyLink(tamper(token, 'R1.r.pe_'.length), 'report', at)).toEqual({ ok: false, reason: 'bad' });
    const parts = token.split('.');
    parts[3] = (Number.parseInt(parts[3]!, 36) + 86_400).toString(36);
    expect(verifyLink(parts.join('.'), 'report', at)).toEqual({ ok: false, reason: 'bad' });
    expect(verifyLink('not-a-token', 'report', at)).toEqual({ ok: false, reason: 'bad' });
    expect(parseLinkToken('R1.x.pe_1.abc.AAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA')).toBeUndefined();
    process.env.LINK_SIGNING_KEY = 'another-key';
    resetConfig();
    expect(verifyLink(token, 'report', at)).toEqual({ ok: false, reason: 'bad' });
  });

  it('gives a new token each time it is issued', () => {
    const a = issueLink({ subjectId: 'pe_1', purpose: 'report', expiresAt });
    const b = issueLink({ subjectId: 'pe_1', purpose: 'report', expiresAt });
    expect(a.token).not.toBe(b.token);
    expect(a.hash).not.toBe(b.hash);
  });

  it('refuses a subject id a token cannot carry', () => {
    expect(() => issueLink({ subjectId: 'a.b', purpose: 'report', expiresAt })).toThrow(/cannot be carried/);
  });

  it('judges the stored record: unknown, revoked, shortened, another subject', () => {
    const { token, hash } = issueLink({ subjectId: 'pe_1', purpose: 'report', expiresAt });
    const claims = parseLinkToken(token)!.claims;
    const record: LinkRecord = { hash, subjectId: 'pe_1', purpose: 'report', validUntil: expiresAt, issuedAt: at };
    const judge = (r: LinkRecord | undefined, when = at) => judgeLink({ claims, signatureOk: true, purpose: 'report', at: when, record: r });
    expect(judge(record)).toEqual({ ok: true, subjectId: 'pe_1' });
    expect(judge(undefined)).toEqual({ ok: false, reason: 'unknown' });
    expect(judge({ ...record, revokedAt: at })).toEqual({ ok: false, reason: 'revoked' });
    expect(judge({ ...record, validUntil: '2026-12-07T00:00:00.000Z' })).toEqual({ ok: false, reason: 'expired' });
    expect(judge({ ...record, subjectId: 'pe_2' })).toEqual({ ok: false, reason: 'bad' });
  });

  it('keeps tokens out of logged paths', () => {
    expect(redactLinkPath('/public/reports/R1.r.pe_1.abc.AAAAAAAA.BBBB')).toBe('/public/reports/{token}');
    expect(redactLinkPath('/r/R1.r.pe_1.abc')).toBe('/r/{token}');
    expect(redactLinkPath('/v1/people/pe_1')).toBe('/v1/people/pe_1');
    expect(redactLinkPath('/public/orders/R1.o.habc.abc.AAAAAAAA.BBBB/or_1/collect')).toBe('/public/orders/{token}/or_1/collect');
    expect(redactLinkPath('/h/R1.o.habc')).toBe('/h/{token}');
    expect(redactLinkPath('/v1/household-links/revoke')).toBe('/v1/household-links/revoke');
    const { token } = issueLink({ subjectId: 'pe_1', purpose: 'report', expiresAt });
    expect(maskLinkTokens(`opened https://x.cn/r/${token}?a=1 twice`)).toBe('opened https://x.cn/r/{token}?a=1 twice');
    expect(withheldFromLogs('rawPath', `/public/reports/${token}`)).toBe('/public/reports/{token}');
    expect(withheldFromLogs('token', token)).toBe('[withheld]');
    expect(withheldFromLogs('message', `bad ${token}`)).toBe('bad {token}');
  });
});
