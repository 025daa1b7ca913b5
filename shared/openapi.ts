/**
 * The OpenAPI 3.1 document, generated from the catalogue (zod-openapi), so it cannot drift
 * from the routes the handlers serve.
 */
import * as z from './zod.ts';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { routes, type RouteSpec } from './catalogue/index.ts';
import { routeHeaders } from './catalogue/headers.ts';
import { Problem } from './schemas/common.ts';
import { IDEMPOTENT_REPLAYED_HEADER } from './schemas/idempotency.ts';

/** On an idempotent route's success: whether this is the answer stored under the Idempotency-Key, sent again. */
const ReplayedHeaders = z.object({
  [IDEMPOTENT_REPLAYED_HEADER]: z.optional(z.literal('true')).register(z.globalRegistry, {
    description: 'Present on an answer given again from what the first request with this Idempotency-Key answered: nothing was done this time',
  }),
});

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid request: `errors` names each field',
  401: 'Missing, invalid or expired token',
  403: 'The caller\'s role or jurisdiction does not allow this',
  404: 'Not found',
  409: 'Conflict with the current state',
  412: 'The item changed since the version If-Match names: read it again',
  413: 'Body too large',
  410: 'Gone for good (a resident\'s link after release)',
  415: 'Unsupported Content-Type',
  422: 'The Idempotency-Key was used for a different request: nothing was done',
  429: 'Too many calls of this link: try again in a minute',
  503: 'The table failed partway: `errors` says which lines are in; send the file again',
};

export function openApiDocument(options: { version: string; serverUrl?: string; includeLocal?: boolean }) {
  const paths: ZodOpenApiPathsObject = {};
  for (const [operationId, route] of Object.entries(routes as Record<string, RouteSpec>)) {
    if (route.auth === 'local' && !options.includeLocal) continue;
    const path = (paths[route.path] ??= {});
    path[route.method.toLowerCase() as 'get'] = operation(operationId, route);
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Cordon API',
      version: options.version,
      description: 'Closed management of residential compounds (小区封闭管理). Errors are RFC 9457 problem+json.',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    paths,
  });
}

function operation(operationId: string, route: RouteSpec): ZodOpenApiOperationObject {
  const statuses = new Set<number>(route.errors ?? []);
  const headers = routeHeaders(route);
  if (route.params || route.query || headers || route.body) statuses.add(400);
  if (route.idempotent) statuses.add(422);
  if (route.auth === 'jwt') {
    statuses.add(401);
    statuses.add(403);
  }
  const responses: ZodOpenApiOperationObject['responses'] = {
    [String(route.response.status)]: {
      description: route.summary,
      ...(route.idempotent ? { headers: ReplayedHeaders } : {}),
      content: { [route.response.contentType ?? 'application/json']: { schema: route.response.schema } },
    },
  };
  for (const status of [...statuses].sort()) {
    responses[`${status}` as `4${string}`] = {
      description: STATUS_TEXT[status] ?? 'Error',
      content: { 'application/problem+json': { schema: Problem } },
    };
  }
  return {
    operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.resource],
    ...(route.auth === 'jwt' ? { security: [{ bearer: [] }], 'x-roles': route.roles } : { security: [] }),
    ...(route.auth === 'local' ? { 'x-local-only': true } : {}),
    requestParams: {
      ...(route.params ? { path: route.params } : {}),
      ...(route.query ? { query: route.query } : {}),
      ...(headers ? { header: headers } : {}),
    },
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content:
              route.body.kind === 'json'
                ? { 'application/json': { schema: route.body.schema } }
                : Object.fromEntries(route.body.contentTypes.map((type) => [type, { schema: { type: 'string' } }])),
          },
        }
      : {}),
    responses,
  };
}
