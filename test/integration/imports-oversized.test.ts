/**
 * An import meets DynamoDB's limits and failures: a row too big to store is a reject with its
 * line and the rest go in (with their audit records); an item DynamoDB itself refuses is a reject
 * of its row alone; and when the table fails mid-file the answer names the lines that are in, and
 * sending the file again completes it with every row once.
 *
 * The table's failure is real to the SDK: the handlers are pointed at a forwarding proxy in front
 * of DynamoDB Local (a double of the cloud endpoint only), which after a number of BatchWriteItem
 * calls answers every call as DynamoDB answers for a table that is gone.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointHandlersAt } from '#infra/local/handler-env.ts';
import { writeUnits } from '#functions/stores/import-store.ts';
import { compoundIdFor } from '#shared/domain/compounds.ts';
import { keys } from '#shared/table.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { scanAll, seedPlaces, users } from './imports-support.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ users, seed: seedPlaces });
});
afterAll(() => stack.stop());

interface Answer {
  status: number;
  body: {
    imported?: number; updated?: number; unchanged?: number; rejected?: number; rejects?: { line: number; reason: string }[];
    type?: string; detail?: string; errors?: { field: string; message: string }[];
  };
}

async function importAs(username: string, body: string, query: string, contentType: string): Promise<Answer> {
  const client = await stack.as(username);
  const response = await client.request('POST', `/v1/imports?${query}`, { raw: body, contentType });
  return { status: response.status, body: await response.json() };
}

const idOf = (externalId: string) => compoundIdFor({ externalId, name: '' }, [0, 0]);

const point = (externalId: string, lng: number, lat: number) =>
  JSON.stringify({ type: 'Feature', properties: { external_id: externalId, name: `小区${externalId}` }, geometry: { type: 'Point', coordinates: [lng, lat] } });

/**
 * A compound whose item cannot be stored: eight round plots of 4,000 vertices each, about
 * 540 KB as DynamoDB counts it once coordinates are rounded to 1e-7° (each ring is valid:
 * closed, simple, small, apart from the others).
 */
function oversized(externalId: string): string {
  const ring = (lng: number, lat: number) => {
    const positions = Array.from({ length: 4000 }, (_, i) => {
      const angle = (2 * Math.PI * i) / 4000;
      return [lng + 0.0013 * Math.cos(angle), lat + 0.0011 * Math.sin(angle)];
    });
    return [[...positions, positions[0]]];
  };
  const coordinates = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => ring(112.5043456 + 0.005 * k, 31.1523456));
  return JSON.stringify({ type: 'Feature', properties: { external_id: externalId, name: '巨型小区' }, geometry: { type: 'MultiPolygon', coordinates } });
}

const stored = async (prefix: string) => (await scanAll()).filter((i) => i.type === 'compound' && String(i.externalId).startsWith(prefix));
const createAudits = async (ids: ReadonlySet<string>) =>
  (await scanAll()).filter((i) => i.type === 'audit' && i.action === 'create' && ids.has(i.entityId as string));

describe('a row too big to store', () => {
  it('is rejected with its line; the other rows go in with their audit records', async () => {
    // Prepare: 60 good rows, the oversized one on line 31.
    const lines = Array.from({ length: 60 }, (_, i) => point(`OV-${i + 1}`, 112.501 + 0.0005 * i, 31.105));
    lines.splice(30, 0, oversized('OV-BIG'));

    // Act
    const { status, body } = await importAs('city1', lines.join('\n'), 'kind=compounds', 'application/json');

    // Assess
    expect(status, JSON.stringify(body).slice(0, 500)).toBe(200);
    expect(body).toMatchObject({ imported: 60, updated: 0, rejected: 1 });
    expect(body.rejects).toEqual([{ line: 31, reason: expect.stringMatching(/^geometry/) }]);
    const compounds = await stored('OV-');
    expect(compounds).toHaveLength(60);
    expect(compounds.map((c) => c.externalId)).not.toContain('OV-BIG');
    const audits = await createAudits(new Set(compounds.map((c) => c.id as string)));
    expect(audits).toHaveLength(60);
    expect((await scanAll()).filter((i) => i.type === 'audit' && i.entityId === idOf('OV-BIG'))).toEqual([]);
  });

  it('that the table refuses on writing is that row\'s reject alone; the rest of its batch lands', async () => {
    // Prepare: units as an import writes them, one item over 400 KB and one number DynamoDB cannot hold among them.
    const unit = (line: number, id: string, extra: Record<string, unknown> = {}) => ({
      line,
      items: [
        { ...keys.compound(id), type: 'probe', ...extra },
        { ...keys.audit('COMPOUND', id, '2026-11-01T00:00:00.000Z', `u${line}`), type: 'probe-audit' },
      ],
    });
    const units = [
      unit(2, 'probe-a'), unit(3, 'probe-big', { note: 'x'.repeat(410 * 1024) }), unit(4, 'probe-tiny', { areaM2: 1e-300 }),
      unit(5, 'probe-key', { gsi1pk: '' }), unit(6, 'probe-c'),
    ];

    // Act
    const refused = await writeUnits(units);

    // Assess: the table's own checks name the field; DynamoDB's refusal is passed on.
    expect(refused.map((r) => r.unit.line)).toEqual([3, 4, 5]);
    expect(refused[0]?.reason).toMatch(/^note: .*DynamoDB stores at most/);
    expect(refused[1]?.reason).toMatch(/^(areaM2: .*1e-130|row: DynamoDB refuses to store it: .*underflow)/i);
    expect(refused[2]?.reason).toMatch(/^row: DynamoDB refuses to store it: .*empty string/i);
    const probes = (await scanAll()).filter((i) => String(i.type).startsWith('probe'));
    expect(probes.map((i) => i.pk).sort()).toEqual(['AUDIT#COMPOUND#probe-a', 'AUDIT#COMPOUND#probe-c', 'COMPOUND#probe-a', 'COMPOUND#probe-c']);
  });
});

/**
 * Forwards every call to DynamoDB Local until `failAfter` BatchWriteItem calls have been
 * forwarded; from then on answers every call as DynamoDB does when the table is gone.
 */
async function failingProxy(target: string, failAfter: number): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  let writes = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '');
      if (operation.endsWith('.BatchWriteItem')) writes++;
      if (writes > failAfter) {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', message: 'Requested resource not found' }));
        return;
      }
      const forward = httpRequest(
        { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 500, answer.headers);
          answer.pipe(res);
        },
      );
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** `lines.A-B` → every line in A..B that holds a row of this file. */
function linesOf(errors: readonly { field: string; message: string }[], message: string, rows: readonly number[]): number[] {
  const ranges = errors.filter((e) => e.message === message).map((e) => {
    const [from, to] = e.field.replace(/^lines\./, '').split('-').map(Number);
    return [from as number, to ?? (from as number)] as const;
  });
  return rows.filter((line) => ranges.some(([from, to]) => line >= from && line <= to));
}

describe('the table failing mid-file', () => {
  it('answers which lines are in, and a second send completes the file with every row once', async () => {
    // Prepare: 1,500 compounds (two chunks of the importer), a reject on line 11.
    const rows = Array.from({ length: 1500 }, (_, i) => i + 2);
    const csv = [
      'external_id,name,lng,lat',
      ...rows.map((line) => (line === 11 ? `MF-${line},,112.51,31.11` : `MF-${line},中途${line},${(112.501 + (line % 40) * 0.001).toFixed(4)},${(31.101 + Math.floor(line / 40) * 0.001).toFixed(4)}`)),
    ].join('\n');
    const proxy = await failingProxy(stack.endpoint, 30);
    pointHandlersAt(proxy.url, stack.tableName);

    // Act
    let first: Answer;
    try {
      first = await importAs('city1', csv, 'kind=compounds', 'text/csv');
    } finally {
      pointHandlersAt(stack.endpoint, stack.tableName);
      await proxy.close();
    }

    // Assess: 503, and the lines it calls written are exactly the rows in the table.
    expect(first.status, JSON.stringify(first.body).slice(0, 500)).toBe(503);
    expect(first.body.type).toBe('/problems/import-incomplete');
    const errors = first.body.errors ?? [];
    // A range of written lines spans the rejected ones among them (listed on their own).
    const written = linesOf(errors, 'written', rows).filter((line) => line !== 11);
    const notWritten = linesOf(errors, 'not written', rows);
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(rows.length - 1);
    expect(written.filter((line) => notWritten.includes(line))).toEqual([]);
    expect(errors).toContainEqual({ field: 'lines.11', message: expect.stringMatching(/^rejected: name/) });
    const inTable = new Set((await stored('MF-')).map((c) => Number(String(c.externalId).slice(3))));
    expect([...inTable].sort((a, b) => a - b)).toEqual(written);
    // Whatever is not listed as written or rejected is not in the table.
    expect(rows.filter((line) => line !== 11 && !written.includes(line) && inTable.has(line))).toEqual([]);

    // Act: the file again, the table back.
    const second = await importAs('city1', csv, 'kind=compounds', 'text/csv');

    // Assess: each row once, each with one record of its creation.
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ imported: 1499 - written.length, updated: written.length, unchanged: written.length, rejected: 1 });
    const compounds = await stored('MF-');
    expect(compounds).toHaveLength(1499);
    expect(new Set(compounds.map((c) => c.id)).size).toBe(1499);
    const audits = await createAudits(new Set(compounds.map((c) => c.id as string)));
    expect(audits).toHaveLength(1499);
    expect(new Set(audits.map((a) => a.entityId)).size).toBe(1499);
  });
});
