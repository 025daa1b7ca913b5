/**
 * Times and days entering the API (issue 13, defect 2): one schema bounds every instant to
 * 2000–2100 and every day to 2000-01-01…2099-12-31, and normalises instants to UTC before
 * anything is written. A time out of range is a 400 naming the field that writes nothing — no
 * shift, pass, campaign or case, and no audit record — where it used to be stored and answer 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, startExitStack } from '../support/exit-fixture.ts';
import type { TestStack } from '../support/stack.ts';
import { scanTable, tableFingerprint } from '../support/table-scan.ts';

const clock = Date.parse('2026-11-22T08:00:00.000Z');

let stack: TestStack;

beforeAll(async () => {
  stack = await startExitStack(() => clock);
});
afterAll(() => stack.stop());

const fields = (body: Record<string, unknown>): string[] => ((body.errors ?? []) as { field: string }[]).map((e) => e.field);
const auditRecords = async () => (await scanTable()).filter((item) => String(item.pk).startsWith('AUDIT#')).length;

/** Sends each request and expects a 400 naming `field`, with the table exactly as it was. */
async function refusedWithoutWriting(requests: readonly [() => Promise<Response>, string][]): Promise<void> {
  const before = await tableFingerprint();
  const audits = await auditRecords();
  for (const [send, field] of requests) {
    const body = await expectStatus(await send(), 400);
    expect(body.type).toBe('/problems/validation');
    expect(fields(body), JSON.stringify(body)).toContain(field);
  }
  expect(await auditRecords()).toBe(audits);
  expect(await tableFingerprint()).toBe(before);
}

describe('shifts', () => {
  it('refuses shifts in the years 9999 and 0000, however offset, naming the field and writing nothing', async () => {
    const city = await stack.as('city');
    const shift = (start: string, end: string) => () => city.post('/v1/exits/e_a1/shifts', { person: 'duty-a', start, end });
    await refusedWithoutWriting([
      [shift('9999-12-31T12:00:00-12:00', '9999-12-31T23:59:59-12:00'), 'body.end'],
      [shift('9999-12-31T12:00:00-12:00', '9999-12-31T23:59:59-12:00'), 'body.start'],
      [shift('0000-01-01T00:00:00+01:00', '0000-01-01T08:00:00+01:00'), 'body.start'],
      [shift('2099-12-31T20:00:00Z', '2100-01-01T04:00:00Z'), 'body.end'],
      [shift('1999-12-31T23:00:00Z', '2000-01-01T04:00:00Z'), 'body.start'],
    ]);
  });

  it('refuses a rotation starting out of range, or running past it, naming the field', async () => {
    const city = await stack.as('city');
    const rotation = (from: string, days: number) => () =>
      city.post('/v1/exits/e_a1/shifts', { rotation: { from, days, shiftHours: 8, people: ['duty-a'] } });
    await refusedWithoutWriting([
      [rotation('9999-12-31T00:00:00-12:00', 1), 'body.rotation.from'],
      [rotation('0000-01-01T00:00:00+01:00', 1), 'body.rotation.from'],
      [rotation('2099-12-30T00:00:00Z', 3), 'body.rotation.days'],
    ]);
  });

  it('refuses a shift window with such bounds, naming the field, instead of failing in the table', async () => {
    const city = await stack.as('city');
    const q = (query: string) => () => city.get(`/v1/exits/e_a1/shifts?${query}`);
    await refusedWithoutWriting([
      [q('from=0000-01-01T00:00:00%2B01:00&to=0000-01-02T00:00:00%2B01:00'), 'query.from'],
      [q('from=9999-12-30T00:00:00-12:00&to=9999-12-31T23:59:59-12:00'), 'query.to'],
      [q('from=0000-01-01T00:00:00%2B01:00'), 'query.from'],
      [q('to=9999-12-31T23:59:59-12:00'), 'query.to'],
    ]);
  });

  it('stores and answers a shift written with an offset in UTC', async () => {
    const city = await stack.as('city');
    const created = await expectStatus(
      await city.post('/v1/exits/e_a1/shifts', { person: 'duty-a', start: '2026-11-23T08:00:00+08:00', end: '2026-11-23T16:00:00.5+08:00' }),
      201,
    );
    expect(created.items).toMatchObject([{ start: '2026-11-23T00:00:00.000Z', end: '2026-11-23T08:00:00.500Z' }]);
    const shift = (await scanTable()).find((i) => i.type === 'shift' && i.start === '2026-11-23T00:00:00.000Z');
    expect(shift?.end).toBe('2026-11-23T08:00:00.500Z');
  });
});

describe('passes', () => {
  it('refuses a pass valid until the year 0000 or 9999, with no pass and no audit record written', async () => {
    const admin = await stack.as('community-cm1');
    const pass = (validUntil: string) => () =>
      admin.post('/v1/compounds/c_a/passes', { passId: 'p-0000', name: '郑十', idNumber: '420881198001014444', category: 'medical', validUntil });
    await refusedWithoutWriting([
      [pass('0000-01-01T00:00:00+01:00'), 'body.validUntil'],
      [pass('9999-12-31T23:59:59-12:00'), 'body.validUntil'],
    ]);
  });
});

describe('campaigns and exits', () => {
  it('refuses a campaign due in the year 9999, naming body.dueAt and writing nothing', async () => {
    const city = await stack.as('city');
    await refusedWithoutWriting([
      [() => city.post('/v1/campaigns', { kind: 'sweep', scope: { type: 'compound', id: 'c_a' }, dueAt: '9999-12-31T23:59:59-12:00' }), 'body.dueAt'],
    ]);
  });

  it('stores a campaign\'s due time and a sealing\'s confirmation in UTC, whatever offset they came with', async () => {
    const city = await stack.as('city');
    const accepted = await expectStatus(
      await city.post('/v1/campaigns', { kind: 'sweep', scope: { type: 'compound', id: 'c_a' }, dueAt: '2026-11-30T08:00:00+08:00' }),
      202,
    );
    // The fan-out writes its tasks through the queues: let it finish before other tests compare the table.
    await stack.queues.drain();
    const campaign = await expectStatus(await city.get(`/v1/campaigns/${String(accepted.id)}`), 200);
    expect(campaign.dueAt).toBe('2026-11-30T00:00:00.000Z');

    const official = await stack.as('official-s1');
    await expectStatus(await official.patch('/v1/exits/e_a2', { sealing: { method: 'lock', confirmedAt: '2026-11-22T15:55:00+08:00' } }), 200);
    const exit = await expectStatus(await city.get('/v1/exits/e_a2'), 200);
    expect(exit.sealing).toMatchObject({ confirmedAt: '2026-11-22T07:55:00.000Z' });
  });
});

describe('days', () => {
  it('refuses days out of range in queries and bodies, naming the field and writing nothing', async () => {
    const city = await stack.as('city');
    await refusedWithoutWriting([
      [() => city.get('/v1/exits/e_a1/entries?date=0000-01-01'), 'query.date'],
      [() => city.get('/v1/exits/e_a1/counts?date=9999-12-31'), 'query.date'],
      [() => city.get('/v1/missed-rounds?date=1999-12-31'), 'query.date'],
      [() => city.get('/v1/compounds/c_a/cases?from=1999-12-25&to=1999-12-31'), 'query.from'],
      [() => city.post('/v1/cases', { compoundId: 'c_a', buildingId: 'b_a1', date: '1999-12-31', kind: 'confirmed', count: 1 }), 'body.date'],
    ]);
  });
});
