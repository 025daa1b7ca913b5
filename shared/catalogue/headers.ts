/**
 * The headers of the API: those a route reads (those it declares, and Idempotency-Key when it is
 * marked `idempotent`: one function, so the edge validates and OpenAPI documents the same
 * headers), and the lists CORS lets a browser send and read — one list for the cloud's API
 * Gateway and the local server alike.
 */
import * as z from '../zod.ts';
import { IdempotencyHeaders } from '../schemas/idempotency.ts';
import type { RouteSpec } from './types.ts';

export function routeHeaders(route: Pick<RouteSpec, 'headers' | 'idempotent'>): z.ZodMiniObject | undefined {
  if (!route.idempotent) return route.headers;
  return route.headers ? z.extend(route.headers, IdempotencyHeaders.shape) : IdempotencyHeaders;
}

/** What a browser may send across origins beyond the safelisted ones (If-None-Match: the notification poll's ETag). */
export const CORS_REQUEST_HEADERS = ['authorization', 'content-type', 'accept', 'if-match', 'if-none-match', 'idempotency-key'] as const;

/** What a browser's script may read from an answer: ETags for If-Match, where a create put it, a replayed answer. */
export const CORS_EXPOSED_HEADERS = ['etag', 'location', 'idempotent-replayed'] as const;
