/**
 * Passes (出入证) in their compound's partition (`COMPOUND#<compound> / PASS#<passId>`): issue
 * (with its audit record), read, list (paged, searched), revoke. Only the ID number's hash and last
 * four are kept. The QR text is not stored: it is signed from the pass's own fields whenever the
 * pass is shown (functions/platform/pass-signing.ts), so a renewal shows the new card at once.
 */
import { judgePass, toTokenSecond } from '#shared/domain/passes.ts';
import { maskName } from '#shared/domain/privacy.ts';
import type { Caller } from '#shared/roles.ts';
import type { Pass } from '#shared/schemas/pass.ts';
import { CHILD_PREFIX, keys, TABLE } from '#shared/table.ts';
import { message } from '#shared/messages/message.ts';
import { auditItem } from './audit-store.ts';
import { childSource } from './compound-store.ts';
import { ConflictError, NotFoundError } from '../platform/errors.ts';
import type { HashedId } from '../platform/id-hash.ts';
import { withoutKeys, type Source } from '../platform/list-sources.ts';
import { signPass, verifyPassToken } from '../platform/pass-signing.ts';
import { getItem, queryAll, transactWrite, type Item } from '../platform/table.ts';

/**
 * As stored: the holder's name in clear (for the issuing office), the ID number hashed. Passes
 * issued before validFrom existed (and the demo's) start at their creation.
 */
export type StoredPass = Omit<Pass, 'name' | 'idLast4' | 'validFrom' | 'status' | 'qr'> & HashedId & {
  readonly name: string;
  readonly validFrom?: string;
};

export function passItem(pass: StoredPass): Item {
  return { ...keys.pass(pass.compoundId, pass.passId), type: 'pass', ...pass };
}

export const storedPassFromItem = (item: Item): StoredPass => withoutKeys<StoredPass>(item);

/** When the pass starts admitting, to the second (as its token says). */
export const passValidFrom = (pass: StoredPass): string => toTokenSecond(pass.validFrom ?? pass.createdAt);

/** The pass's status at instant `at` (revoked, not yet valid, expired or active), as a gate judges it. */
export function passStatus(pass: StoredPass, at: string): Pass['status'] {
  const validFrom = passValidFrom(pass);
  const validUntil = toTokenSecond(pass.validUntil);
  const judged = judgePass({ claims: { ...pass, validFrom, validUntil }, signatureOk: true, compoundId: pass.compoundId, at, stored: { ...pass, validFrom } });
  return judged.valid ? 'active' : judged.reason === 'revoked' || judged.reason === 'expired' || judged.reason === 'not_yet_valid' ? judged.reason : 'revoked';
}

/** The pass as shown at instant `at`: holder masked, status as of then, the QR text signed. */
export function passView(pass: StoredPass, at: string): Pass {
  const { idHash: _hash, name, validFrom: _from, ...rest } = pass;
  const validFrom = passValidFrom(pass);
  const validUntil = toTokenSecond(pass.validUntil);
  return {
    ...rest, name: maskName(name), validFrom, status: passStatus(pass, at),
    qr: signPass({ passId: pass.passId, compoundId: pass.compoundId, category: pass.category, validFrom, validUntil }),
  };
}

export async function getPass(compoundId: string, passId: string, options: { consistent?: boolean } = {}): Promise<StoredPass | undefined> {
  const item = await getItem<Item>(keys.pass(compoundId, passId), options);
  return item ? storedPassFromItem(item) : undefined;
}

/** A compound's passes in pass-id order (one query of its partition). */
export const passesOfCompoundSource = (compoundId: string): Source => childSource(compoundId, 'pass');

/**
 * A compound's passes revoked and not yet past their validity: what its gates must refuse offline.
 * Read from the revocation items alone (keys.passRevocation), so a gate's key refresh costs the
 * revocations, not the compound's thousands of passes; they expire by TTL a day after the pass.
 */
export async function revokedPasses(compoundId: string, at: string): Promise<{ passId: string; revokedAt: string }[]> {
  const items = await queryAll<Item>({ partition: keys.compound(compoundId).pk, beginsWith: CHILD_PREFIX.revokedPass });
  return items
    .filter((i) => Date.parse(String(i.validUntil)) >= Date.parse(at))
    .map((i) => ({ passId: String(i.passId), revokedAt: String(i.revokedAt) }));
}

/** How long a revocation item outlives its pass's validity before the table's TTL removes it. */
const REVOCATION_TTL_AFTER_S = 86_400;

const revocationItem = (pass: StoredPass, at: string): Item => ({
  ...keys.passRevocation(pass.compoundId, pass.passId), type: 'pass-revocation', passId: pass.passId, revokedAt: at, validUntil: pass.validUntil,
  [TABLE.ttlAttribute]: Math.floor(Date.parse(pass.validUntil) / 1000) + REVOCATION_TTL_AFTER_S,
});

/**
 * Writes a pass with its audit record. A pass id keeps its holder: given again it renews the pass
 * (a retry, a new validity, and lifts a revocation), never hands it to someone else (a ConflictError).
 */
export async function savePass(pass: StoredPass, caller: Pick<Caller, 'username' | 'role' | 'name'>, at: string): Promise<StoredPass> {
  await transactWrite(
    [
      { put: passItem(pass), condition: 'attribute_not_exists(pk) OR idHash = :holder', values: { ':holder': pass.idHash } },
      // A renewal lifts a revocation: the gates' list of revoked passes loses it too.
      { delete: keys.passRevocation(pass.compoundId, pass.passId) },
      {
        put: auditItem({
          entity: 'COMPOUND', entityId: pass.compoundId, action: 'pass', caller, at,
          changes: { passId: { from: null, to: pass.passId }, validUntil: { from: null, to: pass.validUntil } },
        }),
      },
    ],
    `pass ${pass.passId} belongs to someone else; give the new holder a new pass id`,
  );
  return pass;
}

/** Revokes a pass once (a second revocation is a ConflictError naming who revoked it), with its audit record. */
export async function revokePass(compoundId: string, passId: string, caller: Pick<Caller, 'username' | 'role' | 'name'>, at: string): Promise<StoredPass> {
  const current = await getPass(compoundId, passId, { consistent: true });
  if (!current) throw new NotFoundError(message('pass.no', { id: compoundId, passId }));
  if (current.revokedAt) throw new ConflictError(message('pass.already-revoked', { passId, by: current.revokedBy ?? '', at: current.revokedAt }));
  await transactWrite(
    [
      {
        update: {
          Key: keys.pass(compoundId, passId),
          UpdateExpression: 'SET revokedAt = :at, revokedBy = :by',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':at': at, ':by': caller.username },
        },
      },
      { put: revocationItem(current, at) },
      { put: auditItem({ entity: 'COMPOUND', entityId: compoundId, action: 'pass-revoke', caller, at, changes: { revokedAt: { from: null, to: at } } }) },
    ],
    message('pass.already-revoked', { passId, by: caller.username, at }),
  );
  return { ...current, revokedAt: at, revokedBy: caller.username };
}

/**
 * A scanned pass's text judged at a gate of `compoundId` at `at`: its signature, its compound,
 * then the pass as stored (revoked, or a validity narrowed since the card was printed). The
 * stored pass comes back only when it is one of this compound's: no other compound's holder leaks.
 */
export async function judgeScannedPass(qr: string, compoundId: string, at: string) {
  const { claims, signatureOk } = verifyPassToken(qr);
  const stored = claims && signatureOk && claims.compoundId === compoundId ? await getPass(compoundId, claims.passId, { consistent: true }) : undefined;
  const storedValidity = stored ? { validFrom: passValidFrom(stored), validUntil: stored.validUntil, ...(stored.revokedAt ? { revokedAt: stored.revokedAt } : {}) } : 'missing' as const;
  const judgement = judgePass({ claims, signatureOk, compoundId, at, stored: storedValidity });
  return { judgement, claims, stored };
}
