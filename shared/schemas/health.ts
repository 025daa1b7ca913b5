/** Liveness and the API description. */
import * as z from 'zod';

export const Health = z.object({ status: z.literal('ok'), version: z.string(), time: z.string() }).meta({ id: 'Health' });
export const OpenApiDocument = z.record(z.string(), z.unknown()).meta({ description: 'OpenAPI 3.1 document' });
