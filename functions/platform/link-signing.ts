/**
 * Signs and verifies residents' link tokens (layout and judgement in shared/domain/links.ts). Each
 * purpose has its own key, derived from the master secret (LINK_SIGNING_KEY):
 * HMAC-SHA256(master, "cordon-link/v1/<purpose>"), so a report link can never open an order page
 * even if the layout were misread. The server keeps only a token's hash (`linkHash`): a leaked
 * table shows no usable link, and a link can still be looked up and revoked by its token.
 * Tokens are never logged (the edge logs redactLinkPath of the path).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  formatLinkToken, judgeLink, linkableId, linkTokenPayload, LINK_NONCE_LENGTH, parseLinkToken,
  type LinkClaims, type LinkJudgement, type LinkPurpose,
} from '#shared/domain/links.ts';
import { config } from './config.ts';

/** Bytes of the HMAC kept in the token: 128 bits, as much as a forger must guess. */
const MAC_BYTES = 16;

function purposeKey(purpose: LinkPurpose): Buffer {
  const master = config().linkSigningKey;
  if (!master) throw new Error('LINK_SIGNING_KEY is not set: refusing to sign links without a secret');
  return createHmac('sha256', master).update(`cordon-link/v1/${purpose}`).digest();
}

const macOf = (purpose: LinkPurpose, payload: string): Buffer =>
  createHmac('sha256', purposeKey(purpose)).update(payload).digest().subarray(0, MAC_BYTES);

/** What names a link record: SHA-256 of the token, base64url. The token itself is never stored. */
export const linkHash = (token: string): string => createHash('sha256').update(token.trim()).digest('base64url');

/**
 * A new token for `subjectId` and `purpose`, valid until `expiresAt` (to the second), and its hash.
 * The nonce is random; only the local demo seed gives one, so its printed links survive a restart.
 */
export function issueLink(input: { subjectId: string; purpose: LinkPurpose; expiresAt: string; nonce?: string }): { token: string; hash: string; claims: LinkClaims } {
  if (!linkableId(input.subjectId)) throw new Error(`subject id ${JSON.stringify(input.subjectId)} cannot be carried in a link`);
  const nonce = input.nonce ?? randomBytes(LINK_NONCE_LENGTH).toString('base64url').slice(0, LINK_NONCE_LENGTH);
  const validUntil = new Date(Math.floor(Date.parse(input.expiresAt) / 1000) * 1000).toISOString();
  const claims: LinkClaims = { purpose: input.purpose, subjectId: input.subjectId, validUntil, nonce };
  const payload = linkTokenPayload(claims);
  const token = formatLinkToken(payload, macOf(input.purpose, payload).toString('base64url'));
  return { token, hash: linkHash(token), claims };
}

/** The token's claims (if it is a link token at all) and whether its MAC holds under its purpose's key. */
export function checkLinkSignature(token: string): { claims: LinkClaims | undefined; signatureOk: boolean } {
  const parsed = parseLinkToken(token);
  if (!parsed) return { claims: undefined, signatureOk: false };
  const given = Buffer.from(parsed.mac, 'base64url');
  const expected = macOf(parsed.claims.purpose, parsed.payload);
  return { claims: parsed.claims, signatureOk: given.length === expected.length && timingSafeEqual(given, expected) };
}

/**
 * A token judged for `purpose` at `at` on its own (signature, purpose, expiry), before any
 * record is read: the subject, or why not. The store's resolveLink adds revocation.
 */
export function verifyLink(token: string, purpose: LinkPurpose, at: string): LinkJudgement {
  const { claims, signatureOk } = checkLinkSignature(token);
  return judgeLink({ claims, signatureOk, purpose, at, record: 'not_looked_up' });
}
