/** Liveness and the API description. */
import * as z from '../zod.ts';

export const Health = z.object({ status: z.literal('ok'), version: z.string(), time: z.string() }).register(z.globalRegistry, { id: 'Health' });
export const OpenApiDocument = z.record(z.string(), z.unknown()).register(z.globalRegistry, { description: 'OpenAPI 3.1 document' });
