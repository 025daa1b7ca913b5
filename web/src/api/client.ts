/**
 * The typed API client. Routes (method and path) come from the catalogue by operation id (as its
 * route table, ./route-table.ts: no schema is loaded at run time) and types from the catalogue's
 * zod schemas, so nothing about a route is written here again. Responses are typed, not
 * re-validated: the API validates what it sends.
 */
import type * as z from '#shared/zod.ts';
import type { OperationId, Routes } from '#shared/catalogue/index.ts';
import { fillPath } from '#shared/catalogue/paths.ts';
import { IDEMPOTENCY_KEY_HEADER } from '#shared/schemas/constants.ts';
import { ApiError, NetworkError, ProblemError, UnauthorizedError, asProblem, isAbort } from './errors.ts';
import { ROUTE_TABLE } from './route-table.ts';

type Spec<K extends OperationId> = Routes[K];

/** What an operation answers, as the response schema produces it. */
export type ResponseOf<K extends OperationId> = z.output<Spec<K>['response']['schema']>;

type ParamsPart<S> = S extends { params: infer P extends z.ZodMiniType } ? { params: z.input<P> } : { params?: never };
type QueryPart<S> = S extends { query: infer Q extends z.ZodMiniType } ? { query?: z.input<Q> } : { query?: never };
type BodyPart<S> = S extends { body: { kind: 'json'; schema: infer B extends z.ZodMiniType } }
  ? { body: z.input<B> }
  : S extends { body: { kind: 'raw' } }
    ? { body: Blob | string; contentType: string }
    : { body?: never };

/** What an operation takes: path parameters, query and body, each as its schema accepts it. */
export type RequestOf<K extends OperationId> = ParamsPart<Spec<K>> & QueryPart<Spec<K>> & BodyPart<Spec<K>>;

export interface CallOptions {
  readonly signal?: AbortSignal;
  /**
   * The ETag of the version a change was made from (shared/schemas/preconditions.ts): the API
   * refuses the change with 412 when the item has changed since (see `isStale`).
   */
  readonly ifMatch?: string;
  /**
   * The client's id for a change (8–100 of [A-Za-z0-9_.:-]), sent as `Idempotency-Key`: the API
   * answers a resend with the same key and request with the stored answer instead of acting again.
   */
  readonly idempotencyKey?: string;
}

type CallArgs<K extends OperationId> = object extends RequestOf<K>
  ? [request?: RequestOf<K>, options?: CallOptions]
  : [request: RequestOf<K>, options?: CallOptions];

export interface ApiClient {
  call<K extends OperationId>(operationId: K, ...args: CallArgs<K>): Promise<ResponseOf<K>>;
  /**
   * A read that may not have changed since `etag` (sent as If-None-Match): `unchanged` on the
   * API's 304, else the answer and its ETag — what a poll asks every few seconds (the unread
   * count of web/src/inbox/notifications.ts), so an unchanged answer costs no body.
   */
  callIfChanged<K extends OperationId>(operationId: K, etag: string | undefined, ...args: CallArgs<K>): Promise<Changed<ResponseOf<K>>>;
}

/** What a conditional read answered: nothing new, or the body with the version it is. */
export type Changed<T> = { readonly unchanged: true } | { readonly unchanged: false; readonly body: T; readonly etag: string | undefined };

export interface ApiClientOptions {
  /** "" for the page's own origin. */
  readonly baseUrl: string;
  readonly getToken: () => string | undefined;
  /**
   * The app's language, sent as Accept-Language on every call so that the API's own texts
   * (exit reasons, problem titles, details and field messages) come in it, not in the browser's.
   */
  readonly getLanguage?: () => string;
  /** Called on every 401, before the call rejects with `UnauthorizedError`. */
  readonly onUnauthorized: () => void;
  readonly fetch?: typeof fetch;
}

interface LooseRequest {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
  contentType?: string;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  /** Sends one call; answers the response when it is a success or 304 (asked for with If-None-Match). */
  const send = async (operationId: OperationId, args: unknown[], ifNoneMatch?: string): Promise<Response> => {
    const [request = {}, callOptions = {}] = args as [LooseRequest?, CallOptions?];
    const spec = ROUTE_TABLE[operationId];
    const url = options.baseUrl + fillPath(spec.path, request.params ?? {}) + queryString(request.query);
    const headers: Record<string, string> = { accept: 'application/json, application/geo+json, application/problem+json' };
    const token = options.getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    const language = options.getLanguage?.();
    if (language) headers['accept-language'] = language;
    if (callOptions.ifMatch !== undefined) headers['if-match'] = callOptions.ifMatch;
    if (callOptions.idempotencyKey !== undefined) headers[IDEMPOTENCY_KEY_HEADER] = callOptions.idempotencyKey;
    if (ifNoneMatch !== undefined) headers['if-none-match'] = ifNoneMatch;
    let body: BodyInit | undefined;
    if (request.body !== undefined) {
      const raw = request.contentType !== undefined;
      headers['content-type'] = request.contentType ?? 'application/json';
      body = raw ? (request.body as Blob | string) : JSON.stringify(request.body);
    }
    let response: Response;
    try {
      response = await doFetch(url, { method: spec.method, headers, body, signal: callOptions.signal });
    } catch (error) {
      throw isAbort(error) ? error : new NetworkError(operationId, error);
    }
    if (response.status === 401) {
      options.onUnauthorized();
      throw new UnauthorizedError(operationId);
    }
    if (response.status === 304 && ifNoneMatch !== undefined) return response;
    if (!response.ok) throw await failure(operationId, response);
    return response;
  };
  const bodyOf = async <K extends OperationId>(response: Response): Promise<ResponseOf<K>> =>
    response.status === 204 ? (undefined as ResponseOf<K>) : ((await response.json()) as ResponseOf<K>);
  return {
    async call<K extends OperationId>(operationId: K, ...args: CallArgs<K>): Promise<ResponseOf<K>> {
      return bodyOf<K>(await send(operationId, args));
    },
    async callIfChanged<K extends OperationId>(operationId: K, etag: string | undefined, ...args: CallArgs<K>): Promise<Changed<ResponseOf<K>>> {
      const response = await send(operationId, args, etag);
      if (response.status === 304) return { unchanged: true };
      return { unchanged: false, body: await bodyOf<K>(response), etag: response.headers.get('etag') ?? undefined };
    },
  };
}

function queryString(query: Record<string, unknown> | undefined): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function failure(operationId: string, response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      const problem = asProblem(JSON.parse(text));
      if (problem) return new ProblemError(operationId, problem);
    } catch {
      // Not JSON after all: fall through to the plain error.
    }
  }
  return new ApiError(operationId, response.status, `${operationId} answered ${response.status}`);
}

/** Operations that answer a GeoJSON FeatureCollection in pages. */
export type PagedOperation = {
  [K in OperationId]: ResponseOf<K> extends { features: readonly unknown[]; nextToken?: string } ? K : never;
}[OperationId];

export type FeatureOf<K extends PagedOperation> = ResponseOf<K> extends { features: readonly (infer F)[] } ? F : never;

/** Every feature of a paged collection, following `nextToken` until the last page. */
export async function allFeatures<K extends PagedOperation>(
  api: ApiClient,
  operationId: K,
  request: RequestOf<K>,
  options: CallOptions = {},
): Promise<FeatureOf<K>[]> {
  // The page's shape is known from PagedOperation; TypeScript cannot carry it through `call`'s overloads.
  const page = api.call as (id: K, request: LooseRequest, options: CallOptions) => Promise<{ features: FeatureOf<K>[]; nextToken?: string }>;
  const { query, ...rest } = request as LooseRequest;
  const features: FeatureOf<K>[] = [];
  let nextToken: string | undefined;
  do {
    const answer = await page(operationId, { ...rest, query: { ...query, nextToken } }, options);
    features.push(...answer.features);
    nextToken = answer.nextToken;
  } while (nextToken);
  return features;
}
