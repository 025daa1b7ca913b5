/**
 * CSV with a header row, read a batch of records at a time: the splitter cuts records (quoted
 * newlines respected) and papaparse splits each batch into fields. Lines are physical lines of
 * the text, the header being line 1 (or wherever it starts after blank lines).
 */
import Papa from 'papaparse';
import type { ImportKind } from '../schemas/imports.ts';
import { FIELDS, mapColumns, REQUIRED_COLUMNS, type ColumnMapping } from './columns.ts';
import { ImportFileError } from './errors.ts';
import type { ReadItem } from './rows.ts';
import { CsvRecordSplitter, countNewlines, type TextPiece } from './split.ts';

/** Records parsed per papaparse call: big enough to amortise the call, small enough to stay light. */
const BATCH = 500;

export function* readCsv(
  text: string,
  kind: ImportKind,
  columns: Readonly<Record<string, string>> | undefined,
): Generator<ReadItem> {
  if (kind === 'communities') {
    throw new ImportFileError('query.kind', 'community boundaries are imported from GeoJSON (polygons), not CSV', { code: 'unreadable' });
  }
  let mapping: ColumnMapping | undefined;
  let width = 0;
  let delimiter = ',';
  let batch: TextPiece[] = [];
  const splitter = new CsvRecordSplitter();
  for (const record of chain(splitter.push(text), splitter.finish())) {
    if (!mapping) {
      if (record.text.trim() === '') continue;
      delimiter = splitter.delimiter;
      const headers = fields(record.text, delimiter)[0] ?? [];
      mapping = mapColumns(kind, headers, columns);
      checkRequired(kind, mapping);
      width = headers.length;
      continue;
    }
    if (record.text === '') continue;
    batch.push(record);
    if (batch.length >= BATCH) {
      yield* rowsOf(batch, mapping, width, delimiter);
      batch = [];
    }
  }
  if (!mapping) throw new ImportFileError('body', 'has no header row: the first line must name the columns');
  yield* rowsOf(batch, mapping, width, delimiter);
}

const fields = (text: string, delimiter: string): string[][] => Papa.parse<string[]>(text, { newline: '\n', delimiter }).data;

function* chain<T>(...parts: Iterable<T>[]): Generator<T> {
  for (const part of parts) yield* part;
}

function checkRequired(kind: ImportKind, mapping: ColumnMapping): void {
  const missing = REQUIRED_COLUMNS[kind].filter((alternatives) => !alternatives.some((field) => mapping.index.has(field)));
  if (missing.length === 0) return;
  const aliases = FIELDS[kind] as Readonly<Record<string, readonly string[]>>;
  const describe = (alternatives: readonly string[]) =>
    alternatives.map((field) => `${field} (${(aliases[field] ?? []).slice(0, 4).join('/')}…)`).join(' or ');
  throw new ImportFileError(
    'body',
    `the header has no column for ${missing.map(describe).join('; ')}: rename the column or map it with columns=field:Header`,
  );
}

function* rowsOf(batch: readonly TextPiece[], mapping: ColumnMapping, width: number, delimiter: string): Generator<ReadItem> {
  if (batch.length === 0) return;
  const parsed = Papa.parse<string[]>(batch.map((r) => r.text).join('\n'), { newline: '\n', delimiter });
  // A stray quote can make papaparse see records differently from the splitter: go one by one then.
  if (parsed.data.length !== batch.length || parsed.errors.length > 0) {
    for (const record of batch) {
      const row = rowOf(record, Papa.parse<string[]>(record.text, { newline: '\n', delimiter }), mapping, width);
      if (row) yield row;
    }
    return;
  }
  for (let i = 0; i < batch.length; i++) {
    const row = toRow(batch[i] as TextPiece, parsed.data[i] ?? [], mapping, width);
    if (row) yield row;
  }
}

function rowOf(record: TextPiece, parsed: Papa.ParseResult<string[]>, mapping: ColumnMapping, width: number): ReadItem | undefined {
  const error = parsed.errors[0];
  if (error) {
    const lines = countNewlines(record.text);
    const span = lines > 0 ? ` (lines ${record.line}–${record.line + lines} read as one row)` : '';
    const reason = error.code === 'MissingQuotes' ? 'a quoted field is not closed' : `malformed quotes: ${error.message}`;
    return { line: record.line, reject: reason + span };
  }
  if (parsed.data.length !== 1) return { line: record.line, reject: 'malformed quotes: the row does not read as one record' };
  return toRow(record, parsed.data[0] ?? [], mapping, width);
}

/** Rows of nothing but delimiters (spreadsheets leave them at the end) are skipped like blank lines. */
function toRow(record: TextPiece, cells: readonly string[], mapping: ColumnMapping, width: number): ReadItem | undefined {
  if (cells.length > width && cells.slice(width).some((c) => c.trim() !== '')) {
    return { line: record.line, reject: `the row has ${cells.length} fields; the header has ${width}` };
  }
  if (cells.every((c) => c.trim() === '')) return undefined;
  const values: Record<string, unknown> = {};
  for (const [field, at] of mapping.index) values[field] = cells[at];
  return { line: record.line, values, mapping };
}
