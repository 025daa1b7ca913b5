/**
 * GeoJSON read one feature at a time: a FeatureCollection, a single Feature, or one Feature per
 * line. Each feature is parsed on its own, so a broken feature is rejected at the line where it
 * starts and the others still go in. Properties are matched to fields like CSV headers are.
 */
import type { ImportKind } from '../schemas/imports.ts';
import { propertyMapper } from './columns.ts';
import { ImportFileError } from './errors.ts';
import type { ReadItem } from './rows.ts';
import { GeoJsonFeatureSplitter, isSplitError, splitReject } from './split.ts';

export function* readGeoJson(
  text: string,
  kind: ImportKind,
  columns: Readonly<Record<string, string>> | undefined,
): Generator<ReadItem> {
  const mapper = propertyMapper(kind, columns);
  let seen = 0;
  for (const piece of GeoJsonFeatureSplitter.all(text)) {
    if (isSplitError(piece)) {
      if (seen === 0) throw new ImportFileError('body', `is not GeoJSON: ${piece.error} (line ${piece.line})`);
      yield { line: piece.line, reject: splitReject(piece) };
      return;
    }
    seen++;
    let feature: unknown;
    try {
      feature = JSON.parse(piece.text);
    } catch (error) {
      yield { line: piece.line, reject: `not valid JSON: ${(error as Error).message}` };
      continue;
    }
    yield featureRow(feature, piece.line, mapper);
  }
  if (seen === 0) throw new ImportFileError('body', 'has no features');
}

function featureRow(feature: unknown, line: number, mapper: ReturnType<typeof propertyMapper>): ReadItem {
  if (typeof feature !== 'object' || feature === null || Array.isArray(feature)) {
    return { line, reject: 'expected a GeoJSON Feature object' };
  }
  const f = feature as { type?: unknown; id?: unknown; properties?: unknown; geometry?: unknown };
  if (f.type !== 'Feature') {
    return { line, reject: `expected a GeoJSON Feature, not ${typeof f.type === 'string' ? f.type : 'an object without "type"'}` };
  }
  if (f.properties !== undefined && f.properties !== null && (typeof f.properties !== 'object' || Array.isArray(f.properties))) {
    return { line, reject: 'properties: must be an object' };
  }
  const properties = (f.properties ?? {}) as Record<string, unknown>;
  const names = Object.keys(properties);
  const mapping = mapper(names);
  const values: Record<string, unknown> = {};
  for (const [field, at] of mapping.index) values[field] = properties[names[at] as string];
  // The Feature's own id is the natural external id when the properties carry none.
  if (values.external_id === undefined && (typeof f.id === 'string' || typeof f.id === 'number')) values.external_id = f.id;
  return { line, values, geometry: f.geometry ?? null, mapping };
}
