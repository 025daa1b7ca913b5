/**
 * Failures of an API call, one class per kind on the base `ApiError`. A problem+json answer
 * (RFC 9457) becomes a `ProblemError` carrying the typed problem, field errors included.
 */
import type { Problem } from '#shared/schemas/common.ts';

export class ApiError extends Error {
  readonly operationId: string;
  /** The HTTP status, or 0 when no answer came. */
  readonly status: number;

  constructor(operationId: string, status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ApiError';
    this.operationId = operationId;
    this.status = status;
  }
}

/** The API answered with a problem document. */
export class ProblemError extends ApiError {
  readonly problem: Problem;

  constructor(operationId: string, problem: Problem) {
    super(operationId, problem.status, problem.detail ?? problem.title);
    this.name = 'ProblemError';
    this.problem = problem;
  }
}

/** No valid token: the session is over and the user signs in again. */
export class UnauthorizedError extends ApiError {
  constructor(operationId: string) {
    super(operationId, 401, 'the session has expired or is not valid');
    this.name = 'UnauthorizedError';
  }
}

/** The request never got an answer (server down, connection refused). */
export class NetworkError extends ApiError {
  constructor(operationId: string, cause: unknown) {
    super(operationId, 0, 'the API could not be reached', { cause });
    this.name = 'NetworkError';
  }
}

/** The API refused a change made from a version that is no longer the current one (If-Match, 412). */
export const isStale = (error: unknown): boolean => error instanceof ApiError && error.status === 412;

export const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

const isString = (value: unknown): value is string => typeof value === 'string';
const optionalString = (value: unknown): boolean => value === undefined || isString(value);

/**
 * The problem document in an answer, or undefined when it is not one: the shape of the schema
 * `Problem` (shared/schemas/common.ts), checked by hand so that no zod schema is loaded with the
 * client (every page has the client; the resident page should not carry zod). Fields the schema
 * does not name are left out, as its parse leaves them.
 */
export function asProblem(value: unknown): Problem | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { type, title, status, detail, instance, errors, code } = value as Record<string, unknown>;
  if (!isString(type) || !isString(title) || !Number.isInteger(status)) return undefined;
  if (!optionalString(detail) || !optionalString(instance) || !optionalString(code)) return undefined;
  let fieldErrors: Problem['errors'];
  if (errors !== undefined) {
    if (!Array.isArray(errors)) return undefined;
    fieldErrors = [];
    for (const error of errors as unknown[]) {
      if (typeof error !== 'object' || error === null) return undefined;
      const { field, message, code: why } = error as Record<string, unknown>;
      if (!isString(field) || !isString(message) || !optionalString(why)) return undefined;
      fieldErrors.push({ field, message, ...(isString(why) ? { code: why } : {}) });
    }
  }
  return {
    type, title, status: status as number,
    ...(detail === undefined ? {} : { detail }),
    ...(instance === undefined ? {} : { instance }),
    ...(fieldErrors === undefined ? {} : { errors: fieldErrors }),
    ...(code === undefined ? {} : { code }),
  } as Problem;
}
