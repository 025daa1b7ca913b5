/**
 * ID numbers are never stored in clear: what is kept is an HMAC-SHA256 under a key from the
 * configuration (a secret in the cloud) and the last four characters. The same number always
 * hashes the same under one key, so a pre-registered pass can be compared with what is shown at
 * the gate; without the key the hash cannot be reversed by trying the (small) space of numbers.
 */
import { createHmac } from 'node:crypto';
import { idLast4 } from '#shared/domain/privacy.ts';
import { config } from './config.ts';

export interface HashedId {
  readonly idHash: string;
  readonly idLast4: string;
}

export function hashIdNumber(idNumber: string): HashedId {
  const key = config().exits.idHashKey;
  if (!key) throw new Error('ID_HASH_KEY is not set: refusing to hash ID numbers without a secret');
  const normalised = idNumber.trim().toUpperCase();
  return { idHash: createHmac('sha256', key).update(normalised).digest('base64url'), idLast4: idLast4(normalised) };
}
