/**
 * Idempotency-Key: the client's id of one field action (a claim, a completion, a clock-in …), sent
 * as a request header so that a resend after a lost answer is answered again instead of acting
 * twice. Shared by the API, which checks the key's form and keeps the answer under it, and the web
 * app's outbox, which makes one key per queued action.
 */
import * as z from '../zod.ts';
import { schemaMessage } from '../messages/message.ts';

import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_TTL_HOURS } from './constants.ts';

export { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_TTL_HOURS };
/** Set on an answer given again from what was stored under the key. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,100}$/;

// A refinement, not .regex(), so that its message is the catalogue's, said in the caller's language; meta documents the pattern.
export const IdempotencyKey = z.string().check(z.refine((key) => IDEMPOTENCY_KEY_PATTERN.test(key), schemaMessage('schema.idempotency-key'))).register(z.globalRegistry, {
  pattern: IDEMPOTENCY_KEY_PATTERN.source,
  description:
    `The client's id of this action. The same key with the same request within ${IDEMPOTENCY_TTL_HOURS} h answers what the first ` +
    'answered (with `Idempotent-Replayed: true`) and acts no second time; with another request it is a 422. ' +
    'Keys are the caller\'s own: another user\'s key never collides. Optional: without it the request acts as it always did.',
  example: 'claim-01J9Z3X8Q6W2',
});

/** The request headers of an idempotent route (names lower-case, as the edge reads them). */
export const IdempotencyHeaders = z.object({ 'idempotency-key': z.optional(IdempotencyKey) });
