/**
 * Exits and checkpoints at their edges: duty staff's reach beyond their own exit, bounded shift
 * windows, entry list pages, entry retries that disagree, the China day (UTC+8) for entry lists and counts, cursors
 * naming another exit, passes written with an offset, a lifted member of an enclosure, and racing seals
 * and rotations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '#functions/platform/table.ts';
import { entry, expectStatus, startExitStack } from '../support/exit-fixture.ts';
import type { TestStack } from '../support/stack.ts';
import { scanTable, tableFingerprint } from '../support/table-scan.ts';

// 17:00 UTC on 22 November is 01:00 on 23 November in China (UTC+8).
const clock = Date.parse('2026-11-22T17:00:00.000Z');
const iso = (minutes = 0) => new Date(clock + minutes * 60_000).toISOString();

let stack: TestStack;

beforeAll(async () => {
  stack = await startExitStack(() => clock);
});
afterAll(() => stack.stop());

describe('jurisdiction on every exit route', () => {
  it('keeps admins, officials and grid workers to their own places, whatever exit or compound they name', async () => {
    const before = await tableFingerprint();
    const cm1 = await stack.as('community-cm1');
    // e_d1 and c_d lie in cm3, on street s2.
    await expectStatus(await cm1.get('/v1/exits/e_d1'), 403);
    await expectStatus(await cm1.patch('/v1/exits/e_d1', { status: 'sealed' }), 403);
    await expectStatus(await cm1.post('/v1/exits/e_d1/shifts', { person: 'duty-a', start: iso(), end: iso(60) }), 403);
    await expectStatus(await cm1.get('/v1/exits/e_d1/shifts'), 403);
    await expectStatus(await cm1.get('/v1/exits/e_d1/entries'), 403);
    await expectStatus(await cm1.get('/v1/exits/e_d1/counts'), 403);
    await expectStatus(await cm1.post('/v1/compounds/c_d/seal', { level: 'lockdown', reason: 'x' }), 403);
    await expectStatus(await cm1.post('/v1/compounds/c_d/passes', { passId: 'p-x', name: '某', idNumber: '420881198001011234', category: 'supply', validUntil: iso(60) }), 403);
    await expectStatus(await cm1.request('PUT', '/v1/compounds/c_d/responsibility', {
      body: { streetLeader: { name: 'a', phone: '13900000001' }, communityLeader: { name: 'b', phone: '13900000002' }, responsiblePerson: { name: 'c', phone: '13900000003' } },
    }), 403);
    await expectStatus(await cm1.post('/v1/enclosures', { name: '跨社区', compoundIds: ['c_a', 'c_d'] }), 403);
    const official = await stack.as('official-s1');
    await expectStatus(await official.patch('/v1/exits/e_d2', { sealing: { method: 'lock', confirmedAt: iso() } }), 403);
    await expectStatus(await official.get('/v1/exits/e_d1/entries'), 403);
    const grid = await stack.as('grid-g1');
    await expectStatus(await grid.get('/v1/exits/e_d1'), 403);
    await expectStatus(await grid.get('/v1/exits/e_a1/entries'), 403);
    await expectStatus(await grid.get('/v1/exits/e_a1/shifts'), 403);
    await expectStatus(await grid.patch('/v1/exits/e_a1', { main: true }), 403);
    expect(await tableFingerprint()).toBe(before);
  });
});

describe('duty staff beyond their own exit', () => {
  it('may read the shifts of their own exit only, not another exit of the same compound', async () => {
    const duty = await stack.as('duty-d');
    await expectStatus(await duty.get('/v1/exits/e_d1/shifts'), 200);
    await expectStatus(await duty.get('/v1/exits/e_d2/shifts'), 403);
  });
});

describe('bad input', () => {
  it('bounds the shift window even when only one end is given', async () => {
    const city = await stack.as('city');
    const from = await expectStatus(await city.get('/v1/exits/e_d1/shifts?from=2020-01-01T00:00:00Z'), 400);
    expect(JSON.stringify(from.errors)).toContain('query.from');
    const to = await expectStatus(await city.get('/v1/exits/e_d1/shifts?to=2030-01-01T00:00:00Z'), 400);
    expect(JSON.stringify(to.errors)).toContain('query.to');
    const behind = await expectStatus(await city.get(`/v1/exits/e_d1/shifts?from=${iso(60 * 48)}`), 400);
    expect(JSON.stringify(behind.errors)).toContain('query.from');
  });

  it('answers a cursor naming another exit\'s entries with 400, not 500', async () => {
    const admin = await stack.as('community-cm1');
    const forged = encodeCursor({ s: 0, k: { pk: 'EXIT#e_d1', sk: 'ENTRY#x', gsi1pk: 'EXITLOG#e_d1#2026-11-23', gsi1sk: `${iso()}#x` } });
    const res = await expectStatus(await admin.get(`/v1/exits/e_a1/entries?nextToken=${forged}`), 400);
    expect(JSON.stringify(res.errors)).toContain('query.nextToken');
    const halfKey = encodeCursor({ s: 0, k: { pk: 'EXIT#e_a1', sk: 'ENTRY#x', gsi1pk: 'EXITLOG#e_a1#2026-11-23' } });
    await expectStatus(await admin.get(`/v1/exits/e_a1/entries?nextToken=${halfKey}`), 400);
  });
});

describe('entry list pages', () => {
  it('hands out a token that walks the day\'s entries in pages, each entry once', async () => {
    const duty = await stack.as('duty-a');
    for (const id of ['en-page-1', 'en-page-2', 'en-page-3']) await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry(id)), 201);
    const admin = await stack.as('community-cm1');
    const all = (await expectStatus(await admin.get('/v1/exits/e_a1/entries?limit=100'), 200)).items as { id: string }[];
    const paged: string[] = [];
    let token: string | undefined;
    do {
      const page = await expectStatus(await admin.get(`/v1/exits/e_a1/entries?limit=2${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`), 200);
      const items = page.items as { id: string }[];
      expect(items.length).toBeLessThanOrEqual(2);
      paged.push(...items.map((e) => e.id));
      token = page.nextToken as string | undefined;
    } while (token);
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(paged).toEqual(all.map((e) => e.id));
  });
});

describe('entry retries', () => {
  it('answers a retry with a different body 409, writing nothing, and the same body with the stored entry', async () => {
    const duty = await stack.as('duty-a');
    const first = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-same', { person: { name: '王五' } })), 201);
    const before = await tableFingerprint();
    const other = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-same', { person: { name: '赵六' }, temperatureC: 36.9 })), 409);
    expect(other.detail).toContain('en-same');
    expect(await tableFingerprint()).toBe(before);
    const again = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-same', { person: { name: '王五' } })), 201);
    expect(again).toEqual(first);
  });

  it('lets one of two racing registrations with one id and different bodies land, the other 409', async () => {
    const duty = await stack.as('duty-a');
    const results = await Promise.all([
      duty.post('/v1/exits/e_a1/entries', entry('en-race', { direction: 'in' })),
      duty.post('/v1/exits/e_a1/entries', entry('en-race', { direction: 'out' })),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await scanTable()).filter((i) => i.sk === 'ENTRY#en-race')).toHaveLength(1);
  });
});

describe('passes', () => {
  it('judges a pass\'s validity by the instant, whatever offset it was written with, and plates whatever their case', async () => {
    const admin = await stack.as('community-cm1');
    // 00:30 on 23 November in China is 16:30 UTC: half an hour before now.
    const pass = { name: '孙七', idNumber: '420881198001015678', category: 'supply', plate: '鄂H12345' };
    await expectStatus(await admin.post('/v1/compounds/c_a/passes', { ...pass, passId: 'p-old', validUntil: '2026-11-23T00:30:00+08:00' }), 201);
    await expectStatus(await admin.post('/v1/compounds/c_a/passes', { ...pass, passId: 'p-new', validUntil: '2026-11-23T09:00:00+08:00' }), 201);
    const duty = await stack.as('duty-a');
    const old = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-p-old', { passId: 'p-old' })), 201);
    expect(old.preRegistered).toMatchObject({ passFound: true, valid: false });
    const fresh = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-p-new', { passId: 'p-new', vehicle: { plate: '鄂h 12345' } })), 201);
    expect(fresh.preRegistered).toMatchObject({ passFound: true, valid: true, plateMatches: true });
  });
});

describe('pass ids', () => {
  it('keep their holder: a pass id given again for another person answers 409, for the same one renews it', async () => {
    const admin = await stack.as('community-cm1');
    const pass = { passId: 'p-held', name: '周八', idNumber: '420881198001012222', category: 'medical', validUntil: iso(60) };
    await expectStatus(await admin.post('/v1/compounds/c_a/passes', pass), 201);
    const before = await tableFingerprint();
    await expectStatus(await admin.post('/v1/compounds/c_a/passes', { ...pass, name: '吴九', idNumber: '420881198001013333' }), 409);
    expect(await tableFingerprint()).toBe(before);
    const renewed = await expectStatus(await admin.post('/v1/compounds/c_a/passes', { ...pass, validUntil: iso(60 * 24) }), 201);
    expect(renewed.validUntil).toBe(iso(60 * 24));
  });
});

describe('the China day (UTC+8)', () => {
  it('lists the day\'s entries and counts by the day in China, today by default', async () => {
    const duty = await stack.as('duty-a');
    // 01:00 on 23 November in China, 17:00 on 22 November in UTC.
    await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-night')), 201);
    const ids = async (query: string) =>
      ((await (await duty.get(`/v1/exits/e_a1/entries${query}`)).json()) as { items: { id: string }[] }).items.map((i) => i.id);
    expect(await ids('')).toContain('en-night');
    expect(await ids('?date=2026-11-23')).toContain('en-night');
    expect(await ids('?date=2026-11-22')).not.toContain('en-night');

    const inOf = async (query: string) => {
      const body = (await (await duty.get(`/v1/exits/e_a1/counts${query}`)).json()) as { date: string; hours: { hour: string; in: number }[] };
      return { date: body.date, in: body.hours.reduce((sum, h) => sum + h.in, 0) };
    };
    const today = await inOf('');
    expect(today.date).toBe('2026-11-23');
    expect(today.in).toBeGreaterThanOrEqual(1);
    expect(await inOf('?date=2026-11-23')).toEqual(today);
    expect((await inOf('?date=2026-11-22')).in).toBe(0);
  });
});

describe('sealing at the edges', () => {
  it('leaves no unresolved reason on the exits of a lifted member of an enclosure', async () => {
    const admin = await stack.as('community-cm2');
    await expectStatus(await admin.post('/v1/enclosures', { name: '兰台小楼片区', compoundIds: ['c_s1', 'c_s2'] }), 201);
    await expectStatus(await (await stack.as('city')).post('/v1/compounds/c_s1/lift', { reason: '解除' }), 200);
    const lifted = await expectStatus(await admin.get('/v1/exits/e_s1'), 200);
    expect(lifted).toMatchObject({ compoundStatus: 'lifted', unresolved: false, reasons: [] });
    // The member still closed keeps its one open exit, judged without the lifted one's.
    const closed = await expectStatus(await admin.get('/v1/exits/e_s2'), 200);
    expect((closed.reasons as { code: string }[]).map((r) => r.code)).toEqual(['no_duty_coverage']);
  });

  it('lets one of two racing seals land and records it once', async () => {
    const admin = await stack.as('community-cm3');
    const results = await Promise.all([0, 1].map(() => admin.post('/v1/compounds/c_d/seal', { level: 'lockdown', reason: '确诊病例' })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const seals = (await scanTable()).filter((i) => i.pk === 'AUDIT#COMPOUND#c_d' && i.action === 'seal');
    expect(seals).toHaveLength(1);
  });

  it('adds a rotation posted twice at once only once', async () => {
    const admin = await stack.as('community-cm3');
    const body = { rotation: { from: iso(), days: 1, shiftHours: 8, people: ['duty-d'] } };
    const results = await Promise.all([0, 1].map(() => admin.post('/v1/exits/e_d1/shifts', body)));
    expect(results.map((r) => r.status)).toEqual([201, 201]);
    const created = await Promise.all(results.map(async (r) => ((await r.json()) as { created: number }).created));
    expect(created.reduce((a, b) => a + b, 0)).toBe(3);
    expect((await scanTable()).filter((i) => i.pk === 'EXIT#e_d1' && (i.sk as string).startsWith('SHIFT#'))).toHaveLength(3);
  });
});
