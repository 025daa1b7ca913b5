/**
 * Passes' QR tokens and their judgement (shared/domain/passes.ts), with the server's signing
 * (functions/platform/pass-signing.ts): round trips, tampering, the order of reasons, a
 * validity narrowed since printing, and a returnee's 14 days.
 */
import { describe, expect, it } from 'vitest';
import { judgePass, observationOver, parsePassToken, passTokenPayload, RETURNEE_OBSERVATION_DAYS, type PassClaims } from '#shared/domain/passes.ts';
import { compoundPassKey, signPass, verifyPassToken } from '#functions/platform/pass-signing.ts';

const claims: PassClaims = {
  passId: 'p-001', compoundId: 'c_a', category: 'medical', validFrom: '2026-11-22T08:00:00.000Z', validUntil: '2026-12-06T08:00:00.000Z',
};
const at = '2026-11-23T08:00:00.000Z';

describe('the pass token', () => {
  it('reads back the claims it was signed over, short enough for a small QR code', () => {
    const token = signPass(claims);
    expect(token.length).toBeLessThan(90);
    expect(parsePassToken(token)?.claims).toEqual(claims);
    expect(parsePassToken(token)?.payload).toBe(passTokenPayload(claims));
    expect(verifyPassToken(token)).toEqual({ claims, signatureOk: true });
  });

  it('fails its signature when any field or the MAC is changed', () => {
    const token = signPass(claims);
    const parts = token.split('.');
    for (const [index, value] of [[1, 'p-002'], [2, 'c_b'], [3, 'resident'], [5, 'zzzzzz'], [6, 'A'.repeat(22)]] as const) {
      const changed = parts.map((part, i) => (i === index ? value : part)).join('.');
      expect(verifyPassToken(changed).signatureOk, `field ${index}`).toBe(false);
    }
  });

  it('is no token at all when malformed', () => {
    for (const text of ['', 'CP1', 'CP2.p.c.medical.1.2.AAAAAAAAAAAAAAAAAAAAAA', 'CP1.p.c.alien.1.2.AAAAAAAAAAAAAAAAAAAAAA', 'CP1.p.c.medical.1.2.short', 'CP1.p x.c.medical.1.2.AAAAAAAAAAAAAAAAAAAAAA']) {
      expect(parsePassToken(text), text).toBeUndefined();
      expect(verifyPassToken(text)).toEqual({ claims: undefined, signatureOk: false });
    }
  });

  it('is signed under a key of its own compound', () => {
    expect(compoundPassKey('c_a').equals(compoundPassKey('c_b'))).toBe(false);
    expect(compoundPassKey('c_a').equals(compoundPassKey('c_a'))).toBe(true);
  });
});

describe('judging a pass', () => {
  const judge = (extra: Partial<Parameters<typeof judgePass>[0]> = {}) => judgePass({ claims, signatureOk: true, compoundId: 'c_a', at, ...extra });

  it('admits a signed pass of the compound within its validity, to its last second', () => {
    expect(judge()).toEqual({ valid: true });
    expect(judge({ at: claims.validUntil })).toEqual({ valid: true });
    expect(judge({ at: claims.validFrom })).toEqual({ valid: true });
  });

  it('says why not, a bad signature before anything the text claims', () => {
    expect(judge({ signatureOk: false, compoundId: 'c_b' })).toEqual({ valid: false, reason: 'bad_signature' });
    expect(judge({ claims: undefined })).toEqual({ valid: false, reason: 'bad_signature' });
    expect(judge({ compoundId: 'c_b', stored: { ...claims, revokedAt: at } })).toEqual({ valid: false, reason: 'other_compound' });
    expect(judge({ stored: { ...claims, revokedAt: at }, at: '2027-01-01T00:00:00.000Z' })).toEqual({ valid: false, reason: 'revoked' });
    expect(judge({ stored: 'missing' })).toEqual({ valid: false, reason: 'revoked' });
    expect(judge({ at: '2026-12-06T08:00:01.000Z' })).toEqual({ valid: false, reason: 'expired' });
    expect(judge({ at: '2026-11-22T07:59:59.000Z' })).toEqual({ valid: false, reason: 'not_yet_valid' });
  });

  it('takes the narrower of the card\'s and the stored validity', () => {
    expect(judge({ stored: { validFrom: claims.validFrom, validUntil: '2026-11-23T00:00:00.000Z' } })).toEqual({ valid: false, reason: 'expired' });
    expect(judge({ stored: { validFrom: '2026-11-24T00:00:00.000Z', validUntil: '2027-01-01T00:00:00.000Z' } })).toEqual({ valid: false, reason: 'not_yet_valid' });
    expect(judge({ stored: { validFrom: '2026-01-01T00:00:00.000Z', validUntil: '2027-01-01T00:00:00.000Z' }, at: '2026-12-07T00:00:00.000Z' })).toEqual({ valid: false, reason: 'expired' });
  });
});

describe('a returnee\'s observation', () => {
  it('lasts 14 days from the return', () => {
    expect(RETURNEE_OBSERVATION_DAYS).toBe(14);
    expect(observationOver(undefined, at)).toBe(true);
    expect(observationOver('2026-11-09T08:00:00.000Z', at)).toBe(true);
    expect(observationOver('2026-11-09T08:00:01.000Z', at)).toBe(false);
  });
});
