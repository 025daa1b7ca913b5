/**
 * The request headers a route reads: those it declares, and Idempotency-Key when it is marked
 * `idempotent`. One function, so the edge validates and OpenAPI documents the same headers.
 */
import type * as z from 'zod';
import { IdempotencyHeaders } from '../schemas/idempotency.ts';
import type { RouteSpec } from './types.ts';

export function routeHeaders(route: Pick<RouteSpec, 'headers' | 'idempotent'>): z.ZodObject | undefined {
  if (!route.idempotent) return route.headers;
  return route.headers ? route.headers.extend(IdempotencyHeaders.shape) : IdempotencyHeaders;
}
