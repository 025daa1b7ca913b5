import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { FEATURE_FILES, resources } from '#web/src/locales/index.ts';
import { ROLES } from '#shared/roles.ts';
import { COMPOUND_STATUSES } from '#shared/schemas/compound.ts';

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Dotted keys of a resource, plural forms folded into their base key. */
function keysOf(resource: object, prefix = ''): Set<string> {
  const keys = new Set<string>();
  for (const [name, value] of Object.entries(resource)) {
    const key = `${prefix}${name.replace(PLURAL, '')}`;
    if (typeof value === 'object' && value !== null) for (const k of keysOf(value, `${key}.`)) keys.add(k);
    else keys.add(key);
  }
  return keys;
}

const sourceDir = path.resolve(import.meta.dirname, '../../web/src');
const sources = readdirSync(sourceDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => readFileSync(path.join(sourceDir, f), 'utf8'));

const zhCN = resources['zh-CN'].translation;
const en = resources.en.translation;

describe('web locales', () => {
  const zhKeys = keysOf(zhCN);

  it('give each top-level key to one feature file', () => {
    for (const files of Object.values(FEATURE_FILES)) {
      const tops = files.flatMap((file) => Object.keys(file));
      expect(tops.length).toBe(new Set(tops).size);
    }
  });

  it('translate the same keys in Chinese and English', () => {
    expect([...keysOf(en)].sort()).toEqual([...zhKeys].sort());
  });

  it('have every key the app asks for', () => {
    const used = sources.flatMap((text) => [...text.matchAll(/\bt\(\s*'([\w.-]+)'/g)].map((m) => m[1] ?? ''));
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((key) => !zhKeys.has(key))).toEqual([]);
  });

  it('name every role and every compound status', () => {
    for (const role of ROLES) expect(zhKeys.has(`roles.${role}`), role).toBe(true);
    for (const status of COMPOUND_STATUSES) expect(zhKeys.has(`status.${status}`), status).toBe(true);
    expect(zhCN.status).toEqual({ normal: '正常', closed: '封闭管理', lockdown: '封控', lifted: '已解除' });
    expect(zhCN.roles).toEqual({
      city: '市防控指挥部', official: '督查人员', community: '社区工作人员', grid: '网格员', duty: '卡口值守人员', disinfection: '消杀人员', volunteer: '志愿者',
    });
  });

  it('format counts and areas per language, plurals included', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources, lng: 'zh-CN', interpolation: { escapeValue: false } });
    expect(i18n.t('panel.areaValue', { value: 123456.7 })).toBe('123,457 m²');
    expect(i18n.t('login.matches', { count: 1 })).toBe('找到 1 个账号');
    await i18n.changeLanguage('en');
    expect(i18n.t('login.matches', { count: 1 })).toBe('1 user found');
    expect(i18n.t('map.inView', { count: 1200 })).toBe('1,200 compounds in view');
  });
});
