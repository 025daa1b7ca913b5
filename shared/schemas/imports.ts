/**
 * Import of compounds, buildings, exits and community boundaries from GeoJSON or CSV, and of
 * staff rosters (kind=staff) from CSV.
 * The file is the raw request body; options travel in the query.
 */
import { schemaMessage } from '../messages/message.ts';
import * as z from '../zod.ts';
import { DynamoNumber, Id } from './common.ts';
import { CRS } from './constants.ts';

export const IMPORT_KINDS = ['compounds', 'buildings', 'exits', 'communities', 'staff', 'people'] as const;
export const ImportKind = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof ImportKind>;
export { CRS };
export const Crs = z.enum(CRS);
export type Crs = z.infer<typeof Crs>;
export const ENCODINGS = ['auto', 'utf8', 'gb18030'] as const;
export const Encoding = z.enum(ENCODINGS);
export type Encoding = z.infer<typeof Encoding>;
export const FORMATS = ['csv', 'geojson'] as const;
export const Format = z.enum(FORMATS);
export type Format = z.infer<typeof Format>;

/** API Gateway's HTTP API refuses bodies over 10 MB; the local API and a direct invocation are held to the same. */
export const API_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** `field:Header,field:Header` — explicit CSV column mapping, overriding the recognised names. */
const ColumnMap = z.pipe(z.string().check(z.maxLength(2000)), z.transform((raw, ctx) => {
    const map: Record<string, string> = {};
    for (const pair of raw.split(',')) {
      const at = pair.indexOf(':');
      const field = pair.slice(0, at).trim();
      const header = pair.slice(at + 1).trim();
      if (at <= 0 || header === '') {
        ctx.issues.push({ code: 'custom', input: raw, ...schemaMessage('schema.columns-pair', { pair }) });
        return z.NEVER;
      }
      map[field] = header;
    }
    return map;
  }));

export const ImportQuery = z.object({
  kind: z._default(ImportKind, 'compounds'),
  crs: z._default(Crs, 'wgs84'),
  encoding: z._default(Encoding, 'auto'),
  format: z._default(z.enum(['auto', ...FORMATS]), 'auto').register(z.globalRegistry, { description: 'auto: from Content-Type, then content' }),
  columns: z.optional(ColumnMap).register(z.globalRegistry, { description: 'Explicit CSV mapping, e.g. name:小区,lng:X坐标,lat:Y坐标' }),
  lineOffset: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(100_000_000)), 0).register(z.globalRegistry, {
    description: 'Added to reported line numbers, for files sent in several parts',
  }),
  importId: z.optional(Id).register(z.globalRegistry, { description: 'Groups the parts of one file into one import' }),
  dryRun: z._default(z.pipe(z.enum(['true', 'false']), z.transform((v) => v === 'true')), false).register(z.globalRegistry, {
    description: 'Validate and report without writing',
  }),
});
export type ImportQuery = z.infer<typeof ImportQuery>;

export const ImportReject = z.object({ line: DynamoNumber.check(z.int()), reason: z.string() });
export type ImportReject = z.infer<typeof ImportReject>;

export const ImportSummary = z.object({
  importId: Id,
  kind: ImportKind,
  imported: DynamoNumber.check(z.int(), z.nonnegative()),
  updated: DynamoNumber.check(z.int(), z.nonnegative()).register(z.globalRegistry, { description: 'Rows that matched an existing item (by id), changed or not' }),
  unchanged: z.optional(DynamoNumber.check(z.int(), z.nonnegative())).register(z.globalRegistry, {
    description: 'Of the updated rows, those that changed nothing and were not written',
  }),
  rejected: DynamoNumber.check(z.int(), z.nonnegative()),
  rejects: z.array(ImportReject),
  rejectsTruncated: z.optional(z.boolean()).register(z.globalRegistry, { description: 'Only the first 1,000 rejects are listed' }),
}).register(z.globalRegistry, { id: 'ImportSummary' });
export type ImportSummary = z.infer<typeof ImportSummary>;

export const IMPORT_CONTENT_TYPES = ['text/csv', 'application/geo+json', 'application/json'] as const;
