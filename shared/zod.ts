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
