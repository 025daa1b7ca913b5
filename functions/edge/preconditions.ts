/**
 * If-Match on a change (RFC 9110 §13.1.1): a PATCH made from a version that is no longer the
 * stored one is refused with 412 and writes nothing, where it would otherwise overwrite a newer
 * version from a stale screen.
 *
 * Race-free without a lock: the handler reads the item, {@link requireMatch} compares the tag
 * with it, and the store's write is conditional on that very version (compounds on `version`,
 * exits on `updatedAt`). A change landing between the read and the write fails the condition,
 * and {@link matchedWrite} answers it as the 412 it is: the version If-Match named is gone.
 *
 * If-Match is optional, so that clients written before it keep working (the web app always sends
 * it). Without it, or with `*`, a change racing another still fails its condition: 409, as before.
 */
import { ifMatches, type IfMatch } from '#shared/schemas/preconditions.ts';
import { ConditionFailedError, PreconditionFailedError } from '../platform/errors.ts';
import { message, type MessageParam } from '#shared/messages/message.ts';

/** Throws 412 unless the item's current tag satisfies If-Match (absent: no condition). */
export function requireMatch(condition: IfMatch | undefined, etag: string, what: MessageParam): void {
  if (condition && !ifMatches(condition, etag)) throw new PreconditionFailedError(message('precondition.stale', { what }));
}

/**
 * Runs a write conditional on the version {@link requireMatch} accepted: when a racing change made
 * the condition fail and the caller named a version, that version is gone — 412, not 409.
 */
export async function matchedWrite<T>(condition: IfMatch | undefined, what: MessageParam, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (condition && !condition.any && error instanceof ConditionFailedError) {
      throw new PreconditionFailedError(message('precondition.stale', { what }), { cause: error });
    }
    throw error;
  }
}
