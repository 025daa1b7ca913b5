/**
 * Paged lists read from several places in order (index queries or key lists), with one opaque
 * cursor across them: how the compound lists, and every list shaped like them, page.
 */
import { TABLE } from '#shared/table.ts';
import { InvalidCursorError } from './errors.ts';
import { batchGet, decodeCursor, encodeCursor, queryAll, queryPage, type Item, type Key, type QueryOptions } from './table.ts';

const INTERNAL = [
  TABLE.partitionKey, TABLE.sortKey, 'type',
  ...Object.values(TABLE.indexes).flatMap((index) => [index.partitionKey, index.sortKey]),
];

/** An item as its record: the key and index attributes removed. */
export function withoutKeys<T>(item: Item): T {
  const copy: Item = { ...item };
  for (const name of INTERNAL) delete copy[name];
  return copy as T;
}

/**
 * One place a list reads from: a query, or a list of keys. A page walks the sources in order;
 * the cursor says which source and where in it.
 */
export type Source =
  | { readonly kind: 'query'; readonly query: QueryOptions }
  | { readonly kind: 'keys'; readonly keys: readonly Key[] };

/** Every item of one source, unpaged: for figures and judgements that need the whole of it. */
export const readAll = (source: Source): Promise<Item[]> =>
  (source.kind === 'query' ? queryAll<Item>(source.query) : batchGet<Item>(source.keys));

export interface ListCursor {
  /** Source index. */
  readonly s: number;
  /** Last key read in that source (query) or offset (keys). */
  readonly k: Item | number | null;
}

export const isListCursor = (v: unknown): v is ListCursor =>
  typeof v === 'object' && v !== null && typeof (v as ListCursor).s === 'number' && 'k' in v;

export interface ListPage<T> {
  readonly items: T[];
  readonly next: ListCursor | undefined;
  /** Items read from the table to answer, for the benchmark's read/returned ratio. */
  readonly read: number;
}

/**
 * Reads sources in order until `limit` items pass the filter. Query sources are read in parallel
 * where the cursor allows (a bbox is many small ranges), then consumed in order.
 */
export async function readSources<T>(
  sources: readonly Source[],
  accept: (item: Item) => T | undefined,
  limit: number,
  cursor: ListCursor | undefined,
): Promise<ListPage<T>> {
  if (cursor && !fitsSources(cursor, sources)) throw new InvalidCursorError({ key: 'field.not-cursor-of-list' });
  const items: T[] = [];
  let read = 0;
  const first = cursor?.s ?? 0;
  const pages = await Promise.all(
    sources.map(async (source, index) => {
      if (index < first) return undefined;
      const start = index === first ? cursor?.k ?? null : null;
      if (source.kind === 'keys') {
        const offset = typeof start === 'number' ? start : 0;
        return { kind: 'keys' as const, offset, items: await batchGet<Item>(source.keys.slice(offset, offset + limit)) };
      }
      const page = await queryPage<Item>({ ...source.query, limit, startKey: (start as Item | null) ?? undefined });
      return { kind: 'query' as const, ...page };
    }),
  );
  for (let index = first; index < sources.length; index++) {
    const page = pages[index];
    const source = sources[index];
    if (!page || !source) continue;
    if (page.kind === 'keys' && source.kind === 'keys') {
      read += page.items.length;
      const byKey = new Map(page.items.map((item) => [`${item.pk as string}|${item.sk as string}`, item]));
      const slice = source.keys.slice(page.offset, page.offset + limit);
      for (let i = 0; i < slice.length; i++) {
        const key = slice[i] as Key;
        const item = byKey.get(`${key.pk}|${key.sk}`);
        const accepted = item ? accept(item) : undefined;
        if (accepted !== undefined) items.push(accepted);
        if (items.length >= limit) {
          const offset = page.offset + i + 1;
          return { items, read, next: offset < source.keys.length ? { s: index, k: offset } : nextSource(index, sources) };
        }
      }
      if (page.offset + limit < source.keys.length) return { items, read, next: { s: index, k: page.offset + limit } };
      continue;
    }
    if (page.kind !== 'query' || source.kind !== 'query') continue;
    read += page.scanned;
    for (let i = 0; i < page.items.length; i++) {
      const item = page.items[i] as Item;
      const accepted = accept(item);
      if (accepted !== undefined) items.push(accepted);
      if (items.length >= limit) {
        const more = i < page.items.length - 1 || page.lastKey !== undefined;
        return { items, read, next: more ? { s: index, k: keyOf(item, source.query) } : nextSource(index, sources) };
      }
    }
    // The page came back short of the limit only because DynamoDB stopped early (1 MB): go on next time.
    if (page.lastKey) return { items, read, next: { s: index, k: page.lastKey } };
  }
  return { items, read, next: undefined };
}

/**
 * readSources for a filter that may pass few of what it reads: reads on, page after page, until
 * `limit` items passed, the sources end, or `budget` items were read (then the page is short and
 * its cursor goes on), so a page is never empty while more matches lie further on within budget.
 */
export async function readSourcesFilled<T>(
  sources: readonly Source[],
  accept: (item: Item) => T | undefined,
  limit: number,
  cursor: ListCursor | undefined,
  budget: number,
): Promise<ListPage<T>> {
  const items: T[] = [];
  let read = 0;
  let next = cursor;
  do {
    const page = await readSources(sources, accept, limit - items.length, next);
    items.push(...page.items);
    read += page.read;
    next = page.next;
  } while (next && items.length < limit && read < budget);
  return { items, read, next };
}

const nextSource = (index: number, sources: readonly Source[]): ListCursor | undefined =>
  index + 1 < sources.length ? { s: index + 1, k: null } : undefined;

/** The ExclusiveStartKey for resuming right after this item in this query. */
function keyOf(item: Item, query: QueryOptions): Item {
  const key: Item = { pk: item.pk, sk: item.sk };
  if (query.index) {
    const index = TABLE.indexes[query.index];
    key[index.partitionKey] = item[index.partitionKey];
    key[index.sortKey] = item[index.sortKey];
  }
  return key;
}

/**
 * Whether a client's cursor can resume these sources: a start key DynamoDB would refuse (another
 * partition, outside the sort-key condition, not a key) is the client's mistake (an
 * InvalidCursorError), not a server fault.
 */
function fitsSources(cursor: ListCursor, sources: readonly Source[]): boolean {
  const source = Number.isInteger(cursor.s) ? sources[cursor.s] : undefined;
  if (!source) return false;
  if (cursor.k === null) return true;
  if (source.kind === 'keys') return Number.isInteger(cursor.k) && (cursor.k as number) >= 0;
  const k = cursor.k;
  if (typeof k !== 'object') return false;
  const query = source.query;
  const index = query.index ? TABLE.indexes[query.index] : undefined;
  const names = [TABLE.partitionKey, TABLE.sortKey, ...(index ? [index.partitionKey, index.sortKey] : [])];
  if (Object.keys(k).length !== names.length || !names.every((name) => typeof k[name] === 'string')) return false;
  const sort = k[index?.sortKey ?? TABLE.sortKey] as string;
  return k[index?.partitionKey ?? TABLE.partitionKey] === query.partition
    && (query.between ? query.between[0] <= sort && sort <= query.between[1] : query.beginsWith === undefined || sort.startsWith(query.beginsWith));
}

/** The cursor a client sent back, checked; undefined for the first page. */
export const cursorOf = (token: string | undefined): ListCursor | undefined =>
  token ? decodeCursor(token, isListCursor) : undefined;

/** The token to hand the client for the next page, if there is one. */
export const tokenOf = (next: ListCursor | undefined): string | undefined => (next ? encodeCursor(next) : undefined);

/** A list's answer: the page's items and, when there is more, the token for the next page. */
export const pageOf = <T>(items: T[], next: ListCursor | undefined) => {
  const nextToken = tokenOf(next);
  return { items, ...(nextToken ? { nextToken } : {}) };
};
