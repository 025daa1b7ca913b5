import { describe, expect, it } from 'vitest';
import { chinaDay, chinaMinute, utcHoursOfChinaDay } from '#shared/domain/china-time.ts';
import { entryWarnings, FEVER_THRESHOLD_C, hourBucket, isFever } from '#shared/domain/entries.ts';
import { idLast4, ID_NUMBER_PATTERN, maskName, maskPhone } from '#shared/domain/privacy.ts';
import { liftTransition, mayChangeStatus, sealTransition } from '#shared/domain/sealing.ts';

const checks = { identityAsked: true, recorded: true, temperatureMeasured: true, maskWorn: true };

describe('fever', () => {
  it('starts at 37.3 °C, or the configured threshold', () => {
    expect(FEVER_THRESHOLD_C).toBe(37.3);
    expect([isFever(37.2), isFever(37.3), isFever(undefined)]).toEqual([false, true, false]);
    expect(isFever(37.3, 37.5)).toBe(false);
  });
});

describe('entryWarnings', () => {
  it('notes an admission without the four checks, a resident going out and a visitor let in under closed management', () => {
    expect(entryWarnings({ direction: 'in', category: 'resident', outcome: 'admitted', checks }, 'closed')).toEqual([]);
    expect(entryWarnings({ direction: 'in', category: 'resident', outcome: 'admitted', checks: { ...checks, maskWorn: false } }, 'closed'))
      .toEqual(['admitted_without_four_checks']);
    expect(entryWarnings({ direction: 'out', category: 'resident', outcome: 'admitted', checks }, 'closed')).toEqual(['out_not_permitted']);
    expect(entryWarnings({ direction: 'out', category: 'medical', outcome: 'admitted', checks }, 'lockdown')).toEqual([]);
    expect(entryWarnings({ direction: 'in', category: 'visitor', outcome: 'admitted', checks }, 'closed')).toEqual(['outsider_admitted']);
    expect(entryWarnings({ direction: 'in', category: 'visitor', outcome: 'refused', checks }, 'closed')).toEqual([]);
  });

  it('counts by UTC hour', () => {
    expect(hourBucket('2026-11-22T14:59:59.999Z')).toBe('2026-11-22T14');
  });

  it('keeps days as the gate does, in China (UTC+8): the day turns at 16:00 UTC', () => {
    expect(chinaDay('2026-11-22T15:59:59.999Z')).toBe('2026-11-22');
    expect(chinaDay('2026-11-22T16:00:00.000Z')).toBe('2026-11-23');
    expect(chinaDay('2026-11-23T01:00:00+08:00')).toBe('2026-11-23');
    expect(chinaDay('2026-12-31T16:30:00.000Z')).toBe('2027-01-01');
    expect(utcHoursOfChinaDay('2026-11-23')).toEqual(['2026-11-22T16', '2026-11-23T15']);
    expect(utcHoursOfChinaDay('2027-01-01')).toEqual(['2026-12-31T16', '2027-01-01T15']);
    expect(chinaMinute('2026-11-22T16:00:00.000Z')).toBe('2026-11-23 00:00');
  });
});

describe('privacy', () => {
  it('masks names, phones and ID numbers', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李')).toBe('李');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0724-4221')).toBe('*******21');
    expect(idLast4('42088119800101123x')).toBe('123X');
    expect(ID_NUMBER_PATTERN.test('42088119800101123X')).toBe(true);
    expect(ID_NUMBER_PATTERN.test('4208811980010112')).toBe(false);
  });
});

describe('the sealing lifecycle', () => {
  it('seals up and down and back from lifted, refusing the level it is at', () => {
    expect(sealTransition('normal', 'closed')).toEqual({ ok: true, to: 'closed' });
    expect(sealTransition('closed', 'lockdown')).toEqual({ ok: true, to: 'lockdown' });
    expect(sealTransition('lockdown', 'closed')).toEqual({ ok: true, to: 'closed' });
    expect(sealTransition('lifted', 'lockdown')).toEqual({ ok: true, to: 'lockdown' });
    expect(sealTransition('closed', 'closed').ok).toBe(false);
  });

  it('lifts only what is sealed', () => {
    expect(liftTransition('lockdown')).toEqual({ ok: true, to: 'lifted' });
    expect(liftTransition('closed')).toEqual({ ok: true, to: 'lifted' });
    expect(liftTransition('normal').ok).toBe(false);
    expect(liftTransition('lifted').ok).toBe(false);
  });

  it('says why it refuses, with a code and the sentence to show', () => {
    expect(sealTransition('closed', 'closed')).toMatchObject({ ok: false, refusal: { code: 'already-at-level', message: 'the compound is already closed', said: { key: 'sealing.already-at-level' } } });
    expect(liftTransition('normal')).toMatchObject({ ok: false, refusal: { code: 'not-sealed', message: 'the compound is normal, not sealed' } });
  });

  it('leaves lifting to city staff when a status comes by import, and sealing to any registry editor', () => {
    expect(mayChangeStatus('community', 'lockdown', 'normal')).toBe(false);
    expect(mayChangeStatus('community', 'closed', 'lifted')).toBe(false);
    expect(mayChangeStatus('city', 'lockdown', 'normal')).toBe(true);
    expect(mayChangeStatus('community', 'normal', 'lockdown')).toBe(true);
    expect(mayChangeStatus('community', 'lockdown', 'closed')).toBe(true);
    expect(mayChangeStatus('community', 'lifted', 'normal')).toBe(true);
  });
});
