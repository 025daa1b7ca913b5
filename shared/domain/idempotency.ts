/**
 * What makes two requests under one Idempotency-Key "the same request": their path parameters and
 * body as parsed, key order aside. The answer stored under a key carries this fingerprint; a resend
 * with another fingerprint is a different request reusing the key (422), not a resend.
 */
import { canonicalJson, stableHash } from './ids.ts';

export interface RequestParts {
  readonly params: unknown;
  readonly body: unknown;
}

/** 13 base-36 digits; an absent body and a body of `null` count alike (neither says anything). */
export const requestFingerprint = ({ params, body }: RequestParts): string =>
  stableHash(canonicalJson({ params: params ?? {}, body: body ?? null }));
