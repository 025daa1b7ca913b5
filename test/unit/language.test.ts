import { describe, expect, it } from 'vitest';
import { negotiateLanguage } from '#shared/messages/language.ts';
import { MESSAGES } from '#shared/messages/catalogue.ts';
import { MESSAGES_ZH_CN } from '#shared/messages/catalogue-zh-CN.ts';
import { message } from '#shared/messages/message.ts';
import { say } from '#shared/messages/say.ts';

describe('negotiateLanguage', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['zh-Hant-HK', 'zh-CN'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['EN-gb', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['en-US,zh-CN;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
  ] as const)('answers %s in %s', (header, language) => {
    expect(negotiateLanguage(header)).toBe(language);
  });

  it('follows q-values, not the order written', () => {
    expect(negotiateLanguage('en;q=0.5, zh-CN;q=0.8')).toBe('zh-CN');
    expect(negotiateLanguage('zh;q=0.1,en')).toBe('en');
  });

  it('skips languages it does not speak and ranges refused with q=0', () => {
    expect(negotiateLanguage('fr-FR, en;q=0.7')).toBe('en');
    expect(negotiateLanguage('en;q=0, zh')).toBe('zh-CN');
  });

  it('answers in the app\'s default, Chinese, when no preference names a language it speaks', () => {
    expect(negotiateLanguage(undefined)).toBe('zh-CN');
    expect(negotiateLanguage('')).toBe('zh-CN');
    expect(negotiateLanguage('*')).toBe('zh-CN');
    expect(negotiateLanguage('fr, de;q=0.5')).toBe('zh-CN');
    expect(negotiateLanguage('en;q=0')).toBe('zh-CN');
    expect(negotiateLanguage(';;,q=,')).toBe('zh-CN');
  });
});

describe('the message catalogue', () => {
  it('has every message in both languages, with the same parameters', () => {
    const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(MESSAGES_ZH_CN).sort()).toEqual(Object.keys(MESSAGES).sort());
    for (const [key, en] of Object.entries(MESSAGES)) {
      const zh = MESSAGES_ZH_CN[key as keyof typeof MESSAGES];
      expect(en, key).not.toBe('');
      expect(zh, key).not.toBe('');
      expect(params(zh), key).toEqual(params(en));
    }
  });

  it('fills parameters as given and says a message parameter in the same language', () => {
    const said = message('task.campaign-not-workable', { id: 'cp_1', status: message('campaign.status.cancelled') });
    expect(say(said, 'en')).toBe('campaign cp_1 is cancelled');
    expect(say(said, 'zh-CN')).toBe('排查活动 cp_1 已取消');
  });
});
