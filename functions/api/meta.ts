/**
 * Public routes about the API itself: liveness and the OpenAPI document.
 */
import { openApiDocument } from '#shared/openapi.ts';
import { nowIso } from '../platform/clock.ts';
import { config } from '../platform/config.ts';
import { httpHandler } from '../edge/http.ts';
import { metaRoutes } from '#shared/catalogue/routes/meta.ts';

let document: ReturnType<typeof openApiDocument> | undefined;

export const handler = httpHandler(metaRoutes, {
  getHealth: async () => ({ status: 'ok' as const, version: config().version, time: nowIso() }),
  getOpenApi: async () => {
    document ??= openApiDocument({ version: config().version, includeLocal: config().stage === 'local' });
    return document as unknown as Record<string, unknown>;
  },
});
