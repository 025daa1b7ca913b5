/**
 * The one mapping from a failure to what an HTTP caller sees: each failure code's status,
 * problem type (`/problems/<slug>`), title and headers, as RFC 9457 problem details. The detail
 * is the error's message and `errors` its field list; its cause is never shown. Anything that is
 * not a CordonError is a server fault: 500 with no detail.
 */
import { CordonError, type FailureCode, type FieldError } from '../platform/errors.ts';

export interface ProblemType {
  readonly status: number;
  /** The problem's `type` is `/problems/<slug>`. */
  readonly slug: string;
  readonly title: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export const PROBLEM_TYPES: Readonly<Record<FailureCode, ProblemType>> = {
  invalid: { status: 400, slug: 'validation', title: 'Invalid request' },
  unauthenticated: { status: 401, slug: 'unauthorized', title: 'Unauthorized', headers: { 'www-authenticate': 'Bearer' } },
  forbidden: { status: 403, slug: 'forbidden', title: 'Forbidden' },
  'not-found': { status: 404, slug: 'not-found', title: 'Not found' },
  conflict: { status: 409, slug: 'conflict', title: 'Conflict' },
  'too-large': { status: 413, slug: 'payload-too-large', title: 'Payload too large' },
  'unsupported-media-type': { status: 415, slug: 'unsupported-media-type', title: 'Unsupported media type' },
  'unaccounted-households': { status: 409, slug: 'unaccounted-households', title: 'Households not accounted for' },
  'task-limit': { status: 409, slug: 'task-limit', title: 'Task limit reached' },
  'precondition-failed': { status: 412, slug: 'precondition-failed', title: 'Precondition failed' },
  'import-incomplete': { status: 503, slug: 'import-incomplete', title: 'Import incomplete' },
};

const INTERNAL: ProblemType = { status: 500, slug: 'internal', title: 'Internal error' };

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance: string;
  readonly errors?: readonly FieldError[];
}

export interface Problem {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ProblemBody;
}

/** The problem an error answers with; `instance` is the request's path. */
export function problemOf(error: unknown, instance: string): Problem {
  const known = error instanceof CordonError ? error : undefined;
  const kind = known ? PROBLEM_TYPES[known.code] : INTERNAL;
  const head = { type: `/problems/${kind.slug}`, title: kind.title, status: kind.status };
  const body: ProblemBody = known
    ? { ...head, detail: known.message, instance, ...(known.errors ? { errors: known.errors } : {}) }
    : { ...head, instance };
  return { status: kind.status, headers: { 'content-type': 'application/problem+json', ...kind.headers }, body };
}
