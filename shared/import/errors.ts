/**
 * A problem with an import file as a whole (not one row): an unknown encoding, a header without
 * the columns a kind needs, a body that is not CSV or GeoJSON. The API answers these as problems
 * naming `field`; a bad row is never one of these, it is rejected with its line.
 */
export class ImportFileError extends Error {
  /** Where the problem is, as the API names fields: `body`, `query.columns`, `query.encoding`. */
  readonly field: string;
  /** `unreadable` for an encoding or media type the importer cannot read; `invalid` otherwise. */
  readonly code: 'invalid' | 'unreadable';

  constructor(field: string, message: string, options: { code?: 'invalid' | 'unreadable'; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ImportFileError';
    this.field = field;
    this.code = options.code ?? 'invalid';
  }
}
