import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, couldBeUtf8, decodeText, streamDecoder } from '#shared/import/encoding.ts';
import { ImportFileError } from '#shared/import/errors.ts';
import { SOURCE, TARGET, gb18030Of } from '../fixtures/imports/make-gb18030.ts';

const TEXT = '小区名称,经度\n阳光小区,112.52\n';

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM, and drops the BOM', () => {
    expect(decodeText(Buffer.from(TEXT), 'auto')).toEqual({ text: TEXT, encoding: 'utf8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]), 'auto')).toEqual({ text: TEXT, encoding: 'utf8' });
  });

  it('falls back to GB18030 when the bytes are not UTF-8', () => {
    expect(decodeText(iconv.encode(TEXT, 'gbk'), 'auto')).toEqual({ text: TEXT, encoding: 'gb18030' });
    // A character outside GBK, which only GB18030's four-byte sequences hold.
    expect(decodeText(iconv.encode('𠀀小区', 'gb18030'), 'auto').text).toBe('𠀀小区');
  });

  it('refuses bytes that are not UTF-8 when UTF-8 was asked for, naming the body', () => {
    expect(() => decodeText(iconv.encode(TEXT, 'gb18030'), 'utf8')).toThrow(ImportFileError);
    try {
      decodeText(iconv.encode(TEXT, 'gb18030'), 'utf8');
    } catch (error) {
      expect((error as ImportFileError).field).toBe('body');
    }
  });
});

describe('chooseEncoding', () => {
  it('prefers the query, then the charset, then auto', () => {
    expect(chooseEncoding('gb18030', 'utf-8')).toBe('gb18030');
    expect(chooseEncoding('auto', 'GBK')).toBe('gb18030');
    expect(chooseEncoding('auto', 'gb2312')).toBe('gb18030');
    expect(chooseEncoding('auto', 'UTF-8')).toBe('utf8');
    expect(chooseEncoding('auto', undefined)).toBe('auto');
  });

  it('refuses a charset it cannot read as unreadable (415 at the edge)', () => {
    expect(() => chooseEncoding('auto', 'latin1')).toThrow(expect.objectContaining({ code: 'unreadable' }));
  });
});

describe('streamDecoder', () => {
  it('carries a character cut between chunks over to the next', () => {
    for (const encoding of ['utf8', 'gb18030'] as const) {
      const bytes = encoding === 'utf8' ? Buffer.from(TEXT) : iconv.encode(TEXT, 'gb18030');
      for (let cut = 0; cut <= bytes.length; cut++) {
        const decoder = streamDecoder(encoding);
        expect(decoder.write(bytes.subarray(0, cut)) + decoder.write(bytes.subarray(cut)) + decoder.end()).toBe(TEXT);
      }
    }
  });

  it('lets a prefix cut inside a character still pass as UTF-8', () => {
    const bytes = Buffer.from(TEXT);
    expect(couldBeUtf8(bytes.subarray(0, 2))).toBe(true);
    expect(couldBeUtf8(iconv.encode(TEXT, 'gb18030'))).toBe(false);
  });
});

describe('the GB18030 fixture', () => {
  it('is the GB18030 encoding of its UTF-8 source (run make-gb18030.ts after changing the source)', () => {
    expect(readFileSync(TARGET).equals(gb18030Of(SOURCE))).toBe(true);
    expect(decodeText(readFileSync(TARGET), 'auto')).toEqual({
      text: readFileSync(SOURCE, 'utf8').replace(/^\uFEFF/, ''),
      encoding: 'gb18030',
    });
  });
});
