/**
 * The HTTP edge of every API function: one middy stack per catalogue route that reads the
 * caller from the JWT authorizer's claims, checks the route's roles, parses params, query and
 * body with the route's zod schemas, and answers every failure as problem+json (the mapping from
 * failure to problem is problems.ts).
 *
 * Every answer is in the caller's language, chosen once here from Accept-Language
 * (shared/messages/language.ts) and named in Content-Language: problems through the message
 * catalogue, zod's own messages through its locale, and a handler's own text from `language`.
 *
 * A resource module declares only its implementations:
 *   export const handler = httpHandler(compoundsRoutes, { listCompounds: async ({ query, caller }) => … });
 */
import { createHash } from 'node:crypto';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type * as z from '#shared/zod.ts';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { routeHeaders } from '#shared/catalogue/headers.ts';
import type { RouteSpec } from '#shared/catalogue/types.ts';
import { IDEMPOTENT_REPLAYED_HEADER } from '#shared/schemas/idempotency.ts';
import { callerFromClaims, type ClaimsRefusal } from '#shared/claims.ts';
import { redactLinkPath } from '#shared/domain/links.ts';
import type { Caller } from '#shared/roles.ts';
import { negotiateLanguage, type Language } from '#shared/messages/language.ts';
import { message, saidOfIssue } from '#shared/messages/message.ts';
import { config } from '../platform/config.ts';
import {
  CordonError, ForbiddenError, NotFoundError, UnauthorizedError, UnsupportedMediaTypeError, ValidationError,
  fieldError, type FieldError,
} from '../platform/errors.ts';
import { logger } from '../platform/logger.ts';
import type { StoredAnswer } from '../stores/idempotency-store.ts';
import { answerOnce, type Once, type OnceRequest } from './idempotency.ts';
import { problemOf } from './problems.ts';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** A raw request body (imports), as bytes with its declared media type. */
export interface RawBody {
  readonly bytes: Buffer;
  readonly contentType: string;
  /** The `charset` parameter of Content-Type, lower-cased, when given. */
  readonly charset: string | undefined;
}

type Out<S> = S extends z.ZodMiniType ? z.output<S> : Record<string, never>;

export interface RouteInput<R extends RouteSpec> {
  readonly params: Out<R['params']>;
  readonly query: Out<R['query']>;
  /** The headers the route declares, parsed (the rest stay in `event.headers`). */
  readonly headers: Out<R['headers']>;
  readonly body: R['body'] extends { kind: 'json'; schema: infer S extends z.ZodMiniType }
    ? z.output<S>
    : R['body'] extends { kind: 'raw' }
      ? RawBody
      : undefined;
  readonly caller: R['auth'] extends 'jwt' ? Caller : undefined;
  /** On a route marked `idempotent`, when the request carries an Idempotency-Key: write its record in the action's transaction. */
  readonly once: R['idempotent'] extends true ? Once<RouteOutput<R>> | undefined : undefined;
  /** The language to answer in (Accept-Language, chosen once by the edge). */
  readonly language: Language;
  readonly event: HttpEvent;
  readonly context: Context;
}

export type RouteOutput<R extends RouteSpec> = z.input<R['response']['schema']>;

/** A response body with extra headers (Location, Cache-Control …). */
export class Reply<T> {
  readonly body: T;
  readonly headers: Readonly<Record<string, string>>;
  constructor(body: T, headers: Record<string, string>) {
    this.body = body;
    this.headers = headers;
  }
}

/**
 * A cacheable answer to a public GET: Cache-Control `public` for `maxAgeSeconds` and an ETag of
 * the body, so that a repeated request with If-None-Match gets 304 and no body (see respond).
 */
export function cacheable<T>(body: T, maxAgeSeconds: number): Reply<T> {
  const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
  return new Reply(body, { 'cache-control': `public, max-age=${maxAgeSeconds}`, etag });
}

/**
 * An answer carrying the item's version as its ETag (see preconditions.ts): what a client sends
 * back in If-Match. The tag names the item's editable state, not the body, which varies with the
 * caller (masked phones) and with derived state (an exit's standing), so If-None-Match never
 * turns it into a 304.
 */
class Versioned<T> extends Reply<T> {}

export const versioned = <T>(body: T, etag: string): Reply<T> => new Versioned(body, { etag });

/** A file answer (the .xlsx export): its bytes as base64, sent with isBase64Encoded so API Gateway sends the bytes. */
class Binary extends Reply<string> {}

/** Answers bytes of the route's content type, offered as a download named `filename` (may be non-ASCII). */
export const binary = (bytes: Uint8Array, filename: string): Reply<string> =>
  new Binary(Buffer.from(bytes).toString('base64'), {
    'content-disposition': `attachment; filename="${filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
  });

/** If-None-Match (a list, `*`, weak or strong) names this ETag: weak comparison, as RFC 9110 asks. */
function notModified(ifNoneMatch: string | undefined, etag: string | undefined): boolean {
  if (!ifNoneMatch || !etag) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

export type RouteImpl<R extends RouteSpec> = (
  input: RouteInput<R>,
) => Promise<RouteOutput<R> | Reply<RouteOutput<R>>>;

/** One implementation for every route of a resource's route table. */
export type Implementations<T extends Record<string, RouteSpec>> = { [K in keyof T]: RouteImpl<T[K]> };

interface Parsed {
  params: unknown;
  query: unknown;
  headers: unknown;
  body: unknown;
  caller: Caller | undefined;
  language: Language;
}

/** What the edge parsed, keyed by the event it came from (middy's handler sees only the event). */
const parsedInputs = new WeakMap<HttpEvent, Parsed>();

export const routeKey = (route: Pick<RouteSpec, 'method' | 'path'>): string => `${route.method} ${route.path}`;

/**
 * The Lambda handler of one resource module: dispatches on API Gateway's `routeKey` to the
 * route's stack, built once per cold start. It takes the resource's own route table
 * (shared/catalogue/routes/<resource>.ts), not the whole catalogue, so a function's bundle carries
 * only its own routes' schemas.
 */
export function httpHandler<T extends Record<string, RouteSpec>>(table: T, implementations: Implementations<T>) {
  const stacks = new Map<string, (event: HttpEvent, context: Context) => Promise<HttpResult>>();
  const resources = new Set<string>();
  for (const [operationId, impl] of Object.entries(implementations) as [string, RouteImpl<RouteSpec>][]) {
    const route = table[operationId];
    if (!route) throw new Error(`${operationId} is not a route of this table`);
    resources.add(route.resource);
    stacks.set(routeKey(route), routeStack(operationId, route, impl));
  }
  const resource = [...resources].join(', ');
  return async (event: HttpEvent, context: Context): Promise<HttpResult> => {
    const stack = stacks.get(event.routeKey);
    if (stack) return stack(event, context);
    return problem(new NotFoundError(message('edge.no-route', { route: event.routeKey, resource })), event.rawPath, languageOf(event.headers));
  };
}

function routeStack(operationId: string, route: RouteSpec, impl: RouteImpl<RouteSpec>) {
  return middy<HttpEvent, HttpResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use(accessLog(operationId))
    .use(problemResponses())
    .use(authorise(operationId, route))
    .use(parseInput(route))
    .handler(async (event, context) => {
      const parsed = parsedInputs.get(event);
      if (!parsed) throw new Error('input was not parsed');
      const run = async (once: Once<unknown> | undefined) =>
        respond(route, await impl({ ...parsed, once, event, context } as RouteInput<RouteSpec>), event, parsed.language);
      if (!route.idempotent) return run(undefined);
      return answerOnce(onceRequest(operationId, route, parsed), run, (stored) => replayed(route, stored));
    });
}

/** What an idempotent route's request is, for answerOnce (idempotency.ts). */
function onceRequest(operationId: string, route: RouteSpec, parsed: Parsed): OnceRequest {
  const key = (parsed.headers as { 'idempotency-key'?: string } | undefined)?.['idempotency-key'];
  return { operationId, status: route.response.status, username: parsed.caller?.username, key, params: parsed.params, body: parsed.body };
}

/** The answer stored under an Idempotency-Key, sent again as it was first sent. */
function replayed(route: RouteSpec, stored: StoredAnswer): HttpResult {
  const headers = { 'content-type': route.response.contentType ?? 'application/json', [IDEMPOTENT_REPLAYED_HEADER.toLowerCase()]: 'true' };
  return stored.status === 204 ? { statusCode: 204, headers } : { statusCode: stored.status, headers, body: stored.body };
}

/** One line per request: operation, status, duration, staff username. Never bodies. */
function accessLog(operationId: string): middy.MiddlewareObj<HttpEvent, HttpResult> {
  const started = new WeakMap<object, number>();
  const log = (request: middy.Request<HttpEvent, HttpResult>) => {
    const ms = performance.now() - (started.get(request) ?? performance.now());
    logger.info('request', {
      operation: operationId,
      status: request.response?.statusCode,
      ms: Math.round(ms),
      user: parsedInputs.get(request.event)?.caller?.username,
    });
  };
  return {
    before: (request) => {
      started.set(request, performance.now());
    },
    after: log,
    onError: log,
  };
}

function problemResponses(): middy.MiddlewareObj<HttpEvent, HttpResult> {
  return {
    onError: (request) => {
      const error = request.error;
      if (!(error instanceof CordonError)) logger.error('unhandled error', { error });
      // The language authorise chose; read anew only when the failure came before it.
      const language = parsedInputs.get(request.event)?.language ?? languageOf(request.event.headers);
      // A public link's token stays out of the answer's `instance` (and any log that keeps answers).
      request.response = problem(error, redactLinkPath(request.event.rawPath), language);
    },
  };
}

/** The language a request is answered in: the one place Accept-Language is read. */
export const languageOf = (headers: Readonly<Record<string, string | string[] | undefined>> | undefined): Language => {
  const header = headers?.['accept-language'] ?? headers?.['Accept-Language'];
  return negotiateLanguage(Array.isArray(header) ? header.join(',') : header);
};

/** The problem+json answer to a failure (see problems.ts), said in `language`; `instance` is the request's path. */
export function problem(error: unknown, instance: string, language: Language): HttpResult {
  const { status, headers, body } = problemOf(error, instance, language);
  return { statusCode: status, headers: { ...headers }, body: JSON.stringify(body) };
}

function authorise(operationId: string, route: RouteSpec): middy.MiddlewareObj<HttpEvent, HttpResult> {
  return {
    before: (request) => {
      const parsed: Parsed = { params: {}, query: {}, headers: {}, body: undefined, caller: undefined, language: languageOf(request.event.headers) };
      parsedInputs.set(request.event, parsed);
      if (route.auth !== 'jwt') return;
      const claims = request.event.requestContext.authorizer?.jwt?.claims;
      const result = callerFromClaims(claims);
      if (!result.ok) throw claimsFailure(result.refusal);
      if (!route.roles?.includes(result.caller.role)) {
        throw new ForbiddenError(message('edge.role-may-not', { role: result.caller.role, operation: operationId }));
      }
      parsed.caller = result.caller;
    },
  };
}

/** A token that names nobody is unauthenticated; one that names a user without one role, forbidden. */
function claimsFailure(refusal: ClaimsRefusal): CordonError {
  const options = { cause: refusal };
  switch (refusal.code) {
    case 'no-claims':
    case 'no-identity':
      return new UnauthorizedError(message(`edge.${refusal.code}`), options);
    case 'no-role':
    case 'many-roles':
      return new ForbiddenError(message(`edge.${refusal.code}`), options);
  }
}

function parseInput(route: RouteSpec): middy.MiddlewareObj<HttpEvent, HttpResult> {
  const headers = routeHeaders(route);
  return {
    before: (request) => {
      const parsed = parsedInputs.get(request.event);
      if (!parsed) throw new Error('authorise must run first');
      const event = request.event;
      const errors: FieldError[] = [];
      const check = (where: string, schema: z.ZodMiniType | undefined, value: unknown) => validate(where, schema, value, errors, parsed.language);
      parsed.params = check('params', route.params, event.pathParameters ?? {});
      parsed.query = check('query', route.query, event.queryStringParameters ?? {});
      parsed.headers = check('headers', headers, event.headers ?? {});
      if (route.body?.kind === 'json') parsed.body = check('body', route.body.schema, jsonBody(event));
      else if (route.body?.kind === 'raw') parsed.body = rawBody(event, route.body.contentTypes);
      if (errors.length > 0) throw new ValidationError(errors);
    },
  };
}

/** zod's own messages in each language Cordon speaks; a schema's own message is said by fieldErrors. */
const ZOD_LOCALES: Readonly<Record<Language, () => { localeError: z.core.$ZodErrorMap }>> = { 'zh-CN': zhCN, en };
const zodErrors = new Map<Language, z.core.$ZodErrorMap>();
function zodErrorMap(language: Language): z.core.$ZodErrorMap {
  let map = zodErrors.get(language);
  if (!map) zodErrors.set(language, (map = ZOD_LOCALES[language]().localeError));
  return map;
}

function validate(where: string, schema: z.ZodMiniType | undefined, value: unknown, errors: FieldError[], language: Language): unknown {
  if (!schema) return {};
  const result = schema.safeParse(value, { error: zodErrorMap(language) });
  if (result.success) return result.data;
  errors.push(...fieldErrors(where, result.error));
  return undefined;
}

/** zod issues as `{field, message}` with the field as a dotted path: body.geometry.coordinates.0 */
export function fieldErrors(where: string, error: z.core.$ZodError): FieldError[] {
  return error.issues.flatMap((issue) => issueErrors([where], issue));
}

type Issue = z.core.$ZodIssue;

function issueErrors(base: readonly PropertyKey[], issue: Issue): FieldError[] {
  const at = [...base, ...issue.path];
  const field = at.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => fieldError(`${field}.${key}`, message('field.unknown')));
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // A union of values (8 | 12 | 24): every branch says "expected X"; name them all at once.
    const values = issue.errors.map((branch) => (branch.length === 1 && branch[0]?.code === 'invalid_value' && branch[0].path.length === 0 ? branch[0].values : undefined));
    if (values.every((v) => v !== undefined)) return [fieldError(field, message('field.one-of', { values: values.flat().map(String).join(', ') }))];
    // Else the branch the input came closest to (fewest issues, then deepest) names the real field,
    // where the union's own issue would only say "body".
    const depth = (branch: readonly Issue[]) => Math.max(...branch.map((i) => i.path.length));
    const closest = [...issue.errors].sort((a, b) => a.length - b.length || depth(b) - depth(a))[0] ?? [];
    return closest.flatMap((inner) => issueErrors(at, inner));
  }
  const said = saidOfIssue(issue);
  return [said ? fieldError(field, said) : { field, message: issue.message }];
}

const JSON_TYPE = /^application\/([\w.+-]+\+)?json$/;

function mediaType(event: HttpEvent): { type: string; charset: string | undefined } {
  const header = event.headers['content-type'] ?? '';
  const [type = '', ...params] = header.split(';').map((p) => p.trim());
  const charset = params.find((p) => p.toLowerCase().startsWith('charset='))?.slice(8).replace(/"/g, '').toLowerCase();
  return { type: type.toLowerCase(), charset };
}

const typeOrNone = (type: string) => type || message('edge.no-content-type');

function jsonBody(event: HttpEvent): unknown {
  if (event.body === undefined || event.body === '') return undefined;
  const { type } = mediaType(event);
  if (!JSON_TYPE.test(type)) throw new UnsupportedMediaTypeError(message('edge.send-json', { type: typeOrNone(type) }));
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ValidationError([fieldError('body', message('field.not-json'))], undefined, { cause: error });
  }
}

function rawBody(event: HttpEvent, accepted: readonly string[]): RawBody {
  const { type, charset } = mediaType(event);
  if (!accepted.includes(type)) {
    throw new UnsupportedMediaTypeError(message('edge.send-one-of', { accepted: accepted.join(', '), type: typeOrNone(type) }));
  }
  const body = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  if (bytes.length === 0) throw new ValidationError([fieldError('body', message('field.empty-file'))]);
  return { bytes, contentType: type, charset };
}

function respond(route: RouteSpec, result: unknown, event: HttpEvent, language: Language): HttpResult {
  const reply = result instanceof Reply ? result : new Reply(result, {});
  // The answer's text (an exit's reasons, say) is in this language, and a cache keeps one per language.
  const headers = { 'content-language': language, vary: 'Accept-Language', ...reply.headers };
  if (config().validateResponses) {
    const check = route.response.schema.safeParse(reply.body);
    if (!check.success) {
      logger.error('response breaks the contract', { issues: check.error.issues.slice(0, 5) });
      throw new Error('response does not match the catalogue schema');
    }
  }
  if (route.response.status === 204) return { statusCode: 204, headers };
  if (!(reply instanceof Versioned) && notModified(event.headers['if-none-match'], reply.headers.etag)) return { statusCode: 304, headers };
  if (reply instanceof Binary) {
    return { statusCode: route.response.status, headers: { 'content-type': route.response.contentType ?? 'application/octet-stream', ...headers }, body: reply.body, isBase64Encoded: true };
  }
  return {
    statusCode: route.response.status,
    headers: { 'content-type': route.response.contentType ?? 'application/json', ...headers },
    body: JSON.stringify(reply.body),
  };
}
