/**
 * Masking of phone- and ID-shaped text in free-text notes (shared/domain/privacy.ts): what is
 * masked and how, what is left alone (dates, times, counts, temperatures, room numbers), who
 * reads a note whole; and what the logger's replacer withholds from every log line.
 */
import { describe, expect, it } from 'vitest';
import { withheldFromLogs } from '#functions/platform/logger.ts';
import { auditFor, maskPersonalText, noteFor } from '#shared/domain/privacy.ts';
import type { Caller, Role } from '#shared/roles.ts';

const caller = (role: Role): Caller => ({ userId: role, username: role, role, jurisdiction: {} });

describe('maskPersonalText', () => {
  it.each([
    ['住户张三电话13812345678，发热', '住户张三电话138****5678，发热'],
    ['联系 138 1234 5678 或 139-8765-4321', '联系 138****5678 或 139****4321'],
    ['+86 13812345678', '+86 138****5678'],
    ['8615912345678', '86159****5678'],
    ['tel:13812345678.', 'tel:138****5678.'],
    ['身份证420881199001011234已核验', '身份证**************1234已核验'],
    ['ID 42088119900101123X', 'ID **************123X'],
    ['证件 420881 19900101 123x', '证件 **************123x'],
    ['老身份证420881900101123', '老身份证***********1123'],
    ['社区电话0724-4221234', '社区电话0724-***1234'],
    ['(027)87654321转', '(027)****4321转'],
    ['座机 0724 4221234', '座机 0724 ***1234'],
    ['全角１３８１２３４５６７８', '全角１３８****５６７８'],
    ['13812345678 和 13987654321', '138****5678 和 139****4321'],
  ])('masks %s', (text, masked) => {
    expect(maskPersonalText(text)).toBe(masked);
  });

  it.each([
    '2026-11-22 08:30 测温37.5℃，共3户12人',
    '20261122 复查',
    '2026年11月22日14:00送往定点医院',
    '1单元3楼302，1-3-302 无人应答',
    '区号0724',
    '编号12345678901（不是手机号）',
    '订单号9138123456789，流水1381234567890123456',
    '车牌鄂H12345，通行证 p_20261122_001',
    '体温36.8，共计100000人次',
    '',
  ])('leaves %s as written', (text) => {
    expect(maskPersonalText(text)).toBe(text);
  });

  it('changes nothing when masking again', () => {
    const once = maskPersonalText('13812345678 420881199001011234 0724-4221234');
    expect(maskPersonalText(once)).toBe(once);
  });
});

describe('noteFor', () => {
  const note = '老人独居，女儿电话13812345678';

  it.each(['city', 'community', 'grid'] as const)('gives %s the note whole', (role) => {
    expect(noteFor(caller(role), note)).toBe(note);
  });

  it.each(['official', 'duty', 'disinfection'] as const)('gives %s the note with the phone masked', (role) => {
    expect(noteFor(caller(role), note)).toBe('老人独居，女儿电话138****5678');
  });

  it('leaves a missing note missing', () => {
    expect(noteFor(caller('official'), undefined)).toBeUndefined();
  });
});

describe('auditFor', () => {
  const sealed = { action: 'seal', changes: { status: { from: 'normal', to: 'closed' }, reason: { from: null, to: '确诊病例家属13812345678' } } };

  it('masks the free-text changes for those who may not see residents\' details, and nothing else', () => {
    expect(auditFor(caller('official'), sealed)).toEqual({
      action: 'seal', changes: { status: { from: 'normal', to: 'closed' }, reason: { from: null, to: '确诊病例家属138****5678' } },
    });
    expect(auditFor(caller('city'), sealed)).toBe(sealed);
  });
});

describe('withheldFromLogs', () => {
  const logged = (value: unknown) => JSON.stringify(value, withheldFromLogs);

  it('withholds notes, bodies and people wherever they sit, and masks phones and IDs in any other text', () => {
    const line = logged({
      message: 'Lambda invocation event',
      event: { body: '{"note":"x"}', headers: { authorization: 'Bearer t' } },
      entry: { note: '独居', person: { name: '张三' }, refusalReason: '无证' },
      error: { message: 'bad input 13812345678 / 420881199001011234' },
    });
    expect(line).not.toMatch(/独居|张三|无证|Bearer|"note\\":|13812345678|420881199001011234/);
    expect(line).toContain('bad input 138****5678 / **************1234');
  });

  it('keeps what logs are for: ids, counts, timings, staff usernames', () => {
    const fields = { operation: 'createEntry', status: 201, ms: 12, user: 'duty-a', campaignId: 'cp_1', records: 10 };
    expect(JSON.parse(logged(fields))).toEqual(fields);
  });
});
