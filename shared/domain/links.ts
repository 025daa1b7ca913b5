/**
 * Links for residents without accounts (DESIGN.md, "Links"): the report link of a person under
 * observation (`/r/<token>`) and the household's order link (`/h/<token>`). One token design for all, pure
 * here: the layout, how it is read back, and the judgement of a link (usable, or why not). The
 * MAC is computed where the key is (functions/platform/link-signing.ts); the link record (only the
 * token's hash, the subject, purpose, validity, revocation) is kept by functions/stores/link-store.ts.
 *
 * The token: `R1.<purpose>.<subjectId>.<validUntil>.<nonce>.<mac>` — the purpose as one letter
 * (so a token for one purpose is useless for any other: the MAC covers it and the key is derived
 * per purpose), the expiry as seconds since the epoch in base 36, a random nonce so that issuing
 * again gives a new token (the old one can be revoked on its own), and an HMAC-SHA256 truncated to
 * 128 bits, base64url. About 70 characters: a small QR code, and not guessable.
 */

/** Version tag of the layout; a new layout (or key derivation) gets a new tag. */
export const LINK_TOKEN_PREFIX = 'R1';

/** What a link may be used for, and the letter the token carries for it. */
export const LINK_PURPOSES = { report: 'r', order: 'o' } as const;
export type LinkPurpose = keyof typeof LINK_PURPOSES;

/** Why a link cannot be used: not a token of ours (or forged), another purpose's, past its expiry, revoked, unknown to the server. */
export const LINK_REFUSALS = ['bad', 'wrong_purpose', 'expired', 'revoked', 'unknown'] as const;
export type LinkRefusal = (typeof LINK_REFUSALS)[number];

export interface LinkClaims {
  readonly purpose: LinkPurpose;
  readonly subjectId: string;
  /** ISO instant, to the second (the token keeps seconds). */
  readonly validUntil: string;
  readonly nonce: string;
}

/** Characters of the nonce: 8 base64url characters, 48 random bits (the MAC, not the nonce, makes it unguessable). */
export const LINK_NONCE_LENGTH = 8;

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const NONCE = new RegExp(`^[A-Za-z0-9_-]{${LINK_NONCE_LENGTH}}$`);
const MAC = /^[A-Za-z0-9_-]{22}$/;

const purposeOfLetter = (letter: string): LinkPurpose | undefined =>
  (Object.entries(LINK_PURPOSES) as [LinkPurpose, string][]).find(([, l]) => l === letter)?.[0];

/** The signed part of the token: the exact text the MAC is computed over. */
export const linkTokenPayload = (claims: LinkClaims): string =>
  [LINK_TOKEN_PREFIX, LINK_PURPOSES[claims.purpose], claims.subjectId, Math.floor(Date.parse(claims.validUntil) / 1000).toString(36), claims.nonce].join('.');

/** The token: payload and its MAC (base64url of the first 16 bytes of the HMAC). */
export const formatLinkToken = (payload: string, mac: string): string => `${payload}.${mac}`;

/** Whether a subject id can be carried in a token (ids never hold a "."). */
export const linkableId = (id: string): boolean => ID.test(id);

/** The token read back, or undefined when the text is no link token at all. */
export function parseLinkToken(text: string): { claims: LinkClaims; payload: string; mac: string } | undefined {
  const parts = text.trim().split('.');
  if (parts.length !== 6) return undefined;
  const [prefix, letter, subjectId, until, nonce, mac] = parts as [string, string, string, string, string, string];
  const purpose = purposeOfLetter(letter);
  if (prefix !== LINK_TOKEN_PREFIX || !purpose || !ID.test(subjectId) || !NONCE.test(nonce) || !MAC.test(mac)) return undefined;
  const seconds = Number.parseInt(until, 36);
  if (!/^[0-9a-z]{1,10}$/.test(until) || !Number.isSafeInteger(seconds)) return undefined;
  return { claims: { purpose, subjectId, validUntil: new Date(seconds * 1000).toISOString(), nonce }, payload: parts.slice(0, 5).join('.'), mac };
}

/** A link record as the server keeps it (only the token's hash names it). */
export interface LinkRecord {
  readonly hash: string;
  readonly subjectId: string;
  readonly purpose: LinkPurpose;
  readonly validUntil: string;
  readonly issuedAt: string;
  readonly revokedAt?: string;
}

export type LinkJudgement = { readonly ok: true; readonly subjectId: string } | { readonly ok: false; readonly reason: LinkRefusal };

/**
 * A link used for `purpose` at `at`. Order: a forged text says nothing, so `bad` first; then
 * another purpose's; then what the server knows (no record: `unknown`; revoked); then time. The
 * record's own validity stands over the token's (a record is the narrower if it was ever shortened).
 */
export function judgeLink(input: {
  readonly claims: LinkClaims | undefined;
  readonly signatureOk: boolean;
  readonly purpose: LinkPurpose;
  readonly at: string;
  readonly record: LinkRecord | undefined | 'not_looked_up';
}): LinkJudgement {
  const { claims, record } = input;
  if (!claims || !input.signatureOk) return { ok: false, reason: 'bad' };
  if (claims.purpose !== input.purpose) return { ok: false, reason: 'wrong_purpose' };
  if (record === undefined) return { ok: false, reason: 'unknown' };
  if (record !== 'not_looked_up' && (record.subjectId !== claims.subjectId || record.purpose !== claims.purpose)) return { ok: false, reason: 'bad' };
  if (record !== 'not_looked_up' && record.revokedAt !== undefined) return { ok: false, reason: 'revoked' };
  const until = Math.min(Date.parse(claims.validUntil), record !== 'not_looked_up' ? Date.parse(record.validUntil) : Infinity);
  if (Date.parse(input.at) > until) return { ok: false, reason: 'expired' };
  return { ok: true, subjectId: claims.subjectId };
}

/** The path of a report link in the web app (printed under its QR code). */
export const reportLinkPath = (token: string): string => `/r/${token}`;

/** The path of a household's order link in the web app (printed on its door slip). */
export const householdLinkPath = (token: string): string => `/h/${token}`;

/** Any link token inside a text (a logged event, an error quoting its input), replaced: what a logger passes every string through. */
const TOKEN_IN_TEXT = new RegExp(`\\b${LINK_TOKEN_PREFIX}\\.[a-z]\\.[A-Za-z0-9_-]{1,64}\\.[0-9a-z]{1,10}\\.[A-Za-z0-9_-]{${LINK_NONCE_LENGTH}}\\.[A-Za-z0-9_-]{22}`, 'g');
export const maskLinkTokens = (text: string): string => (text.includes(`${LINK_TOKEN_PREFIX}.`) ? text.replace(TOKEN_IN_TEXT, '{token}') : text);

/** Public API paths that carry a link token, and the same path with the token replaced, for logs. */
const TOKEN_PATHS = [/^(\/public\/reports\/)[^/?#]+/, /^(\/r\/)[^/?#]+/, /^(\/public\/orders\/)[^/?#]+/, /^(\/h\/)[^/?#]+/];
export function redactLinkPath(path: string): string {
  for (const pattern of TOKEN_PATHS) if (pattern.test(path)) return path.replace(pattern, '$1{token}');
  return path;
}
