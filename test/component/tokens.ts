/**
 * Tokens for the component tests: a user's claims as the API reads them, unsigned (the app only
 * decodes a token; the API verifies it, and is tested against DynamoDB Local elsewhere).
 */
import { claimsFor } from '#shared/claims.ts';
import type { Jurisdiction, Role } from '#shared/roles.ts';

// base64url, as a JWT has it: some names' bytes make '+' or '/' in plain base64, which jose refuses.
const b64 = (value: object) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value)))).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

export function unsignedToken(
  user: { username: string; role: Role; jurisdiction: Jurisdiction; name?: string },
  expiresInSeconds = 3600,
): string {
  const { username, role, jurisdiction, name } = user;
  const claims = { ...claimsFor({ userId: username, username, role, jurisdiction }), ...(name ? { name } : {}), exp: Math.floor(Date.now() / 1000) + expiresInSeconds };
  return `${b64({ alg: 'none' })}.${b64(claims)}.x`;
}
