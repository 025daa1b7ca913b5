/**
 * What a printed page holds, for the print tests (passes, the gate notice): a QR code read back
 * from a screenshot of it in print media (jsQR), each page's size in a PDF Chromium printed, and
 * that PDF's text — each page's content streams (Flate-compressed) read for their text-showing
 * operators (Tj, TJ), their glyph codes turned into characters through the font's ToUnicode CMap,
 * which is how a PDF with subset CJK fonts says what its glyphs mean. Enough for Chromium's
 * output, not a general PDF parser: objects uncompressed at the top level, fonts named in
 * resource dictionaries.
 */
import { inflateSync } from 'node:zlib';
import jsqrModule, { type QRCode } from 'jsqr';
import type { Locator, Page } from 'playwright-core';

type JsQR = (data: Uint8ClampedArray, width: number, height: number) => QRCode | null;
// jsqr is CommonJS marked __esModule: Node may hand over its exports object rather than its default export.
const loaded: unknown = jsqrModule;
const jsQR = (typeof loaded === 'function' ? loaded : (loaded as { default: JsQR }).default) as JsQR;

/** The text a QR code on the page holds: its screenshot's pixels (read through a canvas in the page) decoded by jsQR. */
export async function decodeQr(page: Page, code: Locator): Promise<string | undefined> {
  const png = await code.screenshot();
  const { width, height, data } = await page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.drawImage(image, 0, 0);
    return { width: canvas.width, height: canvas.height, data: Array.from(context.getImageData(0, 0, canvas.width, canvas.height).data) };
  }, png.toString('base64'));
  return jsQR(Uint8ClampedArray.from(data), width, height)?.data;
}

/** Each page's MediaBox [x0 y0 x1 y1] in a PDF as Chromium writes it (page objects in the clear, each with its box), in points. */
export function mediaBoxes(pdf: Buffer): { width: number; height: number }[] {
  const objects = pdf.toString('latin1').split('endobj');
  return objects.filter((object) => /\/Type\s*\/Page\b(?!s)/.test(object)).map((object) => {
    const box = /\/MediaBox\s*\[\s*([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)\s*\]/.exec(object);
    if (!box) throw new Error('a PDF page without a MediaBox of its own');
    const [x0, y0, x1, y1] = box.slice(1).map(Number) as [number, number, number, number];
    return { width: x1 - x0, height: y1 - y0 };
  });
}

interface PdfObject {
  readonly dict: string;
  readonly stream: Buffer | undefined;
}

/** Every `N 0 obj … endobj` of the file: its dictionary text and its stream, inflated when Flate-encoded. */
function objectsOf(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+)\s+0\s+obj\b/g;
  for (let match = header.exec(text); match; match = header.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const streamAt = body.indexOf('stream');
    let stream: Buffer | undefined;
    let dict = body;
    if (streamAt >= 0) {
      dict = body.slice(0, streamAt);
      // The data starts after the EOL that follows `stream` and ends before `endstream`.
      let from = start + streamAt + 'stream'.length;
      if (text[from] === '\r') from += 1;
      if (text[from] === '\n') from += 1;
      const to = text.lastIndexOf('endstream', end);
      const raw = pdf.subarray(from, to);
      stream = /\/FlateDecode/.test(dict) ? inflateSync(raw, { finishFlush: 2 }) : raw;
    }
    objects.set(Number(match[1]), { dict, stream });
    header.lastIndex = end;
  }
  return objects;
}

/** A ToUnicode CMap's code → text, from its bfchar and bfrange sections. */
function cmapOf(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const unicode = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((u) => Number.parseInt(u, 16)));
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of (section[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(Number.parseInt(code ?? '', 16), unicode(text ?? ''));
  }
  for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, low, high, first] of (section[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const from = Number.parseInt(low ?? '', 16);
      const base = Number.parseInt(first ?? '', 16);
      for (let code = from; code <= Number.parseInt(high ?? '', 16); code += 1) map.set(code, String.fromCharCode(base + code - from));
    }
  }
  return map;
}

/** The text the PDF shows, run after run in content order (no spaces added between runs). */
export function pdfText(pdf: Buffer): string {
  const objects = objectsOf(pdf);
  // Font resource names (/F3) → their ToUnicode maps, from every resource dictionary.
  const fonts = new Map<string, Map<number, string>>();
  for (const { dict } of objects.values()) {
    for (const [, entries] of dict.matchAll(/\/Font\s*<<([^>]*)>>/g)) {
      for (const [, name, ref] of (entries ?? '').matchAll(/\/([^\s/]+)\s+(\d+)\s+0\s+R/g)) {
        const font = objects.get(Number(ref));
        const toUnicode = /\/ToUnicode\s+(\d+)\s+0\s+R/.exec(font?.dict ?? '');
        const cmap = toUnicode ? objects.get(Number(toUnicode[1]))?.stream : undefined;
        if (name && cmap) fonts.set(name, cmapOf(cmap.toString('latin1')));
      }
    }
  }
  const runs: string[] = [];
  for (const { dict, stream } of objects.values()) {
    if (!stream || /\/Type\s*\/(XObject|Font|FontDescriptor|Metadata)|\/Subtype\s*\/(Image|Type1C|CIDFontType0C|OpenType)|\/Length1/.test(dict)) continue;
    const content = stream.toString('latin1');
    if (!/\bBT\b/.test(content)) continue;
    let font: Map<number, string> | undefined;
    // A font selection, or a shown string (hex in brackets for TJ, or alone for Tj).
    for (const token of content.matchAll(/\/([^\s/]+)\s+[\d.]+\s+Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj/g)) {
      if (token[1] !== undefined) {
        font = fonts.get(token[1]);
        continue;
      }
      const hexes = token[2] !== undefined ? [...token[2].matchAll(/<([0-9A-Fa-f]*)>/g)].map((m) => m[1] ?? '') : [token[3] ?? ''];
      // Type0 fonts (CJK) use two-byte codes; simple fonts one byte.
      const width = font && [...font.keys()].some((code) => code > 0xff) ? 4 : 2;
      runs.push(hexes.map((hex) => (hex.match(new RegExp(`.{${width}}`, 'g')) ?? []).map((code) => font?.get(Number.parseInt(code, 16)) ?? '').join('')).join(''));
    }
  }
  // A CJK font often shares one glyph between an ideograph and its Kangxi radical (小 and ⼩), and its
  // ToUnicode names the radical: read back as the ideograph, as a reader sees it.
  return runs.join('').replace(/[\u2E80-\u2FDF]/g, (radical) => radical.normalize('NFKC'));
}
