/**
 * Public routes about the API itself: liveness and its OpenAPI description.
 */
import { Health, OpenApiDocument } from '#shared/schemas/health.ts';
import { defineRoutes } from '../types.ts';

export const metaRoutes = defineRoutes({
  getHealth: {
    method: 'GET', path: '/health', resource: 'meta', auth: 'public',
    summary: 'Liveness', response: { status: 200, schema: Health },
  },
  getOpenApi: {
    method: 'GET', path: '/openapi.json', resource: 'meta', auth: 'public',
    summary: 'This API as an OpenAPI 3.1 document', response: { status: 200, schema: OpenApiDocument },
  },
});
