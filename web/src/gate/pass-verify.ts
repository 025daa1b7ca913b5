/**
 * The gate's own check of a pass (出入证) when the API cannot be reached: the token read with the
 * shared parser (shared/domain/passes.ts), its MAC checked with the compound's pass key the phone
 * fetched while online (pass-keys.ts), and the pass judged by the very rule the server judges by
 * (judgePass), the synced revocation list standing in for the server's stored pass.
 *
 * The MAC is computed with @noble/hashes, not WebCrypto: crypto.subtle exists only in secure
 * contexts, and a duty phone reaching the LAN demo over plain http has none.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { judgePass, parsePassToken, type PassClaims, type PassJudgement } from '#shared/domain/passes.ts';

/** What the gate keeps of its compound's pass key (the API's PassKey, as fetched). */
export interface KeptPassKey {
  readonly compoundId: string;
  /** base64url, as the API gives it. */
  readonly key: string;
  readonly revoked: readonly { readonly passId: string; readonly revokedAt: string }[];
}

/** Bytes of a base64url text. */
export function base64urlBytes(text: string): Uint8Array {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The MAC the server puts on `payload` under a compound's key: the first 16 bytes of HMAC-SHA256. */
export const passMacBytes = (key: Uint8Array, payload: string): Uint8Array =>
  hmac(sha256, key, new TextEncoder().encode(payload)).subarray(0, 16);

/** Equal bytes, compared in time that does not depend on where they differ. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * A scanned or typed pass text judged at an exit of `kept.compoundId` at instant `at`, offline.
 * One difference from the server is unavoidable: the phone holds its own compound's key only, so
 * a token naming another compound cannot have its MAC checked here; it is answered
 * other_compound (the server says so for a genuine one, bad_signature for a forged one) — either
 * way the pass does not admit at this gate.
 */
export function verifyPassOffline(text: string, kept: KeptPassKey, at: string): { claims: PassClaims | undefined; judgement: PassJudgement } {
  const parsed = parsePassToken(text);
  if (!parsed) return { claims: undefined, judgement: judgePass({ claims: undefined, signatureOk: false, compoundId: kept.compoundId, at }) };
  const { claims } = parsed;
  if (claims.compoundId !== kept.compoundId) return { claims, judgement: { valid: false, reason: 'other_compound' } };
  const signatureOk = sameBytes(base64urlBytes(parsed.mac), passMacBytes(base64urlBytes(kept.key), parsed.payload));
  const revocation = kept.revoked.find((r) => r.passId === claims.passId);
  // The card's own validity is all the phone knows; a revocation is the server's stored state it synced.
  const stored = revocation ? { validFrom: claims.validFrom, validUntil: claims.validUntil, revokedAt: revocation.revokedAt } : undefined;
  return { claims, judgement: judgePass({ claims, signatureOk, compoundId: kept.compoundId, at, ...(stored ? { stored } : {}) }) };
}
