/**
 * The app's check of /config.json (web/src/config.ts) is written out by hand so that zod stays
 * out of every page; here it answers as the schema does (shared/runtime-config.ts) on configs
 * right and wrong in each field, so the two cannot drift apart unnoticed.
 */
import { describe, expect, it } from 'vitest';
import { parseRuntimeConfig } from '#web/src/config.ts';
import { RuntimeConfig } from '#shared/runtime-config.ts';

const VALID = {
  apiUrl: 'https://api.example.cn',
  tileUrl: 'https://tiles.example.cn/{z}/{x}/{y}.png',
  tileAttribution: '© tiles',
  tileCrs: 'gcj02',
  tileMaxZoom: 18,
  publicUrl: 'https://cordon.example.cn',
  region: 'cn-north-1',
  userPoolId: 'cn-north-1_abc',
  userPoolClientId: 'client',
  authDomain: 'https://cordon.auth.cn-north-1.amazoncognito.com',
};

const CASES: readonly unknown[] = [
  VALID,
  { apiUrl: '' },
  { apiUrl: '', unknownField: 1 },
  {},
  null,
  [],
  'config',
  { apiUrl: 3 },
  { apiUrl: '', tileUrl: '' },
  { apiUrl: '', tileAttribution: 3 },
  { apiUrl: '', tileCrs: 'mercator' },
  { apiUrl: '', tileMaxZoom: 0 },
  { apiUrl: '', tileMaxZoom: 23 },
  { apiUrl: '', tileMaxZoom: 12.5 },
  { apiUrl: '', tileMaxZoom: '12' },
  { apiUrl: '', publicUrl: 'http://192.168.1.5:5173' },
  { apiUrl: '', publicUrl: 'ftp://example.cn' },
  { apiUrl: '', publicUrl: 'not a url' },
  { apiUrl: '', region: '' },
  { apiUrl: '', userPoolId: '' },
  { apiUrl: '', userPoolClientId: 7 },
  { apiUrl: '', authDomain: 'http://cordon.auth.example.cn' },
  { apiUrl: '', authDomain: 'https://cordon.auth.example.cn' },
];

describe('the runtime config check', () => {
  it.each(CASES.map((config) => [JSON.stringify(config), config]))('answers as the schema does: %s', (_name, config) => {
    const schema = RuntimeConfig.safeParse(config);
    const mine = parseRuntimeConfig(config);
    expect('config' in mine).toBe(schema.success);
    if (schema.success && 'config' in mine) expect(mine.config).toEqual(schema.data);
  });

  it('names the fields that are wrong', () => {
    expect(parseRuntimeConfig({ apiUrl: '', tileCrs: 'mercator', tileMaxZoom: 0 })).toEqual({ wrong: ['tileCrs', 'tileMaxZoom'] });
  });
});
