/**
 * An item's size as DynamoDB counts it (functions/platform/item-size.ts), which the table checks
 * before every write.
 */
import { describe, expect, it } from 'vitest';
import { itemSize, MAX_ITEM_BYTES, numberSize } from '#functions/platform/item-size.ts';

describe('itemSize', () => {
  it('counts names and strings in UTF-8 bytes', () => {
    expect(itemSize({ pk: 'C#1', name: '阳光花园' }).bytes).toBe(2 + 3 + 4 + 12);
  });

  it('counts a number by its significant digits, leading and trailing zeros trimmed', () => {
    expect(numberSize(0)).toBe(2);
    expect(numberSize(7)).toBe(2);
    expect(numberSize(1200)).toBe(2);
    expect(numberSize(112.5234567)).toBe(6);
    expect(numberSize(0.00015)).toBe(2);
    expect(numberSize(-1.5e-7)).toBe(2);
    expect(numberSize(31.12345678901234)).toBe(9);
  });

  it('counts lists and maps with 3 bytes each and 1 per element, sets by their elements, null and booleans 1', () => {
    expect(itemSize({ l: [1, 'ab'] }).bytes).toBe(1 + 3 + (1 + 2) + (1 + 2));
    expect(itemSize({ m: { a: true, b: null, gone: undefined } }).bytes).toBe(1 + 3 + (1 + 1 + 1) + (1 + 1 + 1));
    expect(itemSize({ s: new Set(['g1', 'g22']) }).bytes).toBe(1 + 2 + 3);
    expect(itemSize({ gone: undefined }).bytes).toBe(0);
  });

  it('names the largest attribute, and where a number DynamoDB cannot store lies', () => {
    const size = itemSize({ pk: 'x', geometry: { type: 'Polygon', coordinates: [[[112.5, 5e-324]]] }, note: 'n' });
    expect(size.largest).toBe('geometry');
    expect(size.unstorable).toBe('geometry.coordinates.0.0.1');
    expect(itemSize({ a: 0, b: 1e-130, c: -9.99e125 }).unstorable).toBeUndefined();
    expect(itemSize({ a: Number.NaN }).unstorable).toBe('a');
  });

  it('puts a 40,000-position polygon over 400 KB', () => {
    const ring = Array.from({ length: 40_000 }, (_, i) => [112.52 + 0.001 * Math.cos(i / 6366), 31.12 + 0.001 * Math.sin(i / 6366)]);
    expect(itemSize({ geometry: { type: 'Polygon', coordinates: [ring] } }).bytes).toBeGreaterThan(MAX_ITEM_BYTES);
  });
});
