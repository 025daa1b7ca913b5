/**
 * An import body as rows: the format chosen (the query's, else the media type's), the file read
 * as CSV or GeoJSON, each row given with its line. The entry point the importer walks.
 */
import type { Format, ImportKind, ImportQuery } from '../schemas/imports.ts';
import { checkExplicit } from './columns.ts';
import { readCsv } from './csv.ts';
import { readGeoJson } from './geojson.ts';
import type { ReadItem } from './rows.ts';

/** The formats this reader takes (defined beside the import query). */

export function formatOf(requested: ImportQuery['format'], contentType: string): Format {
  if (requested !== 'auto') return requested;
  return contentType === 'text/csv' ? 'csv' : 'geojson';
}

export function readItems(
  text: string,
  options: { readonly kind: ImportKind; readonly format: Format; readonly columns?: Readonly<Record<string, string>> | undefined },
): Generator<ReadItem> {
  // Checked before reading: a GeoJSON file may never show the property a bad name was meant for.
  for (const name of Object.keys(options.columns ?? {})) checkExplicit(options.kind, name);
  return options.format === 'csv' ? readCsv(text, options.kind, options.columns) : readGeoJson(text, options.kind, options.columns);
}
