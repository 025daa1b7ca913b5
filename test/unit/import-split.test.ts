import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecordSplitter, GeoJsonFeatureSplitter, countNewlines, type SplitError, type TextPiece } from '#shared/import/split.ts';

const csvAll = (text: string) => [...CsvRecordSplitter.all(text)];
const geoAll = (text: string) => [...GeoJsonFeatureSplitter.all(text)];

/** The same text pushed in pieces cut at the given places. */
function pushed<T>(splitter: { push(c: string): Iterable<T>; finish(): Iterable<T> }, text: string, cuts: number[]): T[] {
  const out: T[] = [];
  let from = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    out.push(...splitter.push(text.slice(from, cut)));
    from = cut;
  }
  out.push(...splitter.push(text.slice(from)), ...splitter.finish());
  return out;
}

describe('CsvRecordSplitter', () => {
  it('cuts records at line breaks outside quotes, with the line each starts on', () => {
    const text = '\uFEFFa,b\r\n1,"x\ny"\n\n3,"say ""hi""\r\nthere"\n4,5';
    expect(csvAll(text)).toEqual([
      { text: 'a,b', line: 1 },
      { text: '1,"x\ny"', line: 2 },
      { text: '', line: 4 },
      { text: '3,"say ""hi""\r\nthere"', line: 5 },
      { text: '4,5', line: 7 },
    ]);
  });

  it('treats a quote inside an unquoted value as text, so it does not swallow the next lines', () => {
    expect(csvAll('a,b\nx,5"6\ny,7\n').map((r) => r.text)).toEqual(['a,b', 'x,5"6', 'y,7']);
  });

  it('keeps an unclosed quote to the end of the text, as one record', () => {
    expect(csvAll('a,b\n1,"open\n2,3\n')).toEqual([{ text: 'a,b', line: 1 }, { text: '1,"open\n2,3\n', line: 2 }]);
  });

  it('takes its delimiter from the first line', () => {
    const splitter = new CsvRecordSplitter();
    expect([...splitter.push('a\tb\tc\n1\t"x\n"\t2\n')].map((r) => r.text)).toEqual(['a\tb\tc', '1\t"x\n"\t2']);
    expect(splitter.delimiter).toBe('\t');
  });

  it('gives the same records however the text is cut into pieces', () => {
    const cell = fc.oneof(fc.constantFrom('', 'x', '"q,uo\nted"', '"a ""b"""', '中文', '"\r\n"'), fc.string({ maxLength: 3 }).filter((s) => !/["\r\n,]/.test(s)));
    const row = fc.array(cell, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(','));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.array(fc.nat(200)), (rows, eol, cuts) => {
        const text = rows.join(eol) + eol;
        const whole = csvAll(text);
        expect(pushed(new CsvRecordSplitter(), text, cuts.map((c) => c % (text.length + 1)))).toEqual(whole);
        // Every record starts on the line its text says.
        for (const record of whole) expect(text.split('\n').slice(record.line - 1).join('\n').startsWith(record.text)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

const feature = (name: string) => `{"type":"Feature","properties":{"name":"${name}","note":"{not [a] bracket\\" }"},"geometry":null}`;

describe('GeoJsonFeatureSplitter', () => {
  it('cuts the features out of a FeatureCollection, whatever order its members come in', () => {
    const text = `{\n  "type": "FeatureCollection",\n  "crs": {"type": "name", "properties": {"name": "x"}},\n  "features": [\n    ${feature('a')},\n\n    ${feature('b')}\n  ],\n  "name": "after"\n}\n`;
    expect(geoAll(text)).toEqual([{ text: feature('a'), line: 5 }, { text: feature('b'), line: 7 }]);
  });

  it('gives a lone Feature whole, and one piece per line of newline-delimited GeoJSON', () => {
    expect(geoAll(`\n${feature('one')}`)).toEqual([{ text: feature('one'), line: 2 }]);
    expect(geoAll(`${feature('a')}\n\n${feature('b')}\r\n\u001e${feature('c')}\n`).map((p) => (p as TextPiece).line)).toEqual([1, 3, 4]);
  });

  it('reports where the text stops being GeoJSON', () => {
    expect(geoAll('hello')).toEqual([{ error: 'expected a GeoJSON object (FeatureCollection or Feature)', line: 1 }]);
    const broken = geoAll(`{"type":"FeatureCollection","features":[\n${feature('a')},\n${feature('b').slice(0, 30)}`);
    expect(broken[0]).toEqual({ text: feature('a'), line: 2 });
    expect((broken[1] as SplitError).error).toMatch(/ends inside a feature/);
    expect((broken[1] as SplitError).line).toBe(3);
    expect(geoAll('{"type":"FeatureCollection","features":[{"a":1]}]}')[0]).toMatchObject({ error: 'malformed JSON value' });
  });

  it('gives the same pieces however the text is cut', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 6 }), fc.boolean(), fc.array(fc.nat(2000)), (names, collection, cuts) => {
        const features = names.map((n) => feature(JSON.stringify(n).slice(1, -1)));
        const text = collection ? `{"type":"FeatureCollection","features":[\n${features.join(',\n')}\n]}` : features.join('\n');
        const whole = geoAll(text);
        expect(whole).toHaveLength(names.length);
        expect(whole.map((p) => JSON.parse((p as TextPiece).text).properties.name)).toEqual(names);
        expect(pushed(new GeoJsonFeatureSplitter(), text, cuts.map((c) => c % (text.length + 1)))).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });
});

describe('countNewlines', () => {
  it('counts line feeds in a range', () => {
    expect(countNewlines('a\nb\r\nc\n', 0, 4)).toBe(1);
    expect(countNewlines('a\nb\r\nc\n')).toBe(3);
  });
});
