/**
 * How a caller travels in a token. Cognito puts the role in `cognito:groups` and the
 * jurisdiction in custom attributes; the local issuer mints the same claims. API Gateway's JWT
 * authorizer hands every claim to the handler as a string, arrays as "[a b]", so parsing
 * accepts both that and real arrays.
 */
import { ROLES, type Caller, type Jurisdiction, type Role } from './roles.ts';

export const CLAIMS = {
  subject: 'sub',
  username: 'cognito:username',
  groups: 'cognito:groups',
  /** The person's display name (Cognito's standard attribute), kept in audit records beside the username. */
  name: 'name',
  street: 'custom:street',
  community: 'custom:community',
  grid: 'custom:grid',
  /** Space-separated compound ids (duty and disinfection staff). */
  compounds: 'custom:compounds',
  /** Space-separated exit ids (duty staff). */
  exits: 'custom:exits',
} as const;

/** Cognito custom attribute names (without the `custom:` prefix), for the user pool. */
export const CUSTOM_ATTRIBUTES = ['street', 'community', 'grid', 'compounds', 'exits'] as const;

export interface TokenSubject {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  readonly jurisdiction: Jurisdiction;
}

/** The claims a token carries for this subject, as Cognito would issue them in an ID token. */
export function claimsFor(subject: TokenSubject): Record<string, string | string[]> {
  const j = subject.jurisdiction;
  const claims: Record<string, string | string[]> = {
    [CLAIMS.subject]: subject.userId,
    [CLAIMS.username]: subject.username,
    [CLAIMS.groups]: [subject.role],
  };
  if (j.streetId) claims[CLAIMS.street] = j.streetId;
  if (j.communityId) claims[CLAIMS.community] = j.communityId;
  if (j.gridId) claims[CLAIMS.grid] = j.gridId;
  if (j.compoundIds?.length) claims[CLAIMS.compounds] = j.compoundIds.join(' ');
  if (j.exitIds?.length) claims[CLAIMS.exits] = j.exitIds.join(' ');
  return claims;
}

/** What API Gateway's JWT authorizer does to claim values before the handler sees them. */
export function stringifyClaims(claims: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    out[name] = Array.isArray(value) ? `[${value.join(' ')}]` : typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}

/** A list claim in any of its shapes: array, "[a b]", "a b" or "a,b". */
export function listClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String).filter(Boolean);
  if (typeof value !== 'string') return [];
  const inner = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  return inner.split(/[\s,]+/).filter(Boolean);
}

/**
 * Why claims give no caller: no claims or no identity in them (nobody is named), or a user
 * named without exactly one role group. A code to tell the cases apart and the sentence to show.
 */
export type ClaimsRefusal =
  | { readonly code: 'no-claims'; readonly message: string }
  | { readonly code: 'no-identity'; readonly message: string }
  | { readonly code: 'no-role'; readonly message: string }
  | { readonly code: 'many-roles'; readonly message: string };

export type ClaimsResult = { ok: true; caller: Caller } | { ok: false; refusal: ClaimsRefusal };

const refused = (refusal: ClaimsRefusal): ClaimsResult => ({ ok: false, refusal });

export function callerFromClaims(claims: Record<string, unknown> | undefined): ClaimsResult {
  if (!claims) return refused({ code: 'no-claims', message: 'no verified token claims' });
  const userId = claims[CLAIMS.subject];
  const username = claims[CLAIMS.username] ?? claims['username'];
  if (typeof userId !== 'string' || userId === '' || typeof username !== 'string' || username === '') {
    return refused({ code: 'no-identity', message: 'token lacks sub or username' });
  }
  const roles = listClaim(claims[CLAIMS.groups]).filter((g): g is Role => (ROLES as readonly string[]).includes(g));
  const role = roles[0];
  if (role === undefined) return refused({ code: 'no-role', message: 'the user belongs to no role group' });
  if (roles.length > 1) return refused({ code: 'many-roles', message: 'the user belongs to more than one role group' });
  const text = (name: string) => {
    const v = claims[name];
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const list = (name: string) => {
    const v = listClaim(claims[name]);
    return v.length > 0 ? v : undefined;
  };
  const jurisdiction: Jurisdiction = stripUndefined({
    streetId: text(CLAIMS.street),
    communityId: text(CLAIMS.community),
    gridId: text(CLAIMS.grid),
    compoundIds: list(CLAIMS.compounds),
    exitIds: list(CLAIMS.exits),
  });
  const name = text(CLAIMS.name);
  return { ok: true, caller: { userId, username, ...(name ? { name } : {}), role, jurisdiction } };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
