/**
 * The local API: what API Gateway's HTTP API does in the cloud, on one port. It matches the
 * request against the catalogue, verifies the bearer token like the JWT authorizer (401 with
 * API Gateway's own body when it fails), builds a payload-2.0 event and invokes the resource's
 * Lambda handler in-process. Local-only routes (the demo token issuer) are answered here.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Context } from 'aws-lambda';
import { CORS_EXPOSED_HEADERS, CORS_REQUEST_HEADERS } from '#shared/catalogue/headers.ts';
import { routes, type RouteSpec } from '#shared/catalogue/index.ts';
import { pathMatcher, type PathMatcher } from '#shared/catalogue/paths.ts';
import { redactLinkPath } from '#shared/domain/links.ts';
import { stringifyClaims } from '#shared/claims.ts';
import { API_MAX_BODY_BYTES } from '#shared/schemas/imports.ts';
import { LocalUserList, TokenRequest, TokenResponse } from '#shared/schemas/local.ts';
import { NotFoundError, ValidationError, fieldError } from '#functions/platform/errors.ts';
import { acceptLocalUpload, LOCAL_FILES_PREFIX } from '#functions/platform/files-local.ts';
import { languageOf, problem, type HttpEvent, type HttpResult } from '#functions/edge/http.ts';
import type { Language } from '#shared/messages/language.ts';
import { cachedLoader, importHandler } from './handler-import.ts';
import type { LocalIdentity } from './identity.ts';
import { invokeLocal, LambdaTimeout } from './lambda-context.ts';
import { LOCAL_ACCOUNT } from './local-arn.ts';
import { message } from '#shared/messages/message.ts';

/** API Gateway gives an integration at most 30 s. */
const INTEGRATION_TIMEOUT_MS = 30_000;

type LambdaHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

interface CompiledRoute {
  readonly operationId: string;
  readonly spec: RouteSpec;
  readonly matcher: PathMatcher;
}

const compiled: CompiledRoute[] = Object.entries(routes as Record<string, RouteSpec>).map(([operationId, spec]) => ({
  operationId,
  spec,
  matcher: pathMatcher(spec.path),
}));

export interface ApiServerOptions {
  readonly port: number;
  readonly host?: string;
  readonly identity: LocalIdentity;
  /** Origins allowed by CORS, as the cloud API allows the web origin. */
  readonly allowedOrigins?: readonly string[];
  /** Prints one line per request. */
  readonly log?: (line: string) => void;
  /** Answers the upload URLs of the local files port (functions/platform/files-local.ts): where files land, the signing key. */
  readonly files?: { readonly dir: string; readonly secret: string };
}

export interface ApiServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The `handler` export of functions/api/<resource>.ts, imported once like a warm Lambda. */
const handlerOf = cachedLoader((resource) => importHandler<LambdaHandler>('api', resource));

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const server = createServer((req, res) => {
    const started = performance.now();
    handle(req, res, options)
      .catch((error: unknown) => {
        console.error('local api:', error);
        send(res, 500, { 'content-type': 'application/json' }, JSON.stringify({ message: 'Internal Server Error' }));
      })
      // The path only: a query may carry a person's name or a plate (passes?q=…), which no log keeps;
      // and a resident's link token in a public path is replaced (shared/domain/links.ts).
      .finally(() => options.log?.(`${req.method} ${redactLinkPath((req.url ?? '').split('?')[0] ?? '')} ${res.statusCode} ${Math.round(performance.now() - started)}ms`));
  });
  await listen(server, options.port, options.host ?? '127.0.0.1');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${options.host && options.host !== '0.0.0.0' ? options.host : 'localhost'}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, options: ApiServerOptions): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const cors = corsHeaders(req, options.allowedOrigins ?? []);
  if (method === 'OPTIONS' && req.headers['access-control-request-method']) {
    return send(res, 204, { ...cors, 'access-control-max-age': '600' });
  }
  const url = requestUrl(req.url);
  if (!url) {
    const error = new ValidationError([fieldError('path', message('local.bad-path'))]);
    return sendResult(res, problem(error, pathOnly(req.url), languageOf(req.headers)), cors);
  }
  let found: { route: CompiledRoute; params: Record<string, string> } | undefined;
  for (const route of compiled) {
    if (route.spec.method !== method) continue;
    const params = route.matcher.match(url.pathname);
    if (params) {
      found = { route, params };
      break;
    }
  }
  if (!found && method === 'PUT' && options.files && url.pathname.startsWith(LOCAL_FILES_PREFIX)) {
    // What S3 does with a presigned PUT: the signature fixes the key, type, size and expiry.
    const upload = await readBody(req);
    if (upload === 'too-large') return sendJson(res, 413, { message: 'Request Entity Too Large' }, { ...cors, connection: 'close' });
    const status = await acceptLocalUpload(
      { pathname: url.pathname, query: url.searchParams, contentType: req.headers['content-type'], body: upload }, options.files.dir, options.files.secret,
    );
    return send(res, status, cors);
  }
  if (!found) return sendJson(res, 404, { message: 'Not Found' }, cors);

  const body = await readBody(req);
  // The rest of the upload is not read: close the connection so it cannot garble the next request.
  if (body === 'too-large') return sendJson(res, 413, { message: 'Request Entity Too Large' }, { ...cors, connection: 'close' });

  if (found.route.spec.auth === 'local') {
    return sendResult(res, await serveLocal(found.route.operationId, body, options.identity, languageOf(req.headers)), cors);
  }

  let claims: Record<string, string> | undefined;
  if (found.route.spec.auth === 'jwt') {
    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const verified = token ? await options.identity.verify(token) : undefined;
    if (!verified) {
      return sendJson(res, 401, { message: 'Unauthorized' }, { ...cors, 'www-authenticate': 'Bearer' });
    }
    claims = stringifyClaims(verified);
  }

  const event = toEvent(req, url, found.route, found.params, body, claims);
  const handler = await handlerOf(found.route.spec.resource);
  let result: HttpResult;
  try {
    result = await invokeLocal(handler, event, { module: found.route.spec.resource, timeoutMs: INTEGRATION_TIMEOUT_MS });
  } catch (error) {
    if (error instanceof LambdaTimeout) return sendJson(res, 503, { message: 'Service Unavailable' }, cors);
    console.error(`local api: ${found.route.operationId} threw`, error);
    return sendJson(res, 500, { message: 'Internal Server Error' }, cors);
  }
  sendResult(res, result, cors);
}

/**
 * The request's URL, or undefined when its path cannot be read: not a URL, or an escape that is
 * not %XX of UTF-8 (`%`, `%E0%A4%A`), which path parameters could not be decoded from.
 */
function requestUrl(raw: string | undefined): URL | undefined {
  try {
    const url = new URL(raw ?? '/', 'http://localhost');
    decodeURIComponent(url.pathname);
    return url;
  } catch {
    return undefined;
  }
}

/** The path part of a request target, for a problem's `instance`. */
const pathOnly = (raw: string | undefined): string => (raw ?? '/').split('?')[0] ?? '/';

/** A Lambda proxy result as the HTTP response API Gateway makes of it. */
function sendResult(res: ServerResponse, result: HttpResult, cors: Record<string, string>): void {
  const headers: Record<string, string> = { ...cors };
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    const key = name.toLowerCase();
    // Vary lists every header the answer varies by: CORS's Origin and the handler's own (Accept-Language).
    headers[key] = key === 'vary' && headers.vary ? `${headers.vary}, ${String(value)}` : String(value);
  }
  const payload = result.body === undefined ? undefined : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  send(res, result.statusCode ?? 200, headers, payload);
}

/** The demo identity routes, which stand in for Cognito and so are no Lambda's. */
async function serveLocal(operationId: string, body: Buffer, identity: LocalIdentity, language: Language): Promise<HttpResult> {
  const json = (value: unknown): HttpResult => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
  if (operationId === 'listLocalUsers') return json(LocalUserList.parse(identity.users));
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8') || 'null');
  } catch {
    parsed = undefined;
  }
  const request = TokenRequest.safeParse(parsed);
  if (!request.success) {
    return problem(new ValidationError([fieldError('body.username', message('field.required'))], message('local.username-required')), routes.issueLocalToken.path, language);
  }
  const issued = await identity.issue(request.data.username);
  if (!issued) return problem(new NotFoundError(message('local.no-user', { username: request.data.username })), routes.issueLocalToken.path, language);
  return json(TokenResponse.parse(issued));
}

/** Text bodies reach the handler as strings, others base64-encoded, as API Gateway passes them. */
function toEvent(
  req: IncomingMessage,
  url: URL,
  route: CompiledRoute,
  params: Record<string, string>,
  body: Buffer,
  claims: Record<string, string> | undefined,
): HttpEvent {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const asText = body.length > 0 && isTextType(headers['content-type']) && isUtf8(body);
  const now = new Date();
  const routeKey = `${route.spec.method} ${route.spec.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: headers.cookie?.split(';').map((c) => c.trim()),
    headers,
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    pathParameters: Object.keys(params).length > 0 ? params : undefined,
    requestContext: {
      accountId: LOCAL_ACCOUNT,
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: route.spec.method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      authorizer: { jwt: { claims: claims ?? {}, scopes: [] }, principalId: '', integrationLatency: 0 },
    },
    body: body.length > 0 ? body.toString(asText ? 'utf8' : 'base64') : undefined,
    isBase64Encoded: body.length > 0 && !asText,
  } as HttpEvent;
}

function isTextType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type.startsWith('text/') || /^application\/([\w.+-]+\+)?(json|xml)$/.test(type);
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > API_MAX_BODY_BYTES) {
      req.resume();
      return 'too-large';
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function corsHeaders(req: IncomingMessage, allowed: readonly string[]): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || !allowed.includes(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
    'access-control-allow-headers': CORS_REQUEST_HEADERS.join(','),
    'access-control-expose-headers': CORS_EXPOSED_HEADERS.join(','),
    vary: 'origin',
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  send(res, status, { 'content-type': 'application/json', ...headers }, JSON.stringify(body));
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body?: string | Buffer): void {
  res.writeHead(status, headers);
  res.end(body);
}
