/**
 * Cordon's failures: one class per kind, each with a `code` saying what went wrong and never an
 * HTTP status. Edges, stores, flows and handlers throw them; the HTTP edge maps each code once
 * to an RFC 9457 problem (functions/edge/problems.ts). Anything else is a server fault.
 *
 * Every class takes `{ cause }` last: a failure raised because of another keeps it, for the logs
 * and the debugger, never for the caller.
 */
import { english, type Message } from '#shared/messages/message.ts';

export interface FieldError {
  readonly field: string;
  /** Why, in English (what the logs and tests read). */
  readonly message: string;
  /** Why, as a catalogue message the HTTP edge says in the caller's language; `message` is then its English. */
  readonly said?: Message;
}

/** A field error whose message the edge says in the caller's language. */
export const fieldError = (field: string, said: Message): FieldError => ({ field, message: english(said), said });

/** A failure's detail: plain English, or a catalogue message said in the caller's language at the edge. */
export type Detail = string | Message;
const inEnglish = (detail: Detail): string => (typeof detail === 'string' ? detail : english(detail));

/**
 * What kind of failure: the general kinds, then the specific ones that carry more than a
 * sentence and have a problem type of their own.
 */
export const FAILURE_CODES = [
  'invalid',
  'unauthenticated',
  'forbidden',
  'not-found',
  'conflict',
  'too-large',
  'unsupported-media-type',
  'unaccounted-households',
  'task-limit',
  'precondition-failed',
  'import-incomplete',
  'idempotency-key-reused',
  'gone',
  'rate-limited',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

export interface FailureOptions {
  /** The failure (a DynamoDB exception, a domain refusal …) this one was raised because of. */
  readonly cause?: unknown;
}

export class CordonError extends Error {
  readonly code: FailureCode;
  /** Which fields are at fault, when the failure is about what the caller sent. */
  readonly errors: readonly FieldError[] | undefined;
  /** The detail as a catalogue message, when it has one; `message` is its English. */
  readonly said: Message | undefined;

  constructor(code: FailureCode, detail: Detail, options: FailureOptions & { readonly errors?: readonly FieldError[] } = {}) {
    super(inEnglish(detail), { cause: options.cause });
    this.name = 'CordonError';
    this.code = code;
    this.errors = options.errors;
    this.said = typeof detail === 'string' ? undefined : detail;
  }
}

/** What the caller sent breaks a rule: the fields at fault, each with why. */
export class ValidationError extends CordonError {
  /** The detail is the field list itself (`field: why; …`), so the edge says it from the fields in the caller's language. */
  readonly detailFromErrors: boolean;

  constructor(errors: readonly FieldError[], detail?: Detail, options: FailureOptions = {}) {
    super('invalid', detail ?? errors.map((e) => `${e.field}: ${e.message}`).join('; '), { ...options, errors });
    this.name = 'ValidationError';
    this.detailFromErrors = detail === undefined;
  }
}

/**
 * A page cursor this API did not issue, or one that no longer fits the list asked for. Cursors
 * come back only as `query.nextToken`, so that is the field at fault.
 */
export class InvalidCursorError extends ValidationError {
  constructor(said: Message = { key: 'field.not-cursor' }, options: FailureOptions = {}) {
    super([fieldError('query.nextToken', said)], undefined, options);
    this.name = 'InvalidCursorError';
  }
}

/** No caller could be told from the request: no token, or one that names nobody. */
export class UnauthorizedError extends CordonError {
  constructor(detail: Detail = 'A valid bearer token is required', options: FailureOptions = {}) {
    super('unauthenticated', detail, options);
    this.name = 'UnauthorizedError';
  }
}

/** The caller is known and may not do this: their role, or the place lies outside their jurisdiction. */
export class ForbiddenError extends CordonError {
  constructor(detail: Detail, options: FailureOptions = {}) {
    super('forbidden', detail, options);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends CordonError {
  constructor(detail: Detail, options: FailureOptions = {}) {
    super('not-found', detail, options);
    this.name = 'NotFoundError';
  }
}

/** The request is valid but the state it meets refuses it: taken, changed meanwhile, already done. */
export class ConflictError extends CordonError {
  constructor(detail: Detail, options: FailureOptions = {}) {
    super('conflict', detail, options);
    this.name = 'ConflictError';
  }
}

/**
 * A conditional write found the item other than it expected (DynamoDB's
 * ConditionalCheckFailedException, or a transaction cancelled by a failed condition); the
 * DynamoDB exception is its cause.
 */
export class ConditionFailedError extends ConflictError {
  constructor(detail: Detail, options: FailureOptions = {}) {
    super(detail, options);
    this.name = 'ConditionFailedError';
  }
}

/**
 * The caller made the change from a version of the item that is no longer the stored one (HTTP
 * If-Match): nothing was written, and the caller reads the item again before deciding anew.
 */
export class PreconditionFailedError extends CordonError {
  constructor(detail: Detail, options: FailureOptions = {}) {
    super('precondition-failed', detail, options);
    this.name = 'PreconditionFailedError';
  }
}

export class PayloadTooLargeError extends CordonError {
  constructor(detail: Detail, options: FailureOptions = {}) {
    super('too-large', detail, options);
    this.name = 'PayloadTooLargeError';
  }
}

/**
 * An item larger than DynamoDB stores (400 KB), refused by the table before it is sent: nothing
 * of the write is made. `attribute` is the item's largest attribute, the field at fault.
 */
export class ItemTooLargeError extends CordonError {
  readonly attribute: string;
  readonly bytes: number | undefined;

  /** `bytes` undefined: DynamoDB itself refused the item (an update that made it grow). */
  constructor(attribute: string, bytes: number | undefined, limit: number, options: FailureOptions = {}) {
    const message = bytes === undefined
      ? `makes the item larger than DynamoDB stores (${limit} bytes)`
      : `makes the item ${bytes} bytes; DynamoDB stores at most ${limit}`;
    super('too-large', `${attribute}: ${message}`, { ...options, errors: [{ field: attribute, message }] });
    this.name = 'ItemTooLargeError';
    this.attribute = attribute;
    this.bytes = bytes;
  }
}

/** What the request names existed and is over for good (a resident's link after release): asking again will not help. */
export class GoneError extends CordonError {
  constructor(detail: Detail, options: FailureOptions = {}) {
    super('gone', detail, options);
    this.name = 'GoneError';
  }
}

/** Too many calls of one public link in a short time: wait a minute. */
export class RateLimitedError extends CordonError {
  constructor(detail: Detail, options: FailureOptions = {}) {
    super('rate-limited', detail, options);
    this.name = 'RateLimitedError';
  }
}

export class UnsupportedMediaTypeError extends CordonError {
  constructor(detail: Detail, options: FailureOptions = {}) {
    super('unsupported-media-type', detail, options);
    this.name = 'UnsupportedMediaTypeError';
  }
}
