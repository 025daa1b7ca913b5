/**
 * Sends an import file of any size to POST /v1/imports in parts: the file is streamed, decoded
 * as it comes (UTF-8 or GB18030), cut at record or feature boundaries (quoted CSV newlines
 * respected; features cut out of a FeatureCollection without parsing the whole), and sent as
 * UTF-8 parts of at most 4 MB (Lambda takes 6 MB) with the CSV header repeated, one import id,
 * and each part's line offset, so that reported lines are lines of the file.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { streamDecoder, type TextEncoding } from '#shared/import/encoding.ts';
import {
  CsvRecordSplitter, GeoJsonFeatureSplitter, countNewlines, isSplitError, splitReject, type SplitError, type TextPiece,
} from '#shared/import/split.ts';
import type { Crs, Encoding, Format, ImportKind, ImportReject, ImportSummary } from '#shared/schemas/imports.ts';
import { IMPORT_KINDS } from '#shared/schemas/imports.ts';
import { routes } from '#shared/catalogue/index.ts';

const MAX_PART_BYTES = 4 * 1024 * 1024;
/** Rows per part: keeps each request well inside API Gateway's 30 s. */
const MAX_PART_ROWS = 10_000;
const READ_CHUNK = 256 * 1024;

export interface FilePart {
  /** UTF-8 text of the part. */
  readonly body: Buffer;
  readonly contentType: string;
  readonly lineOffset: number;
  /** Data rows (records or features) in the part. */
  readonly rows: number;
}

interface PartOptions {
  readonly format?: Format;
  readonly encoding?: Encoding;
  readonly maxBytes?: number;
  readonly maxRows?: number;
}

/** The kind a file holds, by its name (buildings.csv, exits.geojson …), else compounds. */
export function kindFromName(file: string): ImportKind {
  const name = path.basename(file).toLowerCase();
  return IMPORT_KINDS.find((kind) => name.includes(kind)) ?? 'compounds';
}

export function formatFromName(file: string): Format {
  return /\.(csv|tsv|txt)$/i.test(file) ? 'csv' : 'geojson';
}

/** UTF-8 if the whole file decodes strictly as UTF-8, else GB18030; read once, kept nowhere. */
async function detectEncoding(file: string): Promise<TextEncoding> {
  const decoder = streamDecoder('utf8');
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK })) decoder.write(chunk as Buffer);
    decoder.end();
    return 'utf8';
  } catch (error) {
    if (error instanceof TypeError) return 'gb18030';
    throw error;
  }
}

/** The file's text, decoded piece by piece. */
async function* decodedText(file: string, encoding: TextEncoding): AsyncGenerator<string> {
  const decoder = streamDecoder(encoding);
  for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK })) {
    const text = decoder.write(chunk as Buffer);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** A reject the splitter itself found: the file cannot be cut further from that line on. */
export interface SplitReject {
  readonly reject: ImportReject;
}

export async function* fileParts(file: string, options: PartOptions = {}): AsyncGenerator<FilePart | SplitReject> {
  const format = options.format ?? formatFromName(file);
  const requested = options.encoding ?? 'auto';
  const encoding = requested === 'auto' ? await detectEncoding(file) : requested;
  const limits = { maxBytes: options.maxBytes ?? MAX_PART_BYTES, maxRows: options.maxRows ?? MAX_PART_ROWS };
  const text = decodedText(file, encoding);
  yield* format === 'csv' ? csvParts(text, limits) : geoJsonParts(text, limits);
}

interface Limits {
  readonly maxBytes: number;
  readonly maxRows: number;
}

/** Collects pieces into parts; `frame` turns the pieces of a part into its text. */
class PartBuilder {
  private pieces: TextPiece[] = [];
  private bytes = 0;
  private rows = 0;
  private readonly limits: Limits;
  private readonly overhead: number;

  constructor(limits: Limits, overhead: number) {
    this.limits = limits;
    this.overhead = overhead;
  }

  /**
   * Adds a piece (a blank line is not a row, and never starts a part). When a row does not fit
   * the part so far, that part is returned, and the row starts the next.
   */
  add(piece: TextPiece, isRow: boolean): { pieces: TextPiece[]; rows: number } | undefined {
    const size = Buffer.byteLength(piece.text) + 1;
    const full = this.rows > 0 && (this.rows >= this.limits.maxRows || this.overhead + this.bytes + size > this.limits.maxBytes);
    const taken = isRow && full ? this.take() : undefined;
    if (this.pieces.length === 0 && !isRow) return taken;
    this.pieces.push(piece);
    this.bytes += size;
    if (isRow) this.rows++;
    return taken;
  }

  take(): { pieces: TextPiece[]; rows: number } | undefined {
    if (this.rows === 0) return undefined;
    const taken = { pieces: this.pieces, rows: this.rows };
    this.pieces = [];
    this.bytes = 0;
    this.rows = 0;
    return taken;
  }
}

async function* csvParts(text: AsyncGenerator<string>, limits: Limits): AsyncGenerator<FilePart> {
  const splitter = new CsvRecordSplitter();
  let header: TextPiece | undefined;
  let builder: PartBuilder | undefined;
  const part = (taken: { pieces: TextPiece[]; rows: number }, head: TextPiece): FilePart => {
    const first = taken.pieces[0] as TextPiece;
    // The header takes the part's first lines; the first record follows it.
    const headerLines = 1 + countNewlines(head.text);
    const body = Buffer.from(`${head.text}\n${trimTrailingBlanks(taken.pieces).map((p) => p.text).join('\n')}\n`, 'utf8');
    return { body, contentType: 'text/csv; charset=utf-8', lineOffset: first.line - (headerLines + 1), rows: taken.rows };
  };
  const consume = function* (pieces: Iterable<TextPiece>): Generator<FilePart> {
    for (const piece of pieces) {
      if (!header) {
        if (piece.text.trim() !== '') {
          header = piece;
          builder = new PartBuilder(limits, Buffer.byteLength(piece.text) + 1);
        }
        continue;
      }
      const taken = (builder as PartBuilder).add(piece, piece.text !== '');
      if (taken) yield part(taken, header);
    }
  };
  for await (const chunk of text) yield* consume(splitter.push(chunk));
  yield* consume(splitter.finish());
  const taken = builder?.take();
  if (taken && header) yield part(taken, header);
  if (!header) throw new Error('the file has no header row');
}

const trimTrailingBlanks = (pieces: TextPiece[]): TextPiece[] => {
  let end = pieces.length;
  while (end > 0 && pieces[end - 1]?.text === '') end--;
  return pieces.slice(0, end);
};

const FC_HEAD = '{"type":"FeatureCollection","features":[';
const FC_TAIL = ']}\n';

async function* geoJsonParts(text: AsyncGenerator<string>, limits: Limits): AsyncGenerator<FilePart | SplitReject> {
  const splitter = new GeoJsonFeatureSplitter();
  const builder = new PartBuilder(limits, FC_HEAD.length + FC_TAIL.length);
  const part = (taken: { pieces: TextPiece[]; rows: number }): FilePart => {
    const first = taken.pieces[0] as TextPiece;
    // Line breaks between features are kept, so each feature starts on its line of the file, less the offset.
    const joined: string[] = [];
    let line = first.line;
    for (const piece of taken.pieces) {
      if (joined.length > 0) joined.push(`,${'\n'.repeat(Math.max(0, piece.line - line))}`);
      joined.push(piece.text);
      line = piece.line + countNewlines(piece.text);
    }
    const body = Buffer.from(`${FC_HEAD}${joined.join('')}${FC_TAIL}`, 'utf8');
    return { body, contentType: 'application/geo+json; charset=utf-8', lineOffset: first.line - 1, rows: taken.rows };
  };
  let failed: SplitReject | undefined;
  const consume = function* (pieces: Iterable<TextPiece | SplitError>): Generator<FilePart> {
    for (const piece of pieces) {
      if (isSplitError(piece)) {
        failed = { reject: { line: piece.line, reason: splitReject(piece) } };
        return;
      }
      const taken = builder.add(piece, true);
      if (taken) yield part(taken);
    }
  };
  for await (const chunk of text) {
    yield* consume(splitter.push(chunk));
    if (failed) break;
  }
  if (!failed) yield* consume(splitter.finish());
  const taken = builder.take();
  if (taken) yield part(taken);
  if (failed) yield failed;
}

export interface ImportFileOptions extends PartOptions {
  /** The API's base URL, e.g. http://localhost:3000 */
  readonly api: string;
  readonly token: string;
  readonly kind: ImportKind;
  readonly crs?: Crs;
  readonly columns?: string;
  readonly dryRun?: boolean;
}

export interface ImportFileResult {
  readonly imported: number;
  readonly updated: number;
  readonly rejected: number;
  readonly rejects: ImportReject[];
}

/**
 * The API answered a part with an error (4xx/5xx). The parts before it went in: their totals
 * travel with the error, so the user learns what landed (and that sending the file again
 * completes it without duplicates) instead of only what failed.
 */
export class ImportRequestError extends Error {
  readonly before: ImportFileResult;

  constructor(status: number, body: string, lineOffset: number, before: ImportFileResult = { imported: 0, updated: 0, rejected: 0, rejects: [] }) {
    const { method, path } = routes.createImport;
    const landed = before.imported + before.updated + before.rejected > 0
      ? `; lines up to ${lineOffset} went in (${before.imported} imported, ${before.updated} updated, ${before.rejected} rejected): send the file again to complete it`
      : '';
    super(`${method} ${path} answered ${status} for the part starting after line ${lineOffset}: ${problemText(body)}${landed}`);
    this.name = 'ImportRequestError';
    this.before = before;
  }
}

function problemText(body: string): string {
  try {
    const problem = JSON.parse(body) as { detail?: string; title?: string; message?: string };
    return problem.detail ?? problem.title ?? problem.message ?? body;
  } catch {
    return body.slice(0, 500);
  }
}

/** Sends the file part by part, in order, and adds up the answers. */
export async function importFile(file: string, options: ImportFileOptions): Promise<ImportFileResult> {
  // One id for all parts: their audit records name one import.
  const importId = `cli-${randomUUID()}`;
  const format = options.format ?? formatFromName(file);
  const totals = { imported: 0, updated: 0, rejected: 0, rejects: [] as ImportReject[] };
  for await (const part of fileParts(file, { ...options, format })) {
    if ('reject' in part) {
      totals.rejected++;
      totals.rejects.push(part.reject);
      continue;
    }
    const query = new URLSearchParams({
      kind: options.kind,
      crs: options.crs ?? 'wgs84',
      encoding: 'utf8',
      format,
      lineOffset: String(part.lineOffset),
      importId,
      dryRun: String(options.dryRun ?? false),
      ...(options.columns ? { columns: options.columns } : {}),
    });
    const response = await fetch(`${options.api.replace(/\/$/, '')}${routes.createImport.path}?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.token}`, 'content-type': part.contentType },
      // A Buffer made from a string is backed by a plain ArrayBuffer; no copy needed.
      body: part.body as Uint8Array<ArrayBuffer>,
    });
    const text = await response.text();
    if (!response.ok) throw new ImportRequestError(response.status, text, part.lineOffset, { ...totals, rejects: [...totals.rejects] });
    const summary = JSON.parse(text) as ImportSummary;
    totals.imported += summary.imported;
    totals.updated += summary.updated;
    totals.rejected += summary.rejected;
    totals.rejects.push(...summary.rejects);
  }
  return totals;
}
