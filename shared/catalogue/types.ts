/**
 * The shapes of catalogue entries. A route, queue or schedule is declared once with these and
 * read by the CDK app, the local runtime, the OpenAPI generator and the web client.
 */
import type * as z from '../zod.ts';
import type { Role } from '../roles.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * - `jwt`: a /v1 route behind the JWT authorizer; `roles` say who may call it.
 * - `public`: no token (health, the API description, residents' pages).
 * - `local`: exists only in the local runtime (the demo token issuer); never deployed.
 */
export type RouteAuth = 'jwt' | 'public' | 'local';

export interface RouteSpec {
  readonly method: HttpMethod;
  /** API Gateway syntax: `/v1/compounds/{id}`. */
  readonly path: string;
  /** The handler module `functions/api/<resource>.ts`; one Lambda function per resource. */
  readonly resource: string;
  readonly auth: RouteAuth;
  readonly roles?: readonly Role[];
  readonly summary: string;
  readonly description?: string;
  readonly params?: z.ZodMiniObject;
  readonly query?: z.ZodMiniObject;
  /** Request headers the route reads (lower-case names, e.g. `if-match`), validated like params and query. */
  readonly headers?: z.ZodMiniObject;
  /** JSON bodies are parsed and validated; `raw` bodies reach the handler as bytes. */
  readonly body?: { readonly kind: 'json'; readonly schema: z.ZodMiniType } | { readonly kind: 'raw'; readonly contentTypes: readonly string[] };
  readonly response: {
    readonly status: 200 | 201 | 202 | 204;
    readonly schema: z.ZodMiniType;
    /** A binary type (the .xlsx export) is answered from a `binary` reply (functions/edge/http.ts), base64 from Lambda. */
    readonly contentType?: 'application/json' | 'application/geo+json' | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  };
  /** Problem statuses this route answers with, beyond 400/401/403 implied by auth and input. */
  readonly errors?: readonly number[];
  /**
   * A field action a phone's outbox may resend: it takes an optional `Idempotency-Key` header
   * (checked by the edge, documented in OpenAPI), and the same key with the same request answers
   * the stored answer again instead of acting twice (functions/edge/idempotency.ts). The handler
   * writes the answer in its action's transaction, through the `once` it is given.
   */
  readonly idempotent?: boolean;
}

export interface QueueSpec {
  /** The consumer module `functions/workers/<consumer>.ts`. */
  readonly consumer: string;
  readonly description: string;
  readonly message: z.ZodMiniType;
  readonly batchSize: number;
  readonly visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  readonly maxConcurrency?: number;
  readonly maxBatchingWindowSeconds?: number;
}

export interface ScheduleSpec {
  /** The job module `functions/jobs/<job>.ts`. */
  readonly job: string;
  readonly description: string;
  /** EventBridge syntax: `rate(5 minutes)` or `cron(0 8,20 * * ? *)`. */
  readonly expression: string;
}

/** Keeps each entry's literal types while checking it against the spec. */
export const defineRoutes = <const T extends Record<string, RouteSpec>>(routes: T): T => routes;
export const defineQueues = <const T extends Record<string, QueueSpec>>(queues: T): T => queues;
export const defineSchedules = <const T extends Record<string, ScheduleSpec>>(schedules: T): T => schedules;
