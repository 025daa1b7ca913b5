/** shared/parallel.ts: slices of a fixed size, and a fixed number of calls in flight. */
import { describe, expect, it } from 'vitest';
import { chunks, inParallel } from '#shared/parallel.ts';

describe('chunks', () => {
  it('cuts consecutive slices of the size, the last holding the rest', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([1, 2, 3, 4], 2)).toEqual([[1, 2], [3, 4]]);
    expect(chunks(['a', 'b'], 25)).toEqual([['a', 'b']]);
    expect(chunks([1, 2, 3], 1)).toEqual([[1], [2], [3]]);
  });

  it('keeps every item once, in order', () => {
    const items = Array.from({ length: 237 }, (_, i) => i);
    const sliced = chunks(items, 25);
    expect(sliced.map((s) => s.length)).toEqual([...Array(9).fill(25), 12]);
    expect(sliced.flat()).toEqual(items);
  });

  it('gives no slices for no items', () => {
    expect(chunks([], 25)).toEqual([]);
  });

  it('refuses a size that is not a positive whole number', () => {
    for (const size of [0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => chunks([1, 2], size), String(size)).toThrow(RangeError);
    }
  });

  it('returns new arrays, leaving the input alone', () => {
    const items = [1, 2, 3];
    const [first] = chunks(items, 3);
    first?.push(4);
    expect(items).toEqual([1, 2, 3]);
  });
});

describe('inParallel', () => {
  it('keeps the results in the items\' order and never runs more than the concurrency at once', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await inParallel([30, 10, 20, 0, 5], 2, async (ms) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, ms));
      inFlight -= 1;
      return ms * 2;
    });
    expect(results).toEqual([60, 20, 40, 0, 10]);
    expect(most).toBe(2);
  });

  it('answers nothing for nothing', async () => {
    await expect(inParallel([], 4, async () => 1)).resolves.toEqual([]);
  });
});
