/**
 * zod for every schema in Cordon: zod/mini (its functional form tree-shakes, where classic zod's
 * methods carry the whole library into each Lambda bundle), with English messages set as classic
 * zod sets them on import. The HTTP edge says them in the caller's language per parse
 * (functions/edge/http.ts); this default is what imports, logs and tests read.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

export * from 'zod/mini';

/**
 * The value mended, then checked by the schema: classic zod's preprocess, which zod/mini leaves
 * out (a transform piped into the schema is all it ever was). The transform's output is whatever
 * the schema then refuses, hence the casts.
 */
export function preprocess<T extends z.core.SomeType>(mend: (value: unknown) => unknown, schema: T): z.ZodMiniPipe<z.ZodMiniTransform<unknown, unknown>, T> {
  return new z.ZodMiniPipe({ type: 'pipe', in: z.transform(mend), out: schema as unknown as z.core.$ZodType }) as unknown as z.ZodMiniPipe<z.ZodMiniTransform<unknown, unknown>, T>;
}
