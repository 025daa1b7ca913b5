import { describe, expect, it } from 'vitest';
import { allowedOpenExits, isSealed, keptSealing } from '#shared/domain/exits.ts';

describe('allowedOpenExits', () => {
  it('allows one open exit below 300,000 m² and two from there on', () => {
    expect(allowedOpenExits(299_999)).toBe(1);
    expect(allowedOpenExits(300_000)).toBe(2);
  });
});

describe('isSealed', () => {
  it('holds exits under closed management and lockdown only', () => {
    expect([isSealed('closed'), isSealed('lockdown'), isSealed('normal'), isSealed('lifted')]).toEqual([true, true, false, false]);
  });
});

describe('keptSealing', () => {
  it('keeps a confirmation only while the exit stays sealed', () => {
    const sealing = { method: 'lock', confirmedAt: '2026-11-22T08:00:00.000Z' };
    expect(keptSealing('sealed', 'sealed', sealing)).toBe(sealing);
    expect(keptSealing('sealed', 'open', sealing)).toBeUndefined();
    expect(keptSealing('open', 'sealed', sealing)).toBeUndefined();
    expect(keptSealing('sealed', 'sealed', undefined)).toBeUndefined();
  });
});
