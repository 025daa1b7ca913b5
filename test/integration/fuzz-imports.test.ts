/**
 * A property per import kind (FUZZ_RUNS runs each; `npm run fuzz` runs 500): CSV and GeoJSON
 * files whose rows are generated from the registry's zod schemas, valid and with one thing made
 * wrong. Never a 5xx; a 4xx writes nothing; a 200 is the summary, accounts for every row, writes
 * nothing on a dry run, and nothing of a row it rejected (each row carries a unique marker in its
 * name and external id, looked for in the whole table).
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from '#shared/zod.ts';
import { Building } from '#shared/schemas/building.ts';
import { AreaGeometry, Id, Lat, Lng } from '#shared/schemas/common.ts';
import { CompoundCreate } from '#shared/schemas/compound.ts';
import { ExitKind, ExitStatus } from '#shared/schemas/exit.ts';
import { IMPORT_KINDS, ImportQuery, ImportSummary, type ImportKind } from '#shared/schemas/imports.ts';
import { Username } from '#shared/schemas/staff.ts';
import { CareCategory } from '#shared/schemas/person.ts';
import { ROLES } from '#shared/roles.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { scanTable } from '../support/table-scan.ts';
import { mutated, valid, type Hints } from '../support/zod-arbitrary.ts';
import { COMPOUNDS, FUZZ_PARAMETERS, areaGeometry, cityHints, clientsOf, freshCity, fuzzTimeout, fuzzUsers, guard, type City } from './fuzz-support.ts';

const { name, externalId, address, status, areaM2 } = CompoundCreate.shape;
const place = { lng: Lng, lat: Lat };
const ref = { external_id: externalId, compound_id: Id, name };

/** A row of each kind as its fields are named in files; `geometry` goes into a GeoJSON feature, not a column. */
const ROWS: Record<ImportKind, z.ZodMiniObject> = {
  compounds: z.strictObject({
    external_id: externalId, name, address, status: z.optional(status.def.innerType), property_managed: z.optional(z.boolean()),
    community_id: z.optional(Id), area_m2: areaM2, ...place, geometry: z.optional(AreaGeometry),
  }),
  buildings: z.strictObject({
    ...ref, grid_id: z.optional(Id), units: Building.shape.units, floors: Building.shape.floors,
    households_per_floor: Building.shape.householdsPerFloor, lng: z.optional(Lng), lat: z.optional(Lat), geometry: z.optional(AreaGeometry),
  }),
  exits: z.strictObject({ ...ref, kind: z.optional(ExitKind), status: ExitStatus, ...place }),
  communities: z.strictObject({ external_id: externalId.def.innerType, name, street_id: Id, street_name: z.optional(name), geometry: AreaGeometry }),
  staff: z.strictObject({
    username: Username, name, role: z.enum(ROLES), phone: z.optional(z.string()), community_id: z.optional(Id), grid_id: z.optional(Id),
    compound_ids: z.optional(Id), exit_ids: z.optional(Id),
  }),
  people: z.strictObject({
    name, phone: z.optional(z.string()), compound_id: Id, building: z.enum(['b_a1', '1栋', '2', '9栋']), unit: z.optional(z.string()),
    room: z.optional(z.string()), category: CareCategory, reason: name, start_date: z.optional(z.string()),
  }),
};

/** Placeholders each row's unique marker replaces, unless the mutation changed that field. */
const EXT = 'EXT-PLACEHOLDER';
const NAME = 'NAME-PLACEHOLDER';
const rowHints: Hints = {
  keys: {
    ...cityHints.keys,
    external_id: fc.oneof({ weight: 4, arbitrary: fc.constant(EXT) }, { weight: 1, arbitrary: fc.constantFrom('X1', 'X2') }),
    name: fc.constant(NAME),
    username: fc.integer({ min: 0, max: 1_000_000_000 }).map((n) => `fz-${n}`),
    compound_ids: fc.constantFrom(...COMPOUNDS, 'c_unknown'),
    compound_id: fc.constantFrom(...COMPOUNDS, 'c_unknown'),
    grid_id: fc.constantFrom('g1', 'g2', 'g9'),
    street_id: fc.constantFrom('s1', 's2', 's9'),
    geometry: areaGeometry,
    lng: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 2000 }).map((x) => 112.5 + x / 1e4) }, { weight: 1, arbitrary: valid(Lng) }),
    lat: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 2000 }).map((y) => 31.1 + y / 1e4) }, { weight: 1, arbitrary: valid(Lat) }),
  },
};

/** Options mostly as a client sends them: the kind under test, the file's own columns, a part of an import now and then. */
const queryHints = (kind: ImportKind): Hints => ({
  keys: {
    kind: fc.oneof({ weight: 9, arbitrary: fc.constant(kind) }, { weight: 1, arbitrary: fc.constantFrom(...IMPORT_KINDS) }),
    columns: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: valid(ImportQuery.shape.columns) }),
    importId: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('k1', 'k2') }, { weight: 1, arbitrary: valid(Id) }),
    lineOffset: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 100_000_000 }) }),
  },
});

type Row = Record<string, unknown>;
const isRow = (r: unknown): r is Row => typeof r === 'object' && r !== null && !Array.isArray(r);
const cell = (v: unknown): string => {
  const text = v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return `"${text.replace(/[\r\n]/g, ' ').replace(/"/g, '""')}"`;
};

/** One row per line after the header (CSV) or the collection's first line (GeoJSON), so a reject's line names its row. */
function fileOf(kind: ImportKind, rows: Row[], format: 'csv' | 'geojson'): string {
  const columns = Object.keys(ROWS[kind].shape).filter((k) => k !== 'geometry');
  if (format === 'csv') return [columns.join(','), ...rows.map((row) => columns.map((c) => cell(row[c])).join(','))].join('\n');
  const features = rows.map(({ geometry, lng, lat, ...properties }) => JSON.stringify({
    type: 'Feature', properties,
    geometry: geometry ?? (lng === undefined && lat === undefined ? null : { type: 'Point', coordinates: [lng, lat] }),
  }));
  return `{"type":"FeatureCollection","features":[\n${features.join(',\n')}\n]}`;
}

/**
 * The file in the encoding the query declares: a UTF-8 file declared GB18030 is mojibake whose
 * quotes may vanish, and then the rest of the file is one reject, not a count per row.
 */
function encoded(text: string, encoding: unknown): Buffer | string {
  return encoding === 'gb18030' || encoding === 'gbk' ? iconv.encode(text, 'gb18030') : text;
}

let stack: TestStack;
let city: City | undefined;
let files = 0;
beforeAll(async () => {
  stack = await startTestStack({ users: fuzzUsers });
});
afterAll(() => stack.stop());

describe.each(IMPORT_KINDS)('import of %s', (kind) => {
  it('never 5xx; a 4xx writes nothing; a 200 writes nothing of a rejected row', async () => {
    city = await freshCity(stack, city);
    const clients = await clientsOf(stack, ['city', 'community-cm1']);
    const { send, report } = guard(stack);
    const rowsBy = { imported: 0, updated: 0, rejected: 0 };
    const reasons: Record<string, number> = {};
    // Rows and queries are objects: a whole row of the wrong type would be a blank line, or properties that are not an object.
    const bad = mutated(ROWS[kind], rowHints).filter(isRow);
    const row = fc.oneof({ weight: 3, arbitrary: valid(ROWS[kind], rowHints) as fc.Arbitrary<Row> }, { weight: 2, arbitrary: bad });
    const badQuery = mutated(ImportQuery, queryHints(kind)).filter(isRow);
    const query = fc.oneof({ weight: 4, arbitrary: valid(ImportQuery, queryHints(kind)) as fc.Arbitrary<Row> }, { weight: 1, arbitrary: badQuery });
    const request = fc.record({
      query, csv: fc.boolean(), caller: fc.constantFrom('city', 'community-cm1'),
    });
    await fc.assert(fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 8 }), request, async (generated, { query: q, csv, caller }) => {
      const file = ++files;
      const markers = generated.map((_, i) => `fz${file}r${i}q`);
      const rows = generated.map((r, i) => ({
        ...r,
        ...(r.external_id === EXT ? { external_id: markers[i] } : {}),
        ...(r.name === NAME ? { name: `${markers[i]}小区` } : {}),
      }));
      const unique = rows.map((r, i) => (r.external_id === markers[i] || r.name === `${markers[i]}小区` ? markers[i] : undefined));
      const format = q.format === 'csv' || q.format === 'geojson' ? q.format : csv ? 'csv' : 'geojson';
      const path = `/v1/imports?${Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`).join('&')}`;
      const contentType = format === 'csv' ? 'text/csv' : 'application/geo+json';
      const { status, text } = await send(`${caller} POST ${path}`, () => clients[caller]!.request('POST', path, { raw: encoded(fileOf(kind, rows, format), q.encoding), contentType }), { writes: q.dryRun !== 'true' });
      if (status !== 200) return;
      const summary = ImportSummary.parse(JSON.parse(text));
      for (const key of ['imported', 'updated', 'rejected'] as const) rowsBy[key] += summary[key];
      expect(summary.imported + summary.updated + summary.rejected, text).toBe(rows.length);
      if (!summary.rejectsTruncated) expect(summary.rejects).toHaveLength(summary.rejected);
      const table = JSON.stringify(await scanTable());
      for (const reject of summary.rejects) {
        const why = reject.reason.replace(/\d[\d.,e+-]*/g, '#').slice(0, 60);
        reasons[why] = (reasons[why] ?? 0) + 1;
        const marker = unique[reject.line - 2 - Number(q.lineOffset ?? 0)];
        if (marker) expect(table.includes(marker), `line ${reject.line} was rejected (${reject.reason}) but written`).toBe(false);
      }
    }), FUZZ_PARAMETERS);
    const top = Object.entries(reasons).sort(([, a], [, b]) => b - a).slice(0, 8);
    report(`import ${kind}, rows ${JSON.stringify(rowsBy)}, rejected most for ${JSON.stringify(top)}`);
  }, fuzzTimeout(2_000));
});
