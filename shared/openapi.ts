/**
 * The OpenAPI 3.1 document, generated from the catalogue (zod-openapi), so it cannot drift
 * from the routes the handlers serve.
 */
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { routes, type RouteSpec } from './catalogue/index.ts';
import { Problem } from './schemas/common.ts';

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid request: `errors` names each field',
  401: 'Missing, invalid or expired token',
  403: 'The caller\'s role or jurisdiction does not allow this',
  404: 'Not found',
  409: 'Conflict with the current state',
  412: 'The item changed since the version If-Match names: read it again',
  413: 'Body too large',
  415: 'Unsupported Content-Type',
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
  if (route.params || route.query || route.headers || route.body) statuses.add(400);
  if (route.auth === 'jwt') {
    statuses.add(401);
    statuses.add(403);
  }
  const responses: ZodOpenApiOperationObject['responses'] = {
    [String(route.response.status)]: {
      description: route.summary,
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
      ...(route.headers ? { header: route.headers } : {}),
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
