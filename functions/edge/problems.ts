/**
 * The one mapping from a failure to what an HTTP caller sees: each failure code's status,
 * problem type (`/problems/<slug>`), title and headers, as RFC 9457 problem details. The detail
 * is the error's message and `errors` its field list; its cause is never shown. Anything that is
 * not a CordonError is a server fault: 500 with no detail.
 *
 * Said in the caller's language (shared/messages/): the title from the catalogue by the problem's
 * slug, the detail and each field's message from the catalogue message the failure carries, with
 * its key as `code` so a client can tell failures apart without reading prose. A failure raised
 * with plain text keeps it as it is.
 */
import type { Message } from '#shared/messages/message.ts';
import { say } from '#shared/messages/say.ts';
import type { Language } from '#shared/messages/language.ts';
import type { Problem as ProblemJson } from '#shared/schemas/common.ts';
import { CordonError, ValidationError, type FailureCode, type FieldError } from '../platform/errors.ts';

export interface ProblemType {
  readonly status: number;
  /** The problem's `type` is `/problems/<slug>`; its title is the catalogue's `problem.<slug>`. */
  readonly slug: ProblemSlug;
  readonly headers?: Readonly<Record<string, string>>;
}

type ProblemSlug = Extract<Message['key'], `problem.${string}`> extends `problem.${infer S}` ? S : never;

export const PROBLEM_TYPES: Readonly<Record<FailureCode, ProblemType>> = {
  invalid: { status: 400, slug: 'validation' },
  unauthenticated: { status: 401, slug: 'unauthorized', headers: { 'www-authenticate': 'Bearer' } },
  forbidden: { status: 403, slug: 'forbidden' },
  'not-found': { status: 404, slug: 'not-found' },
  conflict: { status: 409, slug: 'conflict' },
  'too-large': { status: 413, slug: 'payload-too-large' },
  'unsupported-media-type': { status: 415, slug: 'unsupported-media-type' },
  'unaccounted-households': { status: 409, slug: 'unaccounted-households' },
  'task-limit': { status: 409, slug: 'task-limit' },
  'precondition-failed': { status: 412, slug: 'precondition-failed' },
  'import-incomplete': { status: 503, slug: 'import-incomplete' },
  'idempotency-key-reused': { status: 422, slug: 'idempotency-key-reused' },
  gone: { status: 410, slug: 'gone' },
  'rate-limited': { status: 429, slug: 'too-many-requests', headers: { 'retry-after': '60' } },
};

const INTERNAL: ProblemType = { status: 500, slug: 'internal' };

/** The body as the catalogue's Problem schema documents it (shared/schemas/common.ts). */
type ProblemBody = ProblemJson;
type ProblemFieldError = NonNullable<ProblemBody['errors']>[number];

export interface Problem {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ProblemBody;
}

const fieldOf = (error: FieldError, language: Language): ProblemFieldError =>
  error.said ? { field: error.field, message: say(error.said, language), code: error.said.key } : { field: error.field, message: error.message };

/** The failure's detail in the language: its catalogue message, its field list, or its plain text. */
function detailOf(error: CordonError, fields: readonly ProblemFieldError[] | undefined, language: Language): string {
  if (error.said) return say(error.said, language);
  if (error instanceof ValidationError && error.detailFromErrors && fields) return fields.map((e) => `${e.field}: ${e.message}`).join('; ');
  return error.message;
}

/** The problem an error answers with, said in `language`; `instance` is the request's path. */
export function problemOf(error: unknown, instance: string, language: Language): Problem {
  const known = error instanceof CordonError ? error : undefined;
  const kind = known ? PROBLEM_TYPES[known.code] : INTERNAL;
  const head = { type: `/problems/${kind.slug}`, title: say({ key: `problem.${kind.slug}` }, language), status: kind.status };
  let body: ProblemBody = { ...head, instance };
  if (known) {
    const fields = known.errors?.map((e) => fieldOf(e, language));
    body = {
      ...head,
      detail: detailOf(known, fields, language),
      instance,
      ...(fields ? { errors: fields } : {}),
      ...(known.said ? { code: known.said.key } : {}),
    };
  }
  const headers = { 'content-type': 'application/problem+json', 'content-language': language, ...kind.headers };
  return { status: kind.status, headers, body };
}
