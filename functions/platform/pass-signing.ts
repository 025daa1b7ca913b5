/**
 * Signs and verifies passes' QR tokens (layout in shared/domain/passes.ts). Each compound has its
 * own key, derived from the master secret (PASS_SIGNING_KEY): HMAC-SHA256(master,
 * "cordon-pass/v1/<compoundId>"). A gate fetches only its compound's key while online and checks
 * passes offline with it, so a lost phone can forge passes of one compound at most, never the city's.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { formatPassToken, parsePassToken, passTokenPayload, type PassClaims } from '#shared/domain/passes.ts';
import { config } from './config.ts';

/** Bytes of the HMAC kept in the token: 128 bits, as much as a forger must guess. */
const MAC_BYTES = 16;

function masterKey(): string {
  const key = config().passSigningKey;
  if (!key) throw new Error('PASS_SIGNING_KEY is not set: refusing to sign passes without a secret');
  return key;
}

/** Compounds' pass keys as derived under `derivedUnder`: once per compound, not per pass signed or checked. */
const derived = new Map<string, Buffer>();
let derivedUnder: string | undefined;

/** A compound's pass key: what its gates verify with (and all they can sign). Callers must not change it. */
export function compoundPassKey(compoundId: string): Buffer {
  const master = masterKey();
  if (master !== derivedUnder) {
    derived.clear();
    derivedUnder = master;
  }
  let key = derived.get(compoundId);
  if (!key) {
    key = createHmac('sha256', master).update(`cordon-pass/v1/${compoundId}`).digest();
    derived.set(compoundId, key);
  }
  return key;
}

const macOf = (compoundId: string, payload: string): Buffer =>
  createHmac('sha256', compoundPassKey(compoundId)).update(payload).digest().subarray(0, MAC_BYTES);

/** The exact text a pass's QR code encodes. */
export function signPass(claims: PassClaims): string {
  const payload = passTokenPayload(claims);
  return formatPassToken(payload, macOf(claims.compoundId, payload).toString('base64url'));
}

/** The token's claims (if it is a pass token at all) and whether its MAC holds under its compound's key. */
export function verifyPassToken(text: string): { claims: PassClaims | undefined; signatureOk: boolean } {
  const parsed = parsePassToken(text);
  if (!parsed) return { claims: undefined, signatureOk: false };
  const given = Buffer.from(parsed.mac, 'base64url');
  const expected = macOf(parsed.claims.compoundId, parsed.payload);
  return { claims: parsed.claims, signatureOk: given.length === expected.length && timingSafeEqual(given, expected) };
}
