/**
 * Cutting import text into rows without parsing it whole: CSV records (a quoted field may hold
 * newlines) and GeoJSON features (out of a FeatureCollection, one Feature, or one Feature per
 * line), each with the physical line it starts on. Both splitters take text in pieces (`push`)
 * and keep only the unfinished tail, so the CLI can stream a file of any size through them and
 * the API can walk a body without a second copy of it.
 */

/** A piece of the text: one CSV record (without its line break) or one JSON value, and its first line. */
export interface TextPiece {
  readonly text: string;
  /** 1-based physical line where the piece starts. */
  readonly line: number;
}

/** The splitter could not go on: the text is not what it should be from this line on. */
export interface SplitError {
  readonly error: string;
  readonly line: number;
}

const CR = 13;
const QUOTE = 34;

/** Newlines in text[from, to). */
export function countNewlines(text: string, from = 0, to = text.length): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/**
 * CSV records. A line break ends a record unless it lies inside a quoted field; as in RFC 4180
 * (and papaparse), a quote opens a field only at the field's start and `""` inside it is a quote,
 * so a stray quote in the middle of a value does not swallow the lines after it. The delimiter is
 * taken from the first line. Blank lines come out as empty records, so lines stay countable.
 */
export class CsvRecordSplitter {
  private buffer = '';
  /** Where the current record starts; it is scanned again from there when more text comes. */
  private start = 0;
  private line = 1;
  private first = true;
  private delimiterCode = 44;

  /** The field delimiter, known once the first line has arrived. */
  get delimiter(): string {
    return String.fromCharCode(this.delimiterCode);
  }

  *push(chunk: string): Generator<TextPiece> {
    this.buffer = this.start > 0 ? this.buffer.slice(this.start) + chunk : this.buffer + chunk;
    this.start = 0;
    if (this.first) {
      if (this.buffer.charCodeAt(0) === 0xfeff) this.buffer = this.buffer.slice(1);
      const nl = this.buffer.indexOf('\n');
      if (nl === -1) return;
      this.delimiterCode = delimiterOf(this.buffer.slice(0, nl)).charCodeAt(0);
      this.first = false;
    }
    yield* this.records(false);
  }

  /** The last record, when the text does not end with a line break. */
  *finish(): Generator<TextPiece> {
    if (this.first) {
      this.delimiterCode = delimiterOf(this.buffer).charCodeAt(0);
      this.first = false;
    }
    yield* this.records(true);
    let text = this.buffer.slice(this.start);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    this.buffer = '';
    this.start = 0;
    if (text !== '') yield { text, line: this.line };
  }

  private *records(final: boolean): Generator<TextPiece> {
    const buffer = this.buffer;
    for (;;) {
      const nl = recordEnd(buffer, this.start, this.delimiterCode, final);
      if (nl === -1) return;
      const end = nl > this.start && buffer.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
      const text = buffer.slice(this.start, end);
      yield { text, line: this.line };
      this.line += 1 + countNewlines(text);
      this.start = nl + 1;
    }
  }

  /** Every record of a whole text. */
  static *all(text: string): Generator<TextPiece> {
    const splitter = new CsvRecordSplitter();
    yield* splitter.push(text);
    yield* splitter.finish();
  }
}

/**
 * Index of the line break ending the record that starts at `start`, or -1 when the text ends
 * first (or a closing quote at the very end might yet be doubled by the next piece).
 */
function recordEnd(b: string, start: number, delimiter: number, final: boolean): number {
  let at = start;
  for (;;) {
    const nl = b.indexOf('\n', at);
    const quote = b.indexOf('"', at);
    if (quote === -1 || (nl !== -1 && nl < quote)) return nl;
    at = quote + 1;
    const fieldStart = quote === start || b.charCodeAt(quote - 1) === delimiter;
    if (!fieldStart) continue;
    // Inside a quoted field: find the quote that closes it ("" is an escaped quote).
    for (;;) {
      const close = b.indexOf('"', at);
      if (close === -1) return -1;
      if (close + 1 >= b.length && !final) return -1;
      if (b.charCodeAt(close + 1) === QUOTE) {
        at = close + 2;
        continue;
      }
      at = close + 1;
      break;
    }
  }
}

/** Comma, unless the first line is plainly tab- or semicolon-separated (some spreadsheet exports). */
function delimiterOf(header: string): string {
  const count = (d: string) => header.split(d).length - 1;
  const [best] = [',', '\t', ';'].sort((a, b) => count(b) - count(a));
  return best && count(best) > 0 ? best : ',';
}

type JsonState =
  /** Before a top-level value (a FeatureCollection, a Feature, or an array of Features). */
  | 'top'
  /** Inside a top-level object, before a key or its closing brace. */
  | 'key'
  /** After a member's value, before `,` or `}`. */
  | 'member-end'
  /** Inside a features array (of a FeatureCollection, or a top-level array). */
  | 'elements'
  | 'failed';

const WHITESPACE = new Set([32, 9, 10, 13, 0xfeff, 0x1e]);

/**
 * GeoJSON features one at a time. A top-level object with a `features` array gives up each
 * element; a top-level object without one (a Feature) is a piece itself; several top-level
 * values in a row (newline-delimited GeoJSON, RFC 8142 sequences) give one piece each. Pieces
 * are cut by bracket depth outside strings, not parsed: JSON.parse of each piece checks it.
 */
export class GeoJsonFeatureSplitter {
  private buffer = '';
  private pos = 0;
  private state: JsonState = 'top';
  /** Start of the current top-level object, while it may still turn out to be a lone Feature. */
  private objectStart = -1;
  private sawFeatures = false;
  private inTopArray = false;
  /** Line of buffer position `linePos`. */
  private line = 1;
  private linePos = 0;

  *push(chunk: string): Generator<TextPiece | SplitError> {
    this.buffer += chunk;
    yield* this.scan(false);
    this.compact();
  }

  *finish(): Generator<TextPiece | SplitError> {
    yield* this.scan(true);
    if (this.state === 'failed') return;
    if (this.state === 'elements' && this.hasContent()) {
      yield this.fail('the text ends inside a feature (is the file cut short?)');
    } else if ((this.state === 'key' || this.state === 'member-end') && !this.sawFeatures) {
      yield this.fail('the text ends inside an object (is the file cut short?)', this.objectStart);
    }
    this.buffer = '';
    this.pos = this.linePos = 0;
  }

  static *all(text: string): Generator<TextPiece | SplitError> {
    const splitter = new GeoJsonFeatureSplitter();
    yield* splitter.push(text);
    yield* splitter.finish();
  }

  private hasContent(): boolean {
    for (let at = this.pos; at < this.buffer.length; at++) {
      const c = this.buffer.charCodeAt(at);
      if (!WHITESPACE.has(c) && c !== 44 /* , */) return true;
    }
    return false;
  }

  private lineOf(at: number): number {
    if (at > this.linePos) {
      this.line += countNewlines(this.buffer, this.linePos, at);
      this.linePos = at;
    }
    return this.line;
  }

  private fail(error: string, at = this.pos): SplitError {
    this.state = 'failed';
    return { error, line: this.lineOf(Math.max(at, this.linePos)) };
  }

  /** Drops what is consumed, keeping a lone Feature's object from its start. */
  private compact(): void {
    const keep = this.state === 'key' || this.state === 'member-end' ? (this.sawFeatures ? this.pos : this.objectStart) : this.pos;
    if (keep <= 0) return;
    this.lineOf(keep);
    this.buffer = this.buffer.slice(keep);
    this.pos -= keep;
    this.linePos -= keep;
    if (this.objectStart >= 0) this.objectStart -= keep;
  }

  private skipWhitespace(commas: boolean): void {
    const b = this.buffer;
    while (this.pos < b.length) {
      const c = b.charCodeAt(this.pos);
      if (WHITESPACE.has(c) || (commas && c === 44)) this.pos++;
      else break;
    }
  }

  private *scan(final: boolean): Generator<TextPiece | SplitError> {
    const b = this.buffer;
    for (;;) {
      switch (this.state) {
        case 'failed':
          return;
        case 'top': {
          this.skipWhitespace(false);
          if (this.pos >= b.length) return;
          const c = b.charCodeAt(this.pos);
          if (c === 123 /* { */) {
            this.objectStart = this.pos;
            this.sawFeatures = false;
            this.pos++;
            this.state = 'key';
          } else if (c === 91 /* [ */) {
            this.pos++;
            this.inTopArray = true;
            this.state = 'elements';
          } else {
            yield this.fail('expected a GeoJSON object (FeatureCollection or Feature)');
            return;
          }
          break;
        }
        case 'key': {
          this.skipWhitespace(false);
          if (this.pos >= b.length) return;
          const c = b.charCodeAt(this.pos);
          if (c === 125 /* } */) {
            const lone = this.closeObject();
            if (lone) yield lone;
            break;
          }
          if (c !== QUOTE) {
            yield this.fail('expected a member name in quotes');
            return;
          }
          const keyEnd = skipString(b, this.pos);
          if (keyEnd === -1) return;
          let at = skipSpace(b, keyEnd);
          if (at >= b.length) return;
          if (b.charCodeAt(at) !== 58 /* : */) {
            yield this.fail('expected ":" after a member name');
            return;
          }
          at = skipSpace(b, at + 1);
          if (at >= b.length) return;
          if (b.slice(this.pos + 1, keyEnd - 1) === 'features' && b.charCodeAt(at) === 91 /* [ */) {
            this.sawFeatures = true;
            this.pos = at + 1;
            this.state = 'elements';
            break;
          }
          const end = skipValue(b, at, final);
          if (end === -1) return;
          if (end === -2) {
            yield this.fail('malformed JSON value', at);
            return;
          }
          this.pos = end;
          this.state = 'member-end';
          break;
        }
        case 'member-end': {
          this.skipWhitespace(false);
          if (this.pos >= b.length) return;
          const c = b.charCodeAt(this.pos);
          if (c === 44 /* , */) {
            this.pos++;
            this.state = 'key';
          } else if (c === 125 /* } */) {
            const lone = this.closeObject();
            if (lone) yield lone;
          } else {
            yield this.fail('expected "," or "}" after a member');
            return;
          }
          break;
        }
        case 'elements': {
          this.skipWhitespace(true);
          if (this.pos >= b.length) return;
          const c = b.charCodeAt(this.pos);
          if (c === 93 /* ] */) {
            this.pos++;
            this.state = this.inTopArray ? 'top' : 'member-end';
            this.inTopArray = false;
            break;
          }
          const end = skipValue(b, this.pos, final);
          if (end === -1) return;
          if (end === -2) {
            yield this.fail('malformed JSON value');
            return;
          }
          const text = b.slice(this.pos, end);
          yield { text, line: this.lineOf(this.pos) };
          this.pos = end;
          break;
        }
      }
    }
  }

  /** Past the top-level object's `}`; a lone Feature (no `features` member) is a piece itself. */
  private closeObject(): TextPiece | undefined {
    this.pos++;
    this.state = 'top';
    if (this.sawFeatures) return undefined;
    return { text: this.buffer.slice(this.objectStart, this.pos), line: this.lineOf(this.objectStart) };
  }
}

function skipSpace(b: string, from: number): number {
  let at = from;
  while (at < b.length && WHITESPACE.has(b.charCodeAt(at))) at++;
  return at;
}

/** End (exclusive) of the string starting at `from`, or -1 when the text stops inside it. */
function skipString(b: string, from: number): number {
  let at = from + 1;
  for (;;) {
    const quote = b.indexOf('"', at);
    if (quote === -1) return -1;
    let backslashes = 0;
    for (let i = quote - 1; i > from && b.charCodeAt(i) === 92; i--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

/**
 * End (exclusive) of the JSON value starting at `from`: -1 when the text stops inside it (more
 * may come), -2 when the brackets do not match. Scalars end at the next delimiter.
 */
function skipValue(b: string, from: number, final: boolean): number {
  const first = b.charCodeAt(from);
  if (first === QUOTE) return skipString(b, from);
  if (first !== 123 && first !== 91) {
    let at = from;
    while (at < b.length) {
      const c = b.charCodeAt(at);
      if (c === 44 || c === 125 || c === 93 || WHITESPACE.has(c)) return at === from ? -2 : at;
      at++;
    }
    return final && at > from ? at : -1;
  }
  const stack: number[] = [];
  let at = from;
  while (at < b.length) {
    const c = b.charCodeAt(at);
    if (c === QUOTE) {
      const end = skipString(b, at);
      if (end === -1) return -1;
      at = end;
      continue;
    }
    if (c === 123 || c === 91) stack.push(c === 123 ? 125 : 93);
    else if (c === 125 || c === 93) {
      if (stack.pop() !== c) return -2;
      if (stack.length === 0) return at + 1;
    }
    at++;
  }
  return -1;
}

export const isSplitError = (piece: TextPiece | SplitError): piece is SplitError => 'error' in piece;

/** The reject reason for the line where splitting stopped: nothing after it can be read. */
export const splitReject = (e: SplitError): string => `${e.error}; the rest of the file was not read`;
