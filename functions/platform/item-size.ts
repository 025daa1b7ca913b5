/**
 * An item's size as DynamoDB counts it, so the table can refuse an item over 400 KB before it is
 * sent (DynamoDB's own refusal is an untyped ValidationException, and in a batch it can come after
 * other items of the same request have landed). The rules are DynamoDB's "Item sizes and formats":
 * attribute names and strings in UTF-8 bytes; a number 1 byte per two significant digits plus 1; a
 * binary its raw bytes; null and booleans 1; a list or map 3 bytes plus 1 per element, a map
 * element's name counted as a name. A set counts as its elements. The result may err high by a
 * byte here and there, never low. The same walk finds a number DynamoDB cannot store (the schemas
 * bound every number a client sends; this catches one that slipped past them).
 */
import { storableNumber } from '#shared/storable-number.ts';

/** 400 KB, names included. */
export const MAX_ITEM_BYTES = 400 * 1024;

export interface ItemSize {
  readonly bytes: number;
  /** The attribute (name and value) that takes the most bytes. */
  readonly largest: string;
  readonly largestBytes: number;
  /** Where the first number DynamoDB cannot store lies (`geometry.coordinates.0.3.1`), if any. */
  readonly unstorable?: string;
}

export function itemSize(item: Readonly<Record<string, unknown>>): ItemSize {
  let bytes = 0;
  let largest = '';
  let largestBytes = -1;
  const found = { unstorable: false };
  for (const [name, value] of Object.entries(item)) {
    // The marshaller drops undefined attributes (removeUndefinedValues).
    if (value === undefined) continue;
    const size = utf8(name) + valueSize(value, found);
    bytes += size;
    if (size > largestBytes) {
      largest = name;
      largestBytes = size;
    }
  }
  if (!found.unstorable) return { bytes, largest, largestBytes };
  return { bytes, largest, largestBytes, unstorable: unstorableAt(item, '') };
}

const storable = (n: number) => Number.isFinite(n) && storableNumber(n);

/** The path to the first unstorable number: walked again only when there is one, to spare every write the paths. */
function unstorableAt(value: unknown, path: string): string | undefined {
  if (typeof value === 'number') return storable(value) ? undefined : path;
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return undefined;
  const entries: [string, unknown][] = value instanceof Set || Array.isArray(value)
    ? [...(value as Iterable<unknown>)].map((v, i) => [String(i), v])
    : Object.entries(value);
  for (const [key, v] of entries) {
    const at = unstorableAt(v, path === '' ? key : `${path}.${key}`);
    if (at !== undefined) return at;
  }
  return undefined;
}

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

function valueSize(value: unknown, found: { unstorable: boolean }): number {
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number') {
    if (!storable(value)) found.unstorable = true;
    return numberSize(value);
  }
  if (typeof value === 'bigint') return numberSize(value);
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...(value as Set<unknown>)].reduce<number>((n, v) => n + valueSize(v, found), 0);
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + 1 + valueSize(v, found), 3);
  if (typeof value === 'object') {
    return Object.entries(value).reduce<number>((n, [k, v]) => (v === undefined ? n : n + utf8(k) + 1 + valueSize(v, found)), 3);
  }
  return utf8(String(value));
}

/** Significant digits of the number as the marshaller writes it, leading and trailing zeros trimmed. */
export function numberSize(n: number | bigint): number {
  const mantissa = String(n).toLowerCase().split('e')[0] ?? '';
  const digits = mantissa.replace(/[^0-9]/g, '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}
