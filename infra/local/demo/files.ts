/**
 * A generated city as import files, with exactly the canonical columns the importer reads:
 * compounds.geojson (polygons; no area_m2, the polygon gives it) and compounds.csv (points with
 * area_m2), buildings.csv, exits.csv and communities.geojson. Rows are
 * streamed to disk as they are made (GeoJSON one feature per line), so a city of 100,000
 * buildings never becomes one string. Compounds carry their external ids, buildings and exits
 * their compound's, so importing the files lands on the generated city's ids.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { GeneratedCity } from './city.ts';
import type { FieldOf } from '#shared/import/columns.ts';

export interface CityFiles {
  /** File name → absolute path. */
  readonly files: Record<string, string>;
  /** File name → data rows (features or CSV lines after the header). */
  readonly rows: Record<string, number>;
}

/** The importer's own field names (shared/import/columns.ts), so writer and reader cannot drift. */
const COMPOUND_COLUMNS = [
  'external_id', 'name', 'address', 'lng', 'lat', 'community_id', 'status', 'property_managed', 'area_m2',
] as const satisfies readonly FieldOf<'compounds'>[];
const BUILDING_COLUMNS = [
  'external_id', 'compound_external_id', 'name', 'grid_id', 'units', 'floors', 'households_per_floor', 'lng', 'lat',
] as const satisfies readonly FieldOf<'buildings'>[];
const EXIT_COLUMNS = [
  'external_id', 'compound_external_id', 'name', 'kind', 'status', 'lng', 'lat',
] as const satisfies readonly FieldOf<'exits'>[];

type Row<C extends readonly string[]> = Record<C[number], string | number | boolean>;

export async function writeCityFiles(city: GeneratedCity, dir: string): Promise<CityFiles> {
  const root = path.resolve(dir);
  await mkdir(root, { recursive: true });
  const files: Record<string, string> = {};
  const rows: Record<string, number> = {};
  const write = async (name: string, lines: Iterable<string>, frame?: { head: string; separator: string; tail: string }) => {
    files[name] = path.join(root, name);
    rows[name] = await writeLines(files[name], lines, frame);
  };

  const compoundRow = (c: GeneratedCity['compounds'][number]): Row<typeof COMPOUND_COLUMNS> => ({
    external_id: c.externalId ?? c.id,
    name: c.name,
    address: c.address ?? '',
    lng: c.location[0],
    lat: c.location[1],
    community_id: c.communityId ?? '',
    status: c.status,
    property_managed: c.propertyManaged,
    area_m2: c.areaM2,
  });
  const externalOf = new Map(city.compounds.map((c) => [c.id, c.externalId ?? c.id]));

  await write(
    'compounds.geojson',
    map(city.compounds, (c) => {
      // The polygon gives the area; a declared area_m2 beside it would turn it into a declared one.
      const { area_m2: _area, ...properties } = compoundRow(c);
      return JSON.stringify({ type: 'Feature', properties, geometry: c.geometry });
    }),
    FEATURE_COLLECTION,
  );
  await write('compounds.csv', csv(COMPOUND_COLUMNS, map(city.compounds, compoundRow)));
  await write('buildings.csv', csv(BUILDING_COLUMNS, map(city.buildings, (b): Row<typeof BUILDING_COLUMNS> => ({
    external_id: b.externalId ?? b.id,
    compound_external_id: externalOf.get(b.compoundId) ?? b.compoundId,
    name: b.name,
    grid_id: b.gridId ?? '',
    units: b.units,
    floors: b.floors,
    households_per_floor: b.householdsPerFloor,
    lng: b.location[0],
    lat: b.location[1],
  }))));
  await write('exits.csv', csv(EXIT_COLUMNS, map(city.exits, (e): Row<typeof EXIT_COLUMNS> => ({
    external_id: e.externalId ?? e.id,
    compound_external_id: externalOf.get(e.compoundId) ?? e.compoundId,
    name: e.name,
    kind: e.kind,
    status: e.status,
    lng: e.location[0],
    lat: e.location[1],
  }))));
  const streetName = new Map(city.streets.map((s) => [s.id, s.name]));
  await write(
    'communities.geojson',
    map(city.communities, (c) => JSON.stringify({
      type: 'Feature',
      properties: { external_id: c.externalId, name: c.name, street_id: c.streetId, street_name: streetName.get(c.streetId) ?? '' },
      geometry: c.boundary,
    })),
    FEATURE_COLLECTION,
  );
  return { files, rows };
}

const FEATURE_COLLECTION = { head: '{"type":"FeatureCollection","features":[\n', separator: ',\n', tail: '\n]}\n' };

/** Lazily, so rows are made one at a time as the file is written. */
function* map<T, R>(items: readonly T[], fn: (item: T) => R): Generator<R> {
  for (const item of items) yield fn(item);
}

function* csv<C extends readonly string[]>(columns: C, rows: Iterable<Row<C>>): Generator<string> {
  yield columns.join(',');
  for (const row of rows) yield columns.map((column) => csvField(row[column as C[number]])).join(',');
}

/** RFC 4180: quote a field holding a comma, quote or line break; double its quotes. */
function csvField(value: string | number | boolean): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const FLUSH_AT = 64 * 1024;

/**
 * Writes the lines (with the frame around them, if any), flushing in 64 KB pieces and waiting
 * whenever the stream asks to. Returns the number of data lines; a CSV header is not one.
 */
async function writeLines(file: string, lines: Iterable<string>, frame?: { head: string; separator: string; tail: string }): Promise<number> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  let buffer = frame?.head ?? '';
  let count = 0;
  const flush = async () => {
    if (buffer.length > 0 && !out.write(buffer)) await once(out, 'drain');
    buffer = '';
  };
  for (const line of lines) {
    buffer += frame ? (count > 0 ? frame.separator : '') + line : `${line}\n`;
    count++;
    if (buffer.length >= FLUSH_AT) await flush();
  }
  buffer += frame?.tail ?? '';
  await flush();
  out.end();
  await finished(out);
  return frame ? count : Math.max(0, count - 1);
}
