/**
 * Imports a file into the registry: decode the body, read it row by row, validate each row,
 * and hand rows in chunks to the importer of the kind (compounds, buildings, exits, community
 * boundaries, and staff rosters, whose importer adds each person itself), which classifies them against what is stored and says what to write. Entity
 * items and their audit items go out in one BatchWriteItem stream (import-writer.ts); while they
 * are written the next rows are read and classified. Rejected rows write nothing and are
 * reported with their line; so is a row the table cannot store (an item over 400 KB, found
 * before it joins a batch, or a value DynamoDB refuses, found by writing its batch's rows one by
 * one). The answer is always the summary, unless the table itself fails partway: then a 503
 * problem lists which lines are in and which are not (import-ledger.ts), and sending the file
 * again completes it, since every row finds its stored item by id.
 *
 * Memory: the body is held once as bytes and once as text (≤ 10 MB, API Gateway's limit); rows
 * exist only a chunk at a time. Bigger files are sent in parts by the CLI, each a request.
 */
import { randomUUID } from 'node:crypto';
import type { Caller } from '#shared/roles.ts';
import { chooseEncoding, decodeText } from '#shared/import/encoding.ts';
import { ImportFileError } from '#shared/import/errors.ts';
import { formatOf, readItems } from '#shared/import/read.ts';
import { isUnreadable, readRow, type RowOf } from '#shared/import/rows.ts';
import {
  API_MAX_BODY_BYTES, type ImportKind, type ImportQuery, type ImportReject, type ImportSummary,
} from '#shared/schemas/imports.ts';
import { nowIso } from '#functions/platform/clock.ts';
import {
  ForbiddenError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError, type CordonError,
} from '#functions/platform/errors.ts';
import { buildingImporter, exitImporter } from './import-members.ts';
import { communityImporter } from './import-communities.ts';
import { compoundImporter } from './import-compounds.ts';
import { staffImporter } from './import-staff.ts';
import { peopleImporter } from './import-people.ts';
import type { ChunkOutcome, ImportContext, KindImporter, RowUnit } from './import-kind.ts';
import { LineLedger } from './import-ledger.ts';
import { logger } from '#functions/platform/logger.ts';
import { loadPlaces } from '#functions/stores/places-store.ts';
import { WriteStream } from './import-writer.ts';
import { ITEMS_PER_WRITE } from '#functions/stores/import-store.ts';
import { message } from '#shared/messages/message.ts';

/** Rows classified and written together: a few BatchGet and a few dozen BatchWrite calls. */
const CHUNK_ROWS = 1000;
/** BatchWriteItem calls in flight at once (the benchmark's raw writes use the same). */
export const WRITE_CONCURRENCY = 8;
/** Write calls queued before reading stops to let them catch up: about two chunks' worth. */
const QUEUED_WRITES = Math.ceil((4 * CHUNK_ROWS) / ITEMS_PER_WRITE);
/** Rejects listed in the summary; the count covers all of them. */
const MAX_LISTED_REJECTS = 1000;

/** The request body as the edge hands it over: bytes, with the media type the request declared. */
export interface ImportBody {
  readonly bytes: Buffer;
  readonly contentType: string;
  /** The `charset` parameter of Content-Type, lower-cased, when given. */
  readonly charset: string | undefined;
}

export interface ImportRequest {
  readonly body: ImportBody;
  readonly query: ImportQuery;
  readonly caller: Caller;
}

export async function runImport({ body, query, caller }: ImportRequest): Promise<ImportSummary> {
  if (body.bytes.length > API_MAX_BODY_BYTES) {
    throw new PayloadTooLargeError(message('import.body-too-large', { bytes: body.bytes.length, limit: API_MAX_BODY_BYTES }));
  }
  if (query.kind === 'communities' && caller.role !== 'city') {
    throw new ForbiddenError(message('import.boundaries-city-only'));
  }
  const started = performance.now();
  const importId = query.importId ?? `imp-${randomUUID()}`;
  const context: ImportContext = {
    caller,
    at: nowIso(),
    source: `import:${importId}`,
    dryRun: query.dryRun,
    places: await loadPlaces({ fresh: query.kind === 'communities' }),
  };
  const summary = new SummaryBuilder(importId, query.kind);
  const ledger = new LineLedger();
  try {
    await importRows(body, query, importerFor(query.kind, context), summary, ledger);
  } catch (error) {
    if (error instanceof ImportFileError) throw fileProblem(error);
    // Anything else failed partway (the table, nearly always): say which lines are in, so that
    // the file can be sent again. The cause is for the logs only.
    logger.error('import incomplete', { importId, kind: query.kind, error });
    throw ledger.incomplete(summary.result().rejects, { cause: error });
  }
  const result = summary.result();
  logger.info('import', {
    importId, kind: query.kind, imported: result.imported, updated: result.updated, rejected: result.rejected,
    dryRun: query.dryRun, ms: Math.round(performance.now() - started),
  });
  return result;
}

function importerFor(kind: ImportKind, context: ImportContext): KindImporter<RowOf[ImportKind]> {
  switch (kind) {
    case 'compounds':
      return compoundImporter(context) as KindImporter<RowOf[ImportKind]>;
    case 'buildings':
      return buildingImporter(context) as KindImporter<RowOf[ImportKind]>;
    case 'exits':
      return exitImporter(context) as KindImporter<RowOf[ImportKind]>;
    case 'communities':
      return communityImporter(context) as KindImporter<RowOf[ImportKind]>;
    case 'staff':
      return staffImporter(context) as KindImporter<RowOf[ImportKind]>;
    case 'people':
      return peopleImporter(context) as KindImporter<RowOf[ImportKind]>;
  }
}

async function importRows(
  body: ImportBody,
  query: ImportQuery,
  importer: KindImporter<RowOf[ImportKind]>,
  summary: SummaryBuilder,
  ledger: LineLedger,
): Promise<void> {
  const { text } = decodeText(body.bytes, chooseEncoding(query.encoding, body.charset));
  const items = readItems(text, { kind: query.kind, format: formatOf(query.format, body.contentType), columns: query.columns });
  const writes = new WriteStream(WRITE_CONCURRENCY);
  let chunk: RowOf[ImportKind][] = [];
  const send = (outcome: ChunkOutcome, lines: readonly number[] = []) => {
    summary.add(outcome);
    ledger.classified(lines, outcome.rejects, outcome.units);
    if (query.dryRun) return;
    writes.write(outcome.units, outcome.afterWrite, (units, refused) => {
      const notStored = new Set(refused.map((r) => r.unit));
      for (const unit of units) ledger.settled(unit, notStored.has(unit));
      for (const { unit, reason } of refused) summary.refused(unit, reason);
    });
    for (const update of outcome.updates) writes.run(update);
  };
  const flush = async () => {
    send(await importer.apply(chunk), chunk.map((row) => row.line));
    chunk = [];
    // Read on while the writes go out, but never more than about two chunks ahead of them.
    await writes.below(QUEUED_WRITES);
  };
  try {
    // Lines are made lines of the whole file here, so every reject and message agrees.
    const offset = query.lineOffset;
    for (const item of items) {
      if (isUnreadable(item)) {
        summary.reject(item.line + offset, item.reject);
        ledger.rejectedOnRead(item.line + offset);
        continue;
      }
      const result = readRow(query.kind, offset === 0 ? item : { ...item, line: item.line + offset }, query.crs);
      if (!result.ok) {
        summary.reject(result.line, result.reason);
        ledger.rejectedOnRead(result.line);
        continue;
      }
      ledger.read(result.row.line);
      chunk.push(result.row);
      if (chunk.length >= CHUNK_ROWS) await flush();
    }
    if (chunk.length > 0) await flush();
    ledger.finishedReading();
    const last = importer.end?.();
    if (last) send(last);
    await writes.close();
    if (!query.dryRun) await importer.finish?.();
  } catch (error) {
    // What is in flight lands or fails before anyone reads the ledger.
    await writes.quiet();
    throw error;
  }
}

/** A problem with the file as a whole fails the import naming the field, before anything is written. */
function fileProblem(error: ImportFileError): CordonError {
  if (error.code === 'unreadable') return new UnsupportedMediaTypeError(`${error.field}: ${error.message}`, { cause: error });
  return new ValidationError([{ field: error.field, message: error.message }], undefined, { cause: error });
}

class SummaryBuilder {
  private imported = 0;
  private updated = 0;
  private unchanged = 0;
  private rejected = 0;
  private readonly rejects: ImportReject[] = [];
  private readonly importId: string;
  private readonly kind: ImportKind;

  constructor(importId: string, kind: ImportKind) {
    this.importId = importId;
    this.kind = kind;
  }

  reject(line: number, reason: string): void {
    this.rejected++;
    if (this.rejects.length < MAX_LISTED_REJECTS) this.rejects.push({ line, reason });
  }

  add(outcome: { imported: number; updated: number; unchanged: number; rejects: readonly ImportReject[] }): void {
    this.imported += outcome.imported;
    this.updated += outcome.updated;
    this.unchanged += outcome.unchanged;
    for (const r of outcome.rejects) this.reject(r.line, r.reason);
  }

  /**
   * A row's unit the table would not store: the row is a reject after all, and no longer
   * counted. A record of no one row (a grid's creation, a compound's new grids) is only logged.
   */
  refused(unit: RowUnit, reason: string): void {
    if (unit.line === undefined) {
      logger.warn('import record not stored', { importId: this.importId, reason });
      return;
    }
    if (unit.counted) this[unit.counted]--;
    this.reject(unit.line, reason);
  }

  result(): ImportSummary {
    this.rejects.sort((a, b) => a.line - b.line);
    return {
      importId: this.importId,
      kind: this.kind,
      imported: this.imported,
      updated: this.updated,
      unchanged: this.unchanged,
      rejected: this.rejected,
      rejects: this.rejects,
      ...(this.rejected > this.rejects.length ? { rejectsTruncated: true } : {}),
    };
  }
}
