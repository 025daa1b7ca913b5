/**
 * Which lines of an import request are in the table. Each row is followed from read, through its
 * chunk's classification, to its writes landing (or to nothing to write: it is as stored), so
 * that when the table fails partway the answer can say which lines are in and which to send
 * again. Lines, not rows, are what a person finds in their file; a line holding several rows (a
 * minified FeatureCollection) is in once all of them are.
 */
import type { ImportReject } from '#shared/schemas/imports.ts';
import { CordonError, type FailureOptions, type FieldError } from '#functions/platform/errors.ts';
import type { WriteUnit } from '#functions/stores/import-store.ts';

/** Ranges named in the problem's detail; `errors` lists them all. */
const RANGES_IN_DETAIL = 10;

export class LineLedger {
  /** Each line once, in the order the file has them. */
  private readonly lines: number[] = [];
  /** Per line: rows not yet classified, plus writes not yet landed. */
  private readonly open = new Map<number, number>();
  /** Per line: rows classified and not rejected. */
  private readonly kept = new Map<number, number>();
  private lastLine = 0;
  private endOfFile = false;

  /** A row read and valid, on its way to a chunk. */
  read(line: number): void {
    this.see(line);
    add(this.open, line, 1);
  }

  /** A row rejected as it was read: it is no line's to write. */
  rejectedOnRead(line: number): void {
    this.see(line);
  }

  /**
   * A chunk classified: its rows leave `read`; those not rejected are kept, and wait for the
   * units they are to write (none: the row is as stored, and in).
   */
  classified(lines: readonly number[], rejects: readonly ImportReject[], units: readonly WriteUnit[]): void {
    for (const line of lines) {
      add(this.open, line, -1);
      add(this.kept, line, 1);
    }
    for (const { line } of rejects) add(this.kept, line, -1);
    for (const unit of units) if (unit.line !== undefined) add(this.open, unit.line, 1);
  }

  /** A unit landed, or was refused (`refused`: its row is rejected after all). */
  settled(unit: WriteUnit, refused = false): void {
    if (unit.line === undefined) return;
    add(this.open, unit.line, -1);
    if (refused) add(this.kept, unit.line, -1);
  }

  /** Every row of the body has been read. */
  finishedReading(): void {
    this.endOfFile = true;
  }

  /**
   * The answer to a failure of the table partway: the lines that are in and those that are not,
   * as ranges in file order (lines holding only rejected rows neither break nor join a range),
   * the rejects found so far, and where reading stopped.
   */
  incomplete(rejects: readonly ImportReject[], options: FailureOptions): ImportIncompleteError {
    const ranges: { from: number; to: number; written: boolean }[] = [];
    for (const line of this.lines) {
      const written = this.statusOf(line);
      if (written === undefined) continue;
      const last = ranges.at(-1);
      if (last?.written === written) last.to = line;
      else ranges.push({ from: line, to: line, written });
    }
    const label = (from: number, to: number | '') => `lines.${from}${to === from ? '' : `-${to}`}`;
    const errors: (FieldError & { line: number })[] = [
      ...ranges.map((r) => ({ line: r.from, field: label(r.from, r.to), message: r.written ? 'written' : 'not written' })),
      ...rejects.map((r) => ({ line: r.line, field: label(r.line, r.line), message: `rejected: ${r.reason}` })),
    ].sort((a, b) => a.line - b.line);
    if (!this.endOfFile) errors.push({ line: this.lastLine + 1, field: label(this.lastLine + 1, ''), message: 'not read' });
    const listed = (written: boolean) => {
      const of = ranges.filter((r) => r.written === written).map((r) => label(r.from, r.to).slice('lines.'.length));
      return of.length === 0 ? 'none' : `${of.slice(0, RANGES_IN_DETAIL).join(', ')}${of.length > RANGES_IN_DETAIL ? ', …' : ''}`;
    };
    const detail =
      `The table failed during the import. Lines in: ${listed(true)}. Lines read but not written: ${listed(false)}` +
      `${this.endOfFile ? '' : `; lines after ${this.lastLine} were not read`}. Send the file again: rows that are in ` +
      'are found by their id and left as they are, the rest go in; nothing is doubled.';
    return new ImportIncompleteError(detail, errors.map(({ field, message }) => ({ field, message })), options);
  }

  /** true: every row of the line is in; false: some row of it is not; undefined: only rejected rows. */
  private statusOf(line: number): boolean | undefined {
    if ((this.open.get(line) ?? 0) > 0) return false;
    return (this.kept.get(line) ?? 0) > 0 ? true : undefined;
  }

  private see(line: number): void {
    if (this.open.has(line)) return;
    this.lines.push(line);
    this.open.set(line, 0);
    this.lastLine = Math.max(this.lastLine, line);
  }
}

const add = (counts: Map<number, number>, line: number, by: number) => counts.set(line, (counts.get(line) ?? 0) + by);

/**
 * The table failed partway through an import (DynamoDB unreachable or gone, writes throttled past
 * their retries). Some lines are in and some are not; `errors` says which, one range a field
 * (`lines.2-1201`: written | not written | not read, `lines.17`: rejected: why). Sending the file
 * again completes it: imports find stored items by id.
 */
export class ImportIncompleteError extends CordonError {
  constructor(detail: string, errors: readonly FieldError[], options: FailureOptions = {}) {
    super('import-incomplete', detail, { ...options, errors });
    this.name = 'ImportIncompleteError';
  }
}
