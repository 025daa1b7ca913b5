/**
 * Which slots the judgement job looks at (functions/jobs/judge-slots.ts): only slots whose window
 * has closed, oldest first, within the catch-up days, in China time across UTC midnight; and the
 * slot before a slot (the morning's is the previous evening), which decides "two in a row".
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_OBSERVATION_SETTINGS } from '#shared/domain/observation.ts';
import { CATCH_UP_DAYS, closedSlots } from '#functions/jobs/judge-slots.ts';
import { previousSlot, slotDueItems } from '#functions/stores/slot-due-store.ts';
import { shardOf } from '#shared/domain/ids.ts';
import { SLOT_DUE_SHARDS } from '#shared/table.ts';

const windows = DEFAULT_OBSERVATION_SETTINGS.windows;
const cn = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00.000+08:00`).toISOString();

describe('the slots a judgement run looks at', () => {
  it('are those closed by now, oldest first, over the catch-up days', () => {
    const slots = closedSlots(cn('2026-11-24', '12:00'), windows);
    expect(slots.at(-1)).toEqual({ date: '2026-11-24', slot: 'am' });
    expect(slots[0]).toEqual({ date: '2026-11-21', slot: 'am' });
    expect(slots).toHaveLength((CATCH_UP_DAYS + 1) * 2 + 1);
    // One minute earlier the morning window is still open.
    expect(closedSlots(cn('2026-11-24', '11:59'), windows).at(-1)).toEqual({ date: '2026-11-23', slot: 'pm' });
  });

  it('reads China\'s day, not UTC\'s, around midnight', () => {
    // 23:30 in China is 15:30 UTC the same day; 00:30 in China is still the previous UTC day.
    expect(closedSlots(cn('2026-11-24', '23:30'), windows).at(-1)).toEqual({ date: '2026-11-24', slot: 'pm' });
    expect(closedSlots(cn('2026-11-25', '00:30'), windows).at(-1)).toEqual({ date: '2026-11-24', slot: 'pm' });
  });

  it('takes an evening window running past midnight as its opening day\'s', () => {
    const late = { am: { start: '06:00', end: '12:00' }, pm: { start: '20:00', end: '01:00' } };
    expect(closedSlots(cn('2026-11-25', '00:30'), late).at(-1)).toEqual({ date: '2026-11-24', slot: 'am' });
    expect(closedSlots(cn('2026-11-25', '01:00'), late).at(-1)).toEqual({ date: '2026-11-24', slot: 'pm' });
  });
});

describe('the slot before', () => {
  it('is the same morning for an evening, the previous evening for a morning', () => {
    expect(previousSlot({ date: '2026-11-24', slot: 'pm' })).toEqual({ date: '2026-11-24', slot: 'am' });
    expect(previousSlot({ date: '2026-12-01', slot: 'am' })).toEqual({ date: '2026-11-30', slot: 'pm' });
  });
});

describe('the due index of a slot', () => {
  it('puts a person in the same shard every time, and spreads a city over every shard', () => {
    const ids = Array.from({ length: 2_000 }, (_, i) => `ps_${i}`);
    const shards = ids.map((id) => shardOf(id, SLOT_DUE_SHARDS));
    expect(ids.map((id) => shardOf(id, SLOT_DUE_SHARDS))).toEqual(shards);
    const counts = new Map<number, number>();
    for (const s of shards) counts.set(s, (counts.get(s) ?? 0) + 1);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: SLOT_DUE_SHARDS }, (_, i) => i));
    // No shard takes more than twice its fair share (125 of 2,000): no hot partition.
    expect(Math.max(...counts.values())).toBeLessThan(250);
  });

  it('keys each slot of a period under its date, slot and the person\'s shard', () => {
    const period = { start: '2026-11-24', end: '2026-11-25' };
    const items = slotDueItems({ id: 'ps_1', gridId: null }, period, windows);
    const shard = shardOf('ps_1', SLOT_DUE_SHARDS);
    expect(items.map((i) => i.pk)).toEqual([
      `SLOTDUE#2026-11-24#am#${shard}`, `SLOTDUE#2026-11-24#pm#${shard}`, `SLOTDUE#2026-11-25#am#${shard}`, `SLOTDUE#2026-11-25#pm#${shard}`,
    ]);
    expect(items.every((i) => i.sk === 'ps_1')).toBe(true);
  });
});
