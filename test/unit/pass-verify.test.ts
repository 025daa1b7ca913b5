/**
 * The gate's offline pass check (web/src/gate/pass-verify.ts) against the server's signing
 * (functions/platform/pass-signing.ts): a token the server signed verifies on the phone with the
 * key the pass-key route hands out, a one-character change fails as bad_signature, and the
 * phone judges time, revocation and compound as the server's judgePass does.
 */
import { describe, expect, it } from 'vitest';
import { type PassClaims } from '#shared/domain/passes.ts';
import { compoundPassKey, signPass } from '#functions/platform/pass-signing.ts';
import { verifyPassOffline, type KeptPassKey } from '#web/src/gate/pass-verify.ts';

const claims: PassClaims = {
  passId: 'p-001', compoundId: 'c_a', category: 'resident', validFrom: '2026-11-22T08:00:00.000Z', validUntil: '2026-12-06T08:00:00.000Z',
};
const at = '2026-11-23T08:00:00.000Z';
// What GET /v1/exits/{id}/pass-key gives a duty phone of compound c_a.
const kept: KeptPassKey = { compoundId: 'c_a', key: compoundPassKey('c_a').toString('base64url'), revoked: [] };

/** The token with the character at `index` replaced by another of the same alphabet. */
const tamper = (token: string, index: number) => token.slice(0, index) + (token[index] === 'A' ? 'B' : 'A') + token.slice(index + 1);

describe('the gate\'s offline pass check', () => {
  it('verifies a token the server signed with the key the server hands out', () => {
    expect(verifyPassOffline(signPass(claims), kept, at)).toEqual({ claims, judgement: { valid: true } });
  });

  it('answers bad_signature for a one-character change in the MAC or in a field', () => {
    const token = signPass(claims);
    expect(verifyPassOffline(tamper(token, token.length - 3), kept, at).judgement).toEqual({ valid: false, reason: 'bad_signature' });
    // The pass id's last character.
    expect(verifyPassOffline(tamper(token, 'CP1.p-00'.length), kept, at).judgement).toEqual({ valid: false, reason: 'bad_signature' });
    expect(verifyPassOffline('not a pass', kept, at).judgement).toEqual({ valid: false, reason: 'bad_signature' });
  });

  it('fails a token signed under another key', () => {
    const other: KeptPassKey = { ...kept, key: compoundPassKey('c_b').toString('base64url') };
    expect(verifyPassOffline(signPass(claims), other, at).judgement).toEqual({ valid: false, reason: 'bad_signature' });
  });

  it('judges time and the synced revocations as the server does', () => {
    const token = signPass(claims);
    expect(verifyPassOffline(token, kept, '2026-11-21T08:00:00.000Z').judgement).toEqual({ valid: false, reason: 'not_yet_valid' });
    expect(verifyPassOffline(token, kept, '2026-12-07T08:00:00.000Z').judgement).toEqual({ valid: false, reason: 'expired' });
    const revoked = { ...kept, revoked: [{ passId: 'p-001', revokedAt: '2026-11-22T09:00:00.000Z' }] };
    expect(verifyPassOffline(token, revoked, at).judgement).toEqual({ valid: false, reason: 'revoked' });
  });

  it('answers other_compound for another compound\'s pass, whose key the phone does not hold', () => {
    expect(verifyPassOffline(signPass({ ...claims, compoundId: 'c_b' }), kept, at).judgement).toEqual({ valid: false, reason: 'other_compound' });
  });
});
