/**
 * A problem with an import file as a whole (not one row): an unknown encoding, a header without
 * the columns a kind needs, a body that is not CSV or GeoJSON. The API answers these with a 4xx
 * naming `field`; a bad row is never one of these, it is rejected with its line.
 */
export class ImportFileError extends Error {
  /** Where the problem is, as the API names fields: `body`, `query.columns`, `query.encoding`. */
  readonly field: string;
  /** 415 for an encoding or media type the importer cannot read; 400 otherwise. */
  readonly status: 400 | 415;

  constructor(field: string, message: string, options: { status?: 400 | 415; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ImportFileError';
    this.field = field;
    this.status = options.status ?? 400;
  }
}
