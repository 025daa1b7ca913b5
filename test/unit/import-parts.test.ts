import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { fileParts, kindFromName, type FilePart } from '#infra/local/import-client.ts';
import { readItems } from '#shared/import/read.ts';
import { isUnreadable } from '#shared/import/rows.ts';
import type { Format } from '#shared/schemas/imports.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'cordon-parts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** Each row's line and values, as the server would report them. */
function rowsOf(text: string, format: Format, offset = 0) {
  return [...readItems(text, { kind: 'compounds', format })].map((item) =>
    isUnreadable(item) ? { line: item.line + offset, reject: item.reject } : { line: item.line + offset, values: item.values });
}

async function collect(file: string, options: Parameters<typeof fileParts>[1]): Promise<FilePart[]> {
  const parts: FilePart[] = [];
  for await (const part of fileParts(file, options)) {
    if ('reject' in part) throw new Error(part.reject.reason);
    parts.push(part);
  }
  return parts;
}

const csvRow = (i: number) =>
  i % 97 === 0 ? `C-${i},"多行\n名称 ""${i}""",112.${i % 1000},31.1` : i % 53 === 0 ? '' : `C-${i},小区${i},112.${i % 1000},31.1`;

describe('fileParts', () => {
  it('cuts a CSV into parts under the size and row limits, each with the header, reporting the file\'s lines', async () => {
    const text = `external_id,name,lng,lat\r\n${Array.from({ length: 3000 }, (_, i) => csvRow(i + 1)).join('\r\n')}\r\n`;
    const file = write('compounds.csv', text);
    const parts = await collect(file, { maxBytes: 20_000, maxRows: 400 });
    expect(parts.length).toBeGreaterThan(5);
    const fromParts = parts.flatMap((part) => {
      const body = part.body.toString('utf8');
      expect(part.body.length).toBeLessThanOrEqual(20_000);
      expect(part.rows).toBeLessThanOrEqual(400);
      expect(body.startsWith('external_id,name,lng,lat\n')).toBe(true);
      expect(part.contentType).toBe('text/csv; charset=utf-8');
      return rowsOf(body, 'csv', part.lineOffset);
    });
    expect(fromParts).toEqual(rowsOf(text, 'csv'));
  });

  it('decodes a GB18030 file on the way, and sends UTF-8', async () => {
    const text = `小区编号,小区名称,经度,纬度\n${Array.from({ length: 500 }, (_, i) => csvRow(i + 1)).join('\n')}\n`;
    const file = write('gbk.csv', iconv.encode(text, 'gb18030'));
    const parts = await collect(file, { maxBytes: 4000 });
    expect(parts.flatMap((p) => rowsOf(p.body.toString('utf8'), 'csv', p.lineOffset))).toEqual(rowsOf(text, 'csv'));
  });

  it('cuts features out of a FeatureCollection and keeps each on its line of the file', async () => {
    const feature = (i: number) =>
      `{\n  "type": "Feature",\n  "properties": { "external_id": "F-${i}", "name": "小区${i}" },\n  "geometry": { "type": "Point", "coordinates": [112.5, 31.${i}] }\n}`;
    // Some features share a line break with the next, some have a blank line between them.
    const features = Array.from({ length: 600 }, (_, i) => feature(i + 1) + (i === 599 ? '' : i % 7 === 0 ? ',\n\n' : i % 5 === 0 ? ', ' : ',\n'));
    const text = `{"type": "FeatureCollection", "features": [\n${features.join('')}\n]}\n`;
    const file = write('compounds.geojson', text);
    expect(rowsOf(text, 'geojson').filter((r) => 'values' in r)).toHaveLength(600);
    const parts = await collect(file, { maxBytes: 10_000, maxRows: 50 });
    expect(parts.length).toBeGreaterThanOrEqual(12);
    for (const part of parts) expect(part.body.length).toBeLessThanOrEqual(10_000);
    expect(parts.flatMap((p) => rowsOf(p.body.toString('utf8'), 'geojson', p.lineOffset))).toEqual(rowsOf(text, 'geojson'));
  });

  it('handles newline-delimited GeoJSON the same way', async () => {
    const text = Array.from({ length: 300 }, (_, i) => `{"type":"Feature","properties":{"name":"行${i}"},"geometry":{"type":"Point","coordinates":[112.5,31.1]}}`).join('\n\n');
    const parts = await collect(write('lines.geojsonl', text), { maxRows: 64 });
    expect(parts).toHaveLength(5);
    expect(parts.flatMap((p) => rowsOf(p.body.toString('utf8'), 'geojson', p.lineOffset))).toEqual(rowsOf(text, 'geojson'));
  });

  it('reports where a file stops being GeoJSON, after the parts before it', async () => {
    const text = '{"type":"FeatureCollection","features":[\n{"type":"Feature","properties":{},"geometry":null},\n{"type":"Feature"\n';
    const out = [];
    for await (const part of fileParts(write('broken.geojson', text))) out.push(part);
    expect(out).toHaveLength(2);
    expect(out[1]).toEqual({ reject: { line: 3, reason: 'the text ends inside a feature (is the file cut short?); the rest of the file was not read' } });
  });
});

describe('kindFromName', () => {
  it('takes the kind from the file name, else compounds', () => {
    expect(kindFromName('/x/city/buildings.csv')).toBe('buildings');
    expect(kindFromName('Exits-2020.geojson')).toBe('exits');
    expect(kindFromName('communities.geojson')).toBe('communities');
    expect(kindFromName('小区.csv')).toBe('compounds');
  });
});
