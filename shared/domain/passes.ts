/**
 * Passes (出入证) as the gate judges them: the text a pass's QR code encodes (a signed token over
 * what the gate must know — pass id, compound, category, validity), how that text is read back,
 * and the judgement of a pass at an exit (valid, or why not). Pure: the MAC itself is computed
 * where the key is (functions/platform/pass-signing.ts on the server; the gate's own copy of its
 * compound's key offline), over the exact text `passTokenPayload` gives.
 *
 * The token: `CP1.<passId>.<compoundId>.<category>.<validFrom>.<validUntil>.<mac>`, times as
 * seconds since the epoch in base 36, the MAC an HMAC-SHA256 truncated to 128 bits, base64url.
 * Ids and categories never hold a ".", so the fields split unambiguously; the whole stays under
 * ~90 characters, a small QR code a phone camera reads at arm's length.
 */
import { PERSON_CATEGORIES, type PersonCategory } from './entries.ts';

/** Version tag of the token layout; a new layout (or key derivation) gets a new tag. */
export const PASS_TOKEN_PREFIX = 'CP1';

/** Returnees get a pass only after 14 days of home health observation (DOMAIN.md, Checkpoints). */
export const RETURNEE_OBSERVATION_DAYS = 14;

/** What the MAC covers: everything the gate decides on, nothing about the holder. */
export interface PassClaims {
  readonly passId: string;
  readonly compoundId: string;
  readonly category: PersonCategory;
  /** ISO instants, to the second (the token keeps seconds). */
  readonly validFrom: string;
  readonly validUntil: string;
}

export const PASS_CHECK_REASONS = ['expired', 'revoked', 'other_compound', 'not_yet_valid', 'bad_signature'] as const;
export type PassCheckReason = (typeof PASS_CHECK_REASONS)[number];

export type PassJudgement = { readonly valid: true } | { readonly valid: false; readonly reason: PassCheckReason };

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000).toString(36);
const instant = (base36: string) => {
  const s = Number.parseInt(base36, 36);
  return /^[0-9a-z]{1,10}$/.test(base36) && Number.isSafeInteger(s) ? new Date(s * 1000).toISOString() : undefined;
};
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAC = /^[A-Za-z0-9_-]{22}$/;

/** Instants as the token keeps them (whole seconds), so a stored pass and its token compare equal. */
export const toTokenSecond = (iso: string): string => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString();

/** The signed part of the token: the exact text the MAC is computed over. */
export const passTokenPayload = (claims: PassClaims): string =>
  [PASS_TOKEN_PREFIX, claims.passId, claims.compoundId, claims.category, seconds(claims.validFrom), seconds(claims.validUntil)].join('.');

/** The token: payload and its MAC (base64url of the first 16 bytes of the HMAC). */
export const formatPassToken = (payload: string, mac: string): string => `${payload}.${mac}`;

/**
 * The token read back: its claims, the payload to check the MAC over, and the MAC given; or
 * undefined when the text is no pass token at all (which the gate reports as a bad signature).
 */
export function parsePassToken(text: string): { claims: PassClaims; payload: string; mac: string } | undefined {
  const parts = text.trim().split('.');
  if (parts.length !== 7) return undefined;
  const [prefix, passId, compoundId, category, from, until, mac] = parts as [string, string, string, string, string, string, string];
  if (prefix !== PASS_TOKEN_PREFIX || !ID.test(passId) || !ID.test(compoundId) || !MAC.test(mac)) return undefined;
  if (!(PERSON_CATEGORIES as readonly string[]).includes(category)) return undefined;
  const validFrom = instant(from);
  const validUntil = instant(until);
  if (!validFrom || !validUntil) return undefined;
  return { claims: { passId, compoundId, category: category as PersonCategory, validFrom, validUntil }, payload: parts.slice(0, 6).join('.'), mac };
}

/**
 * A pass at an exit of `compoundId` at instant `at`. `signatureOk` says whether the MAC held;
 * `stored` is the pass as the server knows it (absent offline, where the gate's synced list of
 * revocations stands in for it). A pass renewed or shortened since its card was printed is judged
 * by the narrower of the card's and the stored validity. Order: a forged text says nothing
 * trustworthy, so bad_signature first; then a pass of another compound; then revocation, then time.
 */
export function judgePass(input: {
  readonly claims: PassClaims | undefined;
  readonly signatureOk: boolean;
  readonly compoundId: string;
  readonly at: string;
  readonly stored?: { readonly validFrom: string; readonly validUntil: string; readonly revokedAt?: string } | 'missing';
}): PassJudgement {
  const { claims, stored } = input;
  if (!claims || !input.signatureOk) return { valid: false, reason: 'bad_signature' };
  if (claims.compoundId !== input.compoundId) return { valid: false, reason: 'other_compound' };
  // A signed pass the server no longer holds was withdrawn: the same answer as a revocation.
  if (stored === 'missing' || stored?.revokedAt !== undefined) return { valid: false, reason: 'revoked' };
  const at = Date.parse(input.at);
  const from = Math.max(Date.parse(claims.validFrom), stored ? Date.parse(toTokenSecond(stored.validFrom)) : -Infinity);
  const until = Math.min(Date.parse(claims.validUntil), stored ? Date.parse(toTokenSecond(stored.validUntil)) : Infinity);
  if (at < from) return { valid: false, reason: 'not_yet_valid' };
  if (at > until) return { valid: false, reason: 'expired' };
  return { valid: true };
}

/** When a returnee's observation ends: a pass may be issued from then on. */
export const observationEnds = (returnedAt: string): string =>
  new Date(Date.parse(returnedAt) + RETURNEE_OBSERVATION_DAYS * 24 * 60 * 60 * 1000).toISOString();

/** Whether a pass may be issued at `at` to someone who returned at `returnedAt` (none: no observation). */
export const observationOver = (returnedAt: string | undefined, at: string): boolean =>
  returnedAt === undefined || Date.parse(observationEnds(returnedAt)) <= Date.parse(at);
