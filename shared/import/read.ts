/**
 * An import body as rows: the format chosen (the query's, else the media type's), the file read
 * as CSV or GeoJSON, each row given with its line. The entry point the importer walks.
 */
import type { ImportKind, ImportQuery } from '../schemas/imports.ts';
import { fieldNamed, fieldsOf } from './columns.ts';
import { readCsv } from './csv.ts';
import { ImportFileError } from './errors.ts';
import { readGeoJson } from './geojson.ts';
import type { ReadItem } from './rows.ts';

export type Format = 'csv' | 'geojson';

export function formatOf(requested: ImportQuery['format'], contentType: string): Format {
  if (requested !== 'auto') return requested;
  return contentType === 'text/csv' ? 'csv' : 'geojson';
}

export function readItems(
  text: string,
  options: { readonly kind: ImportKind; readonly format: Format; readonly columns?: Readonly<Record<string, string>> | undefined },
): Generator<ReadItem> {
  for (const name of Object.keys(options.columns ?? {})) {
    if (!fieldNamed(options.kind, name)) {
      throw new ImportFileError('query.columns', `${name} is not a field of ${options.kind} (fields: ${fieldsOf(options.kind).join(', ')})`);
    }
  }
  return options.format === 'csv' ? readCsv(text, options.kind, options.columns) : readGeoJson(text, options.kind, options.columns);
}
