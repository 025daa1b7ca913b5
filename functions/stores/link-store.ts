/**
 * Residents' link records (`LINK#<hash> / META`, only the token's hash names one) and, per subject
 * and purpose, a pointer to the current one (`LINKOF#<purpose>#<subject> / META`): issue (a new
 * token; the previous link of that subject and purpose is revoked in the same transaction), revoke,
 * and resolve a token presented on a public route (signature, purpose, record, revocation, expiry).
 * The token is returned once, at issue, and never stored or logged.
 */
import { judgeLink, type LinkJudgement, type LinkPurpose, type LinkRecord } from '#shared/domain/links.ts';
import { keys, TABLE } from '#shared/table.ts';
import { checkLinkSignature, issueLink, linkHash } from '../platform/link-signing.ts';
import { ConditionFailedError } from '../platform/errors.ts';
import { getItem, transactWrite, updateItem, type Item, type TransactOp } from '../platform/table.ts';

const recordOf = (item: Item): LinkRecord => ({
  hash: String(item.hash), subjectId: String(item.subjectId), purpose: item.purpose as LinkPurpose,
  validUntil: String(item.validUntil), issuedAt: String(item.issuedAt),
  ...(typeof item.revokedAt === 'string' ? { revokedAt: item.revokedAt } : {}),
});

/** The subject's current link record of a purpose (revoked or not), if one was ever issued. */
export async function currentLink(subjectId: string, purpose: LinkPurpose): Promise<LinkRecord | undefined> {
  const pointer = await getItem<Item>(keys.linkOf(purpose, subjectId), { consistent: true });
  if (typeof pointer?.hash !== 'string') return undefined;
  const item = await getItem<Item>(keys.link(pointer.hash), { consistent: true });
  return item ? recordOf(item) : undefined;
}

const revokeOp = (hash: string, at: string): TransactOp => ({
  update: {
    Key: keys.link(hash),
    UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':at': at },
  },
});

/**
 * The writes of a new link (for a caller's own transaction, e.g. enrolment): the record and the
 * pointer. `previousHash` (from currentLink) is revoked with them. Returns the token to hand out.
 */
export function newLinkOps(input: { subjectId: string; purpose: LinkPurpose; validUntil: string; at: string; previousHash?: string; nonce?: string }): { token: string; hash: string; ops: TransactOp[] } {
  const { token, hash, claims } = issueLink({ subjectId: input.subjectId, purpose: input.purpose, expiresAt: input.validUntil, ...(input.nonce ? { nonce: input.nonce } : {}) });
  // `validUntil`, not the table's TTL attribute (`expiresAt`): an expired link must still answer "expired", not vanish.
  const record: LinkRecord = { hash, subjectId: input.subjectId, purpose: input.purpose, validUntil: claims.validUntil, issuedAt: input.at };
  const ops: TransactOp[] = [
    { put: { ...keys.link(hash), type: 'link', ...record }, condition: 'attribute_not_exists(pk)' },
    { put: { ...keys.linkOf(input.purpose, input.subjectId), type: 'link-pointer', subjectId: input.subjectId, purpose: input.purpose, hash, issuedAt: input.at } },
  ];
  if (input.previousHash && input.previousHash !== hash) ops.push(revokeOp(input.previousHash, input.at));
  return { token, hash, ops };
}

/** Issues a link (again): a new token, the previous link of the subject and purpose revoked. */
export async function issueSubjectLink(input: { subjectId: string; purpose: LinkPurpose; validUntil: string; at: string; nonce?: string }): Promise<{ token: string; record: LinkRecord }> {
  const previous = await currentLink(input.subjectId, input.purpose);
  const { token, hash, ops } = newLinkOps({ ...input, ...(previous ? { previousHash: previous.hash } : {}) });
  await transactWrite(ops);
  return { token, record: { hash, subjectId: input.subjectId, purpose: input.purpose, validUntil: new Date(Math.floor(Date.parse(input.validUntil) / 1000) * 1000).toISOString(), issuedAt: input.at } };
}

/** Revokes the subject's current link of a purpose (once: a second revocation keeps the first time). Undefined if none was issued. */
export async function revokeSubjectLink(subjectId: string, purpose: LinkPurpose, at: string): Promise<LinkRecord | undefined> {
  const current = await currentLink(subjectId, purpose);
  if (!current) return undefined;
  await transactWrite([revokeOp(current.hash, at)]);
  return { ...current, revokedAt: current.revokedAt ?? at };
}

/**
 * Revokes one link by its hash (a token handed back by staff: a lost door slip), whether or not it
 * is its subject's current one. Once: a second revocation keeps the first time. Undefined if no
 * such link was ever issued.
 */
export async function revokeLink(hash: string, at: string): Promise<LinkRecord | undefined> {
  try {
    const out = await updateItem({
      Key: keys.link(hash),
      UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': at },
      ReturnValues: 'ALL_NEW',
    }, 'no such link');
    return out ? recordOf(out) : undefined;
  } catch (error) {
    if (error instanceof ConditionFailedError) return undefined;
    throw error;
  }
}

/**
 * A token presented for `purpose` at `at`: the subject, or why not (bad, wrong_purpose, unknown,
 * revoked, expired). A genuine token (its MAC holds) also names its subject and hash when refused,
 * so a caller can tell a link revoked at release from one withdrawn by hand.
 */
export async function resolveLink(token: string, purpose: LinkPurpose, at: string): Promise<LinkJudgement & { hash?: string; subjectId?: string }> {
  const { claims, signatureOk } = checkLinkSignature(token);
  // A forged or other-purpose token costs no read.
  if (!claims || !signatureOk || claims.purpose !== purpose) return judgeLink({ claims, signatureOk, purpose, at, record: 'not_looked_up' });
  const hash = linkHash(token);
  const item = await getItem<Item>(keys.link(hash), { consistent: true });
  return { subjectId: claims.subjectId, ...judgeLink({ claims, signatureOk, purpose, at, record: item ? recordOf(item) : undefined }), hash };
}

/** Calls allowed per link per minute on a public route: a resident resends, a script does not get to hammer. */
export const LINK_CALLS_PER_MINUTE = 20;

/**
 * Counts one call of a link in the current minute; false when the link is over its limit. The
 * counter expires by the table's TTL a few minutes later.
 */
export async function countLinkCall(hash: string, at: string): Promise<boolean> {
  const minute = at.slice(0, 16);
  const out = await updateItem({
    Key: keys.linkRate(hash, minute),
    UpdateExpression: 'ADD calls :one SET #ttl = if_not_exists(#ttl, :ttl), #type = :type',
    ExpressionAttributeNames: { '#ttl': TABLE.ttlAttribute, '#type': 'type' },
    ExpressionAttributeValues: { ':one': 1, ':ttl': Math.floor(Date.parse(at) / 1000) + 300, ':type': 'link-rate' },
    ReturnValues: 'UPDATED_NEW',
  });
  return Number(out?.calls ?? 0) <= LINK_CALLS_PER_MINUTE;
}
