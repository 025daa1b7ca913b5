/**
 * Text encodings of import files: UTF-8 (with or without BOM) and GB18030, which covers GBK and
 * GB2312 (what Excel and most Chinese government systems export). `auto` tries strict UTF-8 first,
 * then GB18030: a GB18030 file of Chinese text is almost never valid UTF-8, the converse is moot.
 *
 * Both are decoded by the platform's TextDecoder (Node 22 has full ICU, on Lambda too), so no
 * GB18030 tables ride in the import function's bundle (iconv-lite's were 272 KB). Its GB18030 is
 * the WHATWG one: the 2022 edition's mapping, where the vertical punctuation (A6D9…) is U+FE1x,
 * not the private-use code points of 2005.
 */
import type { Encoding } from '../schemas/imports.ts';
import { ImportFileError } from './errors.ts';

export type TextEncoding = 'utf8' | 'gb18030';

const CHARSETS: Readonly<Record<string, TextEncoding>> = {
  'utf-8': 'utf8', utf8: 'utf8', 'us-ascii': 'utf8', ascii: 'utf8',
  gb18030: 'gb18030', gbk: 'gb18030', gb2312: 'gb18030', 'x-gbk': 'gb18030', cp936: 'gb18030', 'euc-cn': 'gb18030',
  'windows-936': 'gb18030',
};

/**
 * The encoding to read with: the query's choice, else the Content-Type charset, else `auto`.
 * A charset we cannot read is refused as unreadable rather than decoded into nonsense.
 */
export function chooseEncoding(requested: Encoding, charset: string | undefined): TextEncoding | 'auto' {
  if (requested !== 'auto') return requested;
  if (charset === undefined || charset === '') return 'auto';
  const known = CHARSETS[charset.toLowerCase()];
  if (!known) {
    throw new ImportFileError('header.content-type', `charset ${charset} is not supported: send UTF-8 or GB18030/GBK`, { code: 'unreadable' });
  }
  return known;
}

/** The whole body as text, without a BOM, and the encoding it was read with. */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding | 'auto'): { text: string; encoding: TextEncoding } {
  if (encoding !== 'gb18030') {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf8' };
    } catch (error) {
      if (encoding === 'utf8') {
        throw new ImportFileError('body', 'is not valid UTF-8: send encoding=gb18030 (or auto) for a GBK/GB18030 file', { cause: error });
      }
    }
  }
  return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
}

/** Whether these bytes could start a UTF-8 text (a sequence cut at the end is allowed). */
export function couldBeUtf8(prefix: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(prefix, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Decodes a byte stream chunk by chunk; characters cut between chunks are carried over. */
export interface StreamDecoder {
  write(chunk: Uint8Array): string;
  end(): string;
}

export function streamDecoder(encoding: TextEncoding): StreamDecoder {
  // UTF-8 is strict (a stray byte fails the import); GB18030 replaces what it cannot read, as decodeText does.
  const decoder = encoding === 'utf8' ? new TextDecoder('utf-8', { fatal: true }) : new TextDecoder('gb18030');
  return {
    write: (chunk) => decoder.decode(chunk, { stream: true }),
    end: () => decoder.decode(),
  };
}
