/**
 * Idempotency-Key on a clock-in, on DynamoDB Local: without a key a resent clock-in is refused
 * (409, "already clocked in") and a phone whose answer was lost cannot tell it landed; with one,
 * racing and resent clock-ins land once and all answer the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/problem.ts';
import { expectStatus, startExitStack } from '../support/exit-fixture.ts';
import type { TestStack } from '../support/stack.ts';
import { scanTable, tableFingerprint } from '../support/table-scan.ts';

const START = Date.parse('2026-11-22T08:00:00.000Z');
const iso = (minutes: number) => new Date(START + minutes * 60_000).toISOString();
let stack: TestStack;

beforeAll(async () => {
  stack = await startExitStack(() => START);
  const admin = await stack.as('community-cm3');
  await expectStatus(await admin.post('/v1/exits/e_d1/shifts', { person: 'duty-d', start: iso(-1), end: iso(479) }), 201);
});
afterAll(() => stack.stop());

const clockIn = async (key: string, position: [number, number] = [112.611, 31.111]) => {
  const res = await (await stack.as('duty-d')).request('POST', '/v1/exits/e_d1/clock-ins', { body: { position }, headers: { 'Idempotency-Key': key } });
  return { status: res.status, text: await res.text(), replayed: res.headers.get('idempotent-replayed') };
};

describe('a clock-in under one Idempotency-Key', () => {
  it('lands once when raced and resent, every answer the same', async () => {
    const racing = await Promise.all(Array.from({ length: 5 }, () => clockIn('clock-in-0001')));
    expect(racing.map((a) => a.status), JSON.stringify(racing)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(racing.map((a) => a.text)).size).toBe(1);
    expect(racing.filter((a) => a.replayed === null)).toHaveLength(1);
    expect(await clockIn('clock-in-0001')).toEqual({ ...racing.find((a) => a.replayed === null), replayed: 'true' });
    const items = await scanTable();
    expect(items.filter((i) => i.pk === 'AUDIT#EXIT#e_d1' && i.action === 'clock-in')).toHaveLength(1);
    expect(items.find((i) => i.pk === 'EXIT#e_d1' && String(i.sk).startsWith('SHIFT#'))?.clockInAt).toBe(iso(0));
  });

  it('with another position is a 422; a new key is refused as before (409), both writing nothing', async () => {
    const before = await tableFingerprint();
    const reused = await (await stack.as('duty-d')).request('POST', '/v1/exits/e_d1/clock-ins', {
      body: { position: [112.612, 31.112] }, headers: { 'Idempotency-Key': 'clock-in-0001' },
    });
    expect((await expectProblem(reused, 422)).errors?.map((e) => e.field)).toEqual(['headers.idempotency-key']);
    expect((await clockIn('clock-in-0002')).status).toBe(409);
    expect(await tableFingerprint()).toBe(before);
  });
});
