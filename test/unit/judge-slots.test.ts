/**
 * Which slots the judgement job looks at (functions/jobs/judge-slots.ts): only slots whose window
 * has closed, oldest first, within the catch-up days, in China time across UTC midnight; and the
 * slot before a slot (the morning's is the previous evening), which decides "two in a row".
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_OBSERVATION_SETTINGS } from '#shared/domain/observation.ts';
import { CATCH_UP_DAYS, closedSlots } from '#functions/jobs/judge-slots.ts';
import { previousSlot } from '#functions/stores/slot-due-store.ts';

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
