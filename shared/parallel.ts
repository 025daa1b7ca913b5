/**
 * Work over a list: a fixed number of calls in flight, and slices of a fixed size. Used by
 * functions/platform/table.ts, workers that write item by item, and the web map's parallel listings.
 */

/** Runs `fn` on every item, at most `concurrency` at once; results keep the items' order. */
export async function inParallel<T, R>(work: readonly T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(work.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, work.length) }, async () => {
    while (next < work.length) {
      const i = next++;
      results[i] = await fn(work[i] as T);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** The items in consecutive slices of at most `size` (batch calls, transactions, messages). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, not ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
