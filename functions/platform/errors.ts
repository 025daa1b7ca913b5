/**
 * Failures a handler can answer with, each mapped once to an RFC 9457 problem in http.ts.
 * Anything else is a server fault and answers 500 without details.
 */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export class CordonError extends Error {
  readonly status: number;
  readonly title: string;
  readonly type: string;
  readonly errors: readonly FieldError[] | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    slug: string,
    title: string,
    detail: string,
    options: { cause?: unknown; errors?: readonly FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = 'CordonError';
    this.status = status;
    this.title = title;
    this.type = `/problems/${slug}`;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}

export class ValidationError extends CordonError {
  constructor(errors: readonly FieldError[], detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ')) {
    super(400, 'validation', 'Invalid request', detail, { errors });
    this.name = 'ValidationError';
  }
}

export class UnauthorizedError extends CordonError {
  constructor(detail = 'A valid bearer token is required') {
    super(401, 'unauthorized', 'Unauthorized', detail, { headers: { 'www-authenticate': 'Bearer' } });
    this.name = 'UnauthorizedError';
  }
}

export class ForbiddenError extends CordonError {
  constructor(detail: string) {
    super(403, 'forbidden', 'Forbidden', detail);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends CordonError {
  constructor(detail: string) {
    super(404, 'not-found', 'Not found', detail);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends CordonError {
  constructor(detail: string, options: { cause?: unknown } = {}) {
    super(409, 'conflict', 'Conflict', detail, options);
    this.name = 'ConflictError';
  }
}

export class PayloadTooLargeError extends CordonError {
  constructor(detail: string) {
    super(413, 'payload-too-large', 'Payload too large', detail);
    this.name = 'PayloadTooLargeError';
  }
}

export class UnsupportedMediaTypeError extends CordonError {
  constructor(detail: string) {
    super(415, 'unsupported-media-type', 'Unsupported media type', detail);
    this.name = 'UnsupportedMediaTypeError';
  }
}
