/**
 * The local stand-in for Cognito: signs ID tokens for the demo users with the claims Cognito
 * would put in them, and verifies them the way API Gateway's JWT authorizer does (signature,
 * issuer, audience, expiry, not-before, and an issue time not in the future beyond a minute's
 * clock skew). The signing key persists with the data folder, so a browser's session survives a
 * restart. Users added later (staff created through the API) sign in at once, and, through
 * `lookup` (the staff directory), after a restart too.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type CryptoKey } from 'jose';
import { claimsFor } from '#shared/claims.ts';
import type { LocalUser } from '#shared/schemas/local.ts';

const LOCAL_ISSUER = 'https://cordon.local/identity';
const LOCAL_AUDIENCE = 'cordon-web';
const ALGORITHM = 'ES256';
const TOKEN_HOURS = 12;
/**
 * How far ahead of this clock a token's `iat` may lie: the JWT authorizer wants it before the
 * current time; a minute allows for the clocks of issuer and verifier drifting apart.
 */
export const CLOCK_SKEW_SECONDS = 60;

export interface LocalIdentity {
  readonly users: readonly LocalUser[];
  /** Lets a new user sign in (and be listed) from now on, as Cognito's AdminCreateUser does. */
  add(user: LocalUser): void;
  issue(username: string, now?: Date): Promise<{ token: string; expiresAt: string } | undefined>;
  /** The verified claims, or undefined for a missing, forged, foreign or expired token. */
  verify(token: string): Promise<Record<string, unknown> | undefined>;
}

export async function createLocalIdentity(options: {
  users: readonly LocalUser[];
  keyFile?: string;
  /** Where a user not in `users` is looked up: those created in an earlier run. */
  lookup?: (username: string) => Promise<LocalUser | undefined>;
}): Promise<LocalIdentity> {
  const { privateKey, publicKey } = await loadOrCreateKeys(options.keyFile);
  const users = [...options.users];
  const byName = new Map(users.map((u) => [u.username, u]));
  return {
    users,
    add(user) {
      if (!byName.has(user.username)) users.push(user);
      byName.set(user.username, user);
    },
    async issue(username, now = new Date()) {
      const user = byName.get(username) ?? (await options.lookup?.(username));
      if (!user) return undefined;
      const issuedAt = Math.floor(now.getTime() / 1000);
      const expires = issuedAt + TOKEN_HOURS * 3600;
      const token = await new SignJWT({
        ...claimsFor({ userId: `local-${user.username}`, username: user.username, role: user.role, jurisdiction: user.jurisdiction }),
        name: user.name,
        token_use: 'id',
      })
        .setProtectedHeader({ alg: ALGORITHM, kid: 'local-1' })
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expires)
        .sign(privateKey);
      return { token, expiresAt: new Date(expires * 1000).toISOString() };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, publicKey, {
          issuer: LOCAL_ISSUER,
          audience: LOCAL_AUDIENCE,
          algorithms: [ALGORITHM],
        });
        // jose checks iat only against a maximum age; the authorizer also refuses one from the future.
        if (payload.iat !== undefined && payload.iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) return undefined;
        return payload as Record<string, unknown>;
      } catch {
        return undefined;
      }
    },
  };
}

async function loadOrCreateKeys(keyFile: string | undefined): Promise<{ privateKey: CryptoKey; publicKey: CryptoKey }> {
  if (keyFile && existsSync(keyFile)) {
    const jwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
    const { d: _d, ...publicJwk } = jwk;
    return {
      privateKey: (await importJWK(jwk, ALGORITHM)) as CryptoKey,
      publicKey: (await importJWK(publicJwk, ALGORITHM)) as CryptoKey,
    };
  }
  const pair = await generateKeyPair(ALGORITHM, { extractable: true });
  if (keyFile) {
    mkdirSync(path.dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(await exportJWK(pair.privateKey)), { mode: 0o600 });
  }
  return pair;
}
