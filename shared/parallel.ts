/**
 * Work over a list with a fixed number of calls in flight: the batch reads and writes of
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
